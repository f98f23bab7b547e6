#include "widgets/views/heatmapwidget.h"

#include "render/chartaxis.h"

#include <cmath>

namespace tierlens {

HeatmapWidget::HeatmapWidget(QWidget* parent)
    : ChartWidget(parent)
{
}

void HeatmapWidget::setData(HeatmapData heatmap)
{
    painter_.setData(std::move(heatmap));
    update();
}

void HeatmapWidget::setSelectedCell(int row, int column)
{
    painter_.setSelectedCell(row, column);
    update();
}

HeatmapHit HeatmapWidget::hitAt(const QPointF& pos) const
{
    // The widget itself is the paint device, so the layout measures fonts exactly as paintEvent does.
    return painter_.hitTest(QRectF(rect()), renderOptions(), pos, this);
}

QString HeatmapWidget::toolTipAt(const QPointF& pos) const
{
    const HeatmapHit hit = hitAt(pos);
    if (hit.row < 0)
        return {};
    const HeatmapData& d = painter_.data();
    const double v = painter_.value(hit.row, hit.column);
    const QString yLabel = d.yLabel.isEmpty() ? QStringLiteral("y") : d.yLabel;
    const QString xLabel = d.xLabel.isEmpty() ? QStringLiteral("x") : d.xLabel;
    const QString value = std::isnan(v) ? tr("no data") : ChartAxis::format(v, 6);
    QString text = QStringLiteral("%1 = %2, %3 = %4: %5")
                       .arg(yLabel, ChartAxis::format(d.yValues[std::size_t(hit.row)], 6), xLabel,
                           ChartAxis::format(d.xValues[std::size_t(hit.column)], 6), value);
    if (d.ratio && !std::isnan(v)) {
        if (v < d.contourLevel)
            text += QLatin1Char(' ') + tr("(below break-even)");
        else if (v > d.contourLevel)
            text += QLatin1Char(' ') + tr("(above break-even)");
        else
            text += QLatin1Char(' ') + tr("(at break-even)");
    }
    return text;
}

void HeatmapWidget::clickedAt(const QPointF& pos)
{
    const HeatmapHit hit = hitAt(pos);
    if (hit.row >= 0 && hit.column >= 0)
        emit cellClicked(hit.row, hit.column);
}

} // namespace tierlens
