#pragma once

#include "core/data/workspace.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

class QChart;
class QChartView;
class QLineSeries;
class QLogValueAxis;
class QValueAxis;
class QLabel;

namespace tierlens {

/// Expert coverage: expected active experts per MoE layer, and on the busiest GPU, versus batch,
/// under the scenario's routing, which the title names.
/// Drawn with Qt Charts (a plain line chart, the one view it serves well).
class CoverageView : public QWidget {
    Q_OBJECT
public:
    explicit CoverageView(QWidget* parent = nullptr);

    void setResult(const Workspace& w, const WorkspaceResult& r);
    /// Series values as shown, for tests.
    int pointCount() const;
    QList<QPointF> activePoints() const;
    QString title() const;
    QString note() const;

    /// How the view names a routing in its title ("Zipf routing (s = 1.2)") and explains it.
    static QString routingName(const Routing& routing);
    static QString routingNote(const Routing& routing);

private:
    QChart* chart_;
    QChartView* view_;
    QLineSeries* active_;
    QLineSeries* busiest_;
    QLogValueAxis* xAxis_;
    QValueAxis* yAxis_;
    QValueAxis* busiestAxis_; // right: the busiest GPU holds E/N experts at most
    QLabel* note_;
};

} // namespace tierlens
