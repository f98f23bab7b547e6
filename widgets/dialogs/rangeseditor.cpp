#include "widgets/dialogs/rangeseditor.h"

#include "core/data/parampath.h"
#include "core/study/rangeanalysis.h"
#include "document/workspacedocument.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

#include <cmath>

namespace tierlens {

namespace {

enum Column { Path, Low, High, Label, Source, Columns };

QString number(double v)
{
    return QString::number(v, 'g', 12);
}

} // namespace

RangesEditor::RangesEditor(WorkspaceDocument* doc, QWidget* parent)
    : QDialog(parent)
    , doc_(doc)
    , table_(new QTableWidget(0, Columns, this))
    , message_(new QLabel(this))
{
    setWindowTitle(tr("Ranges"));
    setObjectName(QStringLiteral("rangesEditor"));
    table_->setHorizontalHeaderLabels({ tr("Path"), tr("Low"), tr("High"), tr("Label"), tr("Source") });
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setSectionResizeMode(Path, QHeaderView::ResizeToContents);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    message_->setWordWrap(true);
    message_->setObjectName(QStringLiteral("rangesMessage"));
    auto* intro = new QLabel(tr("Constants whose value is uncertain: range mode draws every result at "
                                "their low and high ends, and the tornado ranks them."),
        this);
    intro->setWordWrap(true);

    auto* add = new QPushButton(tr("&Add"), this);
    auto* remove = new QPushButton(tr("&Remove"), this);
    add->setObjectName(QStringLiteral("addRangeButton"));
    remove->setObjectName(QStringLiteral("removeRangeButton"));
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    buttons->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(table_, 1);
    layout->addWidget(message_);
    layout->addLayout(buttons);
    resize(720, 320);

    connect(add, &QPushButton::clicked, this, &RangesEditor::addRange);
    connect(remove, &QPushButton::clicked, this, [this] { removeRange(table_->currentRow()); });
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::hide);
    connect(table_, &QTableWidget::cellChanged, this, &RangesEditor::cellEdited);
    connect(doc_, &WorkspaceDocument::changed, this, &RangesEditor::reload);
    reload();
}

QString RangesEditor::message() const
{
    return message_->text();
}

void RangesEditor::reload()
{
    loading_ = true;
    const auto& ranges = doc_->workspace().ranges;
    table_->setRowCount(int(ranges.size()));
    for (int i = 0; i < int(ranges.size()); ++i) {
        const RangedConstant& r = ranges[std::size_t(i)];
        const QString cells[Columns] = { QString::fromStdString(r.path), number(r.low), number(r.high),
            QString::fromStdString(r.label), QString::fromStdString(r.source) };
        for (int c = 0; c < Columns; ++c) {
            auto* item = table_->item(i, c);
            if (!item)
                table_->setItem(i, c, item = new QTableWidgetItem);
            item->setText(cells[c]);
        }
    }
    loading_ = false;
}

void RangesEditor::cellEdited(int row, int column)
{
    if (loading_)
        return;
    std::vector<RangedConstant> ranges = doc_->workspace().ranges;
    if (row < 0 || row >= int(ranges.size()))
        return;
    RangedConstant& r = ranges[std::size_t(row)];
    const QString text = table_->item(row, column)->text().trimmed();
    const QString field = QStringLiteral("ranges[%1].%2")
                              .arg(row)
                              .arg(QStringList { QStringLiteral("path"), QStringLiteral("low"),
                                  QStringLiteral("high"), QStringLiteral("label"), QStringLiteral("source") }
                                       .at(column));
    bool ok = true;
    switch (column) {
    case Path:
        r.path = text.toStdString();
        break;
    case Low:
    case High: {
        const double v = text.toDouble(&ok);
        ok = ok && std::isfinite(v);
        (column == Low ? r.low : r.high) = v;
        break;
    }
    case Label:
        r.label = text.toStdString();
        break;
    default:
        r.source = text.toStdString();
        break;
    }
    if (!ok) {
        message_->setText(tr("%1: \"%2\" is not a number; the range is unchanged").arg(field, text));
        reload();
        return;
    }
    if (const Problems ps = checkRanges(doc_->scenario(), ranges, "ranges"); !ps.empty()) {
        message_->setText(
            tr("%1; the range is unchanged").arg(QString::fromStdString(ps.front().toString())));
        reload();
        return;
    }
    message_->clear();
    doc_->edit(tr("Edit range of %1").arg(QString::fromStdString(r.path)),
        [&ranges](Workspace& w) { w.ranges = ranges; });
}

void RangesEditor::addRange()
{
    const Workspace& w = doc_->workspace();
    std::vector<std::string> candidates { w.heatmap.x.path };
    for (const auto& info : parampath::list(w.scenario))
        candidates.push_back(info.path);
    for (const std::string& path : candidates) {
        const auto value = parampath::get(w.scenario, path);
        if (!value || *value <= 0)
            continue;
        std::vector<RangedConstant> ranges = w.ranges;
        if (std::any_of(
                ranges.begin(), ranges.end(), [&](const RangedConstant& r) { return r.path == path; }))
            continue;
        ranges.push_back({ path, "", 0.8 * *value, 1.2 * *value, "assumed ±20 %" });
        if (!checkRanges(w.scenario, ranges, "ranges").empty())
            continue; // a whole-number field, or one whose ends the scenario refuses
        message_->clear();
        doc_->edit(tr("Add range of %1").arg(QString::fromStdString(path)),
            [&ranges](Workspace& ws) { ws.ranges = ranges; });
        return;
    }
    message_->setText(tr("Every constant that can take ±20 % has a range already"));
}

void RangesEditor::removeRange(int row)
{
    std::vector<RangedConstant> ranges = doc_->workspace().ranges;
    if (row < 0 || row >= int(ranges.size()))
        return;
    const std::string path = ranges[std::size_t(row)].path;
    ranges.erase(ranges.begin() + row);
    doc_->edit(tr("Remove range of %1").arg(QString::fromStdString(path)),
        [&ranges](Workspace& w) { w.ranges = ranges; });
}

} // namespace tierlens
