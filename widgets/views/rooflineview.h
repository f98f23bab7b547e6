#pragma once

#include "render/rooflinepainter.h"
#include "widgets/views/chartwidget.h"

namespace tierlens {

/// The memory-level roofline of the step the window has selected (a bar of the breakdowns, else
/// the scenario at its batch); a point's name, intensity and FLOP/s show on hover.
class RooflineView : public ChartWidget {
    Q_OBJECT
public:
    explicit RooflineView(QWidget* parent = nullptr);

    void setStep(const Scenario& s, const Result& r);
    const ChartPainter& chartPainter() const override { return painter_; }
    const RooflinePainter& painter() const { return painter_; }

protected:
    QString toolTipAt(const QPointF& pos) const override;

private:
    RooflinePainter painter_;
};

} // namespace tierlens
