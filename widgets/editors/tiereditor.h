#pragma once

#include "widgets/tables/scenariotableeditor.h"

namespace tierlens {

class ScenarioDocument;
class TierTableModel;

/// The memory tiers of the scenario as an editable table.
class TierEditor : public ScenarioTableEditor {
    Q_OBJECT
public:
    explicit TierEditor(ScenarioDocument* doc, QWidget* parent = nullptr);

    TierTableModel* tierModel() const;
};

} // namespace tierlens
