#pragma once

#include <QWidget>

class QToolBox;

namespace tierlens {

class LinkTableEditor;
class MessageLabel;
class FlashOffloadEditor;
class ModelEditor;
class PlacementEditor;
class PresetLibrary;
class ScenarioDocument;
class SystemEditor;
class TierTableEditor;
class WorkloadEditor;

/// Every scenario editor in one dockable panel, one section each, with the validator's complaints
/// (named by ParamPath) in red below them.
class ScenarioEditorPanel : public QWidget {
    Q_OBJECT
public:
    enum class Section { System, Tiers, Links, Model, PlacementWorkload };

    /// The preset pickers and Add menus offer `lib`'s presets.
    ScenarioEditorPanel(ScenarioDocument* doc, const PresetLibrary& lib, QWidget* parent = nullptr);

    Section currentSection() const;
    void setCurrentSection(Section section);

    SystemEditor* systemEditor() const { return system_; }
    TierTableEditor* tierTableEditor() const { return tiers_; }
    LinkTableEditor* linkTableEditor() const { return links_; }
    ModelEditor* modelEditor() const { return model_; }
    PlacementEditor* placementEditor() const { return placement_; }
    WorkloadEditor* workloadEditor() const { return workload_; }
    FlashOffloadEditor* flashOffloadEditor() const { return flash_; }

    /// What validateScenario() rejects, one problem a line ("parallelism.tp: (3) must divide …");
    /// empty when the scenario can be evaluated.
    QString problemsText() const;

    QSize sizeHint() const override { return { 380, 720 }; }

private:
    void refreshProblems();

    ScenarioDocument* doc_;
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
