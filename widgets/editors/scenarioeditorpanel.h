#pragma once

#include "core/data/problem.h"

#include <QWidget>

class QToolBox;

namespace tierlens {

class LinkTableEditor;
class MessageLabel;
class FlashOffloadEditor;
class ModelEditor;
class PlacementEditor;
class PresetLibrary;
class WorkspaceDocument;
class SystemEditor;
class TierTableEditor;
class WorkloadEditor;

/// Every scenario editor in one dockable panel, one section each, with the problems of the last
/// evaluation (Recomputer::problems(), named by ParamPath) in red below them.
class ScenarioEditorPanel : public QWidget {
    Q_OBJECT
public:
    enum class Section { System, Tiers, Links, Model, PlacementWorkload };

    /// The preset pickers and Add menus offer `lib`'s presets.
    ScenarioEditorPanel(WorkspaceDocument* doc, const PresetLibrary& lib, QWidget* parent = nullptr);

    Section currentSection() const;
    void setCurrentSection(Section section);

    SystemEditor* systemEditor() const { return system_; }
    TierTableEditor* tierTableEditor() const { return tiers_; }
    LinkTableEditor* linkTableEditor() const { return links_; }
    ModelEditor* modelEditor() const { return model_; }
    PlacementEditor* placementEditor() const { return placement_; }
    WorkloadEditor* workloadEditor() const { return workload_; }
    FlashOffloadEditor* flashOffloadEditor() const { return flash_; }

    /// The problems shown, one a line ("parallelism.tp: (3) must divide …", problemLine());
    /// empty when the scenario can be evaluated.
    QString problemsText() const;
    /// Shows `problems` of the document's workspace (connected to Recomputer::problemsChanged).
    void showProblems(const Problems& problems);

    QSize sizeHint() const override { return { 380, 720 }; }

private:
    WorkspaceDocument* doc_;
    QToolBox* toolBox_;
    SystemEditor* system_;
    TierTableEditor* tiers_;
    LinkTableEditor* links_;
    ModelEditor* model_;
    PlacementEditor* placement_;
    WorkloadEditor* workload_;
    FlashOffloadEditor* flash_;
    MessageLabel* problems_;
};

} // namespace tierlens
