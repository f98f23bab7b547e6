#include "widgets/views/rooflineview.h"

#include "render/chartaxis.h"

namespace tierlens {

RooflineView::RooflineView(QWidget* parent)
    : ChartWidget(parent)
{
    setMouseTracking(true);
}

void RooflineView::setStep(const Scenario& s, const Result& r)
{
    painter_.setData(RooflineData::fromResult(s, r));
    update();
}

QString RooflineView::toolTipAt(const QPointF& pos) const
{
    const int i = painter_.hitTest(QRectF(rect()), renderOptions(), pos, this);
    if (i < 0)
        return {};
    const RooflinePoint& p = painter_.data().points[std::size_t(i)];
    return tr("<b>%1</b><br>%2 FLOP/byte<br>%3 TFLOP/s")
        .arg(p.name.toHtmlEscaped(), ChartAxis::format(p.intensity), ChartAxis::format(p.flopsPerS / 1e12));
}

} // namespace tierlens
