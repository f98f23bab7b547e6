#include "widgets/views/breakdownview.h"

#include "render/workspacechart.h"
#include "widgets/views/barchartwidget.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace tierlens {

BreakdownView::BreakdownView(Metric metric, QWidget* parent)
    : QWidget(parent)
    , metric_(metric)
    , chart_(new BarChartWidget(this))
    , axis_(new QComboBox(this))
    , reference_(new QComboBox(this))
{
    axis_->addItem(tr("Normalised"), int(BreakdownAxis::Normalised));
    axis_->addItem(tr("Absolute"), int(BreakdownAxis::Linear));
    axis_->addItem(tr("Log (totals)"), int(BreakdownAxis::Log));
    axis_->setToolTip(tr("Normalised: each bar ÷ the reference placement at the same batch, stacked by "
                         "component, absolute totals printed.\nAbsolute: stacks in their own unit.\n"
                         "Log (totals): totals on a log axis; components are not stacked there."));
    // The paper's view of energy: how many times the reference each placement costs.
    axis_->setCurrentIndex(
        axis_->findData(int(WorkspaceChart::breakdownOptions({}, metric == Metric::Latency, {}).axis)));
    reference_->setToolTip(
        tr("The placement each bar is compared with (ratio, normalisation) at the same batch."));
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Reference:"), this));
    bar->addWidget(reference_);
    bar->addStretch(1);
    bar->addWidget(new QLabel(tr("Axis:"), this));
    bar->addWidget(axis_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addWidget(chart_, 1);
    connect(axis_, &QComboBox::activated, this, [this] { setAxis(axis()); });
    connect(reference_, &QComboBox::activated, this, [this] {
        const QString id = reference_->currentData().toString();
        workspace_.view.reference = id.toStdString();
        rebuild();
        emit referenceChosen(id);
    });
    connect(chart_, &BarChartWidget::barClicked, this, [this](BarHit hit) {
        if (hit.bar < 0 || hit.bar >= int(chart_data_.resultIndex.size()))
            return;
        selected_ = chart_data_.resultIndex[std::size_t(hit.bar)];
        chart_->setSelectedBar(hit.bar);
        emit segmentSelected(selected_, hit.series);
    });
}

void BreakdownView::setResult(const Workspace& w, std::shared_ptr<const WorkspaceResult> r)
{
    workspace_ = w;
    result_ = std::move(r);
    rebuild();
}

BreakdownAxis BreakdownView::axis() const
{
    return BreakdownAxis(axis_->currentData().toInt());
}

void BreakdownView::setAxis(BreakdownAxis axis)
{
    workspace_.view.axis = axis;
    {
        const QSignalBlocker block(axis_);
        axis_->setCurrentIndex(axis_->findData(int(axis)));
    }
    rebuild();
    emit axisChosen(axis);
}

void BreakdownView::rebuild()
{
    if (!result_)
        return;
    // The boxes show what the workspace's settings resolve to; the chart is the figure every
    // export draws (WorkspaceChart).
    const BreakdownOptions o
        = WorkspaceChart::breakdownOptions(*result_, metric_ == Metric::Latency, workspace_.view);
    {
        const QSignalBlocker blockAxis(axis_);
        axis_->setCurrentIndex(axis_->findData(int(o.axis)));
        const QSignalBlocker blockReference(reference_);
        reference_->clear();
        reference_->addItem(tr("None"), QString());
        for (const auto& p : result_->placements)
            reference_->addItem(QString::fromStdString(p.label), QString::fromStdString(p.id));
        reference_->setCurrentIndex(std::max(0, reference_->findData(QString::fromStdString(o.reference))));
    }
    chart_data_ = WorkspaceChart::breakdown(workspace_, *result_, metric_ == Metric::Latency);
    chart_->setData(chart_data_.data);
    chart_->setRenderOptions(WorkspaceChart::renderOptions(workspace_.view, chart_->renderOptions()));
    selectResult(selected_);
}

void BreakdownView::selectResult(int resultIndex)
{
    selected_ = resultIndex;
    int bar = -1;
    for (std::size_t i = 0; i < chart_data_.resultIndex.size(); ++i)
        if (chart_data_.resultIndex[i] == resultIndex)
            bar = int(i);
    chart_->setSelectedBar(bar);
}

} // namespace tierlens
