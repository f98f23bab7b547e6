#include "render/workspacefigure.h"

#include "render/barchartpainter.h"
#include "render/chartdatabuilder.h"
#include "render/heatmappainter.h"
#include "render/workspacechart.h"

namespace tierlens {

namespace {

// Builds the view's painter and hands it to `use`; the painter lives only for the call.
template <class Use>
auto withChart(const Workspace& w, const WorkspaceResult& r, const std::string& view, Use use)
{
    const auto chart = WorkspaceChart::painter(
        w, r, WorkspaceChart::viewFromName(view).value_or(WorkspaceChart::View::Energy));
    return use(*chart);
}

} // namespace

QByteArray WorkspaceFigure::render(const Workspace& w, const WorkspaceResult& r, const std::string& view,
    FigureExportOptions::Format format, const FigureExportOptions& options, QString* error)
{
    return withChart(
        w, r, view, [&](const ChartPainter& c) { return FigureExporter::render(c, format, options, error); });
}

QString WorkspaceFigure::exportToFile(const Workspace& w, const WorkspaceResult& r, const std::string& view,
    const QString& path, const FigureExportOptions& options)
{
    return withChart(
        w, r, view, [&](const ChartPainter& c) { return FigureExporter::exportToFile(c, path, options); });
}

} // namespace tierlens
