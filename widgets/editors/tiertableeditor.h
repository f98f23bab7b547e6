#pragma once

#include "widgets/tables/scenariotableeditor.h"

namespace tierlens {

class PresetLibrary;
class ScenarioDocument;
class TierTableModel;

/// The memory tiers of the scenario as an editable table.
class TierTableEditor : public ScenarioTableEditor {
    Q_OBJECT
public:
    TierTableEditor(ScenarioDocument* doc, const PresetLibrary& lib, QWidget* parent = nullptr);

    TierTableModel* tierModel() const;
};

} // namespace tierlens
