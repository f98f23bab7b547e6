#include "render/figurepanels.h"

#include "render/barchartpainter.h"
#include "render/chartpalette.h"
#include "render/renderoptions.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace tierlens {

namespace {

const QColor kText(30, 30, 30), kAxis(64, 64, 64), kGhost(80, 80, 80);

QFont scaled(const QFont& f, double k, bool bold)
{
    return scaledFont(f, k, bold);
}

// Words joined into lines no wider than `width`; a single word wider than that keeps its line
// whole rather than being cut.
QStringList wrap(const QString& text, const QFontMetricsF& fm, double width)
{
    QStringList lines;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!lines.isEmpty() && fm.horizontalAdvance(lines.back() + QLatin1Char(' ') + word) <= width)
            lines.back() += QLatin1Char(' ') + word;
        else
            lines << word;
    }
    return lines;
}

// Same hatch scaling as the bar painter, so the legend's swatches match the bars.
QBrush hatch(QBrush b, double scale)
{
    if (b.style() != Qt::SolidPattern)
        b.setTransform(QTransform::fromScale(scale, scale));
    return b;
}

bool hasSeries(const BarChartData& d, int s)
{
    return std::any_of(d.bars.begin(), d.bars.end(),
        [s](const BarStack& b) { return s < int(b.values.size()) && b.values[std::size_t(s)] > 0; });
}

} // namespace

struct FigurePanels::Layout {
    struct Text {
        QString text;
        QFont font;
        QRectF box;
        bool rotated = false;
    };
    struct Swatch {
        QRectF box;
        int slot = 0;
    };
    std::vector<Text> texts;
    std::vector<Swatch> swatches;
    std::vector<QRectF> charts;
    std::vector<BarChartData> data; // the panels as drawn: no title, no legend, maybe no caption
    double line = 1, hatch = 1;
};

void FigurePanels::setPanels(std::vector<FigurePanel> panels)
{
    panels_ = std::move(panels);
}

QString FigurePanels::panelCaption(int index, const QString& caption)
{
    QString letter;
    for (int i = index; letter.isEmpty() || i >= 0; i = i / 26 - 1)
        letter.prepend(QChar(u'a' + i % 26));
    return QStringLiteral("(%1) %2").arg(letter, caption).trimmed();
}

std::vector<FigurePanels::LegendEntry> FigurePanels::legendEntries() const
{
    std::vector<LegendEntry> out;
    const auto add = [&out](LegendEntry e) {
        if (!e.text.isEmpty() && std::find(out.begin(), out.end(), e) == out.end())
            out.push_back(std::move(e));
    };
    bool overlay = false;
    QString overlayLabel;
    for (const FigurePanel& p : panels_) {
        const BarChartData& d = p.data;
        if (d.logScale && d.seriesLabels.size() > 1) {
            add({ d.totalsLabel.isEmpty() ? BarChartPainter::tr("Total (log axis: components not stacked)")
                                          : d.totalsLabel,
                ChartPalette::kTotalSlot });
        } else {
            for (int s = 0; s < int(d.seriesLabels.size()); ++s)
                if (hasSeries(d, s))
                    add({ d.seriesLabels[s],
                        s < int(d.colorSlots.size()) ? d.colorSlots[std::size_t(s)]
                                                     : s % ChartPalette::kSlots });
        }
        for (const BarStack& b : d.bars)
            if (BarChartPainter::drawnValue(b.overlay) > 0) {
                overlay = true;
                if (overlayLabel.isEmpty())
                    overlayLabel = d.overlayLabel;
            }
    }
    if (overlay)
        add({ overlayLabel.isEmpty() ? BarChartPainter::tr("Overlay") : overlayLabel, -1 });
    return out;
}

QStringList FigurePanels::sharedBarLabels() const
{
    QStringList first;
    bool any = false;
    for (const FigurePanel& p : panels_) {
        const auto& bars = p.data.bars;
        for (std::size_t i = 0; i < bars.size();) {
            QStringList group;
            const QString caption = bars[i].group;
            for (; i < bars.size() && bars[i].group == caption; ++i)
                group << bars[i].label;
            if (!any)
                first = group;
            else if (group != first)
                return {};
            any = true;
        }
    }
    return panels_.size() > 1 && first.join(QString()).size() > 0 ? first : QStringList();
}

QString FigurePanels::sharedValueLabel() const
{
    if (panels_.empty())
        return {};
    const QString first = panels_.front().data.valueLabel;
    for (const FigurePanel& p : panels_)
        if (p.data.valueLabel != first)
            return {};
    return first;
}

FigurePanels::Layout FigurePanels::layout(
    const QRectF& rect, const RenderOptions& options, const QPaintDevice* device) const
{
    Layout L;
    const QFontMetricsF fm(options.font, device);
    const double u = fm.height();
    L.line = 0.065 * u;
    L.hatch = std::max(1.0, std::round(u / 16));
    QRectF content = rect.adjusted(0.4 * u, 0.4 * u, -0.4 * u, -0.4 * u);
    const auto addLines = [&](const QStringList& lines, const QFont& font, double top) {
        const QFontMetricsF f(font, device);
        double w = 0;
        for (const QString& line : lines)
            w = std::max(w, f.horizontalAdvance(line));
        const double h = f.height() + std::max<qsizetype>(0, lines.size() - 1) * f.lineSpacing();
        return std::pair { Layout::Text { lines.join(QLatin1Char('\n')), font, QRectF(0, top, w, h) }, h };
    };

    // The title, wrapped at its spaces (and set at the base size) rather than cut.
    const QString title = options.title.isEmpty() ? title_ : options.title;
    if (options.showTitle && !title.isEmpty()) {
        QFont font = scaled(options.font, 1.2, true);
        if (QFontMetricsF(font, device).horizontalAdvance(title) > content.width())
            font = scaled(options.font, 1, true);
        auto [t, h]
            = addLines(wrap(title, QFontMetricsF(font, device), content.width()), font, content.top());
        t.box.moveLeft(content.center().x() - t.box.width() / 2);
        L.texts.push_back(std::move(t));
        content.setTop(content.top() + h + 0.35 * u);
    }

    // One legend over all panels: as many aligned columns as fit, rows balanced.
    if (options.showLegend) {
        const std::vector<LegendEntry> entries = legendEntries();
        const double swatch = 0.9 * QFontMetricsF(scaled(options.font, 0.9, false), device).ascent();
        const double lead = swatch + 0.4 * u, rowH = 1.25 * u;
        std::vector<double> widths;
        for (const LegendEntry& e : entries)
            widths.push_back(lead + fm.horizontalAdvance(e.text));
        const int count = int(entries.size());
        const auto columns = [&](int cols) {
            std::vector<double> w(std::size_t(cols), 0.0);
            for (int i = 0; i < count; ++i)
                w[std::size_t(i % cols)] = std::max(w[std::size_t(i % cols)], widths[std::size_t(i)]);
            return w;
        };
        const auto span = [&](const std::vector<double>& w) {
            return std::accumulate(w.begin(), w.end(), u * (double(w.size()) - 1));
        };
        if (count > 0) {
            int cols = count;
            while (cols > 1 && span(columns(cols)) > content.width())
                --cols;
            const int rows = (count + cols - 1) / cols;
            cols = (count + rows - 1) / rows;
            const std::vector<double> w = columns(cols);
            std::vector<double> x { content.center().x() - span(w) / 2 };
            for (int c = 1; c < cols; ++c)
                x.push_back(x.back() + w[std::size_t(c - 1)] + u);
            for (int i = 0; i < count; ++i) {
                const double left = x[std::size_t(i % cols)], y = content.top() + (i / cols) * rowH;
                L.swatches.push_back(
                    { QRectF(left, y + (rowH - swatch) / 2, swatch, swatch), entries[std::size_t(i)].slot });
                const double tw = fm.horizontalAdvance(entries[std::size_t(i)].text);
                L.texts.push_back({ entries[std::size_t(i)].text, options.font,
                    QRectF(left + lead, y + (rowH - u) / 2, tw, u) });
            }
            content.setTop(content.top() + rows * rowH + 0.35 * u);
        }
    }

    const int n = int(panels_.size());
    if (n == 0)
        return L;

    // Captions under the panels, wrapped to the panel's width; all panels keep one height.
    const double gap = 1.2 * u;
    const double panelW = (content.width() - (n - 1) * gap) / n;
    std::vector<Layout::Text> captions;
    double captionH = 0;
    for (int i = 0; i < n; ++i) {
        const QString c = panelCaption(i, panels_[std::size_t(i)].caption);
        auto [t, h] = addLines(wrap(c, fm, panelW), options.font, 0);
        captions.push_back(std::move(t));
        captionH = std::max(captionH, h);
    }
    // The placements every group of every panel repeats, named once under the whole figure
    // rather than under each bar: narrow panels have no room for them, and it is one key, as the
    // legend is one.
    const QStringList key = sharedBarLabels();
    if (!key.isEmpty()) {
        QStringList names = key;
        for (QString& name : names)
            name.replace(QLatin1Char(' '), QChar::Nbsp); // no line break inside a name
        auto [t, h]
            = addLines(wrap(tr("Bars in each group, left to right: %1").arg(names.join(QStringLiteral(", "))),
                           fm, content.width()),
                options.font, 0);
        t.box.moveTo(content.center().x() - t.box.width() / 2, content.bottom() - h);
        L.texts.push_back(std::move(t));
        content.setBottom(content.bottom() - h - 0.35 * u);
    }
    for (Layout::Text& t : captions)
        t.box.moveTop(content.bottom() - captionH);
    content.setBottom(content.bottom() - captionH - 0.3 * u);

    // One value caption for all panels when they agree, on two lines if one is longer than the
    // panels are high; else each panel keeps its own.
    const QString shared = n > 1 ? sharedValueLabel() : QString();
    const QStringList sharedLines = wrap(shared, fm, content.height());
    const bool share = !shared.isEmpty() && sharedLines.size() <= 2;
    if (share) {
        auto [t, h] = addLines(sharedLines, options.font, 0);
        t.rotated = true;
        t.box = QRectF(content.left(), content.center().y() - t.box.width() / 2, h, t.box.width());
        L.texts.push_back(std::move(t));
        content.setLeft(content.left() + h + 0.2 * u);
    }
    const double w = (content.width() - (n - 1) * gap) / n;
    for (int i = 0; i < n; ++i) {
        const QRectF chart(content.left() + i * (w + gap), content.top(), w, content.height());
        L.charts.push_back(chart);
        BarChartData d = panels_[std::size_t(i)].data;
        d.title.clear();
        if (share)
            d.valueLabel.clear();
        if (!key.isEmpty())
            for (BarStack& b : d.bars)
                b.label.clear();
        L.data.push_back(std::move(d));
        Layout::Text& t = captions[std::size_t(i)];
        t.box.moveLeft(chart.center().x() - t.box.width() / 2);
        L.texts.push_back(std::move(t));
    }
    return L;
}

std::vector<QRectF> FigurePanels::panelRects(
    const QRectF& rect, const RenderOptions& options, const QPaintDevice* device) const
{
    return layout(rect, options, device).charts;
}

void FigurePanels::paint(QPainter& p, const QRectF& rect, const RenderOptions& options) const
{
    const Layout L = layout(rect, options, p.device());
    p.save();
    RenderOptions inner = options;
    inner.showTitle = false;
    inner.showLegend = false;
    for (std::size_t i = 0; i < L.charts.size(); ++i) {
        BarChartPainter chart;
        chart.setData(L.data[i]);
        chart.paint(p, L.charts[i], inner);
    }
    for (const auto& s : L.swatches) {
        if (s.slot < 0) {
            p.fillRect(s.box, Qt::white);
            p.fillRect(s.box, hatch(QBrush(kGhost, Qt::BDiagPattern), L.hatch));
            p.setPen(QPen(kGhost, 0.8 * L.line, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
            p.setBrush(Qt::NoBrush);
            p.drawRect(s.box);
            continue;
        }
        p.fillRect(s.box, ChartPalette::slotColor(s.slot, options.palette));
        const QBrush b = ChartPalette::slotBrush(s.slot, options.palette);
        if (b.style() != Qt::SolidPattern)
            p.fillRect(s.box, hatch(b, L.hatch));
        if (options.palette == PaletteKind::Grayscale) {
            p.setPen(QPen(kAxis, 0.6 * L.line, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
            p.setBrush(Qt::NoBrush);
            p.drawRect(s.box);
        }
    }
    for (const auto& t : L.texts) {
        p.setFont(t.font);
        p.setPen(kText);
        BarChartPainter::drawLabel(p, t.box, t.text, t.rotated);
    }
    p.restore();
}

} // namespace tierlens
