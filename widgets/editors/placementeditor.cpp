#include "widgets/editors/placementeditor.h"

#include "document/workspacedocument.h"
#include "widgets/common/elidedlabel.h"
#include "widgets/common/idcombobox.h"
#include "widgets/editors/comparedplacementseditor.h"
#include "widgets/editors/kvplacementeditor.h"
#include "widgets/editors/paramform.h"
#include "widgets/editors/tieredplacementeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

namespace tierlens {

namespace {

QString linkName(const Scenario& s, const std::string& id)
{
    const Interconnect* l = s.findLink(id);
    return l ? QString::fromStdString(l->name)
             : PlacementEditor::tr("%1 (missing)").arg(QString::fromStdString(id));
}

QToolButton* button(const QString& text, const QString& tip, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    return b;
}

} // namespace

PlacementEditor::PlacementEditor(WorkspaceDocument* doc, QWidget* parent)
    : QWidget(parent)
    , doc_(doc)
    , tier_(new IdComboBox(this))
    , path_(new QListWidget(this))
    , add_(button(tr("Add"), tr("Append a link to the chain (the chain runs from the tier to HBM)"), this))
    , remove_(button(tr("Remove"), tr("Remove the selected link from the chain"), this))
    , up_(button(tr("Up"), tr("Move the selected link towards the tier"), this))
    , down_(button(tr("Down"), tr("Move the selected link towards HBM"), this))
    , chain_(new QLabel(this))
    , copyRouter_(new QCheckBox(tr("Copy router weights every step"), this))
    , latencyRule_(new QComboBox(this))
    , steals_(new QCheckBox(tr("Copy steals HBM bandwidth"), this))
    , tieredPlacement_(new TieredPlacementEditor(doc, this))
    , compared_(new ComparedPlacementsEditor(doc, this))
{
    tier_->setToolTip(tr("Where the routed experts' weights live. Everything else (attention, dense "
                         "FFN, shared experts, KV cache) stays in HBM."));
    connect(tier_, &IdComboBox::idChosen, this, [this](const QString& id) {
        const std::string tier = id.toStdString();
        if (tier != doc_->scenario().placement.expertTier)
            doc_->edit(tr("Place experts in %1").arg(id),
                [tier](Workspace& w) { w.scenario.placement.expertTier = tier; });
    });

    path_->setToolTip(tr("Links an expert copy crosses, from the tier (top) to HBM (bottom). The copy "
                         "streams at the slowest link and pays every link's energy per bit."));
    path_->setMaximumHeight(path_->fontMetrics().height() * 6);
    auto* menu = new QMenu(add_);
    connect(menu, &QMenu::aboutToShow, this, [this, menu] {
        menu->clear();
        for (const auto& l : doc_->scenario().links) {
            const QString id = QString::fromStdString(l.id);
            connect(menu->addAction(QString::fromStdString(l.name)), &QAction::triggered, this,
                [this, id] { addLink(id); });
        }
    });
    add_->setMenu(menu);
    add_->setPopupMode(QToolButton::InstantPopup);
    connect(remove_, &QToolButton::clicked, this, [this] { removeLink(path_->currentRow()); });
    connect(up_, &QToolButton::clicked, this, [this] { moveLink(path_->currentRow(), -1); });
    connect(down_, &QToolButton::clicked, this, [this] { moveLink(path_->currentRow(), +1); });
    connect(path_, &QListWidget::currentRowChanged, this, &PlacementEditor::updateButtons);

    chain_->setWordWrap(true);
    chain_->setToolTip(tr("The route of one expert copy."));

    copyRouter_->setToolTip(tr("The reference also copies the router weights into HBM every step, a "
                               "known quirk; switch it off to copy only the active experts."));
    connect(copyRouter_, &QCheckBox::clicked, this, [this](bool on) {
        doc_->edit(tr("Copy router weights: %1").arg(on ? tr("on") : tr("off")),
            [on](Workspace& w) { w.scenario.placement.copyRouterWeights = on; });
    });
    // Short item texts: the box sits beside a label in a dock as narrow as a 1024 px window leaves.
    latencyRule_->addItems({ tr("Overlap with compute"), tr("Copy only (Fig. 6)") });
    latencyRule_->setToolTip(tr("Overlap: the expert copy streams while the layer's other work runs "
                                "(perfect prefetch). Copy only: the step takes the copy time, as the "
                                "reference's Fig. 6 script does."));
    connect(latencyRule_, &QComboBox::activated, this, [this](int index) {
        const auto rule = index == 0 ? Options::LatencyRule::Overlap : Options::LatencyRule::CopyOnly;
        if (rule != doc_->scenario().options.latencyRule)
            doc_->edit(
                tr("Change latency rule"), [rule](Workspace& w) { w.scenario.options.latencyRule = rule; });
    });
    steals_->setToolTip(tr("The reference lowers the HBM bandwidth seen by compute by the copy "
                           "bandwidth (3352 − 900 GB/s over NVLink-C2C gen 5)."));
    connect(steals_, &QCheckBox::clicked, this, [this](bool on) {
        doc_->edit(tr("Copy steals HBM bandwidth: %1").arg(on ? tr("on") : tr("off")),
            [on](Workspace& w) { w.scenario.options.copyStealsHbmBandwidth = on; });
    });

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    for (auto* b : { add_, remove_, up_, down_ })
        buttons->addWidget(b);
    buttons->addStretch();
    auto* pathBox = new QVBoxLayout;
    pathBox->setContentsMargins(0, 0, 0, 0);
    pathBox->addLayout(buttons);
    pathBox->addWidget(path_);
    pathBox->addWidget(chain_);

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    const auto label = [this](const QString& text) {
        return new ElidedLabel(text, 0, this); // as wide as its text: the boxes beside need the room
    };
    form->addRow(label(tr("Experts in")), tier_);
    // The chain spans the whole width: a list and four buttons do not fit beside a label in a dock.
    // Captions across the dock wrap rather than widen it past a narrow window.
    const auto caption = [this](const QString& text) {
        auto* l = new QLabel(text, this);
        l->setWordWrap(true);
        return l;
    };
    form->addRow(caption(tr("Link chain, from the tier to HBM:")));
    form->addRow(pathBox);
    form->addRow(caption(tr("Or tiers by popularity, hottest first:")));
    form->addRow(tieredPlacement_);
    form->addRow(copyRouter_);
    form->addRow(label(tr("Latency rule")), latencyRule_);
    form->addRow(steals_);
    // The HBM expert cache and the predictor: FieldSpec-driven like every number.
    auto* cache = caption(tr("Expert cache and prefetch, per MoE layer:"));
    cache->setToolTip(tr("Experts kept in HBM, and a predictor that stages the next experts early. "
                         "Recall 1, precision 1 and no cache is the reference."));
    form->addRow(cache);
    form->addRow(new ParamForm(doc, { QStringLiteral("placement.cache") }, this));
    form->addRow(caption(tr("KV cache:")));
    form->addRow(new KvPlacementEditor(doc, this));
    auto* compared = caption(tr("Compared in the energy and latency charts:"));
    compared->setToolTip(tr("One bar per placement and batch; each placement has its own tier and links."));
    form->addRow(compared);
    form->addRow(compared_);

    connect(doc_, &WorkspaceDocument::changed, this, &PlacementEditor::refresh);
    refresh();
}

QString PlacementEditor::chainText() const
{
    return chain_->text();
}

void PlacementEditor::setPath(const std::vector<std::string>& path, const QString& text)
{
    doc_->edit(text, [path](Workspace& w) { w.scenario.placement.path = path; });
}

void PlacementEditor::addLink(const QString& linkId, int row)
{
    auto path = doc_->scenario().placement.path;
    if (row < 0 || row > int(path.size()))
        row = int(path.size());
    path.insert(path.begin() + row, linkId.toStdString());
    setPath(path, tr("Add %1 to the link chain").arg(linkId));
    path_->setCurrentRow(row);
}

void PlacementEditor::removeLink(int row)
{
    auto path = doc_->scenario().placement.path;
    if (row < 0 || row >= int(path.size()))
        return;
    const QString id = QString::fromStdString(path[std::size_t(row)]);
    path.erase(path.begin() + row);
    setPath(path, tr("Remove %1 from the link chain").arg(id));
}

void PlacementEditor::moveLink(int row, int delta)
{
    auto path = doc_->scenario().placement.path;
    const int to = row + delta;
    if (row < 0 || row >= int(path.size()) || to < 0 || to >= int(path.size()) || delta == 0)
        return;
    std::swap(path[std::size_t(row)], path[std::size_t(to)]);
    setPath(path, tr("Reorder the link chain"));
    path_->setCurrentRow(to);
}

void PlacementEditor::refresh()
{
    const Scenario& s = doc_->scenario();
    QList<IdComboBox::Item> tiers { { QString::fromUtf8(kHbmTierId.data(), qsizetype(kHbmTierId.size())),
        tr("HBM (the GPU's own)"), tr("No offloading: the baseline") } };
    for (const auto& t : s.tiers)
        tiers.push_back({ QString::fromStdString(t.id), QString::fromStdString(t.name),
            tr("Id: %1").arg(QString::fromStdString(t.id)) });
    tier_->setItems(tiers);
    tier_->setCurrentId(QString::fromStdString(s.placement.expertTier));

    bool samePath = path_->count() == int(s.placement.path.size());
    for (int i = 0; samePath && i < path_->count(); ++i)
        samePath
            = path_->item(i)->data(Qt::UserRole).toString().toStdString() == s.placement.path[std::size_t(i)]
            && path_->item(i)->text() == linkName(s, s.placement.path[std::size_t(i)]);
    if (!samePath) {
        const int current = path_->currentRow();
        const QSignalBlocker block(path_);
        path_->clear();
        for (const auto& id : s.placement.path) {
            auto* item = new QListWidgetItem(linkName(s, id), path_);
            item->setData(Qt::UserRole, QString::fromStdString(id));
            item->setToolTip(tr("Id: %1").arg(QString::fromStdString(id)));
        }
        path_->setCurrentRow(std::min(current, path_->count() - 1));
    }

    const bool offloaded = s.expertsOffloaded();
    const bool listed = !s.placement.tiers.empty();
    tier_->setEnabled(!listed);
    QStringList chain;
    if (listed) {
        chain_->setText(tr("The tier list below replaces this tier and chain."));
    } else if (offloaded) {
        const MemoryTier* t = s.findTier(s.placement.expertTier);
        chain << (t ? QString::fromStdString(t->name) : QString::fromStdString(s.placement.expertTier));
        for (const auto& id : s.placement.path)
            chain << linkName(s, id);
        chain << tr("HBM");
        chain_->setText(chain.join(QStringLiteral(" → ")));
    } else {
        chain_->setText(tr("Experts stay in HBM: no copy, the chain is unused."));
    }
    path_->setEnabled(offloaded && !listed);
    add_->setEnabled(offloaded && !listed);
    updateButtons();

    const QSignalBlocker b1(copyRouter_), b2(latencyRule_), b3(steals_);
    copyRouter_->setChecked(s.placement.copyRouterWeights);
    latencyRule_->setCurrentIndex(s.options.latencyRule == Options::LatencyRule::Overlap ? 0 : 1);
    steals_->setChecked(s.options.copyStealsHbmBandwidth);
    // Kept but greyed out for the HBM baseline, where nothing is copied.
    copyRouter_->setEnabled(offloaded);
    latencyRule_->setEnabled(offloaded);
    steals_->setEnabled(offloaded);
}

void PlacementEditor::updateButtons()
{
    const bool on = path_->isEnabled();
    const int row = path_->currentRow();
    remove_->setEnabled(on && row >= 0);
    up_->setEnabled(on && row > 0);
    down_->setEnabled(on && row >= 0 && row + 1 < path_->count());
}

} // namespace tierlens
