#pragma once

#include "core/data/viewsettings.h" // BreakdownAxis: the workspace keeps the axis it is drawn with
#include "core/data/workspace.h"
#include "render/barchartdata.h"
#include "render/heatmapdata.h"

#include <string>
#include <vector>

namespace tierlens {

/// A bar chart plus, for each drawn bar, its index in WorkspaceResult::bars.
struct BreakdownChart {
    BarChartData data;
    std::vector<int> resultIndex;
};

struct BreakdownOptions {
    BreakdownAxis axis = BreakdownAxis::Normalised;
    /// Placement id the bars are compared with (ratios, normalisation); empty: none. Without a
    /// reference bar at every batch a normalised chart falls back to absolute stacks.
    std::string reference;
};

/// Turns workspace results into chart data. Bars are grouped by batch (the reference study's
/// layout), one bar per compared placement inside a group.
class ChartDataBuilder {
public:
    static BreakdownChart energy(const Workspace& w, const WorkspaceResult& r, const BreakdownOptions& o);
    static BreakdownChart latency(const Workspace& w, const WorkspaceResult& r, const BreakdownOptions& o);
    /// Absolute stacks (or log totals) compared with the first placement.
    static BreakdownChart energy(const Workspace& w, const WorkspaceResult& r, bool logScale);
    static BreakdownChart latency(const Workspace& w, const WorkspaceResult& r, bool logScale);
    /// The default of a breakdown: normalised to the first placement (HBM in the shipped studies).
    static BreakdownOptions defaultOptions(const WorkspaceResult& r, bool latency);
    static HeatmapData heatmap(const Workspace& w, const WorkspaceResult& r);

private:
    static BreakdownChart skeleton(const Workspace& w, const WorkspaceResult& r);
    /// Range mode: each bar's whisker from its band (times `scale`, the chart's unit).
    static void addWhiskers(
        BreakdownChart& c, const std::vector<Band>& bands, double scale, RangeMethod method);
    static void compare(
        BreakdownChart& c, const WorkspaceResult& r, const BreakdownOptions& o, const QString& unit);
};

} // namespace tierlens
