#pragma once

#include "core/data/workspace.h"

#include <QString>
#include <QVariant>
#include <QWidget>

#include <memory>
#include <utility>
#include <vector>

class QComboBox;
class QLabel;

namespace tierlens {

class HeatmapAxisEditor;
class HeatmapWidget;
class PresetLibrary;
class WorkspaceDocument;

/// The heatmap of the workspace with its axis, metric and baseline choosers; every choice is an
/// undoable edit of the document.
class HeatmapView : public QWidget {
    Q_OBJECT
public:
    HeatmapView(WorkspaceDocument* doc, const PresetLibrary& lib, QWidget* parent = nullptr);

    void setResult(const Workspace& w, std::shared_ptr<const WorkspaceResult> r);
    HeatmapWidget* chart() const { return chart_; }

signals:
    void cellClicked(int row, int column);

private:
    void setBaseline(int index);

    WorkspaceDocument* doc_;
    const PresetLibrary& lib_;
    HeatmapAxisEditor* x_;
    HeatmapAxisEditor* y_;
    QComboBox* metric_;
    QComboBox* baseline_;
    /// The baseline choices as last filled in: refilled only when they change, since every
    /// recompute passes here and a refill would close an open popup.
    std::vector<std::pair<QString, QVariant>> baselineItems_;
    QLabel* message_;
    HeatmapWidget* chart_;
};

} // namespace tierlens
