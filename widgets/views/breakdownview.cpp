#include "widgets/views/breakdownview.h"

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
    setAxis(metric == Metric::Energy ? BreakdownAxis::Normalised : BreakdownAxis::Linear);
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
    connect(axis_, &QComboBox::currentIndexChanged, this, &BreakdownView::rebuild);
    connect(reference_, &QComboBox::currentIndexChanged, this, &BreakdownView::rebuild);
    connect(reference_, &QComboBox::activated, this, [this] { referenceChosen_ = true; });
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
    // Keep the chosen reference placement by id across edits.
    const QString current = reference_->currentData().toString();
    {
        const QSignalBlocker block(reference_);
        reference_->clear();
        reference_->addItem(tr("None"), QString());
        for (const auto& p : result_->placements)
            reference_->addItem(QString::fromStdString(p.label), QString::fromStdString(p.id));
        const int keep = referenceChosen_ ? reference_->findData(current) : -1;
        reference_->setCurrentIndex(keep >= 0 ? keep : (reference_->count() > 1 ? 1 : 0));
    }
    rebuild();
}

BreakdownAxis BreakdownView::axis() const
{
    return BreakdownAxis(axis_->currentData().toInt());
}

void BreakdownView::setAxis(BreakdownAxis axis)
{
    axis_->setCurrentIndex(axis_->findData(int(axis)));
}

void BreakdownView::rebuild()
{
    if (!result_)
        return;
    const BreakdownOptions o { axis(), reference_->currentData().toString().toStdString() };
    chart_data_ = metric_ == Metric::Energy ? ChartDataBuilder::energy(workspace_, *result_, o)
                                            : ChartDataBuilder::latency(workspace_, *result_, o);
    chart_->setData(chart_data_.data);
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
