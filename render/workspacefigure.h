#pragma once

#include "core/data/workspace.h"
#include "render/chartdatabuilder.h"
#include "render/figureexporter.h"

#include <QByteArray>
#include <QString>

namespace tierlens {

/// One view of a workspace's numbers ("energy", "latency" or "heatmap") drawn through
/// FigureExporter as the workspace's view settings say (WorkspaceChart): what the window's
/// Export and Copy Figure, `tierlens-cli export` and bundles write. `options` gives the size,
/// resolution, font and whether a title is drawn; palette, legend, value labels, title text and
/// the breakdown's axis and reference come from `w.view` (callers overriding them edit a copy).
/// Needs a QGuiApplication (OffscreenGuiApp in the CLI).
class WorkspaceFigure {
public:
    static QByteArray render(const Workspace& w, const WorkspaceResult& r, const std::string& view,
        FigureExportOptions::Format format, const FigureExportOptions& options, QString* error = nullptr);
    /// Empty on success, else why the file was not written.
    static QString exportToFile(const Workspace& w, const WorkspaceResult& r, const std::string& view,
        const QString& path, const FigureExportOptions& options);
};

} // namespace tierlens
