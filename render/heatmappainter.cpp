#include "render/heatmappainter.h"

#include "render/chartaxis.h"
#include "render/chartpalette.h"
#include "render/contourtracer.h"
#include "render/heatmapcolorscale.h"
#include "render/heatmaplayout.h"

#include <QFontMetricsF>
#include <QImage>
#include <QLinearGradient>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPen>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tierlens {

namespace {

const QColor kInk(30, 30, 30); // labels, ticks
const QColor kFrame(80, 80, 80); // grid and bar frames

// The contour and its legend sample share one look: a dark core on a white casing, legible on
// dark and light cells and in grayscale print.
void drawCased(QPainter& p, const std::vector<QPolygonF>& lines, double width,
    Qt::PenCapStyle cap = Qt::RoundCap, Qt::PenStyle style = Qt::SolidLine)
{
    QPen casing(Qt::white, width * 1.9, style, cap, Qt::RoundJoin);
    QPen core(Qt::black, width, style, cap, Qt::RoundJoin);
    if (style != Qt::SolidLine) {
        // Dash lengths are in pen widths: the casing's, 1.9 times as wide, must match the core's.
        core.setDashPattern({ 4.0, 3.0 });
        casing.setDashPattern({ 4.0 / 1.9, 3.0 / 1.9 });
    }
    p.setBrush(Qt::NoBrush);
    // All casings first, so where two lines meet the black cores stay unbroken.
    p.setPen(casing);
    for (const QPolygonF& l : lines)
        p.drawPolyline(l);
    p.setPen(core);
    for (const QPolygonF& l : lines)
        p.drawPolyline(l);
}

// The band's low and high lines, on the map and in the key: dashed, thinner than the contour.
void drawBandLines(QPainter& p, const std::vector<QPolygonF>& lines, double contourWidth)
{
    drawCased(p, lines, 0.6 * contourWidth, Qt::FlatCap, Qt::DashLine);
}

// Diagonal hatching drawn as lines, not a pattern brush: QSvgGenerator writes pattern fills that
// SVG readers (QSvgRenderer among them) cannot resolve, and a brush pattern is in device pixels,
// too fine at 300 dpi. The lines sit on a global lattice so hatches of neighbouring cells join up.
void hatch(QPainter& p, const QRectF& r, double spacing, const QPen& pen)
{
    p.setPen(pen);
    // Lines x + y = k · spacing, rising to the right on screen.
    for (double k = std::ceil((r.left() + r.top()) / spacing); k * spacing < r.right() + r.bottom();
         k += 1.0) {
        const double s = k * spacing;
        const double x1 = std::max(r.left(), s - r.bottom()), x2 = std::min(r.right(), s - r.top());
        if (x2 > x1)
            p.drawLine(QPointF(x1, s - x1), QPointF(x2, s - x2));
    }
}

// Draws caption lines rotated to read bottom to top, first line leftmost, centred on `band`.
void drawRotatedLines(QPainter& p, const QRectF& band, const QStringList& lines, double lineHeight)
{
    p.save();
    p.translate(band.left(), band.center().y());
    p.rotate(-90);
    for (int i = 0; i < lines.size(); ++i)
        p.drawText(QRectF(-band.height() / 2, i * lineHeight, band.height(), lineHeight),
            Qt::AlignHCenter | Qt::AlignVCenter | Qt::TextDontClip, lines.at(i));
    p.restore();
}

} // namespace

void HeatmapPainter::setData(HeatmapData data)
{
    data_ = std::move(data);
    scale_.reset();
    contour_.reset();
    rows_ = int(std::min(data_.yValues.size(), data_.cells.size()));
    // A row may be short; its missing cells are drawn as "no data", so the longest row counts.
    std::size_t longest = 0;
    for (int r = 0; r < rows_; ++r)
        longest = std::max(longest, data_.cells[std::size_t(r)].size());
    columns_ = int(std::min(data_.xValues.size(), longest));
}

void HeatmapPainter::setSelectedCell(int row, int column)
{
    selected_ = { row, column };
}

double HeatmapPainter::value(int row, int column) const
{
    if (row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return std::numeric_limits<double>::quiet_NaN();
    const auto& cells = data_.cells[std::size_t(row)];
    return std::size_t(column) < cells.size() ? cells[std::size_t(column)]
                                              : std::numeric_limits<double>::quiet_NaN();
}

HeatmapColorScale HeatmapPainter::colorScale() const
{
    if (!scale_) {
        std::vector<double> values;
        values.reserve(std::size_t(rowCount()) * std::size_t(columnCount()));
        for (int r = 0; r < rowCount(); ++r)
            for (int c = 0; c < columnCount(); ++c)
                values.push_back(value(r, c));
        scale_ = HeatmapColorScale(values, data_.ratio, data_.contourLevel);
    }
    return *scale_;
}

std::vector<QPolygonF> HeatmapPainter::contour() const
{
    if (!contour_)
        contour_ = contourOf([this](int r, int c) { return value(r, c); });
    return *contour_;
}

bool HeatmapPainter::hasBand() const
{
    const auto fits = [this](const std::vector<std::vector<double>>& g) {
        if (int(g.size()) < rowCount())
            return false;
        for (int r = 0; r < rowCount(); ++r)
            if (int(g[std::size_t(r)].size()) < columnCount())
                return false;
        return rowCount() > 0;
    };
    return fits(data_.cellsLow) && fits(data_.cellsHigh);
}

std::vector<QPolygonF> HeatmapPainter::bandContour(bool high) const
{
    if (!hasBand())
        return {};
    const auto& g = high ? data_.cellsHigh : data_.cellsLow;
    return contourOf([&g](int r, int c) { return g[std::size_t(r)][std::size_t(c)]; });
}

template <class At> std::vector<QPolygonF> HeatmapPainter::contourOf(At value) const
{
    const int rows = rowCount(), columns = columnCount();
    const double level = data_.contourLevel;
    if (rows == 0 || columns == 0 || !(level > 0) || !std::isfinite(level))
        return {};
    // log(v / level): positive above the level. Zero and negative cells have no logarithm; they
    // count as far below, one span of the map (at least a decade) under its lowest cell, so the
    // line passes between them and their positive neighbours, nearer the neighbour. +inf
    // mirrors that above.
    auto field
        = std::vector<std::vector<double>>(std::size_t(rows), std::vector<double>(std::size_t(columns), 0.0));
    double lo = 0, hi = 0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            const double v = value(r, c);
            double f = std::numeric_limits<double>::quiet_NaN();
            if (std::isnan(v))
                f = v;
            else if (!(v > 0))
                f = -std::numeric_limits<double>::infinity();
            else
                f = std::log(v / level); // +inf for v = +inf, finite otherwise
            if (std::isfinite(f))
                lo = std::min(lo, f), hi = std::max(hi, f);
            field[std::size_t(r)][std::size_t(c)] = f;
        }
    const double span = std::max(hi - lo, std::log(10.0));
    for (auto& row : field)
        for (double& f : row)
            if (std::isinf(f))
                f = f < 0 ? lo - span : hi + span;
    return ContourTracer(std::move(field), rows, columns).trace(0.0);
}

HeatmapHit HeatmapPainter::hitTest(
    const QRectF& rect, const RenderOptions& options, const QPointF& point, const QPaintDevice* device) const
{
    const Layout l = layout(rect, options, device);
    if (l.grid.isEmpty() || !l.grid.contains(point))
        return {};
    const int column = std::clamp(int(std::floor((point.x() - l.grid.left()) / l.cellW)), 0, l.columns - 1);
    const int fromTop = std::clamp(int(std::floor((point.y() - l.grid.top()) / l.cellH)), 0, l.rows - 1);
    return { l.rows - 1 - fromTop, column };
}

QRectF HeatmapPainter::cellRect(
    const QRectF& rect, const RenderOptions& options, int row, int column, const QPaintDevice* device) const
{
    const Layout l = layout(rect, options, device);
    if (l.grid.isEmpty() || row < 0 || column < 0 || row >= l.rows || column >= l.columns)
        return {};
    return l.cell(row, column);
}

void HeatmapPainter::paint(QPainter& painter, const QRectF& rect, const RenderOptions& options) const
{
    const Layout l = layout(rect, options, painter.device(), true);
    const HeatmapColorScale scale = colorScale();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    if (!l.title.isEmpty()) {
        painter.setFont(l.titleFont);
        painter.setPen(kInk);
        painter.drawText(l.titleRect, Qt::AlignHCenter | Qt::AlignTop | Qt::TextDontClip, l.title);
    }
    if (l.grid.isEmpty()) {
        if (!l.message.isEmpty()) {
            painter.setFont(l.font);
            painter.setPen(QColor(120, 120, 120));
            painter.drawText(l.messageRect, Qt::AlignCenter | Qt::TextDontClip, l.message);
        }
        painter.restore();
        return;
    }
    paintCells(painter, l, options, scale);
    const std::vector<QPolygonF> lines = data_.ratio ? paintedContour(l) : std::vector<QPolygonF>();
    // The contour is drawn whole, under the numbers; each number gets a halo in its cell's colour
    // so it stays legible where the line passes behind it. Cutting the line around the digits
    // would leave gaps that read as the line ending. The dashed band lines get the same halos.
    std::vector<QPolygonF> behindNumbers = lines;
    if (data_.ratio && hasBand()) {
        // The break-even line at the low and at the high end of the ranges: where it may lie.
        painter.save();
        painter.setClipRect(l.grid);
        for (bool high : { false, true }) {
            std::vector<QPolygonF> band = ContourTracer::extendToBorder(bandContour(high), l.rows, l.columns);
            for (QPolygonF& line : band)
                for (QPointF& pt : line)
                    pt = l.centre(pt.x(), pt.y());
            drawBandLines(painter, band, l.contourWidth);
            behindNumbers.insert(behindNumbers.end(), band.begin(), band.end());
        }
        painter.restore();
    }
    if (!lines.empty()) {
        painter.save();
        painter.setClipRect(l.grid); // one clip for every edge; round caps would poke past the frame
        drawCased(painter, lines, l.contourWidth);
        painter.restore();
    }
    if (l.values)
        paintValues(painter, l, options, scale, behindNumbers, 2 * l.contourWidth);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(kFrame, l.hairline));
    painter.drawRect(l.grid);
    paintSelection(painter, l);
    paintAxes(painter, l);
    if (l.legend)
        paintLegend(painter, l, options, scale);
    painter.restore();
}

void HeatmapPainter::paintCells(
    QPainter& p, const Layout& l, const RenderOptions& o, const HeatmapColorScale& s) const
{
    // Fills without antialiasing: neighbouring cells then share their edge pixels exactly, with no
    // light seams between them where the borders are too thin to be drawn.
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    std::vector<QRectF> missing;
    // On screen, cells a few pixels small are one pixel each of an image scaled up without
    // smoothing: the same picture as a rectangle per cell, at a fraction of the cost for 65 536
    // cells. Vector exports keep their rectangles.
    const bool raster = p.paintEngine() && p.paintEngine()->type() == QPaintEngine::Raster;
    if (raster && l.cellW < 4 && l.cellH < 4 && l.rows > 1) {
        QImage image(l.columns, l.rows, QImage::Format_RGB32);
        const bool upward = l.cell(0, 0).top() > l.cell(1, 0).top(); // row 0 at the bottom
        // The scale sampled at 1024 positions: finer than a colour channel's 256 levels, and a
        // table lookup instead of a colour interpolation per cell.
        constexpr int kSteps = 1024;
        std::vector<QRgb> table(kSteps);
        for (int i = 0; i < kSteps; ++i)
            table[std::size_t(i)] = s.colorAt((i + 0.5) / kSteps, o.palette).rgb();
        for (int r = 0; r < l.rows; ++r) {
            auto* line = reinterpret_cast<QRgb*>(image.scanLine(upward ? l.rows - 1 - r : r));
            for (int c = 0; c < l.columns; ++c) {
                const double t = s.position(value(r, c));
                if (std::isnan(t)) {
                    line[c] = qRgb(255, 255, 255);
                    missing.push_back(l.cell(r, c));
                    continue;
                }
                line[c] = table[std::size_t(std::clamp(int(t * kSteps), 0, kSteps - 1))];
            }
        }
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.drawImage(l.grid, image);
    } else {
        for (int r = 0; r < l.rows; ++r)
            for (int c = 0; c < l.columns; ++c) {
                const QRectF cell = l.cell(r, c);
                const QColor fill = s.color(value(r, c), o.palette);
                p.fillRect(cell, fill.isValid() ? fill : QColor(Qt::white));
                if (!fill.isValid())
                    missing.push_back(cell);
            }
    }
    p.restore();
    // Missing data must not look like break-even (the neutral colour is near white).
    for (const QRectF& cell : missing)
        hatch(p, cell, 0.45 * l.line, QPen(QColor(170, 170, 170), l.hairline));

    if (l.borderWidth > 0) {
        p.setPen(QPen(Qt::white, l.borderWidth, Qt::SolidLine, Qt::FlatCap));
        for (int c = 1; c < l.columns; ++c) {
            const double x = l.grid.left() + c * l.cellW;
            p.drawLine(QPointF(x, l.grid.top()), QPointF(x, l.grid.bottom()));
        }
        for (int r = 1; r < l.rows; ++r) {
            const double y = l.grid.top() + r * l.cellH;
            p.drawLine(QPointF(l.grid.left(), y), QPointF(l.grid.right(), y));
        }
    }
}

void HeatmapPainter::paintValues(QPainter& p, const Layout& l, const RenderOptions& o,
    const HeatmapColorScale& s, const std::vector<QPolygonF>& lines, double halo) const
{
    p.setFont(l.valueFont);
    const QFontMetricsF fm(l.valueFont, p.device());
    // Only a number the line passes behind needs its halo: elsewhere the halo, in the cell's own
    // colour, would be invisible, and stroking glyph outlines is the dearest part of the chart
    // (a 10 × 4 map: most of its repaint). Segments are tested by their bounding boxes, so a
    // number near the line keeps its halo too.
    std::vector<QRectF> segments;
    for (const QPolygonF& line : lines)
        for (qsizetype i = 1; i < line.size(); ++i)
            segments.push_back(QRectF(line[i - 1], line[i]).normalized());
    const auto behindLine = [&segments](const QRectF& text) {
        return std::any_of(segments.begin(), segments.end(), [&text](const QRectF& seg) {
            // QRectF::intersects needs areas; a horizontal or vertical segment has none.
            return seg.left() <= text.right() && seg.right() >= text.left() && seg.top() <= text.bottom()
                && seg.bottom() >= text.top();
        });
    };
    // Top row first: SVG and PDF text then reads in the order a reader sees it.
    for (int r = l.rows - 1; r >= 0; --r)
        for (int c = 0; c < l.columns; ++c) {
            const double v = value(r, c);
            if (std::isnan(v))
                continue;
            const QColor fill = s.color(v, o.palette);
            const QRectF cell = l.cell(r, c);
            const QString text = ChartAxis::format(v, l.decimals);
            const double w = halo > 0 && fill.isValid() ? fm.horizontalAdvance(text) : 0.0;
            const QPointF origin(
                cell.center().x() - w / 2, cell.center().y() - fm.height() / 2 + fm.ascent());
            if (w > 0
                && behindLine(QRectF(origin.x(), origin.y() - fm.ascent(), w, fm.height())
                                  .adjusted(-halo, -halo, halo, halo))) {
                // The glyphs' outline stroked in the cell's colour: drawn under the text, over the line.
                QPainterPath path;
                path.addText(origin, l.valueFont, text);
                p.strokePath(path, QPen(fill, halo, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            }
            p.setPen(ChartPalette::textOn(fill));
            p.drawText(cell, Qt::AlignCenter | Qt::TextDontClip, text);
        }
}

std::vector<QPolygonF> HeatmapPainter::paintedContour(const Layout& l) const
{
    // Cells are squares around their centres, so a line that stops on the outermost centres is
    // half a cell short of the grid's edge: every such end is carried to the edge (ContourTracer),
    // and paint() clips all four edges alike.
    std::vector<QPolygonF> lines = ContourTracer::extendToBorder(contour(), l.rows, l.columns);
    for (QPolygonF& line : lines)
        for (QPointF& pt : line)
            pt = l.centre(pt.x(), pt.y());
    return lines;
}

void HeatmapPainter::paintSelection(QPainter& p, const Layout& l) const
{
    if (selected_.row < 0 || selected_.column < 0 || selected_.row >= l.rows || selected_.column >= l.columns)
        return;
    const QRectF cell = l.cell(selected_.row, selected_.column);
    const double w = std::min(l.contourWidth, std::min(cell.width(), cell.height()) / 4);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(Qt::black, w, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
    p.drawRect(cell.adjusted(w / 2, w / 2, -w / 2, -w / 2));
    // A white inner ring keeps the outline visible on the darkest cells.
    p.setPen(QPen(Qt::white, w / 2, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
    p.drawRect(cell.adjusted(w * 1.25, w * 1.25, -w * 1.25, -w * 1.25));
}

void HeatmapPainter::paintAxes(QPainter& p, const Layout& l) const
{
    p.setFont(l.tickFont);
    const QPen tickPen(kInk, l.hairline);
    for (int r = 0; r < l.rows; r += l.yEvery) {
        const double y = l.centre(0, r).y();
        p.setPen(tickPen);
        p.drawLine(QPointF(l.grid.left() - l.tickLen, y), QPointF(l.grid.left(), y));
        p.drawText(QRectF(l.yLabelLeft, y - l.tickLine / 2, l.yLabelWidth, l.tickLine),
            Qt::AlignRight | Qt::AlignVCenter | Qt::TextDontClip, l.yLabels.at(r));
    }
    for (int c = 0; c < l.columns; c += l.xEvery) {
        const double x = l.centre(c, 0).x();
        p.setPen(tickPen);
        p.drawLine(QPointF(x, l.grid.bottom()), QPointF(x, l.grid.bottom() + l.tickLen));
        p.drawText(QRectF(x - l.xLabelWidth / 2, l.xLabelTop, l.xLabelWidth, l.tickLine),
            Qt::AlignHCenter | Qt::AlignTop | Qt::TextDontClip, l.xLabels.at(c));
    }
    p.setFont(l.font);
    p.setPen(kInk);
    for (int i = 0; i < l.xCaption.size(); ++i)
        p.drawText(
            QRectF(l.xCaptionRect.left(), l.xCaptionRect.top() + i * l.line, l.xCaptionRect.width(), l.line),
            Qt::AlignHCenter | Qt::AlignVCenter | Qt::TextDontClip, l.xCaption.at(i));
    drawRotatedLines(p, l.yCaptionRect, l.yCaption, l.line);
}

void HeatmapPainter::paintLegend(
    QPainter& p, const Layout& l, const RenderOptions& o, const HeatmapColorScale& s) const
{
    QLinearGradient gradient(l.bar.bottomLeft(), l.bar.topLeft());
    constexpr int kStops = 32;
    for (int i = 0; i <= kStops; ++i)
        gradient.setColorAt(double(i) / kStops, s.colorAt(double(i) / kStops, o.palette));
    p.setPen(Qt::NoPen);
    p.setBrush(gradient);
    p.drawRect(l.bar);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(kFrame, l.hairline));
    p.drawRect(l.bar);

    // Labels that would overlap a neighbour are skipped; the break-even label goes first so it
    // always survives.
    std::vector<double> ticks = s.ticks();
    if (s.isRatio())
        std::stable_partition(
            ticks.begin(), ticks.end(), [&](double v) { return std::fabs(v / s.level() - 1) < 1e-9; });
    std::vector<std::pair<double, double>> taken;
    p.setFont(l.tickFont);
    for (double v : ticks) {
        const double y = l.bar.bottom() - s.position(v) * l.bar.height();
        const double top = y - l.tickLine / 2, bottom = y + l.tickLine / 2;
        if (std::any_of(taken.begin(), taken.end(),
                [&](const auto& t) { return top < t.second && bottom > t.first; }))
            continue;
        taken.emplace_back(top, bottom);
        p.setPen(QPen(kInk, l.hairline));
        p.drawLine(QPointF(l.bar.right(), y), QPointF(l.bar.right() + l.tickLen, y));
        p.drawText(QRectF(l.barLabelLeft, top, l.barLabelWidth, l.tickLine),
            Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, ChartAxis::format(v, 3));
    }
    if (s.isRatio()) {
        const double y = l.bar.bottom() - 0.5 * l.bar.height();
        // The break-even mark crosses the bar and replaces its tick, in the contour's own style.
        const QPolygonF mark { QPointF(l.bar.left(), y), QPointF(l.bar.right() + l.tickLen, y) };
        drawCased(p, { mark }, l.contourWidth, Qt::FlatCap);
    }
    p.setFont(l.font);
    p.setPen(kInk);
    drawRotatedLines(p, l.scaleCaptionRect, l.scaleCaption, l.line);

    if (!l.keyText.isEmpty()) {
        // Each entry's sample drawn as its line is on the map: solid, then dashed and thinner.
        for (std::size_t e = 0; e < l.keyEntryLine.size(); ++e) {
            const double y = l.key.top() + l.keyEntryLine[e] * l.tickLine + l.tickLine / 2;
            const QPolygonF sample { QPointF(l.key.left() + l.contourWidth, y),
                QPointF(l.key.left() + l.keySample, y) };
            if (e == 0)
                drawCased(p, { sample }, l.contourWidth);
            else
                drawBandLines(p, { sample }, l.contourWidth);
        }
        p.setFont(l.tickFont);
        p.setPen(kInk);
        const double textLeft = l.key.left() + l.keySample + l.gap / 2;
        for (int i = 0; i < l.keyText.size(); ++i)
            p.drawText(QRectF(textLeft, l.key.top() + i * l.tickLine, l.key.right() - textLeft, l.tickLine),
                Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, l.keyText.at(i));
    }
}

} // namespace tierlens
