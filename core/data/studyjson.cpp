#include "core/data/parampath.h"
#include "core/data/study.h"
#include "core/io/inputlimits.h"
#include "core/io/jsonfields.h"
#include "core/io/presetlibrary.h"
#include "core/validation/studylimits.h"

namespace tierlens {

using nlohmann::json;
using namespace jsonio;

namespace {

void readAxisAt(const json& a, StudyAxis& axis, const std::string& p, Problems& out);

void readAxis(const json& j, std::string_view key, StudyAxis& axis, const std::string& path, Problems& out)
{
    const auto it = j.find(key);
    if (it == j.end()) {
        out.push_back({ join(path, key), "is missing (an axis with path and values)" });
        return;
    }
    readAxisAt(*it, axis, join(path, key), out);
}

// One axis object {path, label, values, scale}; problems are named under `p`.
void readAxisAt(const json& a, StudyAxis& axis, const std::string& p, Problems& out)
{
    if (!expectObject(a, p, out))
        return;
    readString(a, "path", axis.path, join(p, "path"), out);
    if (!readString(a, "label", axis.label, join(p, "label"), out, false))
        axis.label = axis.path;
    readBool(a, "scale", axis.scale, join(p, "scale"), out);
    const auto v = a.find("values");
    if (v == a.end() || !v->is_array() || v->empty()) {
        out.push_back({ join(p, "values"), "must be a non-empty list of numbers" });
        return;
    }
    if (!studylimits::axisLength(v->size(), p, out))
        return;
    for (std::size_t i = 0; i < v->size(); ++i) {
        double d = 0;
        if (readNumber(json { { "v", (*v)[i] } }, "v", d, false,
                join(p, "values") + "[" + std::to_string(i) + "]", out))
            axis.values.push_back(d);
    }
}

Loaded<Scenario> scenarioAt(const json& j, std::string_view key, const PresetLibrary& lib,
    const std::string& path, const json* patch = nullptr)
{
    Loaded<Scenario> r;
    const auto it = j.find(key);
    if (it == j.end()) {
        r.problems.push_back({ join(path, key), "is missing" });
        return r;
    }
    json sj = lib.resolveScenarioJson(*it, join(path, key), r.problems);
    if (patch)
        sj.merge_patch(*patch);
    if (!r.ok())
        return r;
    return lib.loadScenario(sj, join(path, key));
}

void readSeries(const json& j, Study& st, const PresetLibrary& lib, const std::string& path, Problems& out)
{
    const auto cases = j.find("cases");
    if (cases == j.end() || !cases->is_array() || cases->empty()) {
        out.push_back({ join(path, "cases"), "must be a non-empty list of {label, scenario, batches}" });
        return;
    }
    json placements = j.value("placements", json::array());
    if (!placements.is_array()) {
        out.push_back({ join(path, "placements"), "must be a list" });
        return;
    }
    if (placements.empty())
        placements.push_back({ { "id", "as-is" }, { "label", "" }, { "patch", json::object() } });
    // Every case × placement loads a scenario: bound the product before loading any.
    if (cases->size() > limits::kMaxStudyBars || cases->size() * placements.size() > limits::kMaxStudyBars) {
        out.push_back({ join(path, "cases"),
            std::to_string(cases->size()) + " cases × " + std::to_string(placements.size())
                + " placements; at most " + std::to_string(limits::kMaxStudyBars) + " in all" });
        return;
    }
    for (std::size_t c = 0; c < cases->size(); ++c) {
        const json& cj = (*cases)[c];
        const std::string cp = join(path, "cases") + "[" + std::to_string(c) + "]";
        if (!expectObject(cj, cp, out))
            continue;
        std::string label;
        readString(cj, "label", label, join(cp, "label"), out);
        for (std::size_t p = 0; p < placements.size(); ++p) {
            const json& pj = placements[p];
            const std::string pp = join(path, "placements") + "[" + std::to_string(p) + "]";
            if (!expectObject(pj, pp, out))
                return;
            StudySeries s;
            s.model = label;
            readString(pj, "id", s.placement, join(pp, "id"), out);
            readString(pj, "label", s.placementLabel, join(pp, "label"), out, false);
            const json patch = pj.value("patch", json::object());
            auto sc = scenarioAt(cj, "scenario", lib, cp, &patch);
            out.insert(out.end(), sc.problems.begin(), sc.problems.end());
            s.scenario = std::move(sc.value);
            s.batches = s.scenario.workload.batches;
            if (cj.contains("batches") && cj["batches"].size() > limits::kMaxBatches) {
                out.push_back({ join(cp, "batches"),
                    "has " + std::to_string(cj["batches"].size()) + " entries; at most "
                        + std::to_string(limits::kMaxBatches) });
            } else if (cj.contains("batches")) {
                s.batches.clear();
                for (const auto& b : cj["batches"])
                    if (b.is_number_integer() && b.get<int>() >= 1)
                        s.batches.push_back(b.get<int>());
                    else
                        out.push_back({ join(cp, "batches"), "must be whole numbers >= 1" });
            }
            if (s.batches.empty())
                s.batches.push_back(s.scenario.workload.batch);
            s.label = s.placementLabel.empty() ? label : label + " · " + s.placementLabel;
            st.series.push_back(std::move(s));
        }
    }
}

// A Pareto study's design space: "axes", a list of {path, values}, crossed with every series.
// The point count is bounded before anything is evaluated, naming the axis that crosses the bound.
void readParetoAxes(const json& j, Study& st, const std::string& path, Problems& out)
{
    const auto axes = j.find("axes");
    if (axes == j.end() || !axes->is_array() || axes->empty()) {
        out.push_back({ join(path, "axes"), "must be a non-empty list of {path, values}" });
        return;
    }
    if (axes->size() > limits::kMaxListEntries) {
        out.push_back({ join(path, "axes"),
            "has " + std::to_string(axes->size()) + " axes; at most "
                + std::to_string(limits::kMaxListEntries) });
        return;
    }
    std::size_t points = st.series.size();
    std::string product = std::to_string(st.series.size()) + " series";
    for (std::size_t i = 0; i < axes->size(); ++i) {
        const std::string ap = join(path, "axes") + "[" + std::to_string(i) + "]";
        StudyAxis axis;
        readAxisAt((*axes)[i], axis, ap, out);
        if (axis.values.empty())
            return;
        points *= axis.values.size();
        product += " × " + std::to_string(axis.values.size());
        if (points > Study::kMaxParetoPoints) {
            out.push_back({ ap,
                "axis \"" + axis.path + "\" brings the design space to " + product + " = "
                    + std::to_string(points) + " points; at most "
                    + std::to_string(Study::kMaxParetoPoints) });
            return;
        }
        for (const auto& s : st.series)
            if (out.empty())
                studylimits::axisValues(axis, s.scenario, ap, out);
        st.axes.push_back(std::move(axis));
    }
    if (j.contains("slo_ms")) {
        double slo = 0;
        if (readNumber(j, "slo_ms", slo, false, join(path, "slo_ms"), out)) {
            if (slo > 0)
                st.sloMs = slo;
            else
                out.push_back({ join(path, "slo_ms"), "must be a latency above 0 ms" });
        }
    }
}

} // namespace

Loaded<Study> loadStudy(const json& j, const PresetLibrary& lib, std::string_view source)
{
    Loaded<Study> r;
    Study& st = r.value;
    const std::string path(source);
    Problems& out = r.problems;
    if (!expectObject(j, path.empty() ? "study" : path, out))
        return r;
    st.source = j;
    readString(j, "id", st.id, join(path, "id"), out);
    if (!readString(j, "name", st.name, join(path, "name"), out, false))
        st.name = st.id;
    readString(j, "description", st.description, join(path, "description"), out, false);
    std::string kind, metric = "energy_per_token";
    readString(j, "kind", kind, join(path, "kind"), out);
    readString(j, "metric", metric, join(path, "metric"), out, false);
    if (!studyMetricFromName(metric, st.metric))
        out.push_back({ join(path, "metric"),
            "must be \"energy_per_token\", \"latency\", \"ttft\", \"tpot\", \"energy_per_request\" or "
            "\"cost_per_mtok\", got \""
                + metric + "\"" });
    // Cost is a Pareto study's vertical axis only; the Pareto study plots energy or cost against
    // step latency, so the other metrics would put latency on both axes or leave the step.
    const bool pareto = kind == "pareto";
    if (pareto && st.metric != StudyMetric::EnergyPerToken && st.metric != StudyMetric::CostPerMTok)
        out.push_back({ join(path, "metric"),
            "a Pareto study plots \"energy_per_token\" or \"cost_per_mtok\" against step latency, got \""
                + metric + "\"" });
    if (!pareto && st.metric == StudyMetric::CostPerMTok)
        out.push_back(
            { join(path, "metric"), "\"cost_per_mtok\" is the vertical axis of Pareto studies only" });

    if (kind == "breakdown" || kind == "line") {
        st.kind = kind == "line" ? Study::Kind::Line : Study::Kind::Breakdown;
        readSeries(j, st, lib, path, out);
        if (st.kind == Study::Kind::Line) {
            readAxis(j, "x", st.x, path, out);
            if (out.empty())
                studylimits::cells(st.series.size(), st.x.values.size(), join(path, "x"), out);
            for (const auto& s : st.series)
                if (out.empty())
                    studylimits::axisValues(st.x, s.scenario, join(path, "x"), out);
        } else {
            if (isRequestMetric(st.metric))
                out.push_back({ join(path, "metric"),
                    "\"" + metric
                        + "\" is a whole request's; a breakdown shows one decode step (use a line or "
                          "heatmap)" });
            std::size_t bars = 0;
            for (const auto& s : st.series)
                bars += s.batches.size();
            if (bars > limits::kMaxStudyBars)
                out.push_back({ join(path, "cases"),
                    "give " + std::to_string(bars)
                        + " bars (cases × placements × "
                          "batches); at most "
                        + std::to_string(limits::kMaxStudyBars) });
        }
    } else if (kind == "heatmap") {
        st.kind = Study::Kind::Heatmap;
        auto sc = scenarioAt(j, "scenario", lib, path);
        out.insert(out.end(), sc.problems.begin(), sc.problems.end());
        StudySeries s;
        s.label = sc.value.name;
        s.model = sc.value.model.name;
        s.placement = sc.value.placement.expertTier;
        s.scenario = std::move(sc.value);
        s.batches = { s.scenario.workload.batch };
        st.series.push_back(std::move(s));
        if (j.contains("baseline")) {
            auto b = scenarioAt(j, "baseline", lib, path);
            out.insert(out.end(), b.problems.begin(), b.problems.end());
            st.baseline = std::move(b.value);
        }
        readAxis(j, "x", st.x, path, out);
        readAxis(j, "y", st.y, path, out);
        if (out.empty()
            && studylimits::cells(
                st.y.values.size(), st.x.values.size(), path.empty() ? "heatmap" : path, out)) {
            studylimits::axisValues(st.x, st.series[0].scenario, join(path, "x"), out);
            studylimits::axisValues(st.y, st.series[0].scenario, join(path, "y"), out);
        }
    } else if (kind == "pareto") {
        st.kind = Study::Kind::Pareto;
        readSeries(j, st, lib, path, out);
        if (out.empty())
            readParetoAxes(j, st, path, out);
    } else if (!kind.empty()) {
        out.push_back({ join(path, "kind"),
            "must be \"breakdown\", \"heatmap\", \"line\" or \"pareto\", got \"" + kind + "\"" });
    }
    return r;
}

} // namespace tierlens
