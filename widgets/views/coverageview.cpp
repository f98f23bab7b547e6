#include "widgets/views/coverageview.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace tierlens {

CoverageView::CoverageView(QWidget* parent)
    : QWidget(parent)
    , chart_(new QChart)
    , active_(new QLineSeries)
    , busiest_(new QLineSeries)
    , xAxis_(new QLogValueAxis)
    , yAxis_(new QValueAxis)
    , busiestAxis_(new QValueAxis)
{
    active_->setName(tr("Active experts per MoE layer"));
    busiest_->setName(tr("Active experts on the busiest GPU"));
    active_->setPointsVisible(true);
    busiest_->setPointsVisible(true);
    active_->setColor(QColor(0x00, 0x72, 0xB2));
    busiest_->setColor(QColor(0xD5, 0x5E, 0x00));
    chart_->addSeries(active_);
    chart_->addSeries(busiest_);
    xAxis_->setBase(2);
    xAxis_->setLabelFormat(QStringLiteral("%g"));
    xAxis_->setTitleText(tr("Batch (sequences)"));
    yAxis_->setTitleText(tr("Active experts per MoE layer"));
    yAxis_->setLabelFormat(QStringLiteral("%g"));
    busiestAxis_->setTitleText(tr("On the busiest GPU"));
    busiestAxis_->setLabelFormat(QStringLiteral("%g"));
    yAxis_->setTitleBrush(active_->color());
    busiestAxis_->setTitleBrush(busiest_->color());
    chart_->addAxis(xAxis_, Qt::AlignBottom);
    chart_->addAxis(yAxis_, Qt::AlignLeft);
    chart_->addAxis(busiestAxis_, Qt::AlignRight);
    active_->attachAxis(xAxis_);
    active_->attachAxis(yAxis_);
    busiest_->attachAxis(xAxis_);
    busiest_->attachAxis(busiestAxis_);
    chart_->legend()->setAlignment(Qt::AlignBottom);
    chart_->setMargins(QMargins(4, 4, 4, 4));
    view_ = new QChartView(chart_, this);
    view_->setRenderHint(QPainter::Antialiasing);
    note_ = new QLabel(this);
    note_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_, 1);
    layout->addWidget(note_);
}

void CoverageView::setResult(const Workspace& w, const WorkspaceResult& r)
{
    QList<QPointF> a, b;
    for (std::size_t i = 0; i < r.coverageBatches.size(); ++i) {
        a.append({ double(r.coverageBatches[i]), r.coverageActive[i] });
        b.append({ double(r.coverageBatches[i]), r.coverageBusiest[i] });
    }
    const auto& moe = w.scenario.model.moe;
    const Routing& routing = w.scenario.workload.routing;
    const QString title = !moe || a.isEmpty() ? tr("%1 is dense: every weight is used by every token")
                                                    .arg(QString::fromStdString(w.scenario.model.name))
                                              : tr("%1: %2 experts, top-%3, over %4 GPUs, %5")
                                                    .arg(QString::fromStdString(w.scenario.model.name))
                                                    .arg(moe->experts)
                                                    .arg(moe->topK)
                                                    .arg(w.scenario.cluster.gpus())
                                                    .arg(routingName(routing));
    // Routing depends on few parameters, so most edits leave this view as it is; Qt Charts lays
    // the whole chart out again on any change, so touch it only when something differs.
    if (title == chart_->title() && a == active_->points() && b == busiest_->points())
        return;
    active_->replace(a);
    busiest_->replace(b);
    chart_->setTitle(title);
    if (!moe || a.isEmpty()) {
        note_->clear();
        return;
    }
    xAxis_->setRange(1, r.coverageBatches.back());
    // Each curve on its own scale, both ending at "all experts" (of the layer, of one GPU).
    const int perGpu = (moe->experts + w.scenario.cluster.gpus() - 1) / w.scenario.cluster.gpus();
    yAxis_->setRange(0, moe->experts);
    busiestAxis_->setRange(0, perGpu);
    yAxis_->setTickCount(5);
    busiestAxis_->setTickCount(5);
    note_->setText(routingNote(routing)
        + tr(" Every active expert's weights are read (and, when offloaded, copied) once per step, so "
             "energy per token falls as the batch shares them; latency follows the busiest GPU."));
}

QString CoverageView::routingName(const Routing& routing)
{
    switch (routing.kind) {
    case Routing::Kind::Zipf:
        return tr("Zipf routing (s = %1)").arg(routing.zipfExponent, 0, 'g', 3);
    case Routing::Kind::Trace:
        return routing.layerCounts.size() == 1
            ? tr("routing from a trace of 1 layer")
            : tr("routing from a trace of %1 layers").arg(routing.layerCounts.size());
    case Routing::Kind::Uniform:
        break;
    }
    return tr("uniform routing");
}

QString CoverageView::routingNote(const Routing& routing)
{
    switch (routing.kind) {
    case Routing::Kind::Zipf:
        return tr(
            "Zipf routing: each token draws k experts without replacement, expert i with weight 1/(i+1)^s; "
            "expert i is active with P_i = 1 − (1 − π_i)^B.");
    case Routing::Kind::Trace:
        return tr("Trace routing: each layer's recorded choices give π_i = k·p_i; expert i is active with "
                  "P_i = 1 − (1 − π_i)^B, and the layers are averaged.");
    case Routing::Kind::Uniform:
        break;
    }
    return tr("Uniform routing: an expert is active with p = 1 − (1 − k/E)^B.");
}

QString CoverageView::title() const
{
    return chart_->title();
}

QString CoverageView::note() const
{
    return note_->text();
}

QList<QPointF> CoverageView::activePoints() const
{
    return active_->points();
}

int CoverageView::pointCount() const
{
    return int(active_->count());
}

} // namespace tierlens
