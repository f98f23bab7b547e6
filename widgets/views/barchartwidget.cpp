#include "widgets/views/barchartwidget.h"

#include "render/chartaxis.h"

#include <algorithm>

namespace tierlens {

BarChartWidget::BarChartWidget(QWidget* parent)
    : ChartWidget(parent)
{
}

void BarChartWidget::setData(BarChartData chart)
{
    painter_.setData(std::move(chart));
    update();
}

void BarChartWidget::setSelectedBar(int bar)
{
    if (bar == painter_.selectedBar())
        return;
    painter_.setSelectedBar(bar);
    update();
}

QString BarChartWidget::toolTipAt(const QPointF& pos) const
{
    const QRectF area(rect());
    const BarHit hit = painter_.hitTest(area, renderOptions(), pos, this);
    if (hit.bar < 0)
        return {};
    const BarChartData& d = painter_.data();
    const BarStack& bar = d.bars[hit.bar];
    const int digits = std::clamp(d.decimals, 1, 15);
    const auto total = [&d](int b) {
        double t = 0;
        for (double v : d.bars[b].values)
            t += BarChartPainter::drawnValue(v);
        return t;
    };

    QStringList lines;
    QString head = bar.label;
    if (!bar.group.isEmpty())
        head = head.isEmpty() ? bar.group : head + QStringLiteral(" \u2014 ") + bar.group;
    if (!head.isEmpty())
        lines << head;
    if (!bar.toolTip.isEmpty())
        lines << bar.toolTip;
    // Normalised bars tell their absolute values too: the axis alone gives only the ratio.
    const bool normalised = bar.absoluteTotal >= 0;
    const double toAbsolute = normalised && total(hit.bar) > 0 ? bar.absoluteTotal / total(hit.bar) : 1;
    const auto value = [&](double v) {
        return normalised ? tr("%1 %2 = %3× the reference")
                                .arg(ChartAxis::format(v * toAbsolute, digits), d.absoluteUnit,
                                    ChartAxis::format(v, digits))
                          : ChartAxis::format(v, digits);
    };
    if (hit.series >= 0 && hit.series < int(bar.values.size())) {
        const double v = BarChartPainter::drawnValue(bar.values[hit.series]);
        QString name = d.seriesLabels.value(hit.series);
        if (name.isEmpty())
            name = tr("Series %1").arg(hit.series + 1);
        const QString share
            = total(hit.bar) > 0 ? ChartAxis::format(100 * v / total(hit.bar), 3) : QStringLiteral("0");
        lines << tr("%1: %2 (%3 % of the bar)").arg(name, value(v), share);
    } else if (d.logScale) {
        // Totals only on a log axis: the components are listed here instead.
        const double t = total(hit.bar);
        for (int s = 0; s < int(bar.values.size()); ++s)
            if (const double v = BarChartPainter::drawnValue(bar.values[s]); v > 0 && t > 0)
                lines << tr("%1: %2 (%3 % of the bar)")
                             .arg(d.seriesLabels.value(s), value(v), ChartAxis::format(100 * v / t, 3));
    }
    lines << tr("Total: %1").arg(value(total(hit.bar)));
    if (const int ref = painter_.referenceOf(hit.bar); ref >= 0 && ref != hit.bar && total(ref) > 0) {
        const QString refName = d.bars[ref].label.isEmpty() ? d.bars[ref].group : d.bars[ref].label;
        lines << tr("%1\u00d7 %2").arg(ChartAxis::format(total(hit.bar) / total(ref), digits), refName);
    }
    if (painter_.overlayRect(area, renderOptions(), hit.bar, this).contains(pos)) {
        const QString name = d.overlayLabel.isEmpty() ? tr("Overlay") : d.overlayLabel;
        lines << tr("%1: %2").arg(name, value(BarChartPainter::drawnValue(bar.overlay)));
    }
    return lines.join(QLatin1Char('\n'));
}

void BarChartWidget::clickedAt(const QPointF& pos)
{
    const BarHit hit = painter_.hitTest(QRectF(rect()), renderOptions(), pos, this);
    if (hit.bar >= 0)
        emit barClicked(hit);
}

} // namespace tierlens
