#include "widgets/editors/tieredplacementeditor.h"

#include "core/model/tieredplacement.h"
#include "document/workspacedocument.h"
#include "widgets/common/idcombobox.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace tierlens {

namespace {

enum Column { TierColumn, ExpertsColumn, PathColumn };

QString pathText(const std::vector<std::string>& path)
{
    QStringList ids;
    for (const auto& id : path)
        ids << QString::fromStdString(id);
    return ids.join(QStringLiteral(", "));
}

} // namespace

TieredPlacementEditor::TieredPlacementEditor(WorkspaceDocument* doc, QWidget* parent)
    : QWidget(parent)
    , doc_(doc)
    , table_(new QTableWidget(0, 3, this))
    , add_(new QToolButton(this))
    , remove_(new QToolButton(this))
{
    table_->setHorizontalHeaderLabels({ tr("Tier"), tr("Experts"), tr("Path (link ids)") });
    table_->horizontalHeader()->setSectionResizeMode(TierColumn, QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(ExpertsColumn, QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(PathColumn, QHeaderView::Stretch);
    table_->verticalHeader()->setVisible(false);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setToolTip(tr("Hottest experts first: each row holds the next most popular routed experts of "
                          "every MoE layer. Rows on distinct links copy in parallel; a shared link carries "
                          "their sum. Empty: all experts on the tier chosen above."));

    add_->setText(tr("Add tier"));
    add_->setToolTip(tr("Append a tier that holds the rest of the experts"));
    auto* menu = new QMenu(add_);
    connect(menu, &QMenu::aboutToShow, this, [this, menu] {
        menu->clear();
        connect(menu->addAction(tr("HBM (the GPU's own)")), &QAction::triggered, this,
            [this] { addTier(QString::fromUtf8(kHbmTierId.data(), qsizetype(kHbmTierId.size()))); });
        for (const auto& t : doc_->scenario().tiers) {
            const QString id = QString::fromStdString(t.id);
            connect(menu->addAction(QString::fromStdString(t.name)), &QAction::triggered, this,
                [this, id] { addTier(id); });
        }
    });
    add_->setMenu(menu);
    add_->setPopupMode(QToolButton::InstantPopup);
    remove_->setText(tr("Remove"));
    remove_->setToolTip(tr("Remove the selected tier; with none left, the single expert tier applies"));
    connect(remove_, &QToolButton::clicked, this, [this] { removeTier(table_->currentRow()); });

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(add_);
    buttons->addWidget(remove_);
    buttons->addStretch();
    auto* box = new QVBoxLayout(this);
    box->setContentsMargins(0, 0, 0, 0);
    box->addLayout(buttons);
    box->addWidget(table_);

    connect(doc_, &WorkspaceDocument::changed, this, &TieredPlacementEditor::refresh);
    refresh();
}

void TieredPlacementEditor::apply(const std::vector<ExpertTierShare>& tiers, const QString& text)
{
    if (tiers != doc_->scenario().placement.tiers)
        doc_->edit(text, [tiers](Workspace& w) { w.scenario.placement.tiers = tiers; });
}

void TieredPlacementEditor::addTier(const QString& tierId)
{
    auto tiers = doc_->scenario().placement.tiers;
    if (!tiers.empty() && tiers.back().experts < 0) {
        // The old last row held the rest; keep what it held so the new row gets what is left.
        const int experts = doc_->scenario().model.moe ? doc_->scenario().model.moe->experts : 0;
        tiers.back().experts = TieredPlacement::resolve(doc_->scenario().placement, experts).back().experts;
    }
    tiers.push_back({ tierId.toStdString(), -1, {} });
    apply(tiers, tr("Add tier %1 to the expert placement").arg(tierId));
}

void TieredPlacementEditor::removeTier(int row)
{
    auto tiers = doc_->scenario().placement.tiers;
    if (row < 0 || row >= int(tiers.size()))
        return;
    const QString id = QString::fromStdString(tiers[std::size_t(row)].tier);
    tiers.erase(tiers.begin() + row);
    apply(tiers, tr("Remove tier %1 from the expert placement").arg(id));
}

void TieredPlacementEditor::setTier(int row, const QString& tierId)
{
    auto tiers = doc_->scenario().placement.tiers;
    if (row < 0 || row >= int(tiers.size()))
        return;
    tiers[std::size_t(row)].tier = tierId.toStdString();
    apply(tiers, tr("Place tier row %1 on %2").arg(row + 1).arg(tierId));
}

void TieredPlacementEditor::setExperts(int row, int experts)
{
    auto tiers = doc_->scenario().placement.tiers;
    if (row < 0 || row >= int(tiers.size()))
        return;
    tiers[std::size_t(row)].experts = experts;
    apply(tiers,
        experts < 0 ? tr("Give tier row %1 the rest of the experts").arg(row + 1)
                    : tr("Put %1 experts in tier row %2").arg(experts).arg(row + 1));
}

void TieredPlacementEditor::setPath(int row, const QString& text)
{
    auto tiers = doc_->scenario().placement.tiers;
    if (row < 0 || row >= int(tiers.size()))
        return;
    std::vector<std::string> path;
    static const QRegularExpression separators(QStringLiteral("\\s*(,|→|->)\\s*"));
    for (const QString& id : text.trimmed().split(separators, Qt::SkipEmptyParts))
        path.push_back(id.trimmed().toStdString());
    tiers[std::size_t(row)].path = path;
    apply(tiers, tr("Change the path of tier row %1").arg(row + 1));
}

void TieredPlacementEditor::refresh()
{
    const Scenario& s = doc_->scenario();
    const auto& tiers = s.placement.tiers;
    // Ids, not names, keep the column narrow enough for a dock; the name is the tooltip.
    QList<IdComboBox::Item> items { { QString::fromUtf8(kHbmTierId.data(), qsizetype(kHbmTierId.size())),
        QString::fromUtf8(kHbmTierId.data(), qsizetype(kHbmTierId.size())),
        tr("The GPU's own HBM: never copied") } };
    for (const auto& t : s.tiers)
        items.push_back(
            { QString::fromStdString(t.id), QString::fromStdString(t.id), QString::fromStdString(t.name) });
    QStringList links;
    for (const auto& l : s.links)
        links << QString::fromStdString(l.id);
    const int experts = s.model.moe ? s.model.moe->experts : 0;

    const int current = table_->currentRow();
    table_->setRowCount(int(tiers.size()));
    for (int row = 0; row < int(tiers.size()); ++row) {
        const ExpertTierShare& e = tiers[std::size_t(row)];
        auto* tier = qobject_cast<IdComboBox*>(table_->cellWidget(row, TierColumn));
        if (!tier) {
            tier = new IdComboBox(table_);
            connect(tier, &IdComboBox::idChosen, this, [this, tier](const QString& id) {
                for (int r = 0; r < table_->rowCount(); ++r)
                    if (table_->cellWidget(r, TierColumn) == tier)
                        setTier(r, id);
            });
            table_->setCellWidget(row, TierColumn, tier);
        }
        const QSignalBlocker b0(tier);
        tier->setItems(items);
        tier->setCurrentId(QString::fromStdString(e.tier));

        auto* count = qobject_cast<QSpinBox*>(table_->cellWidget(row, ExpertsColumn));
        if (!count) {
            count = new QSpinBox(table_);
            count->setSpecialValueText(tr("the rest"));
            count->setToolTip(tr("Routed experts per MoE layer on this tier; \"the rest\" (last row only) "
                                 "takes what earlier rows leave"));
            connect(count, &QSpinBox::editingFinished, this, [this, count] {
                for (int r = 0; r < table_->rowCount(); ++r)
                    if (table_->cellWidget(r, ExpertsColumn) == count)
                        setExperts(r, count->value());
            });
            table_->setCellWidget(row, ExpertsColumn, count);
        }
        const QSignalBlocker b1(count);
        count->setRange(-1, std::max(experts, 1 << 16));
        count->setValue(e.experts);

        auto* path = qobject_cast<QLineEdit*>(table_->cellWidget(row, PathColumn));
        if (!path) {
            path = new QLineEdit(table_);
            path->setPlaceholderText(tr("none"));
            connect(path, &QLineEdit::editingFinished, this, [this, path] {
                for (int r = 0; r < table_->rowCount(); ++r)
                    if (table_->cellWidget(r, PathColumn) == path)
                        setPath(r, path->text());
            });
            table_->setCellWidget(row, PathColumn, path);
        }
        const QSignalBlocker b2(path);
        path->setToolTip(
            tr("Link ids from the tier to HBM, separated by commas. Known: %1").arg(links.join(u", ")));
        if (path->text() != pathText(e.path)) {
            path->setText(pathText(e.path));
            path->setCursorPosition(0);
        }
        path->setEnabled(e.tier != kHbmTierId);
    }
    table_->setCurrentCell(std::min(current, table_->rowCount() - 1), TierColumn);
    remove_->setEnabled(!tiers.empty());
    // Tall enough for four rows without scrolling, no taller: the dock is shared.
    const int rowHeight = table_->verticalHeader()->defaultSectionSize();
    table_->setFixedHeight(
        table_->horizontalHeader()->sizeHint().height() + rowHeight * 4 + 2 * table_->frameWidth());
}

} // namespace tierlens
