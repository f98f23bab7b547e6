#pragma once

#include "widgets/tables/scenariotableeditor.h"

namespace tierlens {

class PresetLibrary;
class LinkTableModel;
class WorkspaceDocument;

/// The interconnects of the scenario as an editable table.
class LinkTableEditor : public ScenarioTableEditor {
    Q_OBJECT
public:
    LinkTableEditor(WorkspaceDocument* doc, const PresetLibrary& lib, QWidget* parent = nullptr);

    LinkTableModel* linkModel() const;
};

} // namespace tierlens
