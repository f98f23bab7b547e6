#pragma once

#include "widgets/tables/scenariotableeditor.h"

namespace tierlens {

class PresetLibrary;
class WorkspaceDocument;
class TierTableModel;

/// The memory tiers of the scenario as an editable table.
class TierTableEditor : public ScenarioTableEditor {
    Q_OBJECT
public:
    TierTableEditor(WorkspaceDocument* doc, const PresetLibrary& lib, QWidget* parent = nullptr);

    TierTableModel* tierModel() const;
};

} // namespace tierlens
