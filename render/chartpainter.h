#pragma once

#include "render/renderoptions.h"

#include <QRectF>

class QPainter;

namespace tierlens {

/// A chart that draws itself into any rectangle of any paint device: the screen widget, a QImage
/// (PNG), QSvgGenerator (SVG) and QPdfWriter (PDF) all call the same paint().
class ChartPainter {
public:
    virtual ~ChartPainter() = default;
    virtual void paint(QPainter& painter, const QRectF& rect, const RenderOptions& options) const = 0;
};

} // namespace tierlens
