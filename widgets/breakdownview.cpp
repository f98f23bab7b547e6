#include "breakdownview.h"

#include "barchartwidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace tierlens {

BreakdownView::BreakdownView(Metric metric, QWidget* parent)
    : QWidget(parent)
    , metric_(metric)
    , chart_(new BarChartWidget(this))
    , log_(new QCheckBox(tr("Log scale"), this))
    , reference_(new QComboBox(this))
{
    log_->setToolTip(tr("A logarithmic value axis shows small and large batches side by side."));
    log_->setChecked(metric == Metric::Energy);  // energies span four orders of magnitude
    reference_->setToolTip(tr("Print each bar's total as a ratio to this placement at the same batch."));
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Ratio to:"), this));
    bar->addWidget(reference_);
    bar->addStretch(1);
    bar->addWidget(log_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addWidget(chart_, 1);
    connect(log_, &QCheckBox::toggled, this, &BreakdownView::rebuild);
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

void BreakdownView::rebuild()
{
    if (!result_)
        return;
    chart_data_ = metric_ == Metric::Energy ? ChartDataBuilder::energy(workspace_, *result_, log_->isChecked())
                                            : ChartDataBuilder::latency(workspace_, *result_, log_->isChecked());
    // Ratios against the chosen placement's bar of the same batch.
    const std::string refId = reference_->currentData().toString().toStdString();
    auto& d = chart_data_.data;
    if (!refId.empty()) {
        d.referenceOf.assign(d.bars.size(), -1);
        for (std::size_t i = 0; i < d.bars.size(); ++i) {
            const auto& bar = result_->bars[std::size_t(chart_data_.resultIndex[i])];
            for (std::size_t j = 0; j < d.bars.size(); ++j) {
                const auto& other = result_->bars[std::size_t(chart_data_.resultIndex[j])];
                if (other.batch == bar.batch && result_->placements[std::size_t(other.placement)].id == refId)
                    d.referenceOf[i] = int(j);
            }
        }
    }
    chart_->setData(d);
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
