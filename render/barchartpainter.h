#pragma once

#include "render/barchartdata.h"
#include "render/chartpainter.h"

#include <QCoreApplication>
#include <QLineF>
#include <QPointF>
#include <QRectF>

#include <vector>

class QPaintDevice;

namespace tierlens {

struct BarChartLayout;

/// Grouped stacked bars with a value axis, printed totals (and ratios to a reference bar), an
/// optional hatched overlay column per bar, a legend and a title.
///
/// Every size is derived from the font measured on the device painted on, so one layout serves
/// the 96 dpi widget and a 300 dpi figure alike. paint() and the geometry queries below share one
/// layout computation; the queries take the device whose DPI the text was measured on (nullptr
/// measures on the screen, which is what a widget paints on).
class BarChartPainter : public ChartPainter {
    Q_DECLARE_TR_FUNCTIONS(tierlens::BarChartPainter)
public:
    void setData(BarChartData data);
    const BarChartData& data() const { return data_; }
    /// The bar drawn with a strong outline; -1 for none.
    void setSelectedBar(int bar);
    int selectedBar() const { return selected_; }

    /// A value as drawn: negative, NaN and infinite values count as 0.
    static double drawnValue(double v);
    /// Draws a laid-out label centred in its box, turned a quarter anticlockwise when `rotated`.
    static void drawLabel(QPainter& p, const QRectF& box, const QString& text, bool rotated);
    /// The bar whose total a bar's ratio is printed against (BarChartData::referenceOf, else
    /// referenceBar); -1 for none.
    int referenceOf(int bar) const;

    void paint(QPainter& painter, const QRectF& rect, const RenderOptions& options) const override;

    BarHit hitTest(const QRectF& rect, const RenderOptions& options, const QPointF& point,
        const QPaintDevice* device = nullptr) const;
    /// Rectangle of one segment (series >= 0) or of the whole stack (series == -1) exactly as
    /// paint() draws it; empty for an unknown bar or series.
    QRectF segmentRect(const QRectF& rect, const RenderOptions& options, int bar, int series,
        const QPaintDevice* device = nullptr) const;
    /// The hatched ghost column of a bar; empty when the bar has no overlay.
    QRectF overlayRect(const QRectF& rect, const RenderOptions& options, int bar,
        const QPaintDevice* device = nullptr) const;
    /// The range whisker of a bar from its low to its high end (range mode); null when none.
    QLineF whiskerLine(const QRectF& rect, const RenderOptions& options, int bar,
        const QPaintDevice* device = nullptr) const;
    /// Bounding box of the total (and ratio) printed above a bar; empty when not shown.
    QRectF valueLabelRect(const QRectF& rect, const RenderOptions& options, int bar,
        const QPaintDevice* device = nullptr) const;
    /// Bounding box of a bar's own label under the axis; empty when not shown.
    QRectF barLabelRect(const QRectF& rect, const RenderOptions& options, int bar,
        const QPaintDevice* device = nullptr) const;
    /// The area the bars stand in: its left edge is the value axis, its bottom edge the baseline.
    QRectF plotRect(
        const QRectF& rect, const RenderOptions& options, const QPaintDevice* device = nullptr) const;
    /// Bounding boxes of every text drawn (title, legend, ticks, captions, labels), for checks
    /// that nothing overlaps or leaves the rectangle.
    std::vector<QRectF> textRects(
        const QRectF& rect, const RenderOptions& options, const QPaintDevice* device = nullptr) const;

private:
    /// The one place positions are computed: paint() and every query above go through it.
    BarChartLayout layout(const QRectF& rect, const RenderOptions& options, const QPaintDevice* device) const;

    BarChartData data_;
    int selected_ = -1;
};

} // namespace tierlens
