#include "widgets/editors/flashoffloadeditor.h"

#include "document/workspacedocument.h"
#include "widgets/common/idcombobox.h"
#include "widgets/editors/paramform.h"

#include <QVBoxLayout>

namespace tierlens {

FlashOffloadEditor::FlashOffloadEditor(WorkspaceDocument* doc, QWidget* parent)
    : QWidget(parent)
    , doc_(doc)
    , tier_(new IdComboBox(this))
    , form_(new ParamForm(doc, { QStringLiteral("flash_offload") }, this))
{
    tier_->setToolTip(tr("The flash tier a dense model's weights are read from every token, with DRAM "
                         "as the cache (LLM in a Flash). Off: every weight is in the GPU's memory. "
                         "<code>flash_offload.tier</code>"));
    connect(tier_, &IdComboBox::idChosen, this, [this](const QString& id) {
        const std::string tier = id.toStdString();
        if (tier != doc_->scenario().flash.tier)
            doc_->edit(tier.empty() ? tr("Weights off flash") : tr("Read weights from %1").arg(id),
                [tier](Workspace& w) { w.scenario.flash.tier = tier; });
    });
    form_->addLeadingRow(tr("Weights on"), tier_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(form_);

    connect(doc_, &WorkspaceDocument::changed, this, &FlashOffloadEditor::refresh);
    refresh();
}

void FlashOffloadEditor::refresh()
{
    const Scenario& s = doc_->scenario();
    QList<IdComboBox::Item> tiers { { QString(), tr("Off: all in memory"), tr("No flash offload") } };
    for (const auto& t : s.tiers)
        tiers.push_back({ QString::fromStdString(t.id), QString::fromStdString(t.name),
            tr("Id: %1").arg(QString::fromStdString(t.id)) });
    tier_->setItems(tiers);
    tier_->setCurrentId(QString::fromStdString(s.flash.tier));
    form_->setEnabled(s.flash.enabled());
}

} // namespace tierlens
