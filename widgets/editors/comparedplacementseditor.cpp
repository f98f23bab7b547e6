#include "widgets/editors/comparedplacementseditor.h"

#include "document/workspacedocument.h"
#include "widgets/common/idcombobox.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace tierlens {

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

bool isHbm(const std::string& tier)
{
    return tier == kHbmTierId;
}

QString tierName(const Scenario& s, const std::string& id)
{
    if (isHbm(id))
        return ComparedPlacementsEditor::tr("HBM");
    if (const MemoryTier* t = s.findTier(id))
        return q(t->name.empty() ? t->id : t->name);
    return ComparedPlacementsEditor::tr("%1 (missing)").arg(q(id));
}

QString linkName(const Scenario& s, const std::string& id)
{
    if (const Interconnect* l = s.findLink(id))
        return q(l->name.empty() ? l->id : l->name);
    return ComparedPlacementsEditor::tr("%1 (missing)").arg(q(id));
}

QToolButton* button(const QString& text, const QString& tip, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    return b;
}

// The chain a newly compared tier is reached by: the scenario's own, else the one the compared
// placements already use, so "add SSD" next to "CPU memory over NVLink-C2C" crosses the same link.
std::vector<std::string> usualPath(const Workspace& w)
{
    if (!w.scenario.placement.path.empty())
        return w.scenario.placement.path;
    for (const auto& p : w.effectivePlacements())
        if (!p.path.empty())
            return p.path;
    return {};
}

// Every change works on an explicit list: the implicit defaults become the starting point.
void editPlacements(WorkspaceDocument* doc, const QString& text,
    const std::function<void(Workspace&, std::vector<PlacementOption>&)>& change)
{
    doc->edit(text, [&change](Workspace& w) {
        if (w.placements.empty())
            w.placements = w.effectivePlacements();
        change(w, w.placements);
    });
}

} // namespace

ComparedPlacementsEditor::ComparedPlacementsEditor(WorkspaceDocument* doc, QWidget* parent)
    : QWidget(parent)
    , doc_(doc)
    , list_(new QListWidget(this))
    , add_(button(tr("Add"), tr("Compare one more placement: pick the tier the experts live in"), this))
    , remove_(button(tr("Remove"), tr("Stop comparing the selected placement"), this))
    , tier_(new IdComboBox(this))
    , path_(new QListWidget(this))
    , addLink_(
          button(tr("Add link"), tr("Append a link to this placement's chain (tier first, HBM last)"), this))
    , removeLink_(button(tr("Remove link"), tr("Remove the selected link from this placement's chain"), this))
{
    list_->setToolTip(tr("The placements the energy and latency charts compare, one bar each per batch."));
    list_->setMaximumHeight(list_->fontMetrics().height() * 6);
    path_->setMaximumHeight(path_->fontMetrics().height() * 4);
    tier_->setToolTip(tr("Where this placement keeps the routed experts."));
    path_->setToolTip(tr("Links this placement's expert copies cross, from the tier (top) to HBM (bottom)."));

    auto* tierMenu = new QMenu(add_);
    connect(tierMenu, &QMenu::aboutToShow, this, [this, tierMenu] {
        tierMenu->clear();
        const Scenario& s = doc_->scenario();
        std::vector<std::string> ids { std::string(kHbmTierId) };
        for (const auto& t : s.tiers)
            ids.push_back(t.id);
        for (const auto& id : ids) {
            const QString qid = q(id);
            connect(tierMenu->addAction(tierName(s, id)), &QAction::triggered, this,
                [this, qid] { addPlacement(qid); });
        }
    });
    add_->setMenu(tierMenu);
    add_->setPopupMode(QToolButton::InstantPopup);
    connect(remove_, &QToolButton::clicked, this, [this] { removePlacement(currentRow()); });

    auto* linkMenu = new QMenu(addLink_);
    connect(linkMenu, &QMenu::aboutToShow, this, [this, linkMenu] {
        linkMenu->clear();
        for (const auto& l : doc_->scenario().links) {
            const QString id = q(l.id);
            connect(linkMenu->addAction(q(l.name.empty() ? l.id : l.name)), &QAction::triggered, this,
                [this, id] { addLink(currentRow(), id); });
        }
    });
    addLink_->setMenu(linkMenu);
    addLink_->setPopupMode(QToolButton::InstantPopup);
    connect(
        removeLink_, &QToolButton::clicked, this, [this] { removeLink(currentRow(), path_->currentRow()); });

    connect(tier_, &IdComboBox::idChosen, this, [this](const QString& id) { setTier(currentRow(), id); });
    connect(list_, &QListWidget::currentRowChanged, this, &ComparedPlacementsEditor::updateDetail);
    connect(path_, &QListWidget::currentRowChanged, this, &ComparedPlacementsEditor::updateDetail);

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(add_);
    buttons->addWidget(remove_);
    buttons->addStretch();
    auto* linkButtons = new QHBoxLayout;
    linkButtons->setContentsMargins(0, 0, 0, 0);
    linkButtons->addWidget(addLink_);
    linkButtons->addWidget(removeLink_);
    linkButtons->addStretch();

    auto* box = new QVBoxLayout(this);
    box->setContentsMargins(0, 0, 0, 0);
    box->addLayout(buttons);
    box->addWidget(list_);
    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->addRow(tr("Experts in"), tier_);
    box->addLayout(form);
    auto* links = new QLabel(tr("Its links, from the tier to HBM:"), this);
    links->setWordWrap(true);
    box->addWidget(links);
    box->addLayout(linkButtons);
    box->addWidget(path_);

    connect(doc_, &WorkspaceDocument::changed, this, &ComparedPlacementsEditor::refresh);
    refresh();
}

QString ComparedPlacementsEditor::routeText(
    const Scenario& s, const std::string& expertTier, const std::vector<std::string>& path)
{
    if (expertTier.empty())
        return tr("the scenario's tier list");
    if (isHbm(expertTier))
        return tr("HBM, no copy");
    QStringList chain { tierName(s, expertTier) };
    for (const auto& id : path)
        chain << linkName(s, id);
    chain << tr("HBM");
    return chain.join(QStringLiteral(" → "));
}

int ComparedPlacementsEditor::currentRow() const
{
    return list_->currentRow();
}

void ComparedPlacementsEditor::addPlacement(const QString& tierId)
{
    const std::string tier = tierId.toStdString();
    const Workspace& cur = doc_->workspace();
    if (!isHbm(tier) && !cur.scenario.findTier(tier))
        return;
    const QString name = tierName(cur.scenario, tier);
    editPlacements(
        doc_, tr("Compare experts in %1").arg(name), [&](Workspace& w, std::vector<PlacementOption>& v) {
            const auto taken = [&v](const std::string& id) {
                return std::any_of(
                    v.begin(), v.end(), [&id](const PlacementOption& p) { return p.id == id; });
            };
            // Ids name the reference of the ratios, so each stays unique: "ssd", "ssd-2", …
            std::string id = tier;
            for (int n = 2; taken(id); ++n)
                id = tier + "-" + std::to_string(n);
            PlacementOption p { id, name.toStdString(), tier,
                isHbm(tier) ? std::vector<std::string> {} : usualPath(w) };
            v.push_back(std::move(p));
        });
    list_->setCurrentRow(list_->count() - 1);
}

void ComparedPlacementsEditor::removePlacement(int row)
{
    const auto v = doc_->workspace().effectivePlacements();
    if (row < 0 || row >= int(v.size()) || v.size() < 2)
        return;
    editPlacements(doc_, tr("Stop comparing %1").arg(q(v[std::size_t(row)].label)),
        [row](Workspace&, std::vector<PlacementOption>& p) { p.erase(p.begin() + row); });
}

void ComparedPlacementsEditor::setTier(int row, const QString& tierId)
{
    const std::string tier = tierId.toStdString();
    const Workspace& cur = doc_->workspace();
    const auto v = cur.effectivePlacements();
    if (row < 0 || row >= int(v.size()) || v[std::size_t(row)].expertTier == tier
        || (!isHbm(tier) && !cur.scenario.findTier(tier)))
        return;
    const PlacementOption& old = v[std::size_t(row)];
    const QString name = tierName(cur.scenario, tier);
    // A label that only named the old tier follows the new one; a label the user chose stays.
    const bool autoLabel = old.expertTier.empty() || q(old.label) == tierName(cur.scenario, old.expertTier);
    editPlacements(doc_, tr("Compare %1 in %2").arg(q(old.label), name),
        [&](Workspace& w, std::vector<PlacementOption>& p) {
            PlacementOption& o = p[std::size_t(row)];
            o.expertTier = tier;
            if (autoLabel)
                o.label = name.toStdString();
            if (isHbm(tier))
                o.path.clear(); // nothing is copied from HBM
            else if (o.path.empty())
                o.path = usualPath(w);
        });
}

void ComparedPlacementsEditor::setPath(int row, const std::vector<std::string>& path)
{
    const auto v = doc_->workspace().effectivePlacements();
    if (row < 0 || row >= int(v.size()) || v[std::size_t(row)].path == path)
        return;
    editPlacements(doc_, tr("Change the links of %1").arg(q(v[std::size_t(row)].label)),
        [&](Workspace&, std::vector<PlacementOption>& p) { p[std::size_t(row)].path = path; });
}

void ComparedPlacementsEditor::addLink(int row, const QString& linkId, int at)
{
    const auto v = doc_->workspace().effectivePlacements();
    if (row < 0 || row >= int(v.size()) || !doc_->scenario().findLink(linkId.toStdString()))
        return;
    auto path = v[std::size_t(row)].path;
    if (at < 0 || at > int(path.size()))
        at = int(path.size());
    path.insert(path.begin() + at, linkId.toStdString());
    setPath(row, path);
}

void ComparedPlacementsEditor::removeLink(int row, int at)
{
    const auto v = doc_->workspace().effectivePlacements();
    if (row < 0 || row >= int(v.size()) || at < 0 || at >= int(v[std::size_t(row)].path.size()))
        return;
    auto path = v[std::size_t(row)].path;
    path.erase(path.begin() + at);
    setPath(row, path);
}

void ComparedPlacementsEditor::refresh()
{
    const Workspace& w = doc_->workspace();
    const auto v = w.effectivePlacements();
    const int current = std::clamp(currentRow(), v.empty() ? -1 : 0, int(v.size()) - 1);
    {
        const QSignalBlocker block(list_);
        list_->clear();
        for (const auto& p : v) {
            const QString route = routeText(w.scenario, p.expertTier, p.path);
            auto* item = new QListWidgetItem(tr("%1: %2").arg(q(p.label), route), list_);
            item->setToolTip(tr("%1 (id %2)\n%3").arg(q(p.label), q(p.id), route));
        }
        list_->setCurrentRow(current);
    }
    QList<IdComboBox::Item> tiers { { q(std::string(kHbmTierId)), tr("HBM (the GPU's own)"),
        tr("No offloading") } };
    for (const auto& t : w.scenario.tiers)
        tiers.push_back({ q(t.id), q(t.name.empty() ? t.id : t.name), tr("Id: %1").arg(q(t.id)) });
    tier_->setItems(tiers);
    updateDetail();
}

void ComparedPlacementsEditor::updateDetail()
{
    const Workspace& w = doc_->workspace();
    const auto v = w.effectivePlacements();
    const int row = currentRow();
    const bool valid = row >= 0 && row < int(v.size());
    const PlacementOption* p = valid ? &v[std::size_t(row)] : nullptr;
    {
        const QSignalBlocker block(tier_);
        tier_->setCurrentId(p ? q(p->expertTier) : QString(), tr("The scenario's tier list"));
    }
    // Rebuilt only when it changed, so the selected link survives unrelated edits.
    bool samePath = p && path_->count() == int(p->path.size());
    for (int i = 0; samePath && i < path_->count(); ++i)
        samePath = path_->item(i)->data(Qt::UserRole).toString() == q(p->path[std::size_t(i)])
            && path_->item(i)->text() == linkName(w.scenario, p->path[std::size_t(i)]);
    if (!samePath) {
        const QSignalBlocker block(path_);
        const int currentLink = path_->currentRow();
        path_->clear();
        if (p)
            for (const auto& id : p->path) {
                auto* item = new QListWidgetItem(linkName(w.scenario, id), path_);
                item->setData(Qt::UserRole, q(id));
                item->setToolTip(tr("Id: %1").arg(q(id)));
            }
        path_->setCurrentRow(std::min(currentLink, path_->count() - 1));
    }
    const bool copies = p && !p->expertTier.empty() && !isHbm(p->expertTier);
    remove_->setEnabled(valid && v.size() > 1);
    tier_->setEnabled(valid);
    path_->setEnabled(copies);
    addLink_->setEnabled(copies);
    removeLink_->setEnabled(copies && path_->currentRow() >= 0);
}

} // namespace tierlens
