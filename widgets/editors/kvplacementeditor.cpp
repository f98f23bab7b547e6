#include "widgets/editors/kvplacementeditor.h"

#include "document/workspacedocument.h"
#include "widgets/common/idcombobox.h"
#include "widgets/editors/paramform.h"

#include <QFormLayout>

namespace tierlens {

namespace {
const QString kDirect = QStringLiteral("-");
} // namespace

KvPlacementEditor::KvPlacementEditor(WorkspaceDocument* doc, QWidget* parent)
    : QWidget(parent)
    , doc_(doc)
    , tier_(new IdComboBox(this))
    , link_(new IdComboBox(this))
{
    tier_->setToolTip(
        tr("Where the KV cache (or MLA latent) lives. Off HBM, every decode step reads the "
           "part beyond the HBM budget over the link into HBM. <code>placement.kv_cache.tier</code>"));
    connect(tier_, &IdComboBox::idChosen, this, [this](const QString& id) {
        const std::string tier = id.toStdString();
        if (tier != doc_->scenario().placement.kvCache.tier)
            doc_->edit(tr("Place the KV cache in %1").arg(id),
                [tier](Workspace& w) { w.scenario.placement.kvCache.tier = tier; });
    });
    link_->setToolTip(tr("The link the KV cache crosses from its tier to HBM; it streams at min(tier, "
                         "link) and pays the link's energy per bit. <code>placement.kv_cache.path</code>"));
    connect(link_, &IdComboBox::idChosen, this, [this](const QString& id) {
        std::vector<std::string> path;
        if (id != kDirect)
            path.push_back(id.toStdString());
        if (path != doc_->scenario().placement.kvCache.path)
            doc_->edit(tr("KV cache path: %1").arg(id == kDirect ? tr("direct") : id),
                [path](Workspace& w) { w.scenario.placement.kvCache.path = path; });
    });
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("KV cache in"), tier_);
    form->addRow(tr("KV link"), link_);
    form->addRow(new ParamForm(doc, { QStringLiteral("placement.kv_cache") }, this));
    connect(doc_, &WorkspaceDocument::changed, this, &KvPlacementEditor::refresh);
    refresh();
}

void KvPlacementEditor::refresh()
{
    const Scenario& s = doc_->scenario();
    QList<IdComboBox::Item> tiers { { QString::fromUtf8(kHbmTierId.data(), qsizetype(kHbmTierId.size())),
        tr("HBM (the GPU's own)"), tr("The KV cache stays in HBM") } };
    for (const auto& t : s.tiers)
        tiers.push_back({ QString::fromStdString(t.id), QString::fromStdString(t.name),
            tr("Id: %1").arg(QString::fromStdString(t.id)) });
    tier_->setItems(tiers);
    tier_->setCurrentId(QString::fromStdString(s.placement.kvCache.tier));
    QList<IdComboBox::Item> links { { kDirect, tr("Direct (no link)"),
        tr("The tier's own bandwidth only") } };
    for (const auto& l : s.links)
        links.push_back({ QString::fromStdString(l.id), QString::fromStdString(l.name),
            tr("Id: %1").arg(QString::fromStdString(l.id)) });
    link_->setItems(links);
    const auto& path = s.placement.kvCache.path;
    link_->setCurrentId(path.empty() ? kDirect : QString::fromStdString(path.front()),
        path.size() > 1 ? tr("%1 links (set in JSON)").arg(path.size()) : QString());
    link_->setEnabled(s.placement.kvCache.offloaded());
}

} // namespace tierlens
