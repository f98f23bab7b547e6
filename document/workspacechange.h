#pragma once

#include "core/data/workspace.h"

#include <string>
#include <string_view>
#include <vector>

namespace tierlens {

/// What one step of the document changed, so listeners redo only what it touches: a form sets
/// the values it shows rather than listing its fields again, a table signals the cells that
/// changed, the recompute skips a change of how figures are drawn.
struct WorkspaceChange {
    /// Parts that changed beyond single numbers (their structure, ids, names or choices).
    enum Part : unsigned {
        Gpu = 1u << 0,
        Cluster = 1u << 1, ///< nodes, GPUs, the links the cluster uses, parallelism
        Tiers = 1u << 2, ///< the tier list
        Links = 1u << 3, ///< the link list
        Model = 1u << 4,
        Placement = 1u << 5, ///< where experts and weights live, flash offload
        Workload = 1u << 6, ///< workload and options
        Study = 1u << 7, ///< compared placements, heatmap, source study, scenario name
        View = 1u << 8, ///< how figures are drawn; no number changes
        Whole = (1u << 9) - 1, ///< a new workspace: anything may differ
    };

    unsigned parts = 0;
    /// Numbers set by ParamPath ("tiers.ssd.read_pj_per_bit"); the only change when parts is 0.
    std::vector<std::string> paths;

    static WorkspaceChange value(std::string path) { return { 0, { std::move(path) } }; }
    static WorkspaceChange whole() { return { Whole, {} }; }
    /// The parts in which `after` differs from `before`.
    static WorkspaceChange between(const Workspace& before, const Workspace& after);

    /// Only numbers changed: every field that was shown still exists.
    bool valuesOnly() const { return parts == 0; }
    bool touches(Part p) const { return (parts & p) != 0; }
    /// A number whose path starts with `prefix` ("model.") was set.
    bool touchesPaths(std::string_view prefix) const;
    /// Something a result depends on changed (anything but the view settings).
    bool affectsResults() const { return !paths.empty() || (parts & ~unsigned(View)) != 0; }
};

} // namespace tierlens
