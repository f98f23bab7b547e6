#pragma once

#include "core/data/workspace.h"
#include "render/chartdatabuilder.h"

#include <QWidget>

#include <memory>

class QComboBox;

namespace tierlens {

class BarChartWidget;
struct BarHit;

/// Stacked bars of energy per token or step latency for every batch × compared placement, with the
/// ratio of each bar to a chosen placement at the same batch. The axis is normalised to that
/// placement (energy's default), absolute, or a log axis of totals (BreakdownAxis). Axis,
/// reference and drawing options come from the workspace's view settings; a choice made here is
/// reported (axisChosen, referenceChosen) for the window to store in the workspace.
class BreakdownView : public QWidget {
    Q_OBJECT
public:
    enum class Metric { Energy, Latency };

    explicit BreakdownView(Metric metric, QWidget* parent = nullptr);

    void setResult(const Workspace& w, std::shared_ptr<const WorkspaceResult> r);
    BarChartWidget* chart() const { return chart_; }
    const BreakdownChart& current() const { return chart_data_; }
    Metric metric() const { return metric_; }
    BreakdownAxis axis() const;
    /// As if chosen in the axis box: redraws and emits axisChosen.
    void setAxis(BreakdownAxis axis);
    /// Selects the bar showing WorkspaceResult::bars[resultIndex] (-1: none).
    void selectResult(int resultIndex);

signals:
    /// A bar (series -1) or one of its segments was clicked; resultIndex is into WorkspaceResult::bars.
    void segmentSelected(int resultIndex, int series);
    void axisChosen(tierlens::BreakdownAxis axis);
    /// A placement id, or empty for none.
    void referenceChosen(const QString& placementId);

private:
    void rebuild();

    Metric metric_;
    BarChartWidget* chart_;
    QComboBox* axis_;
    QComboBox* reference_;
    Workspace workspace_;
    std::shared_ptr<const WorkspaceResult> result_;
    BreakdownChart chart_data_;
    int selected_ = -1;
};

} // namespace tierlens
