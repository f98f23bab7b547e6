#pragma once

#include "core/data/problem.h"
#include "core/data/rangedconstant.h"
#include "core/data/result.h"
#include "core/data/scenario.h"
#include "core/data/study.h"
#include "core/data/viewsettings.h"
#include "core/study/rangeanalysis.h"
#include "core/study/studycontrol.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace tierlens {

class PresetLibrary;

/// One placement to compare in the breakdown views: where the routed experts live and the links
/// they cross ("hbm"; "ssd" over NVLink-C2C gen 5).
struct PlacementOption {
    std::string id;
    std::string label;
    std::string expertTier; ///< empty: the scenario's placement.tiers as they are
    std::vector<std::string> path;
};

/// The heatmap of a workspace: two ParamPath axes over the workspace's scenario, a metric, and
/// optionally a baseline scenario the cells are divided by.
struct HeatmapSpec {
    StudyAxis x;
    StudyAxis y;
    StudyMetric metric = StudyMetric::EnergyPerToken;
    std::optional<Scenario> baseline;
};

/// What the window edits and saves: a scenario plus how the views look at it.
struct Workspace {
    static constexpr int kSchemaVersion = 1;

    Scenario scenario;
    std::vector<PlacementOption> placements; ///< empty: HBM plus every tier of the scenario
    HeatmapSpec heatmap;
    std::string sourceStudy; ///< study preset it was opened from, if any
    ViewSettings view; ///< how every figure of it is drawn
    /// Constants the user gave a low–high range (range mode, the tornado chart); rangesFor()
    /// joins them with the presets' own ranges.
    std::vector<RangedConstant> ranges;

    /// The placements the breakdown views compare.
    std::vector<PlacementOption> effectivePlacements() const;
    /// The scenario with the routed experts placed as `p` says.
    Scenario placed(const PlacementOption& p) const;
    /// The heatmap as a study over the scenario (series 0 is the scenario itself).
    Study heatmapStudy() const;
    /// Default heatmap: batch × scale of the expert tier's read energy (or the first tier's).
    static HeatmapSpec defaultHeatmap(const Scenario& s);
};

/// Numbers of every view of a workspace, computed in one go.
struct WorkspaceResult {
    struct Bar {
        int placement = 0; ///< index into effectivePlacements()
        int batch = 0;
        Result result;
    };
    std::vector<PlacementOption> placements;
    std::vector<Bar> bars; ///< placement-major, then the workload's batches
    std::vector<std::vector<double>> cells; ///< heatmap, cells[row][column]
    std::vector<int> coverageBatches; ///< expert coverage: batch → active experts
    std::vector<double> coverageActive;
    std::vector<double> coverageBusiest;
    Problems problems; ///< why nothing could be computed (invalid scenario)
    /// Range mode (view.rangeMode with ranged constants): each bar's total energy and latency
    /// (s) and each heatmap cell at the low and high ends of the ranges; empty otherwise.
    std::vector<Band> barEnergyBands;
    std::vector<Band> barLatencyBands;
    std::vector<std::vector<Band>> cellBands;
    RangeMethod rangeMethod = RangeMethod::Corners;
    Problems rangeProblems; ///< why range mode has no bands (bad ranges, too much work)
    bool stopped = false; ///< ended early through a StudyControl: incomplete
};

/// Points evaluateWorkspace counts into its StudyControl: the bars, and the heatmap's cells on its
/// own grid and its baseline's. A cell costs less than an evaluation when an axis is an energy
/// constant (PricePlan), so this is an upper bound of the work.
std::size_t workspaceEvaluations(const Workspace& w);

/// Evaluations evaluateWorkspace actually makes: the bars, and the plans of the heatmap's grid and
/// its baseline's (gridEvaluations). What a recompute costs, to weigh against a frame.
std::size_t workspaceWork(const Workspace& w);
/// Every view's numbers. With a control, each evaluation is counted and the run ends early once
/// it is told to stop.
WorkspaceResult evaluateWorkspace(const Workspace& w, StudyControl* control = nullptr);

nlohmann::json toJson(const Workspace& w);
/// Reads a workspace file; a plain scenario (no "workspace" key) is accepted as well.
Loaded<Workspace> loadWorkspace(const nlohmann::json& j, const PresetLibrary& lib);
/// A workspace showing a study: its first series' scenario (or `caseIndex`-th case), its
/// placements, and its heatmap axes and baseline when it is a heatmap.
Workspace workspaceFromStudy(const Study& st, int caseIndex = 0);

} // namespace tierlens
