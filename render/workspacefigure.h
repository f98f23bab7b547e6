#pragma once

#include "render/chartdatabuilder.h"
#include "render/figureexporter.h"
#include "core/data/workspace.h"

#include <QByteArray>
#include <QString>

namespace tierlens {

/// One view of a workspace's numbers ("energy", "latency" or "heatmap") drawn through
/// FigureExporter: what `tierlens-cli export` writes and what bundles carry. Needs a
/// QGuiApplication (OffscreenGuiApp in the CLI).
class WorkspaceFigure {
public:
    static QByteArray render(const Workspace& w, const WorkspaceResult& r, const std::string& view,
        BreakdownAxis axis, FigureExportOptions::Format format, const FigureExportOptions& options,
        QString* error = nullptr);
    /// Empty on success, else why the file was not written.
    static QString exportToFile(const Workspace& w, const WorkspaceResult& r, const std::string& view,
        BreakdownAxis axis, const QString& path, const FigureExportOptions& options);
};

} // namespace tierlens
