#include "render/barchartpainter.h"

#include "render/barchartlayout.h"
#include "render/chartpalette.h"

#include <QLineF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace tierlens {

namespace {

// The colours of lines and fills; BarChartLayout has those of text.
const QColor kAxis(64, 64, 64), kGrid(224, 224, 224);
const QColor kGhost(80, 80, 80), kSelected(0, 0, 0);

// Qt's hatch patterns are 8 device pixels; scaling them keeps their look at print resolution.
QBrush hatch(QBrush b, double scale)
{
    if (b.style() != Qt::SolidPattern)
        b.setTransform(QTransform::fromScale(scale, scale));
    return b;
}

void fillSlot(QPainter& p, const QRectF& r, int slot, PaletteKind kind, double scale)
{
    p.fillRect(r, ChartPalette::slotColor(slot, kind)); // the ground under a grayscale hatch
    const QBrush b = ChartPalette::slotBrush(slot, kind);
    if (b.style() != Qt::SolidPattern)
        p.fillRect(r, hatch(b, scale));
}

void fillGhost(QPainter& p, const QRectF& r, double scale, double line)
{
    p.fillRect(r, Qt::white);
    p.fillRect(r, hatch(QBrush(kGhost, Qt::BDiagPattern), scale));
    p.setPen(QPen(kGhost, line, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
    p.setBrush(Qt::NoBrush);
    p.drawRect(r.adjusted(line / 2, line / 2, -line / 2, -line / 2));
}

} // namespace

void BarChartPainter::setData(BarChartData data)
{
    data_ = std::move(data);
}

void BarChartPainter::setSelectedBar(int bar)
{
    selected_ = bar;
}

double BarChartPainter::drawnValue(double v)
{
    // Negative, NaN and infinite inputs draw as nothing rather than as garbage; the cap keeps
    // sums finite.
    return std::isfinite(v) && v > 0 ? std::min(v, 1e300) : 0.0;
}

int BarChartPainter::referenceOf(int bar) const
{
    const int n = int(data_.bars.size());
    if (bar < 0 || bar >= n)
        return -1;
    const auto& of = data_.referenceOf;
    const int ref = of.empty() ? data_.referenceBar : (bar < int(of.size()) ? of[bar] : -1);
    return ref >= 0 && ref < n ? ref : -1;
}

void BarChartPainter::paint(QPainter& p, const QRectF& rect, const RenderOptions& options) const
{
    const BarChartLayout L = layout(rect, options, p.device());
    const PaletteKind kind = options.palette;
    p.save();
    p.setClipRect(rect, Qt::IntersectClip);
    p.setPen(QPen(kGrid, 0.8 * L.line, Qt::SolidLine, Qt::FlatCap));
    for (const auto& t : L.ticks)
        if (t.grid && t.y < L.plot.bottom() - L.line)
            p.drawLine(QLineF(L.plot.left(), t.y, L.plot.right(), t.y));

    for (int i = 0; i < int(L.bars.size()); ++i) {
        const auto& b = L.bars[i];
        if (b.overlay > 0)
            fillGhost(p, b.ghost, L.hatch, 0.8 * L.line);
        for (int s = 0; s < int(b.segments.size()); ++s)
            if (b.segments[s].height() > 0)
                fillSlot(p, b.segments[s], L.slotOf[s], kind, L.hatch);
        // White rules between segments keep equal neighbours apart; none above the top one.
        p.setPen(QPen(Qt::white, 0.8 * L.line, Qt::SolidLine, Qt::FlatCap));
        const double top = b.stack.top() + 0.5 * L.line;
        for (const QRectF& seg : b.segments)
            if (seg.height() > 0 && seg.top() > top)
                p.drawLine(QLineF(seg.left(), seg.top(), seg.right(), seg.top()));
        if (kind == PaletteKind::Grayscale && b.stack.height() > 0) {
            // Light grays need an edge to stand out from white paper.
            p.setPen(QPen(kAxis, 0.6 * L.line, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
            p.setBrush(Qt::NoBrush);
            p.drawRect(b.stack);
        }
    }
    // Whiskers over the stacks: a dark core on a white casing stays visible on every fill.
    for (const QPen& pen : { QPen(Qt::white, 2.6 * L.line, Qt::SolidLine, Qt::FlatCap),
             QPen(kAxis, 1.1 * L.line, Qt::SolidLine, Qt::FlatCap) }) {
        p.setPen(pen);
        for (const auto& b : L.bars)
            if (b.whisker)
                for (const QLineF& l : { b.whiskerLine, b.capLow, b.capHigh })
                    p.drawLine(l);
    }
    if (selected_ >= 0 && selected_ < int(L.bars.size())) {
        const auto& b = L.bars[selected_];
        const double w = 2.2 * L.line;
        p.setPen(QPen(kSelected, w, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
        p.setBrush(Qt::NoBrush);
        p.drawRect(b.stack.adjusted(-w / 2, -w / 2, w / 2, 0));
    }

    p.setPen(QPen(kAxis, L.line, Qt::SolidLine, Qt::FlatCap));
    const QRectF& r = L.plot;
    p.drawLine(QLineF(r.left(), r.top(), r.left(), r.bottom() + L.line / 2));
    p.drawLine(QLineF(r.left() - L.line / 2, r.bottom(), r.right(), r.bottom()));
    for (const auto& t : L.ticks)
        p.drawLine(QLineF(r.left() - (t.major ? L.tickLen : 0.5 * L.tickLen), t.y, r.left(), t.y));
    p.setPen(QPen(BarChartLayout::kSubtle, 0.8 * L.line, Qt::SolidLine, Qt::FlatCap));
    for (const QLineF& rule : L.rules)
        p.drawLine(rule);

    for (const auto& s : L.swatches) {
        if (s.slot == BarChartLayout::kWhiskerSlot) {
            p.setPen(QPen(kAxis, 1.1 * L.line, Qt::SolidLine, Qt::FlatCap));
            const QRectF& b = s.box;
            const double x = b.center().x(), cap = 0.3 * b.width();
            p.drawLine(QLineF(x, b.top(), x, b.bottom()));
            p.drawLine(QLineF(x - cap, b.top(), x + cap, b.top()));
            p.drawLine(QLineF(x - cap, b.bottom(), x + cap, b.bottom()));
            continue;
        }
        if (s.slot < 0) {
            fillGhost(p, s.box, L.hatch, 0.8 * L.line);
            continue;
        }
        fillSlot(p, s.box, s.slot, kind, L.hatch);
        if (kind == PaletteKind::Grayscale) {
            p.setPen(QPen(kAxis, 0.6 * L.line, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
            p.setBrush(Qt::NoBrush);
            p.drawRect(s.box);
        }
    }

    for (const auto& t : L.texts) {
        p.setFont(t.font);
        p.setPen(t.color);
        drawLabel(p, t.box, t.text, t.rotated);
    }
    p.restore();
}

void BarChartPainter::drawLabel(QPainter& p, const QRectF& box, const QString& text, bool rotated)
{
    constexpr int flags = Qt::AlignCenter | Qt::TextDontClip;
    if (!rotated) {
        p.drawText(box, flags, text);
        return;
    }
    // Rotated a quarter turn about the box's centre, so the text reads upwards inside the box.
    p.save();
    p.translate(box.center());
    p.rotate(-90);
    p.drawText(QRectF(-box.height() / 2, -box.width() / 2, box.height(), box.width()), flags, text);
    p.restore();
}

BarHit BarChartPainter::hitTest(
    const QRectF& rect, const RenderOptions& options, const QPointF& point, const QPaintDevice* device) const
{
    const BarChartLayout L = layout(rect, options, device);
    for (int i = 0; i < int(L.bars.size()); ++i) {
        const auto& b = L.bars[i];
        // Half-open spans, so a point on a boundary belongs to exactly one segment.
        const auto within = [&](const QRectF& r) {
            return point.x() >= r.left() && point.x() < r.right() && point.y() >= r.top()
                && point.y() < r.bottom();
        };
        for (int s = 0; s < int(b.segments.size()); ++s)
            if (within(b.segments[s]))
                return { i, L.totalsOnly ? -1 : s };
        if (within(b.column) || within(b.labelBox) || within(b.valueBox))
            return { i, -1 };
    }
    return {};
}

QRectF BarChartPainter::segmentRect(
    const QRectF& rect, const RenderOptions& options, int bar, int series, const QPaintDevice* device) const
{
    if (bar < 0 || bar >= int(data_.bars.size()))
        return {};
    const BarChartLayout L = layout(rect, options, device);
    const auto& b = L.bars[bar];
    if (series == -1)
        return b.stack;
    return series >= 0 && series < int(b.segments.size()) ? b.segments[series] : QRectF();
}

QRectF BarChartPainter::overlayRect(
    const QRectF& rect, const RenderOptions& options, int bar, const QPaintDevice* device) const
{
    return bar >= 0 && bar < int(data_.bars.size()) ? layout(rect, options, device).bars[bar].ghost
                                                    : QRectF();
}

QLineF BarChartPainter::whiskerLine(
    const QRectF& rect, const RenderOptions& options, int bar, const QPaintDevice* device) const
{
    return bar >= 0 && bar < int(data_.bars.size()) ? layout(rect, options, device).bars[bar].whiskerLine
                                                    : QLineF();
}

QRectF BarChartPainter::valueLabelRect(
    const QRectF& rect, const RenderOptions& options, int bar, const QPaintDevice* device) const
{
    return bar >= 0 && bar < int(data_.bars.size()) ? layout(rect, options, device).bars[bar].valueBox
                                                    : QRectF();
}

QRectF BarChartPainter::barLabelRect(
    const QRectF& rect, const RenderOptions& options, int bar, const QPaintDevice* device) const
{
    return bar >= 0 && bar < int(data_.bars.size()) ? layout(rect, options, device).bars[bar].labelBox
                                                    : QRectF();
}

QRectF BarChartPainter::plotRect(
    const QRectF& rect, const RenderOptions& options, const QPaintDevice* device) const
{
    return layout(rect, options, device).plot;
}

std::vector<QRectF> BarChartPainter::textRects(
    const QRectF& rect, const RenderOptions& options, const QPaintDevice* device) const
{
    std::vector<QRectF> boxes;
    for (const auto& t : layout(rect, options, device).texts)
        boxes.push_back(t.box);
    return boxes;
}

} // namespace tierlens
