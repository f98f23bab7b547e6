#pragma once

#include "barchartdata.h"
#include "heatmapdata.h"
#include "workspace.h"

#include <vector>

namespace tierlens {

/// A bar chart plus, for each drawn bar, its index in WorkspaceResult::bars.
struct BreakdownChart {
    BarChartData data;
    std::vector<int> resultIndex;
};

/// Turns workspace results into chart data. Bars are grouped by batch (the reference study's
/// layout), one bar per compared placement inside a group.
class ChartDataBuilder {
public:
    static BreakdownChart energy(const Workspace& w, const WorkspaceResult& r, bool logScale);
    static BreakdownChart latency(const Workspace& w, const WorkspaceResult& r, bool logScale);
    static HeatmapData heatmap(const Workspace& w, const WorkspaceResult& r);

private:
    static BreakdownChart skeleton(const Workspace& w, const WorkspaceResult& r);
};

} // namespace tierlens
