#include "widgets/editors/tiertableeditor.h"

#include "widgets/tables/tiertablemodel.h"

#include <QTableView>

namespace tierlens {

TierTableEditor::TierTableEditor(WorkspaceDocument* doc, const PresetLibrary& lib, QWidget* parent)
    : ScenarioTableEditor(new TierTableModel(doc), lib, tr("Blank tier"), parent)
{
    view()->setToolTip(tr("Memory tiers that can hold the routed experts outside HBM. The row header "
                          "is the tier's id. Double-click a cell to edit it."));
}

TierTableModel* TierTableEditor::tierModel() const
{
    return static_cast<TierTableModel*>(model());
}

} // namespace tierlens
