#include "core/data/workspace.h"

#include "core/io/inputlimits.h"
#include "core/io/jsonfields.h"
#include "core/io/presetlibrary.h"
#include "core/io/scenariojson.h"
#include "core/model/evaluator.h"
#include "core/model/routingmodel.h"
#include "core/model/routingstats.h"
#include "core/study/figurecaption.h"
#include "core/study/gridrunner.h"
#include "core/study/rangeanalysis.h"
#include "core/study/studyrunner.h"
#include "core/validation/studylimits.h"
#include "core/validation/validator.h"

#include <algorithm>

namespace tierlens {

using nlohmann::json;

namespace {

PlacementOption optionOf(const Scenario& s, std::string label)
{
    // A tier list is no (tier, path) pair: the option stands for the workspace scenario's own list.
    if (!s.placement.tiers.empty())
        return { "tiered", std::move(label), "", {} };
    return { s.placement.expertTier, std::move(label), s.placement.expertTier, s.placement.path };
}

// A tier's way into HBM when the scenario does not say: the fastest link that is not one of the
// cluster's GPU-to-GPU links.
std::vector<std::string> defaultPath(const Scenario& s)
{
    if (!s.placement.path.empty())
        return s.placement.path;
    const Interconnect* best = nullptr;
    for (const auto& l : s.links)
        if (l.id != s.cluster.intraLink && l.id != s.cluster.interLink
            && (!best || l.bandwidthGBs > best->bandwidthGBs))
            best = &l;
    return best ? std::vector<std::string> { best->id } : std::vector<std::string> {};
}

StudyAxis scaleAxis(std::string path, std::string label)
{
    StudyAxis a { std::move(path), std::move(label), {}, true };
    for (int i = 10; i >= 1; --i)
        a.values.push_back(i / 10.0);
    return a;
}

json axisJson(const StudyAxis& a)
{
    return { { "path", a.path }, { "label", a.label }, { "values", a.values }, { "scale", a.scale } };
}

void readAxis(const json& j, StudyAxis& a, const std::string& path, Problems& out)
{
    using namespace jsonio;
    if (!expectObject(j, path, out))
        return;
    readString(j, "path", a.path, join(path, "path"), out);
    readString(j, "label", a.label, join(path, "label"), out, false);
    readBool(j, "scale", a.scale, join(path, "scale"), out);
    a.values.clear();
    if (!j.contains("values") || !j["values"].is_array() || j["values"].empty()) {
        out.push_back({ join(path, "values"), "must be a non-empty list of numbers" });
        return;
    }
    if (!studylimits::axisLength(j["values"].size(), path, out))
        return;
    for (const auto& v : j["values"])
        if (v.is_number() && std::isfinite(v.get<double>()))
            a.values.push_back(v.get<double>());
        else
            out.push_back({ join(path, "values"), "must hold finite numbers only" });
}

void readRanges(const json& rs, Workspace& w, Problems& out)
{
    using namespace jsonio;
    if (!rs.is_array()) {
        out.push_back({ "workspace.ranges", "must be a list of {path, low, high, label, source}" });
        return;
    }
    if (rs.size() > limits::kMaxListEntries) {
        out.push_back({ "workspace.ranges",
            "has " + std::to_string(rs.size()) + " entries; at most "
                + std::to_string(limits::kMaxListEntries) });
        return;
    }
    Problems read;
    for (std::size_t i = 0; i < rs.size(); ++i) {
        const std::string p = "workspace.ranges[" + std::to_string(i) + "]";
        if (!expectObject(rs[i], p, read))
            continue;
        RangedConstant c;
        readString(rs[i], "path", c.path, join(p, "path"), read);
        readNumber(rs[i], "low", c.low, false, join(p, "low"), read);
        readNumber(rs[i], "high", c.high, false, join(p, "high"), read);
        readString(rs[i], "label", c.label, join(p, "label"), read, false);
        readString(rs[i], "source", c.source, join(p, "source"), read, false);
        w.ranges.push_back(std::move(c));
    }
    // Paths, order of the ends and values the fields accept, once every entry reads.
    if (read.empty())
        read = checkRanges(w.scenario, w.ranges, "workspace.ranges");
    out.insert(out.end(), read.begin(), read.end());
}

} // namespace

std::vector<PlacementOption> Workspace::effectivePlacements() const
{
    if (!placements.empty())
        return placements;
    std::vector<PlacementOption> v { { std::string(kHbmTierId), "HBM", std::string(kHbmTierId), {} } };
    const auto path = defaultPath(scenario);
    for (const auto& t : scenario.tiers)
        v.push_back({ t.id, t.name.empty() ? t.id : t.name, t.id, path });
    // An empty expert tier stands for the scenario's own tier list.
    if (!scenario.placement.tiers.empty())
        v.push_back({ "tiered", "Tiered", "", {} });
    return v;
}

Scenario Workspace::placed(const PlacementOption& p) const
{
    Scenario s = scenario;
    if (p.expertTier.empty())
        return s;
    s.placement.expertTier = p.expertTier;
    s.placement.path = p.path;
    s.placement.tiers.clear();
    return s;
}

Study Workspace::heatmapStudy() const
{
    Study st;
    st.id = "workspace/heatmap";
    st.name = scenario.name;
    st.kind = Study::Kind::Heatmap;
    st.metric = heatmap.metric;
    StudySeries s;
    s.label = scenario.name;
    s.model = scenario.model.name;
    s.placement = scenario.placement.expertTier;
    s.scenario = scenario;
    s.batches = { scenario.workload.batch };
    st.series.push_back(std::move(s));
    st.x = heatmap.x;
    st.y = heatmap.y;
    // Captions as the scenario is now: the axis' stored label may name another scale or unit,
    // and the scenario's name the preset it was opened from.
    st.name = FigureCaption::scenario(scenario);
    st.x.label = FigureCaption::axis(heatmap.x, scenario);
    st.y.label = FigureCaption::axis(heatmap.y, scenario);
    st.baseline = heatmap.baseline;
    return st;
}

HeatmapSpec Workspace::defaultHeatmap(const Scenario& s)
{
    HeatmapSpec h;
    // The tier the routed experts are read from; a tiered placement's coldest entry carries the
    // most bytes off-HBM. Experts in HBM read HBM: sweeping a tier nothing reads from would give
    // identical columns.
    std::string expertTier = s.placement.expertTier;
    if (!s.placement.tiers.empty())
        expertTier = s.placement.tiers.back().tier;
    const MemoryTier* tier = s.findTier(expertTier);
    if (!tier && s.flash.enabled())
        tier = s.findTier(s.flash.tier);
    // A tier whose read energy follows from its read power is scaled through that power.
    const char* readKey = tier && tier->readPowerW > 0 ? ".read_power_w" : ".read_pj_per_bit";
    h.x = tier ? scaleAxis("tiers." + tier->id + readKey,
              (tier->name.empty() ? tier->id : tier->name) + " read energy (scale)")
               : scaleAxis("gpu.hbm_read_pj_per_bit", "HBM read energy (scale)");
    h.y = { "workload.batch", "Batch", {}, false };
    for (int b : s.workload.batches.empty() ? std::vector<int> { 1, 2, 3, 4 } : s.workload.batches)
        h.y.values.push_back(b);
    return h;
}

namespace {

std::size_t barCount(const Workspace& w)
{
    const auto& s = w.scenario;
    return w.effectivePlacements().size() * (s.workload.batches.empty() ? 1 : s.workload.batches.size());
}

// Range mode evaluates every bar and cell again at each variant of the ranges (rangeanalysis.h).
std::size_t withRanges(const Workspace& w, std::size_t plain)
{
    if (!w.view.rangeMode)
        return plain;
    const std::size_t k = rangesFor(w).size();
    return k == 0 ? plain : plain * (rangeVariants(std::min(k, rangelimits::kMaxRanged)) + 2);
}

} // namespace

std::size_t workspaceEvaluations(const Workspace& w)
{
    // Every cell once, and once more on the baseline's grid (runGrid counts both).
    const std::size_t cells
        = w.heatmap.x.values.size() * w.heatmap.y.values.size() * (w.heatmap.baseline ? 2 : 1);
    return withRanges(w, barCount(w) + cells);
}

std::size_t workspaceWork(const Workspace& w)
{
    const StudyAxis axes[] = { w.heatmap.y, w.heatmap.x };
    std::size_t grid = gridEvaluations(w.scenario, axes);
    if (w.heatmap.baseline)
        grid += gridEvaluations(*w.heatmap.baseline, axes);
    return withRanges(w, barCount(w) + grid);
}

namespace {

// Range mode's bands of every bar and cell; problems of the ranges leave them empty.
void evaluateWorkspaceRanges(
    const Workspace& w, const std::vector<int>& batches, WorkspaceResult& r, StudyControl* control)
{
    const std::vector<RangedConstant> ranges = rangesFor(w);
    if (ranges.empty())
        return;
    r.rangeProblems = checkRanges(w.scenario, ranges, "workspace.ranges");
    const std::size_t k = ranges.size();
    const Study heat = w.heatmapStudy();
    const std::size_t work
        = r.placements.size() * batches.size() * (rangeVariants(k) + 1) + studyRangeEvaluations(heat, k);
    if (r.rangeProblems.empty())
        if (auto p = rangeWorkProblem(work, k, "workspace.ranges"))
            r.rangeProblems.push_back(*p);
    if (!r.rangeProblems.empty())
        return;
    r.rangeMethod = rangeMethodFor(k);
    for (std::size_t p = 0; p < r.placements.size(); ++p) {
        const Scenario s = w.placed(r.placements[p]);
        for (int b : batches) {
            if (!StudyControl::proceed(control)) {
                r.stopped = true;
                return;
            }
            const ResultRange rr = evaluateRange(s, b, ranges);
            r.barEnergyBands.push_back(rr.totalEnergy);
            r.barLatencyBands.push_back(rr.totalLatency);
        }
    }
    if (!StudyControl::proceed(control)) {
        r.stopped = true;
        return;
    }
    StudyRange hr = evaluateStudyRange(heat, ranges);
    r.cellBands = std::move(hr.cells);
}

} // namespace

WorkspaceResult evaluateWorkspace(const Workspace& w, StudyControl* control)
{
    WorkspaceResult r;
    r.problems = validateScenario(w.scenario);
    if (w.heatmap.baseline)
        for (auto p : validateScenario(*w.heatmap.baseline)) {
            p.path = "heatmap.baseline." + p.path;
            r.problems.push_back(std::move(p));
        }
    if (!r.problems.empty())
        return r;
    r.placements = w.effectivePlacements();
    const std::vector<int> batches = w.scenario.workload.batches.empty()
        ? std::vector<int> { w.scenario.workload.batch }
        : w.scenario.workload.batches;
    for (std::size_t p = 0; p < r.placements.size(); ++p) {
        const Scenario s = w.placed(r.placements[p]);
        for (int b : batches) {
            if (!StudyControl::proceed(control)) {
                r.stopped = true;
                return r;
            }
            r.bars.push_back({ int(p), b, evaluate(s, b) });
        }
    }
    const Study st = w.heatmapStudy();
    StudyResult heat = runStudy(st, control);
    r.cells = std::move(heat.cells);
    if (heat.stopped) {
        r.stopped = true;
        return r;
    }
    if (w.view.rangeMode)
        evaluateWorkspaceRanges(w, batches, r, control);
    if (r.stopped)
        return r;
    if (const auto& moe = w.scenario.model.moe) {
        const int top
            = std::max(1024, batches.empty() ? 1 : *std::max_element(batches.begin(), batches.end()));
        // The scenario's own routing (uniform, Zipf or a trace), as the evaluation uses it.
        const RoutingModel routing(w.scenario.workload.routing, moe->experts);
        for (int b = 1; b <= top; b *= 2) {
            const auto stats
                = routing.stats(moe->topK, b, w.scenario.cluster.gpus(), w.scenario.options.busiestGpu);
            r.coverageBatches.push_back(b);
            r.coverageActive.push_back(stats.activeExperts);
            r.coverageBusiest.push_back(stats.busiestGpuExperts);
        }
    }
    return r;
}

json toJson(const Workspace& w)
{
    json placements = json::array();
    for (const auto& p : w.placements)
        placements.push_back(
            { { "id", p.id }, { "label", p.label }, { "expert_tier", p.expertTier }, { "path", p.path } });
    json heatmap = { { "x", axisJson(w.heatmap.x) }, { "y", axisJson(w.heatmap.y) },
        { "metric", studyMetricName(w.heatmap.metric) },
        { "baseline", w.heatmap.baseline ? toJson(*w.heatmap.baseline) : json(nullptr) } };
    json out = { { "schemaVersion", Workspace::kSchemaVersion },
        { "workspace",
            { { "placements", placements }, { "heatmap", heatmap }, { "source_study", w.sourceStudy },
                { "view", toJson(w.view) } } },
        { "scenario", toJson(w.scenario) } };
    // Written only when there are some, so a workspace without ranges saves as before.
    if (!w.ranges.empty()) {
        json ranges = json::array();
        for (const auto& r : w.ranges)
            ranges.push_back({ { "path", r.path }, { "low", r.low }, { "high", r.high }, { "label", r.label },
                { "source", r.source } });
        out["workspace"]["ranges"] = std::move(ranges);
    }
    return out;
}

Loaded<Workspace> loadWorkspace(const json& j, const PresetLibrary& lib)
{
    using namespace jsonio;
    Loaded<Workspace> r;
    Workspace& w = r.value;
    if (!j.is_object() || !j.contains("workspace")) {
        auto s = lib.loadScenario(j);
        r.problems = std::move(s.problems);
        w.scenario = std::move(s.value);
        w.heatmap = Workspace::defaultHeatmap(w.scenario);
        return r;
    }
    double version = 0;
    if (readNumber(j, "schemaVersion", version, true, "schemaVersion", r.problems)
        && version > Workspace::kSchemaVersion)
        r.problems.push_back({ "schemaVersion", "is newer than this version of Tierlens reads" });
    auto s = lib.loadScenario(j.value("scenario", json()), "scenario");
    r.problems.insert(r.problems.end(), s.problems.begin(), s.problems.end());
    w.scenario = std::move(s.value);
    const json& ws = j["workspace"];
    if (!expectObject(ws, "workspace", r.problems))
        return r;
    readString(ws, "source_study", w.sourceStudy, "workspace.source_study", r.problems, false);
    // Files written before the view settings existed have none: every figure keeps its defaults.
    if (ws.contains("view"))
        w.view = viewSettingsFromJson(ws["view"], "workspace.view", r.problems);
    if (ws.contains("placements")) {
        const json& ps = ws["placements"];
        if (!ps.is_array())
            r.problems.push_back({ "workspace.placements", "must be a list" });
        else if (ps.size() > limits::kMaxListEntries)
            r.problems.push_back({ "workspace.placements",
                "has " + std::to_string(ps.size()) + " entries; at most "
                    + std::to_string(limits::kMaxListEntries) });
        else
            for (std::size_t i = 0; i < ps.size(); ++i) {
                const std::string p = "workspace.placements[" + std::to_string(i) + "]";
                PlacementOption o;
                if (!expectObject(ps[i], p, r.problems))
                    continue;
                readString(ps[i], "id", o.id, join(p, "id"), r.problems);
                readString(ps[i], "label", o.label, join(p, "label"), r.problems, false);
                readString(ps[i], "expert_tier", o.expertTier, join(p, "expert_tier"), r.problems);
                if (ps[i].contains("path") && ps[i]["path"].is_array())
                    for (const auto& id : ps[i]["path"])
                        if (id.is_string())
                            o.path.push_back(id.get<std::string>());
                w.placements.push_back(std::move(o));
            }
    }
    if (ws.contains("ranges"))
        readRanges(ws["ranges"], w, r.problems);
    w.heatmap = Workspace::defaultHeatmap(w.scenario);
    if (ws.contains("heatmap") && expectObject(ws["heatmap"], "workspace.heatmap", r.problems)) {
        const json& h = ws["heatmap"];
        if (h.contains("x"))
            readAxis(h["x"], w.heatmap.x, "workspace.heatmap.x", r.problems);
        if (h.contains("y"))
            readAxis(h["y"], w.heatmap.y, "workspace.heatmap.y", r.problems);
        // Axes as a study's: bounded, and every value one the scenario accepts.
        if (studylimits::cells(
                w.heatmap.y.values.size(), w.heatmap.x.values.size(), "workspace.heatmap", r.problems)
            && r.problems.empty()) {
            studylimits::axisValues(w.heatmap.x, w.scenario, "workspace.heatmap.x", r.problems);
            studylimits::axisValues(w.heatmap.y, w.scenario, "workspace.heatmap.y", r.problems);
        }
        const std::string metric = h.value("metric", std::string("energy_per_token"));
        w.heatmap.metric = metric == "latency" ? StudyMetric::Latency : StudyMetric::EnergyPerToken;
        if (h.contains("baseline") && !h["baseline"].is_null()) {
            auto b = lib.loadScenario(h["baseline"], "workspace.heatmap.baseline");
            r.problems.insert(r.problems.end(), b.problems.begin(), b.problems.end());
            w.heatmap.baseline = std::move(b.value);
        }
    }
    return r;
}

Workspace workspaceFromStudy(const Study& st, int caseIndex)
{
    Workspace w;
    w.sourceStudy = st.id;
    if (st.series.empty())
        return w;
    // Cases are the distinct models of the series, in order.
    std::vector<std::string> models;
    for (const auto& s : st.series)
        if (std::find(models.begin(), models.end(), s.model) == models.end())
            models.push_back(s.model);
    const std::string model = models.at(std::clamp(caseIndex, 0, int(models.size()) - 1));
    bool first = true;
    for (const auto& s : st.series) {
        if (s.model != model)
            continue;
        if (first) {
            w.scenario = s.scenario;
            if (st.kind == Study::Kind::Breakdown) // a breakdown case lists its own batches
                w.scenario.workload.batches = s.batches;
            first = false;
        }
        if (st.kind == Study::Kind::Breakdown) {
            w.placements.push_back(
                optionOf(s.scenario, s.placementLabel.empty() ? s.placement : s.placementLabel));
            w.placements.back().id = s.placement;
            // The workspace keeps the tier list the tiered option evaluates; the single-tier
            // options clear it when placed.
            if (w.placements.back().expertTier.empty() && w.scenario.placement.tiers.empty())
                w.scenario.placement.tiers = s.scenario.placement.tiers;
        }
    }
    w.heatmap = Workspace::defaultHeatmap(w.scenario);
    if (st.kind == Study::Kind::Heatmap) {
        w.heatmap.x = st.x;
        w.heatmap.y = st.y;
        w.heatmap.metric = st.metric;
        w.heatmap.baseline = st.baseline;
    }
    return w;
}

} // namespace tierlens
