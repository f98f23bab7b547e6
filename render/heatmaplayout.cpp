// HeatmapPainter::layout(): the single source of positions for painting, hit tests and cellRect().
#include "render/heatmaplayout.h"

#include "render/chartaxis.h"
#include "render/heatmapcolorscale.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPaintDevice>
#include <QScreen>

#include <algorithm>
#include <cmath>

namespace tierlens {

namespace {

constexpr int kMaxCaptionLines = 4;
constexpr double kMaxUnder = 0.9; // points: no text comes out further under the requested size

double dpiOf(const QPaintDevice* device)
{
    if (device)
        return device->logicalDpiY();
    const QScreen* screen = qGuiApp ? QGuiApplication::primaryScreen() : nullptr;
    return screen ? screen->logicalDotsPerInchY() : 96.0;
}

// Point sizes scale with the device (a pixel-sized font would be tiny at 300 dpi), and only they
// can be shrunk in fractions, so every font is turned into one.
QFont inPoints(QFont font, const QPaintDevice* device)
{
    if (font.pointSizeF() <= 0 && font.pixelSize() > 0)
        font.setPointSizeF(font.pixelSize() * 72.0 / dpiOf(device));
    return font;
}

QFont scaled(QFont font, double factor)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    return font;
}

// Greedy word wrap into at most `maxLines`. Only text that needs more lines than that (far
// beyond any real caption) is elided, at a glyph boundary, so no caption is cut through a letter.
QStringList wrap(const QString& text, const QFontMetricsF& fm, double width, int maxLines)
{
    if (text.isEmpty() || maxLines <= 0 || width <= 0)
        return {};
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QStringList lines;
    QString current;
    for (int i = 0; i < words.size(); ++i) {
        const QString candidate
            = current.isEmpty() ? words.at(i) : QString(current + QLatin1Char(' ') + words.at(i));
        if (current.isEmpty() || fm.horizontalAdvance(candidate) <= width) {
            current = candidate;
            continue;
        }
        if (lines.size() + 1 == maxLines) {
            current = candidate; // the last line takes the rest
            continue;
        }
        lines << current;
        current = words.at(i);
    }
    lines << current;
    QStringList out;
    for (const QString& l : std::as_const(lines)) {
        const QString e = fm.elidedText(l, Qt::ElideRight, width);
        if (!e.isEmpty())
            out << e;
    }
    return out;
}

// Labels every n-th row or column with n from 1, 2, 5, 10, 20, 25, 50, ..., so the labelled
// values follow a pattern a reader can count along.
int niceStep(int atLeast)
{
    if (atLeast <= 1)
        return 1;
    for (int magnitude = 1;; magnitude *= 10)
        for (int m : { 1, 2, 5, 10, 20, 25, 50 })
            if (m * magnitude >= atLeast)
                return m * magnitude;
}

double widest(const QFontMetricsF& fm, const std::vector<QString>& texts)
{
    double w = 0;
    for (const QString& t : texts)
        w = std::max(w, fm.horizontalAdvance(t));
    return w;
}

double widest(const QFontMetricsF& fm, const QStringList& texts)
{
    return widest(fm, std::vector<QString>(texts.begin(), texts.end()));
}

} // namespace

// The font sizes and the em-based lengths every other phase measures in.
void HeatmapPainter::layoutMetrics(Layout& l, const RenderOptions& options, const QPaintDevice* device) const
{
    l.rows = rowCount();
    l.columns = columnCount();
    l.decimals = std::clamp(data_.decimals, 1, 15);
    l.font = inPoints(options.font, device);
    l.tickFont = l.font; // ticks and the legend at the requested size
    l.titleFont = scaled(l.font, 1.2);
    l.titleFont.setBold(true);
    const QFontMetricsF fm(l.font, device), tfm(l.tickFont, device);
    const double em = fm.height();
    l.line = em;
    l.tickLine = tfm.height();
    l.gap = 0.4 * em;
    l.tickLen = 0.3 * em;
    l.hairline = 0.06 * em;
    l.contourWidth = 0.17 * em;
}

double HeatmapPainter::layoutTitle(
    Layout& l, const QRectF& inner, const RenderOptions& options, const QPaintDevice* device) const
{
    double top = inner.top();
    const QFontMetricsF hfm(l.titleFont, device);
    const QString title = options.title.isEmpty() ? data_.title : options.title;
    if (!options.showTitle || title.isEmpty() || hfm.height() > inner.height())
        return top;
    // A long title wraps onto a second line rather than losing its end: a single-column paper
    // figure (3.5 in) is narrower than most titles set in the title font. When two lines take too
    // much of the height, it is set at the base size, on as many lines as it needs.
    QStringList lines = wrap(title, hfm, inner.width(), 1000);
    double height = hfm.height() + double(lines.size() - 1) * hfm.lineSpacing();
    if (lines.size() > 2 || height > 0.25 * inner.height()) {
        l.titleFont = l.font;
        l.titleFont.setBold(true);
        const QFontMetricsF bfm(l.titleFont, device);
        lines = wrap(title, bfm, inner.width(), 1000);
        height = bfm.height() + double(lines.size() - 1) * bfm.lineSpacing();
        if (height > 0.5 * inner.height()) {
            // A thumbnail, not a figure: one line, elided, in the title font.
            l.titleFont = scaled(l.font, 1.2);
            l.titleFont.setBold(true);
            lines = QStringList { hfm.elidedText(title, Qt::ElideRight, inner.width()) };
            height = hfm.height();
        }
    }
    l.title = lines.join(QLatin1Char('\n'));
    l.titleRect = QRectF(inner.left(), top, inner.width(), height);
    return top + l.titleRect.height() + l.gap;
}

bool HeatmapPainter::layoutNoData(
    Layout& l, const QRectF& inner, double top, const QPaintDevice* device) const
{
    if (l.rows != 0 && l.columns != 0)
        return false;
    const QFontMetricsF fm(l.font, device);
    l.message = QCoreApplication::translate("tierlens::HeatmapPainter", "No data");
    l.messageRect = QRectF(inner.left(), top, inner.width(), inner.bottom() - top);
    if (fm.horizontalAdvance(l.message) > l.messageRect.width() || l.line > l.messageRect.height())
        l.message.clear();
    return true;
}

const HeatmapPainter::TickLabels& HeatmapPainter::tickLabels(std::optional<TickLabels>& cache,
    const std::vector<double>& values, int count, const QFont& font, const QPaintDevice* device)
{
    const auto end = values.begin() + std::min<std::ptrdiff_t>(count, std::ptrdiff_t(values.size()));
    const int dpiX = device ? device->logicalDpiX() : 0;
    const int dpiY = device ? device->logicalDpiY() : 0;
    if (cache && cache->device == device && cache->dpiX == dpiX && cache->dpiY == dpiY && cache->font == font
        && std::equal(values.begin(), end, cache->values.begin(), cache->values.end()))
        return *cache;
    TickLabels t { std::vector<double>(values.begin(), end), font, device, dpiX, dpiY, {}, 0 };
    for (double v : t.values)
        t.texts.push_back(ChartAxis::format(v, 4));
    t.widest = widest(QFontMetricsF(font, device), t.texts);
    cache = std::move(t);
    return *cache;
}

QStringList HeatmapPainter::layoutLabels(Layout& l, const QPaintDevice* device) const
{
    const QFontMetricsF tfm(l.tickFont, device);
    const TickLabels& x = tickLabels(xTicks_, data_.xValues, l.columns, l.tickFont, device);
    l.xLabels = x.texts;
    l.xLabelWidth = x.widest;
    const TickLabels& y = tickLabels(yTicks_, data_.yValues, l.rows, l.tickFont, device);
    l.yLabels = y.texts;
    l.yLabelWidth = y.widest;

    const HeatmapColorScale scale = colorScale();
    std::vector<QString> barLabels;
    for (double v : scale.ticks())
        barLabels.push_back(ChartAxis::format(v, 3));
    l.barLabelWidth = widest(tfm, barLabels);
    l.keySample = 1.6 * l.line;
    QStringList entries { QCoreApplication::translate("tierlens::HeatmapPainter", "break-even (= %1)")
                              .arg(ChartAxis::format(scale.level(), 3)) };
    if (hasBand())
        entries << QCoreApplication::translate("tierlens::HeatmapPainter", "low, high");
    return entries;
}

// Places everything for one choice of legend; captions wrap to more lines only when one is too
// short, which needs the grid size, hence a few passes.
void HeatmapPainter::layoutAroundGrid(Layout& l, const QRectF& inner, double top, bool legend,
    const QStringList& keyEntries, const QPaintDevice* device) const
{
    const QFontMetricsF fm(l.font, device), tfm(l.tickFont, device);
    const double em = l.line, barGap = 0.8 * em, barW = 0.9 * em;
    l.legend = legend;
    const double barBlock0 = barGap + barW + l.tickLen + l.gap / 2 + l.barLabelWidth;
    // The key takes the legend column's width, wrapping between words rather than widening it;
    // it has room for its longest word, so no entry is elided.
    const QStringList entries = legend && data_.ratio ? keyEntries : QStringList();
    double keyRoom = barBlock0 - barGap - l.keySample - l.gap / 2;
    for (const QString& entry : entries)
        keyRoom = std::max(keyRoom, widest(tfm, entry.split(QLatin1Char(' '))));
    l.keyText.clear();
    l.keyEntryLine.clear();
    for (const QString& entry : entries) {
        l.keyEntryLine.push_back(int(l.keyText.size()));
        l.keyText << wrap(entry, tfm, keyRoom, 4);
    }
    const QStringList& key = l.keyText;
    int xLines = data_.xLabel.isEmpty() ? 0 : 1;
    int yLines = data_.yLabel.isEmpty() ? 0 : 1;
    int sLines = legend && !data_.valueLabel.isEmpty() ? 1 : 0;
    double xCaptionW = 0;
    for (int pass = 0; pass < 3; ++pass) {
        double left = inner.left() + (yLines > 0 ? yLines * em + l.gap : 0);
        l.yLabelLeft = left;
        left += l.yLabelWidth + l.gap / 2 + l.tickLen;
        double right = inner.right();
        if (legend) {
            const double barBlock = barBlock0 + (sLines > 0 ? l.gap + sLines * em : 0);
            const double keyBlock = key.isEmpty() ? 0 : barGap + l.keySample + l.gap / 2 + widest(tfm, key);
            right -= std::max(barBlock, keyBlock);
        }
        double bottom = inner.bottom() - (xLines > 0 ? xLines * em + l.gap / 2 : 0)
            - (l.tickLen + l.gap / 2 + l.tickLine);
        if (!key.isEmpty())
            bottom = std::min(bottom, inner.bottom() - (0.6 + key.size()) * l.tickLine);
        const double gridTop = legend ? std::max(top, inner.top() + l.tickLine / 2) : top;
        const double limitRight = legend ? right + barGap - l.gap / 2 : inner.right();
        l.grid = fitGridToLabels(l, inner, left, right - left, limitRight, gridTop, bottom);

        const double captionRight = legend ? l.grid.right() + barGap - l.gap : inner.right();
        xCaptionW = 2 * std::min(l.grid.center().x() - inner.left(), captionRight - l.grid.center().x());
        l.xCaption
            = wrap(data_.xLabel, fm, xCaptionW, std::max(xLines, pass < 2 ? kMaxCaptionLines : xLines));
        l.yCaption
            = wrap(data_.yLabel, fm, l.grid.height(), std::max(yLines, pass < 2 ? kMaxCaptionLines : yLines));
        l.scaleCaption = legend ? wrap(data_.valueLabel, fm, l.grid.height(),
                             std::max(sLines, pass < 2 ? kMaxCaptionLines : sLines))
                                : QStringList();
        if (l.xCaption.size() == xLines && l.yCaption.size() == yLines && l.scaleCaption.size() == sLines)
            break;
        if (pass == 2) {
            // Out of passes: keep the space reserved and elide into it.
            l.xCaption = wrap(data_.xLabel, fm, xCaptionW, xLines);
            l.yCaption = wrap(data_.yLabel, fm, l.grid.height(), yLines);
            l.scaleCaption = legend ? wrap(data_.valueLabel, fm, l.grid.height(), sLines) : QStringList();
            break;
        }
        xLines = int(l.xCaption.size());
        yLines = int(l.yCaption.size());
        sLines = int(l.scaleCaption.size());
    }
    l.xCaptionRect = QRectF(l.grid.center().x() - xCaptionW / 2, inner.bottom() - l.xCaption.size() * em,
        xCaptionW, l.xCaption.size() * em);
    l.yCaptionRect = QRectF(inner.left(), l.grid.top(), l.yCaption.size() * em, l.grid.height());
    l.bar = QRectF(l.grid.right() + barGap, l.grid.top(), barW, l.grid.height());
    l.barLabelLeft = l.bar.right() + l.tickLen + l.gap / 2;
    l.scaleCaptionRect = QRectF(
        l.barLabelLeft + l.barLabelWidth + l.gap, l.grid.top(), l.scaleCaption.size() * em, l.grid.height());
    l.key = QRectF(l.bar.left(), l.grid.bottom() + 0.6 * l.tickLine, inner.right() - l.bar.left(),
        l.keyText.size() * l.tickLine);
}

// The outermost x labels are centred on their columns and may be wider than them: the grid
// narrows (and moves right) until they stay within [inner.left(), limitRight].
QRectF HeatmapPainter::fitGridToLabels(const Layout& l, const QRectF& inner, double left, double width,
    double limitRight, double top, double bottom)
{
    const double n = l.columns, half = l.xLabelWidth / 2;
    for (int i = 0; i < 3; ++i) {
        if (left + width - width / (2 * n) + half > limitRight)
            width = (limitRight - half - left) / (1 - 1 / (2 * n));
        if (left + width / (2 * n) - half < inner.left()) {
            const double newLeft = inner.left() + half - width / (2 * n);
            width -= newLeft - left;
            left = newLeft;
        }
    }
    return QRectF(left, top, width, bottom - top);
}

void HeatmapPainter::layoutCells(Layout& l)
{
    const double em = l.line;
    l.cellW = l.grid.width() / l.columns;
    l.cellH = l.grid.height() / l.rows;
    l.xEvery = niceStep(int(std::min(std::ceil((l.xLabelWidth + 0.35 * em) / l.cellW), 1e6)));
    l.yEvery = niceStep(int(std::min(std::ceil(l.tickLine * 1.1 / l.cellH), 1e6)));
    l.xLabelTop = l.grid.bottom() + l.tickLen + l.gap / 2;
    // Borders separate tiles that carry numbers; on a dense map they would only lay a screen-door
    // grid over the field.
    l.borderWidth = std::min(l.cellW, l.cellH) >= 1.2 * em ? 0.06 * em : 0.0;
}

// One font for all cells, shrunk until the widest number fits; a grid of mixed sizes reads badly.
void HeatmapPainter::fitCellValues(Layout& l, bool wanted, const QPaintDevice* device) const
{
    l.values = wanted;
    l.valueFont = scaled(l.font, 0.9);
    // Cells lower than a line of the smallest allowed font hold no number: say so before
    // formatting every cell (a 256 × 256 grid has 65 536 of them).
    if (l.values) {
        QFont smallest = l.font;
        smallest.setPointSizeF(std::max(1.0, l.font.pointSizeF() - kMaxUnder));
        if (1.1 * QFontMetricsF(smallest, device).height() > l.cellH) {
            l.values = false;
            return;
        }
    }
    std::vector<QString> texts;
    if (l.values)
        for (int r = 0; r < l.rows; ++r)
            for (int c = 0; c < l.columns; ++c)
                if (const double v = value(r, c); !std::isnan(v))
                    texts.push_back(ChartAxis::format(v, l.decimals));
    std::sort(texts.begin(), texts.end());
    texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
    bool fits = false;
    for (int i = 0; l.values && !fits && i < 8; ++i) {
        const QFontMetricsF vfm(l.valueFont, device);
        const double h = vfm.height(), w = widest(vfm, texts);
        // Numbers need air to either side, and room inside a selection outline; packed edge to
        // edge, a row of cells reads as one long number.
        const double margin = std::max(0.6 * h, 3.2 * l.contourWidth);
        fits = w + margin <= l.cellW && 1.1 * h <= l.cellH;
        if (fits)
            break;
        const double factor = std::min({ (l.cellW - 3.2 * l.contourWidth) / std::max(w, 1e-9),
            l.cellW / (w + 0.6 * h), l.cellH / (1.1 * h) });
        const double points = l.valueFont.pointSizeF() * std::clamp(factor * 0.995, 0.0, 0.995);
        if (!(points >= l.font.pointSizeF() - kMaxUnder))
            break;
        l.valueFont.setPointSizeF(points);
    }
    l.values = l.values && fits;
}

HeatmapPainter::Layout HeatmapPainter::layout(
    const QRectF& rect, const RenderOptions& options, const QPaintDevice* device, bool fitValues) const
{
    Layout l;
    layoutMetrics(l, options, device);
    const double margin = 0.4 * l.line;
    const QRectF inner = rect.adjusted(margin, margin, -margin, -margin);
    if (!inner.isValid() || inner.isEmpty())
        return l;
    const double top = layoutTitle(l, inner, options, device);
    if (layoutNoData(l, inner, top, device))
        return l;
    const QStringList keyEntries = layoutLabels(l, device);
    layoutAroundGrid(l, inner, top, options.showLegend, keyEntries, device);
    if (options.showLegend && (l.grid.width() < 3 * l.line || l.grid.height() < 3 * l.line))
        layoutAroundGrid(
            l, inner, top, false, keyEntries, device); // a cramped chart keeps its cells, not its legend
    if (!(l.grid.width() >= 1) || !(l.grid.height() >= 1)) {
        l.grid = QRectF();
        return l;
    }
    layoutCells(l);
    fitCellValues(l, options.showValues && fitValues, device);
    return l;
}

} // namespace tierlens
