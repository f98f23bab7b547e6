#pragma once

#include "core/data/study.h"
#include "core/data/workspace.h"
#include "render/chartdatabuilder.h"
#include "render/figureexporter.h"
#include "render/figurepanels.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace tierlens {

/// One view of a workspace's numbers ("energy", "latency", "heatmap" or "tornado") drawn through
/// FigureExporter as the workspace's view settings say (WorkspaceChart): what the window's
/// Export and Copy Figure, `tierlens-cli export` and bundles write. `options` gives the size,
/// resolution, font and whether a title is drawn; palette, legend, value labels, title text and
/// the breakdown's axis and reference come from `w.view` (callers overriding them edit a copy).
/// Needs a QGuiApplication (OffscreenGuiApp in the CLI).
///
/// With `w.view.panels` on and a breakdown view of a workspace opened from a study of several
/// cases (models), the figure is that study's cases as panels of one figure (panelFigure), each
/// drawn under the workspace's view settings.
class WorkspaceFigure {
public:
    static QByteArray render(const Workspace& w, const WorkspaceResult& r, const std::string& view,
        FigureExportOptions::Format format, const FigureExportOptions& options, QString* error = nullptr);
    /// Empty on success, else why the file was not written.
    static QString exportToFile(const Workspace& w, const WorkspaceResult& r, const std::string& view,
        const QString& path, const FigureExportOptions& options);

    /// The cases of a study: its distinct models, in order.
    static int caseCount(const Study& st);
    /// The study a workspace's figure is drawn from as panels: its source study preset, when
    /// `w.view.panels` is on, the view is a breakdown and the study has several cases.
    static std::optional<Study> panelStudy(const Workspace& w, const std::string& view);
    /// Every case of a breakdown study as one panel ("energy" or "latency" view), each with its
    /// own value range, under `settings`; the title is the settings' title, else the study's name.
    /// Cases that cannot be evaluated are named in `error` and left out.
    static FigurePanels panelFigure(
        const Study& st, const ViewSettings& settings, const std::string& view, QString* error = nullptr);
    static QByteArray renderPanels(const Study& st, const ViewSettings& settings, const std::string& view,
        FigureExportOptions::Format format, const FigureExportOptions& options, QString* error = nullptr);
    /// Empty on success, else why the file was not written.
    static QString exportPanelsToFile(const Study& st, const ViewSettings& settings, const std::string& view,
        const QString& path, const FigureExportOptions& options);
};

} // namespace tierlens
