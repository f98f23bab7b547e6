#pragma once

#include "widgets/tables/scenariotableeditor.h"

namespace tierlens {

class LinkTableModel;
class ScenarioDocument;

/// The interconnects of the scenario as an editable table.
class LinkEditor : public ScenarioTableEditor {
    Q_OBJECT
public:
    explicit LinkEditor(ScenarioDocument* doc, QWidget* parent = nullptr);

    LinkTableModel* linkModel() const;
};

} // namespace tierlens
