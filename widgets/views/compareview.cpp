#include "widgets/views/compareview.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tierlens {

namespace {

QString number(const std::optional<double>& v, const std::string& text)
{
    return v ? QString::number(*v, 'g', 6) : QString::fromStdString(text);
}

void addRow(QTableWidget* t, const DiffRow& r)
{
    const int row = t->rowCount();
    t->insertRow(row);
    const auto ratio = r.ratio();
    const QStringList cells { QString::fromStdString(r.key), QString::fromStdString(r.unit),
        number(r.a, r.textA), number(r.b, r.textB),
        r.numeric() ? QString::number(r.delta(), 'g', 6) : QString(),
        ratio ? QString::number(*ratio, 'f', 4) : QString() };
    for (int c = 0; c < cells.size(); ++c) {
        auto* item = new QTableWidgetItem(cells[c]);
        if (c >= 2)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        t->setItem(row, c, item);
    }
}

void addSection(QTableWidget* t, const QString& title)
{
    const int row = t->rowCount();
    t->insertRow(row);
    auto* item = new QTableWidgetItem(title);
    QFont f = item->font();
    f.setBold(true);
    item->setFont(f);
    t->setItem(row, 0, item);
    t->setSpan(row, 0, 1, t->columnCount());
}

} // namespace

CompareView::CompareView(QWidget* parent)
    : QWidget(parent)
    , caption_(new QLabel(this))
    , table_(new QTableWidget(0, 6, this))
{
    caption_->setWordWrap(true);
    table_->setHorizontalHeaderLabels(
        { tr("Quantity"), tr("Unit"), tr("Baseline"), tr("Current"), tr("Δ"), tr("Current / baseline") });
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(caption_);
    layout->addWidget(table_, 1);
    clear();
}

void CompareView::setDiff(const ScenarioDiff& d, const QString& baselineName)
{
    table_->setRowCount(0);
    table_->clearSpans();
    if (d.empty()) {
        caption_->setText(tr("Nothing differs from the pinned baseline (%1).").arg(baselineName));
        return;
    }
    caption_->setText(
        tr("Against the pinned baseline (%1): %n changed input(s)", nullptr, int(d.inputs.size()))
            .arg(baselineName)
        + tr(", %n changed output(s).", nullptr, int(d.outputs.size())));
    addSection(table_, tr("Inputs"));
    for (const auto& r : d.inputs)
        addRow(table_, r);
    addSection(table_, tr("Outputs"));
    for (const auto& r : d.outputs)
        addRow(table_, r);
}

void CompareView::clear()
{
    table_->setRowCount(0);
    table_->clearSpans();
    caption_->setText(tr("No baseline pinned. Analysis → Pin as Baseline keeps the current scenario; "
                         "every later edit is then listed here against it."));
}

} // namespace tierlens
