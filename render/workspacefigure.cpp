#include "render/workspacefigure.h"

#include "render/barchartpainter.h"
#include "render/chartdatabuilder.h"
#include "render/heatmappainter.h"

namespace tierlens {

namespace {

// Builds the view's painter and hands it to `use`; the painters live only for the call.
template <class Use>
auto withChart(
    const Workspace& w, const WorkspaceResult& r, const std::string& view, BreakdownAxis axis, Use use)
{
    if (view == "heatmap") {
        HeatmapPainter heatmap;
        heatmap.setData(ChartDataBuilder::heatmap(w, r));
        return use(static_cast<const ChartPainter&>(heatmap));
    }
    BarChartPainter bars;
    BreakdownOptions o = ChartDataBuilder::defaultOptions(r, view == "latency");
    o.axis = axis;
    bars.setData(
        view == "latency" ? ChartDataBuilder::latency(w, r, o).data : ChartDataBuilder::energy(w, r, o).data);
    return use(static_cast<const ChartPainter&>(bars));
}

} // namespace

QByteArray WorkspaceFigure::render(const Workspace& w, const WorkspaceResult& r, const std::string& view,
    BreakdownAxis axis, FigureExportOptions::Format format, const FigureExportOptions& options,
    QString* error)
{
    return withChart(w, r, view, axis,
        [&](const ChartPainter& c) { return FigureExporter::render(c, format, options, error); });
}

QString WorkspaceFigure::exportToFile(const Workspace& w, const WorkspaceResult& r, const std::string& view,
    BreakdownAxis axis, const QString& path, const FigureExportOptions& options)
{
    return withChart(w, r, view, axis,
        [&](const ChartPainter& c) { return FigureExporter::exportToFile(c, path, options); });
}

} // namespace tierlens
