#include "render/tornadopainter.h"

#include "core/io/rangejson.h"
#include "render/chartaxis.h"
#include "render/chartpalette.h"
#include "render/renderoptions.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPen>

#include <algorithm>
#include <cmath>

namespace tierlens {

namespace {

const QColor kInk(30, 30, 30), kAxis(64, 64, 64), kGrid(224, 224, 224);
// Okabe–Ito blue and vermillion (grays in grayscale): the two ends read apart in colour and in print.
constexpr int kLowSlot = 4, kHighSlot = 5;

QFont scaled(const QFont& f, double k, bool bold = false)
{
    return scaledFont(f, k, bold);
}

// Pieces a line may break after: words, and inside a word too long for the line (a parameter
// path such as "links.nvlink-c2c-gen5.pj_per_bit") after each dot.
QStringList pieces(const QString& text, const QFontMetricsF& fm, double width)
{
    QStringList out;
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (int i = 0; i < words.size(); ++i) {
        const QString w = words[i] + (i + 1 < words.size() ? QStringLiteral(" ") : QString());
        if (fm.horizontalAdvance(w) <= width || !w.contains(QLatin1Char('.'))) {
            out << w;
            continue;
        }
        qsizetype from = 0;
        for (qsizetype dot = w.indexOf(QLatin1Char('.')); dot >= 0;
             dot = w.indexOf(QLatin1Char('.'), dot + 1)) {
            out << w.mid(from, dot + 1 - from);
            from = dot + 1;
        }
        out << w.mid(from);
    }
    return out;
}

// Greedy wrap to `width`; a piece wider than the width stands on its own line (never cut).
QStringList wrap(const QString& text, const QFontMetricsF& fm, double width)
{
    QStringList lines;
    QString current;
    for (const QString& p : pieces(text, fm, width)) {
        if (!current.isEmpty() && fm.horizontalAdvance(QString(current + p).trimmed()) > width) {
            lines << current.trimmed();
            current.clear();
        }
        current += p;
    }
    if (!current.trimmed().isEmpty())
        lines << current.trimmed();
    return lines;
}

double widest(const QStringList& lines, const QFontMetricsF& fm)
{
    double w = 0;
    for (const QString& l : lines)
        w = std::max(w, fm.horizontalAdvance(l));
    return w;
}

// 1, 2, 2.5 or 5 × 10^n, about `span / target`.
double niceStep(double span, int target)
{
    const double raw = span / std::max(target, 1);
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : { 1.0, 2.0, 2.5, 5.0, 10.0 })
        if (m * p >= raw)
            return m * p;
    return 10 * p;
}

QString unitLabel(const RangeMetric& m)
{
    return QStringLiteral("%1 (%2)").arg(
        QString::fromStdString(m.label()), QString::fromLatin1(tornadoUnit(m)));
}

} // namespace

TornadoData TornadoData::from(const Tornado& t)
{
    TornadoData d;
    d.title = QString::fromStdString(t.title);
    d.valueLabel = unitLabel(t.metric);
    const double k = tornadoScale(t.metric);
    d.base = t.base * k;
    // A constant that does not move the result has nothing to draw; it is counted instead.
    int still = 0;
    for (const auto& r : t.rows) {
        if (r.swing() == 0) {
            ++still;
            continue;
        }
        const QString name
            = QString::fromStdString(r.constant.label.empty() ? r.constant.path : r.constant.label);
        d.rows.push_back(
            { QStringLiteral("%1 (%2–%3)")
                    .arg(name, ChartAxis::format(r.constant.low, 4), ChartAxis::format(r.constant.high, 4)),
                r.atLow * k, r.atHigh * k });
    }
    if (still > 0)
        d.valueLabel += still == 1
            ? TornadoPainter::tr("; 1 constant that does not move it left out")
            : TornadoPainter::tr("; %1 constants that do not move it left out").arg(still);
    return d;
}

void TornadoPainter::setData(TornadoData data)
{
    data_ = std::move(data);
}

double TornadoPainter::xOf(const Layout& l, double v)
{
    const double span = l.axisHigh - l.axisLow;
    return l.plot.left() + (span > 0 ? (v - l.axisLow) / span : 0.5) * l.plot.width();
}

TornadoPainter::Layout TornadoPainter::layout(
    const QRectF& rect, const RenderOptions& options, const QPaintDevice* device) const
{
    Layout L;
    const QFont base = options.font, small = scaled(options.font, 0.9),
                title = scaled(options.font, 1.2, true);
    const QFontMetricsF fm(base, const_cast<QPaintDevice*>(device)),
        fs(small, const_cast<QPaintDevice*>(device)), ft(title, const_cast<QPaintDevice*>(device));
    const double u = fm.height();
    L.line = 0.065 * u;
    QRectF content = rect.adjusted(0.4 * u, 0.4 * u, -0.4 * u, -0.4 * u);
    const auto addLines = [&](const QStringList& lines, const QFont& f, const QFontMetricsF& m, double top,
                              Qt::Alignment align, double left, double width) {
        for (int i = 0; i < lines.size(); ++i)
            L.texts.push_back(
                { lines[i], f, QRectF(left, top + i * m.lineSpacing(), width, m.height()), align });
        return lines.isEmpty() ? 0.0 : (lines.size() - 1) * m.lineSpacing() + m.height();
    };

    // The title wraps rather than being cut: it names the scenario, which can be long.
    const QString titleText = options.title.isEmpty() ? data_.title : options.title;
    if (options.showTitle && !titleText.isEmpty()) {
        const QStringList lines = wrap(titleText, ft, content.width());
        const double h
            = addLines(lines, title, ft, content.top(), Qt::AlignCenter, content.left(), content.width());
        content.setTop(content.top() + h + 0.35 * u);
    }
    if (data_.rows.empty()) {
        L.message = tr("No ranged constants: give each uncertain constant a low and a high");
        L.texts.push_back({ L.message, base, content, Qt::AlignCenter });
        return L;
    }

    // Legend at the bottom: the colours of the two ends, one row if it fits.
    if (options.showLegend) {
        const QString entries[2] = { tr("constant at its low end"), tr("constant at its high end") };
        const double sw = 0.8 * fs.height(), gap = 0.4 * u;
        const double w0 = sw + gap + fs.horizontalAdvance(entries[0]),
                     w1 = sw + gap + fs.horizontalAdvance(entries[1]);
        const bool oneRow = w0 + u + w1 <= content.width();
        const double rowH = fs.height() * 1.1;
        const double h = oneRow ? rowH : 2 * rowH;
        const double top = content.bottom() - h;
        const double x0
            = oneRow ? content.center().x() - (w0 + u + w1) / 2 : content.center().x() - std::max(w0, w1) / 2;
        for (int i = 0; i < 2; ++i) {
            const double x = oneRow && i == 1 ? x0 + w0 + u : x0;
            const double y = top + (oneRow ? 0 : i * rowH);
            L.swatches.emplace_back(x, y + (rowH - sw) / 2, sw, sw);
            L.texts.push_back(
                { entries[i], small, QRectF(x + sw + gap, y, fs.horizontalAdvance(entries[i]), rowH),
                    Qt::AlignLeft | Qt::AlignVCenter });
        }
        content.setBottom(top - 0.3 * u);
    }

    // Rows that fit, widest swing first: each needs its label's lines and a gap. The rest are
    // counted in the axis caption rather than drawn over each other.
    const double maxLabel = 0.45 * content.width();
    std::vector<QStringList> labels;
    for (const auto& r : data_.rows)
        labels.push_back(wrap(r.label, fm, maxLabel));
    const int total = int(data_.rows.size());
    const auto fitting = [&](double height) {
        int m = 0;
        double used = 0;
        for (const auto& lines : labels) {
            used += (lines.size() - 1) * fm.lineSpacing() + fm.height() + 0.3 * u;
            if (used > height && m > 0)
                break;
            ++m;
        }
        return m;
    };
    const double tickLen = 0.3 * u;
    QString captionText = data_.valueLabel;
    QStringList caption;
    double captionH = 0, plotBottom = content.bottom();
    int n = total;
    for (int pass = 0; pass < 3; ++pass) {
        caption = wrap(captionText, fm, content.width());
        captionH = caption.isEmpty() ? 0 : (caption.size() - 1) * fm.lineSpacing() + fm.height();
        plotBottom = content.bottom() - captionH - 0.2 * u - fs.height() - tickLen - 0.15 * u;
        n = fitting(plotBottom - content.top());
        if (n >= total)
            break;
        captionText = data_.valueLabel
            + (total - n == 1 ? tr("; 1 more constant with a smaller swing not drawn")
                              : tr("; %1 more constants with smaller swings not drawn").arg(total - n));
    }
    labels.resize(std::size_t(n));
    double labelW = 0;
    for (const auto& lines : labels)
        labelW = std::max(labelW, widest(lines, fm));
    L.plot = QRectF(
        QPointF(content.left() + labelW + 0.5 * u, content.top()), QPointF(content.right(), plotBottom));

    // The end values stand outside the bars: leave room for the widest on each side.
    double vmin = data_.base, vmax = data_.base, endW = 0;
    for (int i = 0; i < n; ++i) {
        const auto& r = data_.rows[std::size_t(i)];
        vmin = std::min({ vmin, r.atLow, r.atHigh });
        vmax = std::max({ vmax, r.atLow, r.atHigh });
        for (double v : { r.atLow, r.atHigh })
            endW = std::max(endW, fs.horizontalAdvance(ChartAxis::format(v, data_.decimals)));
    }
    if (!(vmax > vmin)) {
        const double pad = vmin != 0 ? 0.05 * std::fabs(vmin) : 1.0;
        vmin -= pad;
        vmax += pad;
    }
    const double margin = endW + 0.3 * u;
    const double barW = std::max(L.plot.width() - 2 * margin, 0.2 * L.plot.width());
    const double perPx = (vmax - vmin) / barW;
    L.axisLow = vmin - perPx * (L.plot.width() - barW) / 2;
    L.axisHigh = vmax + perPx * (L.plot.width() - barW) / 2;

    const double pitch = L.plot.height() / n;
    const double thick = std::min(0.62 * pitch, 1.5 * u);
    for (int i = 0; i < n; ++i) {
        const auto& r = data_.rows[std::size_t(i)];
        const double cy = L.plot.top() + (i + 0.5) * pitch;
        const double xb = xOf(L, data_.base), xl = xOf(L, r.atLow), xh = xOf(L, r.atHigh);
        L.lowBars.emplace_back(
            QPointF(std::min(xb, xl), cy - thick / 2), QPointF(std::max(xb, xl), cy + thick / 2));
        L.highBars.emplace_back(
            QPointF(std::min(xb, xh), cy - thick / 2), QPointF(std::max(xb, xh), cy + thick / 2));
        const QStringList& lines = labels[std::size_t(i)];
        const double h = (lines.size() - 1) * fm.lineSpacing() + fm.height();
        L.labelText.push_back(int(L.texts.size()));
        addLines(lines, base, fm, cy - h / 2, Qt::AlignRight | Qt::AlignVCenter, content.left(), labelW);
        // The end values beyond each bar end, the smaller on the left.
        const double lo = std::min(r.atLow, r.atHigh), hi = std::max(r.atLow, r.atHigh);
        const double left = std::min(xOf(L, lo), xb), right = std::max(xOf(L, hi), xb);
        const QString loText = ChartAxis::format(lo, data_.decimals),
                      hiText = ChartAxis::format(hi, data_.decimals);
        const double wl = fs.horizontalAdvance(loText), wh = fs.horizontalAdvance(hiText);
        L.texts.push_back({ loText, small, QRectF(left - 0.2 * u - wl, cy - fs.height() / 2, wl, fs.height()),
            Qt::AlignRight | Qt::AlignVCenter });
        if (hi != lo)
            L.texts.push_back({ hiText, small, QRectF(right + 0.2 * u, cy - fs.height() / 2, wh, fs.height()),
                Qt::AlignLeft | Qt::AlignVCenter });
    }
    L.baseLine = QLineF(xOf(L, data_.base), L.plot.top(), xOf(L, data_.base), L.plot.bottom());

    // Ticks at a nice step; a label that would overlap its neighbour or leave the figure is skipped.
    const double step = niceStep(L.axisHigh - L.axisLow, std::clamp(int(L.plot.width() / (5 * u)), 2, 6));
    double lastRight = -1e300;
    for (double v = std::ceil(L.axisLow / step) * step; v <= L.axisHigh + 1e-9 * step; v += step) {
        const double x = xOf(L, v);
        L.ticks.emplace_back(x, L.plot.bottom(), x, L.plot.bottom() + tickLen);
        const QString t = ChartAxis::format(std::fabs(v) < 1e-12 * step ? 0.0 : v, 3);
        const double w = fs.horizontalAdvance(t);
        const QRectF box(x - w / 2, L.plot.bottom() + tickLen + 0.1 * u, w, fs.height());
        if (box.left() < rect.left() || box.right() > rect.right() || box.left() < lastRight + 0.5 * u)
            continue;
        L.texts.push_back({ t, small, box, Qt::AlignCenter });
        lastRight = box.right();
    }
    addLines(caption, base, fm, content.bottom() - captionH, Qt::AlignCenter, L.plot.left(), L.plot.width());
    // A caption wider than the plot is centred on the whole width instead.
    if (!caption.isEmpty() && widest(caption, fm) > L.plot.width())
        for (std::size_t i = L.texts.size() - std::size_t(caption.size()); i < L.texts.size(); ++i)
            L.texts[i].box
                = QRectF(content.left(), L.texts[i].box.top(), content.width(), L.texts[i].box.height());
    return L;
}

void TornadoPainter::paint(QPainter& p, const QRectF& rect, const RenderOptions& options) const
{
    const Layout L = layout(rect, options, p.device());
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    if (!L.plot.isEmpty() && !data_.rows.empty()) {
        p.setPen(QPen(kGrid, 0.8 * L.line));
        for (const QLineF& t : L.ticks)
            p.drawLine(QLineF(t.x1(), L.plot.top(), t.x1(), L.plot.bottom()));
        const QColor low = ChartPalette::slotColor(kLowSlot, options.palette);
        const QColor high = ChartPalette::slotColor(kHighSlot, options.palette);
        for (std::size_t i = 0; i < L.lowBars.size(); ++i) {
            // The longer part first, so a shorter one on the same side stays visible on top.
            const bool lowFirst = L.lowBars[i].width() >= L.highBars[i].width();
            const QRectF& a = lowFirst ? L.lowBars[i] : L.highBars[i];
            const QRectF& b = lowFirst ? L.highBars[i] : L.lowBars[i];
            p.fillRect(a, lowFirst ? low : high);
            p.fillRect(b, lowFirst ? high : low);
        }
        p.setPen(QPen(kAxis, L.line, Qt::SolidLine, Qt::FlatCap));
        p.drawLine(QLineF(L.plot.bottomLeft(), L.plot.bottomRight()));
        for (const QLineF& t : L.ticks)
            p.drawLine(t);
        p.setPen(QPen(kInk, 1.4 * L.line, Qt::SolidLine, Qt::FlatCap));
        p.drawLine(L.baseLine);
        for (std::size_t i = 0; i < L.swatches.size(); ++i)
            p.fillRect(
                L.swatches[i], ChartPalette::slotColor(i == 0 ? kLowSlot : kHighSlot, options.palette));
    }
    p.setPen(kInk);
    for (const Text& t : L.texts) {
        p.setFont(t.font);
        p.drawText(t.box, int(t.align) | Qt::TextDontClip, t.text);
    }
    p.restore();
}

} // namespace tierlens
