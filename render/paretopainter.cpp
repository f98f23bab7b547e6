#include "render/paretopainter.h"

#include "render/chartaxis.h"
#include "render/chartpalette.h"
#include "render/loglogframe.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPen>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tierlens {

namespace {

const QColor kInk(30, 30, 30);
constexpr double kDotRadiusEm = 0.16; // a design point of the cloud

QString placementName(const StudySeries& s)
{
    return QString::fromStdString(s.placementLabel.empty() ? s.placement : s.placementLabel);
}

LogLogFrame frameOf(
    const ParetoChartData& d, const QRectF& rect, const RenderOptions& o, const QPaintDevice* device)
{
    LogLogFrame::Axes a;
    a.title = d.title;
    a.xCaption = QStringLiteral("Step latency (ms)");
    // The rings need a key, and the caption is the one place a 3.5 in figure always has room for.
    if (std::find(d.fits.begin(), d.fits.end(), 0) != d.fits.end())
        a.xCaption += QStringLiteral(" · \u25CB = does not fit memory");
    a.yCaption = d.yCaption;
    double x0 = std::numeric_limits<double>::infinity(), x1 = 0, y0 = x0, y1 = 0;
    for (const auto& p : d.points) {
        if (!(p.latencyMs > 0) || !(p.value > 0) || !std::isfinite(p.latencyMs) || !std::isfinite(p.value))
            continue;
        x0 = std::min(x0, p.latencyMs);
        x1 = std::max(x1, p.latencyMs);
        y0 = std::min(y0, p.value);
        y1 = std::max(y1, p.value);
    }
    if (d.sloMs) {
        x0 = std::min(x0, *d.sloMs);
        x1 = std::max(x1, *d.sloMs);
    }
    a.xMin = x0;
    a.xMax = x1;
    a.yMin = y0;
    a.yMax = y1;
    return LogLogFrame(a, rect, o, device);
}

// Where the best point's label goes: a corner of the plot, its text wrapped at three quarters, half
// or a third of the plot's width, that covers neither the point it names, the SLO's label nor a front
// point if any corner can, and then the fewest cloud dots.
QRectF labelCorner(const QFontMetricsF& fm, const QString& text, const QRectF& plot, double em, QPointF named,
    const QRectF& sloLabel, const std::vector<QPointF>& front, const std::vector<QPointF>& cloud)
{
    const QRectF in = plot.adjusted(0.3 * em, 0.3 * em, -0.3 * em, -0.3 * em);
    QRectF best;
    std::pair<std::size_t, std::size_t> fewest { std::numeric_limits<std::size_t>::max(), 0 };
    for (double share : { 0.75, 0.5, 0.35 }) {
        // A little wider than measured: glyph advances round differently when painted, and a
        // box cut to the measured width wraps its last word.
        const QRectF box
            = fm.boundingRect(QRectF(0, 0, plot.width() * share, 10 * em), Qt::TextWordWrap, text)
                  .adjusted(0, 0, 0.5 * em, 0);
        const QRectF corners[] = { QRectF(in.bottomLeft() - QPointF(0, box.height()), box.size()),
            QRectF(in.topRight() - QPointF(box.width(), 0), box.size()),
            QRectF(in.bottomRight() - QPointF(box.width(), box.height()), box.size()),
            QRectF(in.topLeft(), box.size()) };
        for (const QRectF& corner : corners) {
            const QRectF near = corner.adjusted(-0.3 * em, -0.3 * em, 0.3 * em, 0.3 * em);
            std::pair<std::size_t, std::size_t> n { 0, 0 };
            n.first += corner.contains(named) || corner.intersects(sloLabel) ? 1 : 0;
            for (const QPointF& q : front)
                n.first += near.contains(q) ? 1 : 0;
            for (const QPointF& q : cloud)
                n.second += near.contains(q) ? 1 : 0;
            if (n < fewest) {
                fewest = n;
                best = corner;
            }
        }
    }
    return best;
}

} // namespace

QString ParetoChartData::describe(const Study& st, std::size_t index)
{
    const ParetoSettings s = paretoSettings(st, index);
    const StudySeries& series = st.series.at(s.series);
    QStringList lines;
    lines << QString::fromStdString(series.model) + QStringLiteral(" · ") + placementName(series);
    for (std::size_t a = 0; a < st.axes.size(); ++a)
        lines << QString::fromStdString(st.axes[a].label) + QStringLiteral(" = ")
                + ChartAxis::format(s.values[a], 4);
    return lines.join(QLatin1Char('\n'));
}

ParetoChartData ParetoChartData::fromResult(const ParetoResult& r)
{
    ParetoChartData d;
    const Study& st = *r.study;
    d.title = QString::fromStdString(st.name);
    const ParetoObjective objective = paretoObjective(st);
    d.yCaption = QString::fromUtf8(objective.caption.data(), qsizetype(objective.caption.size()));
    d.yUnit = QString::fromUtf8(objective.unit.data(), qsizetype(objective.unit.size()));
    d.points = r.points;
    d.fits = r.fits;
    d.front = r.front;
    d.sloMs = r.sloMs;
    d.best = r.bestUnderSlo;
    if (d.best) {
        // The placement and the axes the point depends on: an axis whose other values give the
        // very same numbers (the SSD's pJ/bit with the experts in HBM) says nothing about this
        // design and would crowd a 3.5 in figure; the hover shows everything.
        const std::size_t b = *d.best;
        const ParetoSettings s = paretoSettings(st, b);
        QStringList parts { placementName(st.series.at(s.series)) };
        std::size_t stride = 1;
        std::vector<std::size_t> strides(st.axes.size());
        for (std::size_t a = st.axes.size(); a-- > 0;) {
            strides[a] = stride;
            stride *= st.axes[a].values.size();
        }
        for (std::size_t a = 0; a < st.axes.size(); ++a) {
            const std::size_t n = st.axes[a].values.size(), k = (b / strides[a]) % n;
            bool matters = false;
            for (std::size_t v = 0; v < n && !matters; ++v) {
                const ParetoPoint& q = r.points[b - k * strides[a] + v * strides[a]];
                matters = q.value != r.points[b].value || q.latencyMs != r.points[b].latencyMs;
            }
            if (matters)
                parts << QString::fromStdString(st.axes[a].label) + QStringLiteral(" ")
                        + ChartAxis::format(s.values[a], 4);
        }
        // "pJ/bit" and "USD/GB" stay whole when the label wraps: no break after the slash.
        d.bestLabel
            = parts.join(QStringLiteral(", ")).replace(QStringLiteral("/"), QStringLiteral("/\u2060"));
    }
    return d;
}

std::vector<QPointF> ParetoPainter::positions(
    const QRectF& rect, const RenderOptions& o, const QPaintDevice* device) const
{
    const LogLogFrame f = frameOf(data_, rect, o, device);
    std::vector<QPointF> out;
    out.reserve(data_.points.size());
    for (const auto& p : data_.points)
        out.push_back(f.map(p.latencyMs, p.value));
    return out;
}

double ParetoPainter::dotRadius(const QRectF& rect, const RenderOptions& o, const QPaintDevice* device) const
{
    return kDotRadiusEm * frameOf(data_, rect, o, device).em();
}

// Dots a third of their radius apart are indistinguishable, and a million of them cost a second
// to draw; one per grid cell keeps the picture and bounds the work by the plot's area.
const std::vector<std::size_t>& ParetoPainter::cloud(
    const QRectF& rect, const RenderOptions& o, const QPaintDevice* device) const
{
    const LogLogFrame f = frameOf(data_, rect, o, device);
    if (cloud_.valid && cloud_.plot == f.plot() && cloud_.em == f.em())
        return cloud_.shown;
    cloud_ = { f.plot(), f.em(), true, {} };
    const double cell = std::max(0.5, kDotRadiusEm * f.em() / 3);
    const QRectF area = f.plot().adjusted(-f.em(), -f.em(), f.em(), f.em());
    const auto cols = std::size_t(area.width() / cell) + 1, rows = std::size_t(area.height() / cell) + 1;
    // A dot and a ring in one cell are both drawn: a design that fits must not hide behind one
    // that does not, nor the other way round.
    std::vector<bool> taken(2 * cols * rows, false);
    for (std::size_t i = 0; i < data_.points.size(); ++i) {
        const QPointF c = f.map(data_.points[i].latencyMs, data_.points[i].value) - area.topLeft();
        if (!(c.x() >= 0 && c.y() >= 0 && c.x() < area.width() && c.y() < area.height()))
            continue; // outside the plot (or not finite): the clip would hide it anyway
        const std::size_t k = (data_.fitsAt(i) ? 0 : cols * rows) + std::size_t(c.y() / cell) * cols
            + std::size_t(c.x() / cell);
        if (!taken[k]) {
            taken[k] = true;
            cloud_.shown.push_back(i);
        }
    }
    return cloud_.shown;
}

void ParetoPainter::paint(QPainter& p, const QRectF& rect, const RenderOptions& o) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    const LogLogFrame f = frameOf(data_, rect, o, p.device());
    f.paint(p);
    const double em = f.em();
    const auto at = [&](std::size_t i) { return f.map(data_.points[i].latencyMs, data_.points[i].value); };
    p.setClipRect(f.plot().adjusted(-0.3 * em, -0.3 * em, 0.3 * em, 0.3 * em));
    const QColor frontColor = ChartPalette::slotColor(5, o.palette);
    const QColor sloColor = ChartPalette::slotColor(6, o.palette);
    // Every point, small and gray: the cloud the front is cut from; a design that does not fit
    // memory is a ring of the same size, so it reads as a point that is not there to be had.
    const QColor gray(150, 150, 150, 150);
    const QPen ring(QColor(110, 110, 110, 200), 0.06 * em);
    const double r = kDotRadiusEm * em;
    const std::vector<std::size_t>& shown = cloud(rect, o, p.device());
    for (std::size_t i : shown) {
        const bool fits = data_.fitsAt(i);
        p.setPen(fits ? QPen(Qt::NoPen) : ring);
        p.setBrush(fits ? QBrush(gray) : QBrush(Qt::NoBrush));
        p.drawEllipse(at(i), fits ? r : r - 0.03 * em, fits ? r : r - 0.03 * em);
    }
    // The front as a staircase would claim designs that do not exist; join the points instead.
    if (data_.front.size() > 1) {
        QPolygonF line;
        for (std::size_t i : data_.front)
            line << at(i);
        p.setPen(QPen(frontColor, 0.12 * em));
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(line);
    }
    p.setPen(QPen(Qt::white, 0.05 * em));
    p.setBrush(frontColor);
    for (std::size_t i : data_.front)
        p.drawEllipse(at(i), 0.26 * em, 0.26 * em);
    const QFontMetricsF sfm(f.smallFont(), p.device());
    p.setFont(f.smallFont());
    QRectF sloLabel; // kept clear of the best point's label
    if (data_.sloMs) {
        const double x = f.map(*data_.sloMs, f.yMin()).x();
        QPen pen(sloColor, 0.1 * em, Qt::DashLine);
        p.setPen(pen);
        p.drawLine(QPointF(x, f.plot().top()), QPointF(x, f.plot().bottom()));
        const QString text = QStringLiteral("SLO %1 ms").arg(ChartAxis::format(*data_.sloMs));
        const double w = sfm.horizontalAdvance(text);
        // Right of the line when it fits, else left of it.
        const double tx = x + 0.25 * em + w < f.plot().right() ? x + 0.25 * em : x - 0.25 * em - w;
        sloLabel = QRectF(tx, f.plot().top() + 0.2 * em, w + 1, sfm.height());
        p.drawText(sloLabel, Qt::AlignLeft, text);
    }
    if (data_.best) {
        const QPointF c = at(*data_.best);
        p.setPen(QPen(kInk, 0.12 * em));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(c, 0.5 * em, 0.5 * em);
        const QString text = QStringLiteral("Best under SLO: ") + data_.bestLabel;
        // In the corner of the plot that covers the fewest points (the one below and left of the
        // front holds none), joined to its point by a leader line.
        std::vector<QPointF> frontAt, cloudAt;
        for (std::size_t i : data_.front)
            frontAt.push_back(at(i));
        for (std::size_t i : shown)
            cloudAt.push_back(at(i));
        const QRectF tr = labelCorner(sfm, text, f.plot(), em, c, sloLabel, frontAt, cloudAt);
        // The leader runs from the box's nearest edge point to the ring.
        const QPointF anchor(
            std::clamp(c.x(), tr.left(), tr.right()), std::clamp(c.y(), tr.top(), tr.bottom()));
        const QPointF d = anchor - c;
        const double len = std::hypot(d.x(), d.y());
        if (len > 0.6 * em) {
            p.setPen(QPen(kInk, 0.06 * em));
            p.drawLine(c + d * (0.5 * em / len), anchor);
        }
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 255, 255, 230));
        p.drawRect(tr.adjusted(-0.15 * em, 0, 0.15 * em, 0));
        p.setPen(kInk);
        p.drawText(tr.adjusted(0, 0, 1, 0), Qt::TextWordWrap | Qt::AlignLeft, text);
    }
    if (highlighted_ && *highlighted_ < data_.points.size()) {
        p.setPen(QPen(kInk, 0.08 * em));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(at(*highlighted_), 0.4 * em, 0.4 * em);
    }
    if (data_.points.empty()) {
        p.setPen(kInk);
        p.setFont(f.font());
        p.drawText(f.plot(), Qt::AlignCenter, QStringLiteral("No design points"));
    }
    p.restore();
}

std::optional<std::size_t> ParetoPainter::hitTest(
    const QRectF& rect, const RenderOptions& options, const QPointF& pos, const QPaintDevice* device) const
{
    const LogLogFrame f = frameOf(data_, rect, options, device);
    std::optional<std::size_t> best;
    double bestD = 0.5 * f.em();
    const auto consider = [&](std::size_t i) {
        const QPointF c = f.map(data_.points[i].latencyMs, data_.points[i].value);
        const double d = std::hypot(c.x() - pos.x(), c.y() - pos.y());
        if (d < bestD) {
            bestD = d;
            best = i;
        }
    };
    for (std::size_t i : data_.front)
        consider(i);
    if (best)
        return best;
    for (std::size_t i : cloud(rect, options, device))
        consider(i);
    return best;
}

} // namespace tierlens
