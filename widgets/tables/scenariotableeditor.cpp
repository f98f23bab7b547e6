#include "widgets/tables/scenariotableeditor.h"

#include "widgets/common/messagelabel.h"
#include "widgets/editors/paramform.h"
#include "widgets/tables/paramitemdelegate.h"
#include "widgets/tables/scenariotablemodel.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tierlens {

namespace {

QToolButton* button(const QString& text, const QString& tip, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}

} // namespace

ScenarioTableEditor::ScenarioTableEditor(
    ScenarioTableModel* model, const PresetLibrary& lib, const QString& blankText, QWidget* parent)
    : QWidget(parent)
    , model_(model)
    , lib_(lib)
    , view_(new QTableView(this))
    , detailBox_(new QGroupBox(this))
    , detail_(new ParamForm(model->document(), {}, detailBox_))
    , message_(new MessageLabel(this))
    , add_(button(tr("Add"), tr("Add an item from a preset, or a blank one"), this))
    , duplicate_(button(tr("Duplicate"), tr("Add a copy of the selected row below it"), this))
    , remove_(button(tr("Remove"), tr("Remove the selected row (refused while something uses it)"), this))
    , up_(button(tr("Up"), tr("Move the selected row up"), this))
    , down_(button(tr("Down"), tr("Move the selected row down"), this))
{
    model_->setParent(this);

    auto* menu = new QMenu(add_);
    menu->setToolTipsVisible(true);
    for (const PresetEntry* e : lib_.list(model_->presetKind())) {
        QAction* a = menu->addAction(QString::fromStdString(e->name));
        a->setToolTip(QString::fromStdString(e->description));
        const QString id = QString::fromStdString(e->id);
        connect(a, &QAction::triggered, this, [this, id] { addPreset(id); });
    }
    menu->addSeparator();
    connect(menu->addAction(blankText), &QAction::triggered, this, &ScenarioTableEditor::addBlank);
    add_->setMenu(menu);
    add_->setPopupMode(QToolButton::InstantPopup);

    connect(duplicate_, &QToolButton::clicked, this, &ScenarioTableEditor::duplicateCurrent);
    connect(remove_, &QToolButton::clicked, this, &ScenarioTableEditor::removeCurrent);
    connect(up_, &QToolButton::clicked, this, [this] { moveCurrent(-1); });
    connect(down_, &QToolButton::clicked, this, [this] { moveCurrent(+1); });

    view_->setModel(model_);
    auto* delegate = new ParamItemDelegate(view_);
    view_->setItemDelegate(delegate);
    connect(delegate, &ParamItemDelegate::refused, message_, &MessageLabel::showMessage);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::AnyKeyPressed);
    view_->setWordWrap(false);
    view_->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Numbers take what they need and the name the rest, so the table fits a narrow dock; ids
    // are in the tooltips and the form title rather than a row header.
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    view_->horizontalHeader()->setMinimumSectionSize(
        view_->fontMetrics().horizontalAdvance(QStringLiteral("0000")));
    view_->horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    view_->horizontalHeader()->setHighlightSections(false);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    (new QVBoxLayout(detailBox_))->addWidget(detail_);

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    for (auto* b : { add_, duplicate_, remove_, up_, down_ })
        buttons->addWidget(b);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(view_);
    layout->addWidget(message_);
    layout->addWidget(detailBox_);
    layout->addStretch();

    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &ScenarioTableEditor::updateButtons);
    connect(model_, &QAbstractItemModel::rowsInserted, this, &ScenarioTableEditor::updateButtons);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &ScenarioTableEditor::updateButtons);
    connect(model_, &QAbstractItemModel::rowsMoved, this, &ScenarioTableEditor::updateButtons);
    // A new workspace: show the first row's numbers rather than nothing.
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        selectRow(0);
        updateButtons();
    });
    // A rename changes the form's title.
    connect(model_, &QAbstractItemModel::dataChanged, this, &ScenarioTableEditor::updateDetail);
    selectRow(0);
    updateButtons();
}

QString ScenarioTableEditor::message() const
{
    return message_->text();
}

int ScenarioTableEditor::currentRow() const
{
    const QModelIndex i = view_->currentIndex();
    return i.isValid() ? i.row() : -1;
}

void ScenarioTableEditor::selectRow(int row)
{
    if (row < 0 || row >= model_->rowCount())
        return;
    view_->setCurrentIndex(model_->index(row, 0));
    view_->selectRow(row);
}

void ScenarioTableEditor::afterInsert(int row)
{
    message_->showMessage({});
    selectRow(row);
}

void ScenarioTableEditor::addPreset(const QString& presetId)
{
    const int at = currentRow() < 0 ? -1 : currentRow() + 1;
    afterInsert(model_->addPreset(lib_, presetId, at));
}

void ScenarioTableEditor::addBlank()
{
    const int at = currentRow() < 0 ? -1 : currentRow() + 1;
    afterInsert(model_->addBlank(at));
}

void ScenarioTableEditor::duplicateCurrent()
{
    if (currentRow() >= 0)
        afterInsert(model_->duplicateRow(currentRow()));
}

void ScenarioTableEditor::removeCurrent()
{
    QString why;
    if (currentRow() >= 0 && !model_->removeRowChecked(currentRow(), &why)) {
        message_->showMessage(why);
        return;
    }
    message_->showMessage({});
}

void ScenarioTableEditor::moveCurrent(int delta)
{
    // The model's move signal carries the selection along with the row.
    if (currentRow() >= 0 && model_->moveRowBy(currentRow(), delta))
        message_->showMessage({});
}

void ScenarioTableEditor::updateButtons()
{
    const int row = currentRow();
    const int rows = model_->rowCount();
    duplicate_->setEnabled(row >= 0);
    remove_->setEnabled(row >= 0);
    up_->setEnabled(row > 0);
    down_->setEnabled(row >= 0 && row + 1 < rows);
    updateDetail();
    fitHeight();
}

void ScenarioTableEditor::fitHeight()
{
    // As tall as its rows plus room to grow, so the selected row's form sits right below it.
    constexpr int kMinRows = 6, kMaxRows = 14;
    const int rows = std::clamp(model_->rowCount() + 1, kMinRows, kMaxRows);
    const int rowHeight = view_->verticalHeader()->defaultSectionSize();
    view_->setFixedHeight(
        view_->horizontalHeader()->sizeHint().height() + rows * rowHeight + 2 * view_->frameWidth());
}

void ScenarioTableEditor::updateDetail()
{
    const int row = currentRow();
    const QString id = model_->idAt(row);
    detail_->setPrefixes(
        id.isEmpty() ? QStringList() : QStringList { model_->collection() + QLatin1Char('.') + id });
    detailBox_->setVisible(!id.isEmpty());
    detailBox_->setTitle(tr("%1 — id %2").arg(model_->index(row, 0).data().toString(), id));
}

} // namespace tierlens
