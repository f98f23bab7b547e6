#pragma once

#include "render/heatmappainter.h"
#include "widgets/views/chartwidget.h"

namespace tierlens {

/// The heatmap on screen: tooltips name the cell under the pointer, a left click reports it.
class HeatmapWidget : public ChartWidget {
    Q_OBJECT
public:
    explicit HeatmapWidget(QWidget* parent = nullptr);

    void setData(HeatmapData data);
    /// Outlined; (-1, -1) for none. The widget does not select on click by itself: whoever
    /// handles cellClicked decides.
    void setSelectedCell(int row, int column);
    const HeatmapPainter& painter() const { return painter_; }
    const ChartPainter& chartPainter() const override { return painter_; }

signals:
    void cellClicked(int row, int column);

protected:
    QString toolTipAt(const QPointF& pos) const override;
    void clickedAt(const QPointF& pos) override;

private:
    HeatmapHit hitAt(const QPointF& pos) const;

    HeatmapPainter painter_;
};

} // namespace tierlens
