#include "widgets/views/validationgallery.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tierlens {

namespace {

const QColor kPassBackground(0xE3, 0xF4, 0xE1);
const QColor kMeasuredBackground(0xE2, 0xEC, 0xF8);
const QColor kFailBackground(0xFB, 0xE0, 0xDD);
const QColor kFailText(0x8A, 0x1C, 0x1C);
const QColor kDeviationBackground(0xFD, 0xF1, 0xD6);
const QColor kDeviationText(0x7A, 0x4B, 0x00);

QString tooltip(const PaperCheck& c)
{
    QString t = QStringLiteral("<p><b>%1</b></p><p>Ours: %2.</p>")
                    .arg(QString::fromStdString(c.description).toHtmlEscaped(),
                        QString::fromStdString(c.how).toHtmlEscaped());
    if (c.measured())
        t += QObject::tr("<p><b>Measured:</b> %1. Not fitted: the model's value is what it predicts.</p>")
                 .arg(QString::fromStdString(c.measuredBy).toHtmlEscaped());
    if (c.knownDeviation.documented())
        t += QObject::tr("<p><b>Known deviation:</b> %1</p>")
                 .arg(QString::fromStdString(c.knownDeviation.reason).toHtmlEscaped());
    if (!c.study.empty())
        t += QObject::tr("<p>Double-click to open %1.</p>").arg(QString::fromStdString(c.study));
    return t;
}

} // namespace

QString ValidationGallery::outcomeText(PaperStatus s)
{
    switch (s) {
    case PaperStatus::Pass:
        return tr("pass");
    case PaperStatus::Deviation:
        return tr("deviation");
    case PaperStatus::Fail:
        return tr("FAIL");
    }
    return tr("FAIL");
}

ValidationGallery::ValidationGallery(const PresetLibrary& lib, QWidget* parent)
    : QWidget(parent)
    , lib_(lib)
{
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    table_ = new QTableWidget(0, ColumnCount, this);
    table_->setHorizontalHeaderLabels(
        { tr("Check"), tr("Published"), tr("Ours"), tr("Difference"), tr("Tolerance"), tr("Result") });
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(Check, QHeaderView::Stretch);
    table_->setWordWrap(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(summary_);
    layout->addWidget(table_, 1);
    connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (row < 0 || std::size_t(row) >= results_.size())
            return;
        const PaperCheck& c = *results_[std::size_t(row)].check;
        if (!c.study.empty())
            emit studyRequested(QString::fromStdString(c.study), c.studyCase);
    });
    refresh();
}

void ValidationGallery::refresh()
{
    if (!runs_)
        runs_ = std::make_unique<PaperRuns>(lib_);
    results_ = runPaperChecks(*runs_);
    table_->setRowCount(int(results_.size()));
    for (int row = 0; row < int(results_.size()); ++row) {
        const PaperCheckResult& r = results_[std::size_t(row)];
        const PaperCheck& c = *r.check;
        const QString cells[ColumnCount] = { QString::fromStdString(c.description),
            QString::fromStdString(paperValueText(c, c.published)),
            QString::fromStdString(paperValueText(c, r.ours)), QString::fromStdString(paperDifferenceText(r)),
            QString::fromStdString(paperToleranceText(c)),
            c.measured() && r.pass() ? tr("measured") : outcomeText(r.status) };
        const QString tip = tooltip(c);
        for (int col = 0; col < ColumnCount; ++col) {
            auto* item = new QTableWidgetItem(cells[col]);
            item->setToolTip(tip);
            // A measurement the model stays below reads apart from a reproduced number.
            item->setBackground(r.pass() ? (c.measured() ? kMeasuredBackground : kPassBackground)
                    : r.failed()         ? kFailBackground
                                         : kDeviationBackground);
            if (!r.pass())
                item->setForeground(r.failed() ? kFailText : kDeviationText);
            if (col != Check && col != Tolerance)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (col == Outcome) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
                item->setTextAlignment(Qt::AlignCenter);
            }
            table_->setItem(row, col, item);
        }
    }
    summary_->setText(summaryText());
}

QString ValidationGallery::summaryText() const
{
    int passed = 0, paper = 0, measured = 0, measuredBelow = 0;
    QStringList failed, deviations;
    for (const auto& r : results_) {
        if (r.check->measured()) {
            // Measurements are counted apart: the model is not expected to match them, only to
            // stay below them (a roofline without serving overheads).
            ++measured;
            measuredBelow += r.pass() ? 1 : 0;
            if (r.failed())
                failed << QString::fromStdString(r.check->description);
            continue;
        }
        ++paper;
        if (r.pass())
            ++passed;
        else if (r.failed())
            failed << QString::fromStdString(r.check->description);
        else
            deviations << QString::fromStdString(r.check->description);
    }
    QString text
        = tr("<b>%1 of %2</b> published numbers of the reference study (MODEL.md §7) and of LLM in a Flash "
             "(§8) are reproduced within their tolerance.")
              .arg(passed)
              .arg(paper);
    if (measured > 0)
        text += tr(" %1 of %2 measured serving numbers lie above the model's roofline, as they must; the "
                   "Difference column says how far.")
                    .arg(measuredBelow)
                    .arg(measured);
    if (!deviations.isEmpty())
        text += tr(" Documented deviations (the reason is in the row's tooltip): %1.")
                    .arg(deviations.join(QStringLiteral("; ")).toHtmlEscaped());
    if (!failed.isEmpty())
        text += tr(" <b>Not reproduced:</b> %1.").arg(failed.join(QStringLiteral("; ")).toHtmlEscaped());
    return text;
}

} // namespace tierlens
