#pragma once

#include "render/barchartdata.h"
#include "render/barchartpainter.h"
#include "widgets/views/chartwidget.h"

namespace tierlens {

/// Screen host of a BarChartPainter: tooltips name the segment under the mouse, a left click on a
/// bar is reported with barClicked().
class BarChartWidget : public ChartWidget {
    Q_OBJECT
public:
    explicit BarChartWidget(QWidget* parent = nullptr);

    void setData(BarChartData data);
    /// Outlines a bar (-1: none). The widget does not select on click by itself: the view that
    /// owns the selection answers barClicked().
    void setSelectedBar(int bar);
    const BarChartPainter& painter() const { return painter_; }
    const ChartPainter& chartPainter() const override { return painter_; }

signals:
    void barClicked(tierlens::BarHit hit);

protected:
    QString toolTipAt(const QPointF& pos) const override;
    void clickedAt(const QPointF& pos) override;

private:
    BarChartPainter painter_;
};

} // namespace tierlens
