#include "cli/cliformat.h"

#include "cli/texttable.h"

#include <cstdio>
#include <map>

namespace tierlens {

namespace {

using T = TextTable;

double part(const Result& r, EnergyPart p)
{
    return r.energy(p);
}

std::string gb(double bytes)
{
    return T::fixed(bytes / 1e9, 3) + " GB";
}

std::string breakdownTable(const StudyResult& sr)
{
    const Study& st = *sr.study;
    const bool latencyFirst = st.metric == StudyMetric::Latency;
    T t({ "Case", "Placement", "Batch", "FC", "Attn", "MoE HBM", "Offload", "Backgr.", "Link", "Waste",
        "J/token", latencyFirst ? "ms/step" : "× first", latencyFirst ? "× first" : "ms/step", "Hidden ms" });
    // Ratios are to the first placement of the same case at the same batch (the HBM baseline).
    std::map<std::pair<std::string, int>, const Result*> first;
    for (const auto& b : sr.bars)
        first.try_emplace({ b.series->model, b.batch }, &b.result);
    for (const auto& b : sr.bars) {
        const Result& r = b.result;
        const Result& f = *first.at({ b.series->model, b.batch });
        const double e = r.totalEnergyJPerToken(), ms = r.totalLatencyS() * 1e3;
        const std::string eRatio = T::fixed(e / f.totalEnergyJPerToken(), 2) + "×";
        const std::string lRatio = T::fixed(r.totalLatencyS() / f.totalLatencyS(), 2) + "×";
        t.addRow({ b.series->model,
            b.series->placementLabel.empty() ? b.series->placement : b.series->placementLabel,
            std::to_string(b.batch),
            T::fixed(part(r, EnergyPart::FcOffchip) + part(r, EnergyPart::FcOnchip), 3),
            T::fixed(part(r, EnergyPart::AttentionOffchip) + part(r, EnergyPart::AttentionOnchip), 3),
            T::fixed(part(r, EnergyPart::MoeOffchip) + part(r, EnergyPart::MoeOnchip), 3),
            T::fixed(part(r, EnergyPart::MoeOffload) + part(r, EnergyPart::FcOffload), 3),
            T::fixed(part(r, EnergyPart::Background), 3), T::fixed(part(r, EnergyPart::Link), 3),
            T::fixed(part(r, EnergyPart::PrefetchWaste), 3), T::fixed(e, 3),
            latencyFirst ? T::fixed(ms, 2) : eRatio, latencyFirst ? lRatio : T::fixed(ms, 2),
            T::fixed(r.copyHiddenS * 1e3, 2) });
    }
    return st.name
        + "\nEnergy in J/token (FC, attention and MoE HBM include on-chip); ratios to the "
          "first placement of the same case and batch.\n\n"
        + t.render();
}

std::string heatmapTable(const StudyResult& sr)
{
    const Study& st = *sr.study;
    std::vector<std::string> header { st.y.label + " \\ " + st.x.label };
    for (double x : st.x.values)
        header.push_back(T::fixed(x, 2));
    T t(header);
    for (std::size_t r = 0; r < sr.cells.size(); ++r) {
        std::vector<std::string> row { T::fixed(st.y.values[r], 0) };
        for (double v : sr.cells[r])
            row.push_back(T::fixed(v, 3));
        t.addRow(row);
    }
    const std::string what = st.baseline ? "ratio to the baseline" : std::string(studyMetricUnit(st.metric));
    return st.name + "\nCells: " + std::string(studyMetricName(st.metric)) + ", " + what + "\n\n"
        + t.render();
}

std::string lineTable(const StudyResult& sr)
{
    const Study& st = *sr.study;
    std::vector<std::string> header { st.x.label };
    for (const auto& l : sr.lines)
        header.push_back(l.series->label);
    T t(header);
    for (std::size_t i = 0; i < st.x.values.size(); ++i) {
        std::vector<std::string> row { T::fixed(st.x.values[i], 3) };
        for (const auto& l : sr.lines)
            row.push_back(T::fixed(l.values[i], 4));
        t.addRow(row);
    }
    return st.name + "\n" + std::string(studyMetricName(st.metric)) + " in "
        + std::string(studyMetricUnit(st.metric)) + "\n\n" + t.render();
}

} // namespace

std::string formatEvalTable(const Scenario& s, const Result& r)
{
    std::string where = "experts in " + s.placement.expertTier;
    for (std::size_t i = 0; !s.placement.tiers.empty() && i < r.q.tierCopies.size(); ++i)
        where = (i == 0 ? "experts: " : where + ", ") + std::to_string(r.q.tierCopies[i].experts) + " in "
            + r.q.tierCopies[i].tier;
    std::string out
        = (s.name.empty() ? s.id : s.name) + "\nbatch " + std::to_string(r.batch) + ", " + where + "\n\n";
    T e({ "Energy component", "J/token", "share" });
    const double total = r.totalEnergyJPerToken();
    for (int i = 0; i < kEnergyPartCount; ++i)
        e.addRow({ std::string(energyPartLabel(EnergyPart(i))), T::fixed(r.energyJPerToken[i], 4),
            T::fixed(total > 0 ? 100 * r.energyJPerToken[i] / total : 0, 1) + " %" });
    e.addRow({ "Total", T::fixed(total, 4), "100.0 %" });
    out += e.render() + "\n";
    T l({ "Latency component", "ms/step" });
    for (int i = 0; i < kLatencyPartCount; ++i)
        l.addRow({ std::string(latencyPartLabel(LatencyPart(i))), T::fixed(r.latencyS[i] * 1e3, 3) });
    l.addRow({ "Total", T::fixed(r.totalLatencyS() * 1e3, 3) });
    if (r.copyS > 0) {
        l.addRow({ "Expert copy", T::fixed(r.copyS * 1e3, 3) });
        l.addRow({ "  hidden by prefetch", T::fixed(r.copyHiddenS * 1e3, 3) });
    }
    out += l.render() + "\n";
    out += "Active experts per MoE layer: " + T::fixed(r.activeExpertsPerLayer, 2) + " (busiest GPU "
        + T::fixed(r.busiestGpuExpertsPerLayer, 3) + ")\n";
    for (const auto& [id, bytes] : r.bytesPerStep)
        out += "Bytes per step, " + id + ": " + gb(bytes) + "\n";
    for (const auto& w : r.warnings)
        out += "warning: " + w + "\n";
    return out;
}

std::string formatStudyTable(const StudyResult& r)
{
    switch (r.study->kind) {
    case Study::Kind::Breakdown:
        return breakdownTable(r);
    case Study::Kind::Heatmap:
        return heatmapTable(r);
    case Study::Kind::Line:
        return lineTable(r);
    case Study::Kind::Pareto:
        break; // formatParetoTable
    }
    return {};
}

namespace {

template <class S>
void addFieldRows(
    T& t, const S& s, const std::string& prefix, const std::map<std::string, std::string>& origins)
{
    for (const auto& f : S::fields()) {
        const std::string key = prefix + std::string(f.key);
        char value[32];
        std::snprintf(value, sizeof value, "%g", fieldValue(s, f));
        const auto it = origins.find(key);
        t.addRow({ key, value, it == origins.end() ? "" : it->second });
    }
}

} // namespace

std::string formatModelTable(const ModelSpec& m, const std::map<std::string, std::string>& origins)
{
    T t({ "Field", "Value", "From" });
    t.alignLeft(2);
    const auto kind = origins.find("ffn_kind");
    t.addRow({ "ffn_kind", m.ffnKind == ModelSpec::FfnKind::SwiGlu ? "swiglu" : "mlp",
        kind == origins.end() ? "" : kind->second });
    addFieldRows(t, m, "", origins);
    if (m.moe)
        addFieldRows(t, *m.moe, "moe.", origins);
    else
        t.addRow({ "moe", "none", "" });
    if (m.mla)
        addFieldRows(t, *m.mla, "mla.", origins);
    std::string out = m.id + ": " + m.name + "\n\n" + t.render();
    if (m.moe)
        out += "\nMoE layers " + std::to_string(m.moeLayerCount()) + " of " + std::to_string(m.layers)
            + "; one expert " + T::fixed(m.expertBytes() / 1e6, 2) + " MB\n";
    return out;
}

} // namespace tierlens
