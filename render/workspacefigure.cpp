#include "render/workspacefigure.h"

#include "core/io/presetlibrary.h"
#include "render/barchartpainter.h"
#include "render/chartdatabuilder.h"
#include "render/heatmappainter.h"
#include "render/workspacechart.h"

#include <algorithm>

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

// The panels painted with the settings' palette, legend and value labels over the exporter's
// font and size, as WorkspaceChart's painters are.
class SettingsPanels : public ChartPainter {
public:
    SettingsPanels(FigurePanels panels, const ViewSettings& s)
        : panels_(std::move(panels))
        , settings_(s)
    {
    }
    void paint(QPainter& painter, const QRectF& rect, const RenderOptions& options) const override
    {
        panels_.paint(painter, rect, WorkspaceChart::renderOptions(settings_, options));
    }

private:
    FigurePanels panels_;
    ViewSettings settings_;
};

} // namespace

QByteArray WorkspaceFigure::render(const Workspace& w, const WorkspaceResult& r, const std::string& view,
    FigureExportOptions::Format format, const FigureExportOptions& options, QString* error)
{
    if (const auto st = panelStudy(w, view))
        return renderPanels(*st, w.view, view, format, options, error);
    return withChart(
        w, r, view, [&](const ChartPainter& c) { return FigureExporter::render(c, format, options, error); });
}

QString WorkspaceFigure::exportToFile(const Workspace& w, const WorkspaceResult& r, const std::string& view,
    const QString& path, const FigureExportOptions& options)
{
    if (const auto st = panelStudy(w, view))
        return exportPanelsToFile(*st, w.view, view, path, options);
    return withChart(
        w, r, view, [&](const ChartPainter& c) { return FigureExporter::exportToFile(c, path, options); });
}

namespace {

// The cases of a study are its distinct models, in order (as workspaceFromStudy numbers them).
std::vector<std::string> caseLabels(const Study& st)
{
    std::vector<std::string> models;
    for (const auto& s : st.series)
        if (std::find(models.begin(), models.end(), s.model) == models.end())
            models.push_back(s.model);
    return models;
}

} // namespace

int WorkspaceFigure::caseCount(const Study& st)
{
    return int(caseLabels(st).size());
}

std::optional<Study> WorkspaceFigure::panelStudy(const Workspace& w, const std::string& view)
{
    if (!w.view.panels || w.sourceStudy.empty()
        || view == WorkspaceChart::viewName(WorkspaceChart::View::Heatmap)
        || view == WorkspaceChart::viewName(WorkspaceChart::View::Tornado)
        || view == WorkspaceChart::viewName(WorkspaceChart::View::Roofline)
        || view == WorkspaceChart::viewName(WorkspaceChart::View::Pareto))
        return std::nullopt;
    const auto& lib = PresetLibrary::builtin();
    const PresetEntry* e = lib.find(PresetKind::Study, w.sourceStudy);
    if (!e)
        return std::nullopt;
    auto st = loadStudy(e->json, lib, e->source);
    if (!st.ok() || st.value.kind != Study::Kind::Breakdown || caseCount(st.value) < 2)
        return std::nullopt;
    return std::move(st.value);
}

FigurePanels WorkspaceFigure::panelFigure(
    const Study& st, const ViewSettings& settings, const std::string& view, QString* error)
{
    const bool latency = view == WorkspaceChart::viewName(WorkspaceChart::View::Latency);
    std::vector<FigurePanel> panels;
    const std::vector<std::string> cases = caseLabels(st);
    for (int i = 0; i < int(cases.size()); ++i) {
        Workspace w = workspaceFromStudy(st, i);
        w.view = settings;
        const WorkspaceResult r = evaluateWorkspace(w);
        if (!r.problems.empty()) {
            if (error)
                *error += QString::fromStdString(st.id)
                    + QStringLiteral(": case %1 cannot be evaluated. ").arg(i);
            continue;
        }
        panels.push_back(
            { QString::fromStdString(cases[std::size_t(i)]), WorkspaceChart::breakdown(w, r, latency).data });
    }
    FigurePanels f;
    f.setPanels(std::move(panels));
    f.setTitle(QString::fromStdString(settings.title.empty() ? st.name : settings.title));
    return f;
}

QByteArray WorkspaceFigure::renderPanels(const Study& st, const ViewSettings& settings,
    const std::string& view, FigureExportOptions::Format format, const FigureExportOptions& options,
    QString* error)
{
    QString why;
    const FigurePanels panels = panelFigure(st, settings, view, &why);
    if (!why.isEmpty()) {
        if (error)
            *error = why.trimmed();
        return {};
    }
    return FigureExporter::render(SettingsPanels(panels, settings), format, options, error);
}

QString WorkspaceFigure::exportPanelsToFile(const Study& st, const ViewSettings& settings,
    const std::string& view, const QString& path, const FigureExportOptions& options)
{
    QString why;
    const FigurePanels panels = panelFigure(st, settings, view, &why);
    if (!why.isEmpty())
        return why.trimmed();
    return FigureExporter::exportToFile(SettingsPanels(panels, settings), path, options);
}

} // namespace tierlens
