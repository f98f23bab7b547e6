#include "widgets/editors/linktableeditor.h"

#include "widgets/tables/linktablemodel.h"

#include <QTableView>

namespace tierlens {

LinkTableEditor::LinkTableEditor(WorkspaceDocument* doc, const PresetLibrary& lib, QWidget* parent)
    : ScenarioTableEditor(new LinkTableModel(doc), lib, tr("Blank link"), parent)
{
    view()->setToolTip(tr("Links between GPUs (cluster) and from memory tiers into HBM (placement). "
                          "The row header is the link's id. Double-click a cell to edit it."));
}

LinkTableModel* LinkTableEditor::linkModel() const
{
    return static_cast<LinkTableModel*>(model());
}

} // namespace tierlens
