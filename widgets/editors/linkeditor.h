#pragma once

#include "widgets/tables/scenariotableeditor.h"

namespace tierlens {

class PresetLibrary;
class LinkTableModel;
class ScenarioDocument;

/// The interconnects of the scenario as an editable table.
class LinkEditor : public ScenarioTableEditor {
    Q_OBJECT
public:
    LinkEditor(ScenarioDocument* doc, const PresetLibrary& lib, QWidget* parent = nullptr);

    LinkTableModel* linkModel() const;
};

} // namespace tierlens
