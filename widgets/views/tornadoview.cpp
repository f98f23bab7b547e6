#include "widgets/views/tornadoview.h"

#include "document/workspacedocument.h"
#include "render/workspacechart.h"
#include "widgets/dialogs/rangeseditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace tierlens {

TornadoView::TornadoView(WorkspaceDocument* doc, QWidget* parent)
    : QWidget(parent)
    , doc_(doc)
    , metric_(new QComboBox(this))
    , message_(new QLabel(this))
    , chart_(new TornadoWidget(this))
{
    metric_->setObjectName(QStringLiteral("tornadoMetric"));
    metric_->addItem(tr("Energy per token"), QStringLiteral("energy"));
    metric_->addItem(tr("Step latency"), QStringLiteral("latency"));
    for (int i = 0; i < kEnergyPartCount; ++i)
        metric_->addItem(tr("Energy: %1")
                             .arg(QString::fromUtf8(energyPartLabel(EnergyPart(i)).data(),
                                 qsizetype(energyPartLabel(EnergyPart(i)).size()))),
            QStringLiteral("energy.%1")
                .arg(QString::fromLatin1(
                    energyPartKey(EnergyPart(i)).data(), qsizetype(energyPartKey(EnergyPart(i)).size()))));
    for (int i = 0; i < kLatencyPartCount; ++i)
        metric_->addItem(tr("Latency: %1")
                             .arg(QString::fromUtf8(latencyPartLabel(LatencyPart(i)).data(),
                                 qsizetype(latencyPartLabel(LatencyPart(i)).size()))),
            QStringLiteral("latency.%1")
                .arg(QString::fromLatin1(latencyPartKey(LatencyPart(i)).data(),
                    qsizetype(latencyPartKey(LatencyPart(i)).size()))));
    auto* edit = new QPushButton(tr("Edit Ranges…"), this);
    edit->setObjectName(QStringLiteral("editRangesButton"));
    message_->setWordWrap(true);
    message_->setObjectName(QStringLiteral("tornadoMessage"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Rank by:"), this));
    bar->addWidget(metric_);
    bar->addStretch();
    bar->addWidget(edit);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(message_);
    layout->addWidget(chart_, 1);

    connect(metric_, &QComboBox::currentIndexChanged, this, &TornadoView::refresh);
    connect(edit, &QPushButton::clicked, this, &TornadoView::editRanges);
    // Edits come in bursts (typing, a slider): rank once the burst is over. Ranking moves every
    // ranged constant twice; a hidden view leaves that off the edit's frame until it is shown.
    connect(doc_, &WorkspaceDocument::changed, this, [this] {
        if (!isVisible()) {
            dirty_ = true;
            return;
        }
        if (pending_)
            return;
        pending_ = true;
        QTimer::singleShot(0, this, &TornadoView::refresh);
    });
    refresh();
}

RangeMetric TornadoView::metric() const
{
    return rangeMetricFromKey(metric_->currentData().toString().toStdString()).value_or(RangeMetric {});
}

void TornadoView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (dirty_)
        refresh();
}

void TornadoView::refresh()
{
    pending_ = false;
    dirty_ = false;
    const Workspace& w = doc_->workspace();
    const auto ranges = rangesFor(w);
    const Problems problems = checkRanges(w.scenario, ranges, "ranges");
    if (ranges.empty())
        message_->setText(tr("No constant has a range yet: give some a low and a high in Edit Ranges…"));
    else if (!problems.empty())
        message_->setText(QString::fromStdString(problems.front().toString()));
    else
        message_->setText(tr("Each constant moved alone to its low and its high end, the others at their "
                             "values; the widest swing first."));
    chart_->painter().setData(WorkspaceChart::tornado(w, metric()));
    chart_->setRenderOptions(WorkspaceChart::renderOptions(w.view, chart_->renderOptions()));
}

void TornadoView::editRanges()
{
    auto* dialog = findChild<RangesEditor*>();
    if (!dialog)
        dialog = new RangesEditor(doc_, this);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

} // namespace tierlens
