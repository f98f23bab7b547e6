#include "cli/cliformat.h"

#include "cli/texttable.h"
#include "core/model/tokencost.h"

#include <cstdio>
#include <functional>
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

// The heatmap's grid, each cell as `cell(row, column)` says: plain, or with its range band.
std::string heatmapGrid(
    const StudyResult& sr, const std::function<std::string(std::size_t, std::size_t)>& cell)
{
    const Study& st = *sr.study;
    std::vector<std::string> header { st.y.label + " \\ " + st.x.label };
    for (double x : st.x.values)
        header.push_back(T::fixed(x, 2));
    T t(header);
    for (std::size_t r = 0; r < sr.cells.size(); ++r) {
        std::vector<std::string> row { T::fixed(st.y.values[r], 0) };
        for (std::size_t c = 0; c < sr.cells[r].size(); ++c)
            row.push_back(cell(r, c));
        t.addRow(row);
    }
    return t.render();
}

// One column per line, one row per x value, each entry as `entry(line, i)` says.
std::string lineGrid(const StudyResult& sr, const std::function<std::string(std::size_t, std::size_t)>& entry)
{
    const Study& st = *sr.study;
    std::vector<std::string> header { st.x.label };
    for (const auto& l : sr.lines)
        header.push_back(l.series->label);
    T t(header);
    for (std::size_t i = 0; i < st.x.values.size(); ++i) {
        std::vector<std::string> row { T::fixed(st.x.values[i], 3) };
        for (std::size_t l = 0; l < sr.lines.size(); ++l)
            row.push_back(entry(l, i));
        t.addRow(row);
    }
    return t.render();
}

std::string heatmapTable(const StudyResult& sr)
{
    const Study& st = *sr.study;
    const std::string what = st.baseline ? "ratio to the baseline" : std::string(studyMetricUnit(st.metric));
    return st.name + "\nCells: " + std::string(studyMetricName(st.metric)) + ", " + what + "\n\n"
        + heatmapGrid(sr, [&sr](std::size_t r, std::size_t c) { return T::fixed(sr.cells[r][c], 3); });
}

std::string lineTable(const StudyResult& sr)
{
    const Study& st = *sr.study;
    return st.name + "\n" + std::string(studyMetricName(st.metric)) + " in "
        + std::string(studyMetricUnit(st.metric)) + "\n\n"
        + lineGrid(sr, [&sr](std::size_t l, std::size_t i) { return T::fixed(sr.lines[l].values[i], 4); });
}

} // namespace

std::string formatEvalTable(const Scenario& s, const Result& r)
{
    std::string where = "experts in " + s.placement.expertTier;
    for (std::size_t i = 0; !s.placement.tiers.empty() && i < r.q.tierCopies.size(); ++i)
        where = (i == 0 ? "experts: " : where + ", ") + std::to_string(r.q.tierCopies[i].experts) + " in "
            + r.q.tierCopies[i].tier;
    std::string out
        = (s.name.empty() ? s.id : s.name) + "\nbatch " + std::to_string(r.batch) + ", " + where + "\n";
    // The model's data types, class by class ("bytes_per_param (2 B)" where none is set).
    out += "Data types:";
    for (int i = 0; i < kWeightClassCount; ++i)
        out += std::string(i == 0 ? " " : "; ") + std::string(weightClassLabel(WeightClass(i))) + " "
            + s.model.typeText(WeightClass(i));
    out += "\n\n";
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
    if (const TokenCost c = tokenCost(s, r); c.priced) {
        T k({ "Cost per million tokens", "USD" });
        k.addRow({ "Hardware, paid off over its lifetime", T::fixed(c.capitalUsdPerToken * 1e6, 4) });
        k.addRow({ "Electricity", T::fixed(c.energyUsdPerToken * 1e6, 4) });
        k.addRow({ "Total", T::fixed(c.usdPerMillionTokens(), 4) });
        out += "\n" + k.render();
    }
    for (const auto& w : r.warnings)
        out += "warning: " + w + "\n";
    return out;
}

namespace {

std::string band(const Band& b, double k, int decimals)
{
    return T::fixed(b.low * k, decimals) + "–" + T::fixed(b.high * k, decimals);
}

std::string methodNote(RangeMethod m)
{
    return m == RangeMethod::Corners
        ? "low–high: extremes over every corner of the ranges\n"
        : "low–high: each constant moved alone, the moves added up (an estimate)\n";
}

} // namespace

std::string formatRangedEvalTable(const Scenario& s, const ResultRange& rr)
{
    const Result& r = rr.result;
    std::string out = (s.name.empty() ? s.id : s.name) + "\nbatch " + std::to_string(r.batch) + ", "
        + methodNote(rr.method) + "\n";
    T e({ "Energy component", "J/token", "low–high" });
    for (int i = 0; i < kEnergyPartCount; ++i)
        e.addRow({ std::string(energyPartLabel(EnergyPart(i))),
            T::fixed(r.energyJPerToken[std::size_t(i)], 4), band(rr.energy[std::size_t(i)], 1, 4) });
    e.addRow({ "Total", T::fixed(r.totalEnergyJPerToken(), 4), band(rr.totalEnergy, 1, 4) });
    out += e.render() + "\n";
    T l({ "Latency component", "ms/step", "low–high" });
    for (int i = 0; i < kLatencyPartCount; ++i)
        l.addRow({ std::string(latencyPartLabel(LatencyPart(i))),
            T::fixed(r.latencyS[std::size_t(i)] * 1e3, 3), band(rr.latency[std::size_t(i)], 1e3, 3) });
    l.addRow({ "Total", T::fixed(r.totalLatencyS() * 1e3, 3), band(rr.totalLatency, 1e3, 3) });
    out += l.render();
    return out;
}

std::string formatRangedStudyTable(const StudyResult& sr, const StudyRange& range)
{
    const Study& st = *sr.study;
    std::string out = st.name + "\n" + methodNote(range.method) + "\n";
    if (st.kind == Study::Kind::Breakdown) {
        T t({ "Case", "Placement", "Batch", "J/token", "low–high", "ms/step", "low–high" });
        for (std::size_t i = 0; i < sr.bars.size(); ++i) {
            const auto& b = sr.bars[i];
            t.addRow({ b.series->model,
                b.series->placementLabel.empty() ? b.series->placement : b.series->placementLabel,
                std::to_string(b.batch), T::fixed(b.result.totalEnergyJPerToken(), 3),
                band(range.barsEnergy[i], 1, 3), T::fixed(b.result.totalLatencyS() * 1e3, 2),
                band(range.barsLatency[i], 1e3, 2) });
        }
        return out + t.render();
    }
    if (st.kind == Study::Kind::Heatmap)
        return out + heatmapGrid(sr, [&](std::size_t r, std::size_t c) {
            return T::fixed(sr.cells[r][c], 3) + " [" + band(range.cells[r][c], 1, 3) + "]";
        });
    return out + lineGrid(sr, [&](std::size_t l, std::size_t i) {
        return T::fixed(sr.lines[l].values[i], 4) + " [" + band(range.lines[l][i], 1, 4) + "]";
    });
}

std::string formatTornadoTable(const Tornado& t)
{
    const double k = t.metric.isEnergy() ? 1.0 : 1e3;
    const std::string unit = t.metric.isEnergy() ? "J/token" : "ms";
    T table({ "Constant", "Path", "Low", "High", "At low", "At high", "Swing" });
    table.alignLeft(1);
    for (const auto& r : t.rows)
        table.addRow({ r.constant.label.empty() ? r.constant.path : r.constant.label, r.constant.path,
            T::fixed(r.constant.low, 4), T::fixed(r.constant.high, 4), T::fixed(r.atLow * k, 4),
            T::fixed(r.atHigh * k, 4), T::fixed(r.swing() * k, 4) });
    return t.title + "\n" + t.metric.label() + " at the values: " + T::fixed(t.base * k, 4) + " " + unit
        + "; each constant moved alone to its low and high end, widest swing first\n\n" + table.render();
}

std::string formatRequestTable(const RequestResult& r)
{
    std::string out = "Request: prompt " + std::to_string(r.promptLength) + ", output "
        + std::to_string(r.outputLength) + " tokens, batch " + std::to_string(r.batch)
        + (r.hasPrefill ? "" : ", no prefill") + "\n";
    T t({ "Request", "value" });
    t.addRow({ "TTFT (prefill + first step)", T::fixed(r.ttftS * 1e3, 3) + " ms" });
    t.addRow({ "  prefill", T::fixed(r.prefillS * 1e3, 3) + " ms" });
    t.addRow({ "TPOT mean", T::fixed(r.tpotMeanS * 1e3, 3) + " ms" });
    t.addRow({ "  first / last step",
        T::fixed(r.tpotFirstS * 1e3, 3) + " / " + T::fixed(r.tpotLastS * 1e3, 3) + " ms" });
    t.addRow({ "Throughput", T::fixed(r.tokensPerS, 1) + " tokens/s" });
    t.addRow({ "  per GPU", T::fixed(r.tokensPerSPerGpu, 1) + " tokens/s" });
    t.addRow({ "Energy per request", T::fixed(r.energyJPerRequest, 3) + " J" });
    t.addRow({ "  prefill / decode",
        T::fixed(r.prefillJPerRequest, 3) + " / " + T::fixed(r.decodeJPerRequest, 3) + " J" });
    t.addRow({ "Energy per output token", T::fixed(r.jPerOutputToken, 4) + " J" });
    t.addRow({ "Average power", T::fixed(r.avgPowerW, 0) + " W" });
    t.addRow({ "  per GPU", T::fixed(r.avgPowerWPerGpu, 1) + " W" });
    for (const auto& [tier, bytes] : r.kvBytesPerStep)
        t.addRow({ "KV read per step, " + tier, gb(bytes) });
    for (const auto& f : r.maxBatch)
        t.addRow({ "Max batch, KV in " + f.placement, std::to_string(f.maxBatch) });
    out += t.render();
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
    for (int i = 0; i < kWeightClassCount; ++i) {
        const std::string key = "precision." + std::string(weightClassKey(WeightClass(i)));
        const auto from = origins.find(key);
        t.addRow({ key, m.typeText(WeightClass(i)), from == origins.end() ? "" : from->second });
    }
    std::string out = m.id + ": " + m.name + "\n\n" + t.render();
    if (m.moe)
        out += "\nMoE layers " + std::to_string(m.moeLayerCount()) + " of " + std::to_string(m.layers)
            + "; one expert " + T::fixed(m.expertBytes() / 1e6, 2) + " MB\n";
    return out;
}

} // namespace tierlens
