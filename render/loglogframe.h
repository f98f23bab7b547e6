#pragma once

#include "render/renderoptions.h"

#include <QFont>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>

class QPainter;
class QPaintDevice;

namespace tierlens {

/// The frame of a log-log plot shared by the roofline and the Pareto scatter: title, axes with a
/// tick per decade, axis captions and the plot area, all sized from the font measured on the
/// target device so that the screen, a 300 dpi PNG and an SVG lay out alike. Painters place their
/// marks with map() and test hovers with the same frame, so what is hit is what was drawn.
class LogLogFrame {
public:
    struct Axes {
        QString title;
        QString xCaption;
        QString yCaption;
        double xMin = 1, xMax = 10; ///< data range; widened to whole decades
        double yMin = 1, yMax = 10;
    };

    LogLogFrame(
        const Axes& axes, const QRectF& rect, const RenderOptions& options, const QPaintDevice* device);

    const QRectF& plot() const { return plot_; }
    /// A data point to device coordinates (values ≤ 0 map below or left of the plot).
    QPointF map(double x, double y) const;
    /// Device coordinates back to data.
    double xAt(double px) const;
    double yAt(double py) const;
    double xMin() const { return x0_; }
    double xMax() const { return x1_; }
    double yMin() const { return y0_; }
    double yMax() const { return y1_; }
    double em() const { return em_; }
    const QFont& font() const { return font_; }
    const QFont& smallFont() const { return small_; }

    /// Title, frame, ticks, tick labels and captions.
    void paint(QPainter& p) const;

    /// The font in points on `device` (a pixel-sized font converted at the device's resolution).
    static QFont inPoints(QFont font, const QPaintDevice* device);

private:
    Axes axes_;
    QFont font_, small_, titleFont_;
    QStringList titleLines_;
    QStringList xCaptionLines_;
    QRectF inner_, titleRect_, plot_;
    double em_ = 10;
    double x0_ = 1, x1_ = 10, y0_ = 1, y1_ = 10;
};

} // namespace tierlens
