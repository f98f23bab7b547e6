#pragma once

#include "workspace.h"

#include <QWidget>

class QChart;
class QChartView;
class QLineSeries;
class QLogValueAxis;
class QValueAxis;
class QLabel;

namespace tierlens {

/// Expert coverage: expected active experts per MoE layer, and on the busiest GPU, versus batch.
/// Drawn with Qt Charts (a plain line chart, the one view it serves well).
class CoverageView : public QWidget {
    Q_OBJECT
public:
    explicit CoverageView(QWidget* parent = nullptr);

    void setResult(const Workspace& w, const WorkspaceResult& r);
    /// Series values as shown, for tests.
    int pointCount() const;

private:
    QChart* chart_;
    QChartView* view_;
    QLineSeries* active_;
    QLineSeries* busiest_;
    QLogValueAxis* xAxis_;
    QValueAxis* yAxis_;
    QValueAxis* busiestAxis_;  // right: the busiest GPU holds E/N experts at most
    QLabel* note_;
};

} // namespace tierlens
