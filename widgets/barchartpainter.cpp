#include "barchartpainter.h"

#include "chartaxis.h"
#include "chartpalette.h"

#include <QFontMetricsF>
#include <QHash>
#include <QLineF>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <tuple>

namespace tierlens {

namespace {

const QColor kText(30, 30, 30), kSubtle(90, 90, 90), kAxis(64, 64, 64), kGrid(224, 224, 224);
const QColor kGhost(80, 80, 80), kSelected(0, 0, 0);

QFont scaled(const QFont& f, double k, bool bold = false)
{
    QFont s = f;
    if (f.pointSizeF() > 0)
        s.setPointSizeF(f.pointSizeF() * k);
    else if (f.pixelSize() > 0)
        s.setPixelSize(std::max(1, int(std::lround(f.pixelSize() * k))));
    s.setBold(bold || f.bold());
    return s;
}

// Fonts scaled from the base font, and text widths measured once per layout: the fitting passes
// ask for the same strings again and again, and shaping text is most of what a layout costs.
class Measure {
public:
    Measure(const QFont& base, const QPaintDevice* device)
        : base_(base)
        , device_(device)
    {
    }
    QFont font(double k) const { return scaled(base_, k); }
    const QFontMetricsF& fm(double k) { return entry(k).fm; }
    /// The widest line of a text that may hold line breaks.
    double width(double k, const QString& text)
    {
        Entry& e = entry(k);
        if (const auto it = e.widths.constFind(text); it != e.widths.cend())
            return *it;
        double w = 0;
        for (const QString& line : text.split(QLatin1Char('\n')))
            w = std::max(w, e.fm.horizontalAdvance(line));
        return e.widths[text] = w;
    }
    double height(double k, const QString& text)
    {
        return fm(k).height() + text.count(QLatin1Char('\n')) * fm(k).lineSpacing();
    }
    /// The text broken at the space that best balances two lines; itself when that is no narrower.
    /// A line with less than two letters or digits ("B" over "= 16"), or starting with a separator
    /// ("· HBM"), reads worse than no break.
    QString twoLines(double k, const QString& text)
    {
        const auto wordy = [](QStringView s) {
            return std::count_if(s.begin(), s.end(), [](QChar c) { return c.isLetterOrNumber(); }) >= 2;
        };
        QString best = text;
        for (qsizetype i = text.indexOf(QLatin1Char(' ')); i > 0; i = text.indexOf(QLatin1Char(' '), i + 1)) {
            const QString two = text.left(i) + QLatin1Char('\n') + text.mid(i + 1);
            const QChar next = i + 1 < text.size() ? text.at(i + 1) : QChar();
            if (wordy(QStringView(text).left(i)) && wordy(QStringView(text).mid(i + 1))
                && (next.isLetterOrNumber() || next == QLatin1Char('(')) && width(k, two) < width(k, best))
                best = two;
        }
        return best;
    }

private:
    struct Entry {
        QFontMetricsF fm;
        QHash<QString, double> widths;
    };
    Entry& entry(double k)
    {
        auto it = entries_.find(k);
        if (it == entries_.end())
            it = entries_.emplace(k, Entry{QFontMetricsF(font(k), device_), {}}).first;
        return it->second;
    }
    QFont base_;
    const QPaintDevice* device_;
    std::map<double, Entry> entries_;
};

// Qt's hatch patterns are 8 device pixels; scaling them keeps their look at print resolution.
QBrush hatch(QBrush b, double scale)
{
    if (b.style() != Qt::SolidPattern)
        b.setTransform(QTransform::fromScale(scale, scale));
    return b;
}

void fillSlot(QPainter& p, const QRectF& r, int slot, PaletteKind kind, double scale)
{
    p.fillRect(r, ChartPalette::slotColor(slot, kind));  // the ground under a grayscale hatch
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

// Everything paint() draws, in device coordinates of the painted rectangle.
struct ChartLayout {
    struct Text {
        QString text;
        QFont font;
        QRectF box;  // axis-aligned, as drawn
        QColor color;
        bool rotated = false;  // reads bottom to top
    };
    struct Bar {
        std::vector<double> values;
        double total = 0, overlay = 0;
        std::vector<QRectF> segments;
        QRectF stack, ghost, column, valueBox, labelBox;
    };
    struct Tick {
        double y = 0;
        bool major = true, grid = true;
    };
    struct Swatch {
        QRectF box;
        int slot = 0;  // -1: the overlay
    };
    double line = 1, hatch = 1, tickLen = 0;
    QRectF plot;
    std::vector<Bar> bars;
    std::vector<int> slotOf;
    std::vector<Tick> ticks;
    std::vector<QLineF> rules;
    std::vector<Swatch> swatches;
    std::vector<Text> texts;
};

// Ways to fit a text: font scale, rotated a quarter turn, broken onto two lines.
struct Fit {
    double k;
    bool rotated, wrap;
};
constexpr double kBase = 1, kSmall = 0.9;
// Most readable first. Values and bar labels sit over and under each bar; captions under groups
// and along the value axis.
constexpr std::array<Fit, 4> kValueFits{{{0.85, false, false}, {0.72, false, false}, {0.85, true, false},
                                         {0.72, true, false}}};
constexpr std::array<Fit, 6> kLabelFits{{{0.9, false, false}, {0.9, false, true}, {0.77, false, false},
                                         {0.77, false, true}, {0.9, true, false}, {0.77, true, false}}};
constexpr std::array<Fit, 6> kCaptionFits{{{kBase, false, false}, {kSmall, false, false},
                                           {kBase, false, true}, {kSmall, false, true},
                                           {0.77, false, false}, {0.77, false, true}}};

// Computes a ChartLayout step by step, each step taking its share of the content rectangle.
class LayoutBuilder {
public:
    LayoutBuilder(const BarChartPainter& chart, const QRectF& rect, const RenderOptions& options,
                  const QPaintDevice* device)
        : chart_(chart)
        , d_(chart.data())
        , options_(options)
        , rect_(rect)
        , M(options.font, device)
        , titleFont_(scaled(options.font, 1.2, true))
        , fmTitle_(titleFont_, device)
        , u(M.fm(kBase).height())
        , small(M.fm(kSmall).height())
        , n(int(d_.bars.size()))
    {
    }

    ChartLayout build()
    {
        L.line = 0.065 * u;
        L.hatch = std::max(1.0, std::round(u / 16));
        L.tickLen = 0.3 * u;
        content_ = rect_.adjusted(0.4 * u, 0.4 * u, -0.4 * u, -0.4 * u);
        readData();
        placeTitle();
        placeLegend();
        settle();
        placeAxis();
        placeBars();
        if (legendRight_)
            for (int i = 0; i < int(entries_.size()); ++i)
                placeEntry(entries_[i], legendX_, L.plot.top() + i * rowH());
        return std::move(L);
    }

private:
    struct Entry {
        QString text;
        int slot;
        double width = 0;
    };

    void addText(const QString& text, double k, const QRectF& box, const QColor& color = kText,
                 bool rotated = false)
    {
        if (!text.isEmpty())
            L.texts.push_back({text, M.font(k), box, color, rotated});
    }
    QString fitted(const Fit& f, const QString& text) { return f.wrap ? M.twoLines(f.k, text) : text; }
    const QString& groupOf(int g) const { return d_.bars[groups_[g].first].group; }
    double rowH() const { return 1.1 * small; }
    double valueGap() const { return 0.25 * u; }  // between a bar's top and its total
    double swatch() { return 0.9 * M.fm(kSmall).ascent(); }

    // Cleaned values, totals, printed numbers and groups (runs of bars with the same caption).
    void readData()
    {
        int series = int(d_.seriesLabels.size());
        for (const BarStack& b : d_.bars)
            series = std::max(series, int(b.values.size()));
        for (int s = 0; s < series; ++s)
            L.slotOf.push_back(s < int(d_.colorSlots.size()) ? d_.colorSlots[s] : s % ChartPalette::kSlots);
        L.bars.resize(n);
        for (int i = 0; i < n; ++i) {
            auto& b = L.bars[i];
            b.values.assign(series, 0.0);
            for (int s = 0; s < int(d_.bars[i].values.size()); ++s)
                b.total += (b.values[s] = BarChartPainter::drawnValue(d_.bars[i].values[s]));
            b.overlay = BarChartPainter::drawnValue(d_.bars[i].overlay);
            anyOverlay_ = anyOverlay_ || b.overlay > 0;
            for (double v : {b.total, b.overlay})
                if (v > 0) {
                    maxV_ = std::max(maxV_, v);
                    minPos_ = std::min(minPos_, v);
                }
        }
        const int digits = std::clamp(d_.decimals, 1, 15);
        totals_.resize(n);
        ratios_.resize(n);
        joined_.resize(n);
        for (int i = 0; i < n; ++i) {
            totals_[i] = joined_[i] = ChartAxis::format(L.bars[i].total, digits);
            const int ref = chart_.referenceOf(i);
            if (const double refTotal = ref >= 0 ? L.bars[ref].total : 0; refTotal > 0) {
                ratios_[i] = i == ref ? BarChartPainter::tr("ref.")
                                      : ChartAxis::format(L.bars[i].total / refTotal, digits) + QChar(0x00D7);
                joined_[i] += QStringLiteral(" (") + ratios_[i] + QLatin1Char(')');
            }
        }
        groupIndex_.resize(n);
        for (int i = 0; i < n; ++i) {
            if (groups_.empty() || d_.bars[i].group != groupOf(int(groups_.size()) - 1))
                groups_.emplace_back(i, i);
            groups_.back().second = i;
            groupIndex_[i] = int(groups_.size()) - 1;
            anyCaption_ = anyCaption_ || !d_.bars[i].group.isEmpty();
        }
        groupGap_ = groups_.size() > 1 ? 0.8 : 0;
    }

    void placeTitle()
    {
        const QString title = options_.title.isEmpty() ? d_.title : options_.title;
        if (!options_.showTitle || title.isEmpty())
            return;
        const QString t = fmTitle_.elidedText(title, Qt::ElideRight, content_.width());
        const double w = fmTitle_.horizontalAdvance(t), h = fmTitle_.height();
        const QRectF box(content_.center().x() - w / 2, content_.top(), w, h);
        L.texts.push_back({t, titleFont_, box, kText});
        content_.setTop(content_.top() + h + 0.35 * u);
    }

    void placeEntry(const Entry& e, double x, double y)
    {
        L.swatches.push_back({QRectF(x, y + (rowH() - swatch()) / 2, swatch(), swatch()), e.slot});
        const double gap = e.width - M.width(kSmall, e.text);
        addText(e.text, kSmall, QRectF(x + gap, y + (rowH() - small) / 2, e.width - gap, small));
    }

    // Beside the plot when the bars can spare the width, listing the series top to bottom as
    // they stack; else above it, in as many aligned columns as fit, rows balanced.
    void placeLegend()
    {
        if (!options_.showLegend)
            return;
        for (int s = 0; s < int(L.slotOf.size()); ++s)
            if (!d_.seriesLabels.value(s).isEmpty())
                entries_.push_back({d_.seriesLabels.value(s), L.slotOf[s]});
        if (anyOverlay_)
            entries_.push_back(
                {d_.overlayLabel.isEmpty() ? BarChartPainter::tr("Overlay") : d_.overlayLabel, -1});
        if (entries_.empty())
            return;
        const double lead = swatch() + 0.4 * u;
        double widest = 0;
        for (Entry& e : entries_) {
            e.text = M.fm(kSmall).elidedText(e.text, Qt::ElideRight, std::max(u, content_.width() - lead));
            e.width = lead + M.width(kSmall, e.text);
            widest = std::max(widest, e.width);
        }
        legendRight_ = entries_.size() * rowH() <= 0.7 * content_.height()
            && content_.width() - widest - 5 * u >= std::max(0.55 * content_.width(), n * 2.0 * u);
        if (legendRight_) {
            legendX_ = content_.right() - widest;
            content_.setRight(legendX_ - u);
            std::reverse(entries_.begin(), entries_.end() - (anyOverlay_ ? 1 : 0));
            return;
        }
        const int count = int(entries_.size());
        const auto widths = [&](int cols) {
            std::vector<double> w(cols, 0.0);
            for (int i = 0; i < count; ++i)
                w[i % cols] = std::max(w[i % cols], entries_[i].width);
            return w;
        };
        const auto span = [&](const std::vector<double>& w) {
            return std::accumulate(w.begin(), w.end(), u * (int(w.size()) - 1));
        };
        int cols = count;
        while (cols > 1 && span(widths(cols)) > content_.width())
            --cols;
        const int rows = (count + cols - 1) / cols;
        cols = (count + rows - 1) / rows;
        const std::vector<double> w = widths(cols);
        std::vector<double> x{content_.center().x() - span(w) / 2};
        for (int c = 1; c < cols; ++c)
            x.push_back(x.back() + w[c - 1] + u);
        for (int i = 0; i < count; ++i)
            placeEntry(entries_[i], x[i % cols], content_.top() + (i / cols) * rowH());
        content_.setTop(content_.top() + rows * rowH() + 0.35 * u);
    }

    std::vector<double> axisTicks(double plotH) const
    {
        if (d_.logScale)
            return maxV_ > 0 ? ChartAxis::logTicks(maxV_ > minPos_ ? minPos_ : maxV_ / 10, maxV_)
                             : ChartAxis::logTicks(1, 10);
        return ChartAxis::linearTicks(maxV_, std::clamp(int(plotH / (3 * small)), 2, 6));
    }

    // Where a value sits on the axis, from 0 at the bottom to 1 at the top. Log: the stack's
    // height is its total on the log axis from the axis bottom, and segments split that height in
    // proportion to their values, so the stack reads as a total and the segments still compare
    // as shares (on a log axis a segment's own offset has no meaning).
    double fraction(double v) const
    {
        if (!d_.logScale)
            return std::clamp(v / ticks_.back(), 0.0, 1.0);
        const double lo = std::log10(ticks_.front()), hi = std::log10(ticks_.back());
        return v > 0 ? std::clamp((std::log10(v) - lo) / std::max(hi - lo, 1e-300), 0.0, 1.0) : 0.0;
    }

    // The value axis caption runs along the plot.
    std::pair<QString, double> fitAxisCaption(double length)
    {
        for (const Fit& f : kCaptionFits)
            if (const QString t = fitted(f, d_.valueLabel); M.width(f.k, t) <= length)
                return {t, f.k};
        return {M.fm(kSmall).elidedText(d_.valueLabel, Qt::ElideRight, std::max(0.0, length)), kSmall};
    }

    // Text centred over each bar fits when neighbours keep a gap and the ends stay in the plot.
    bool fits(const std::vector<double>& w, double gap) const
    {
        for (int i = 0; i + 1 < n; ++i)
            if ((w[i] + w[i + 1]) / 2 + gap > cx_[i + 1] - cx_[i])
                return false;
        return n == 0
            || (cx_[0] - w[0] / 2 >= L.plot.left() && cx_[n - 1] + w[n - 1] / 2 <= content_.right());
    }

    void fitValues(bool show)
    {
        std::vector<double> w(n);
        valueFit_ = -1;
        for (int m = 0; show && valueFit_ < 0 && m < int(kValueFits.size()); ++m) {
            const Fit& f = kValueFits[m];
            const double h = M.fm(f.k).height(), hr = M.fm(0.9 * f.k).height();
            for (int i = 0; i < n; ++i) {
                w[i] = f.rotated ? h : std::max(M.width(f.k, totals_[i]), M.width(0.9 * f.k, ratios_[i]));
                valueH_[i] = f.rotated ? M.width(f.k, joined_[i]) : h + (ratios_[i].isEmpty() ? 0 : hr);
            }
            if (fits(w, f.rotated ? 0.2 * u : 0.3 * u))
                valueFit_ = m;
        }
    }

    void fitLabels()
    {
        std::vector<double> w(n);
        const double maxLen = std::max(3 * u, 0.22 * rect_.height());
        for (labelFit_ = 0; labelFit_ < int(kLabelFits.size()); ++labelFit_) {
            const Fit& f = kLabelFits[labelFit_];
            for (int i = 0; i < n; ++i) {
                const QString& label = d_.bars[i].label;
                labels_[i] = f.rotated ? M.fm(f.k).elidedText(label, Qt::ElideRight, maxLen)
                                       : fitted(f, label);
                w[i] = f.rotated ? (label.isEmpty() ? 0 : M.fm(f.k).height()) : M.width(f.k, labels_[i]);
            }
            if (fits(w, f.rotated ? 0.2 * u : 0.3 * u) || labelFit_ + 1 == int(kLabelFits.size()))
                break;
        }
        const Fit& f = kLabelFits[labelFit_];
        labelH_ = 0;
        for (const QString& label : labels_)
            if (!label.isEmpty())
                labelH_ = std::max(labelH_, f.rotated ? M.width(f.k, label) : M.height(f.k, label));
    }

    // Group captions, all in one style: centred under their bars, reaching at most halfway into
    // the gaps beside them. Returns their height.
    double fitCaptions()
    {
        const int count = int(groups_.size());
        std::vector<std::pair<double, double>> room(count);
        for (int g = 0; g < count; ++g) {
            const double half = groupGap_ * pitch_ / 2 - 0.15 * u;
            room[g] = {g == 0 ? content_.left() : cx_[groups_[g].first] - pitch_ / 2 - half,
                       g + 1 == count ? content_.right() : cx_[groups_[g].second] + pitch_ / 2 + half};
        }
        int fit = int(kCaptionFits.size()) - 1;
        for (int m = 0; m < fit; ++m) {
            bool all = true;
            for (int g = 0; all && g < count; ++g) {
                const auto [lo, hi] = room[g];
                all = M.width(kCaptionFits[m].k, fitted(kCaptionFits[m], groupOf(g))) <= hi - lo;
            }
            if (all)
                fit = m;
        }
        captionK_ = kCaptionFits[fit].k;
        double height = 0;
        captions_.assign(count, QString());
        captionBoxes_.assign(count, QRectF());
        for (int g = 0; g < count; ++g) {
            const auto [lo, hi] = room[g];
            QString& t = captions_[g] = fitted(kCaptionFits[fit], groupOf(g));
            if (M.width(captionK_, t) > hi - lo)
                t = M.fm(captionK_).elidedText(groupOf(g), Qt::ElideRight, std::max(0.0, hi - lo));
            const double w = M.width(captionK_, t);
            const double centre = (cx_[groups_[g].first] + cx_[groups_[g].second]) / 2;
            const double x = std::clamp(centre - w / 2, lo, std::max(lo, hi - w));
            captionBoxes_[g] = QRectF(x, 0, w, M.height(captionK_, t));
            height = std::max(height, captionBoxes_[g].height());
        }
        return height;
    }

    // Tick labels set the axis width, the width sets how labels fit, the labels set the plot
    // height, the height sets the ticks and the axis caption: settle it in a few passes.
    void settle()
    {
        ticks_ = axisTicks(0.6 * content_.height());
        axisCaption_ = fitAxisCaption(0.6 * content_.height());
        cx_.assign(n, 0.0);
        valueH_.assign(n, 0.0);
        labels_.assign(n, QString());
        bool showValues = options_.showValues && n > 0;
        const double outer = 0.3;  // bar pitches before the first bar and after the last
        for (int pass = 0; pass < 6; ++pass) {
            const auto& [caption, k] = axisCaption_;
            double left = content_.left() + (caption.isEmpty() ? 0 : M.height(k, caption) + 0.35 * u);
            double tickW = 0;
            for (double t : ticks_)
                tickW = std::max(tickW, M.width(kSmall, ChartAxis::format(t)));
            left += tickW + 0.25 * u + L.tickLen;
            L.plot.setLeft(left);
            const double units = n + groupGap_ * (int(groups_.size()) - 1) + 2 * outer;
            pitch_ = n > 0 ? std::max(0.0, content_.right() - left) / units : 0;
            for (int i = 0; i < n; ++i)
                cx_[i] = left + (outer + i + groupGap_ * groupIndex_[i] + 0.5) * pitch_;
            fitValues(showValues);
            fitLabels();
            const double captionH = fitCaptions();
            const double captionBlock = anyCaption_ ? 0.45 * u + captionH : 0;
            const double bottomH = std::max(0.5 * small, 0.3 * u + labelH_ + captionBlock);
            // The band above the plot holds the totals of the tallest bars: each must clear the
            // top of the content, which for a bar at fraction t of the plot needs
            // band >= (h + gap - (1 - t) * full) / t, where full = band + plot height.
            const double full = content_.bottom() - bottomH - content_.top();
            double tallest = 0;
            band_ = 0.5 * small;
            for (int i = 0; valueFit_ >= 0 && i < n; ++i) {
                const double t = fraction(std::max(L.bars[i].total, L.bars[i].overlay));
                tallest = std::max(tallest, valueH_[i] + valueGap());
                if (t > 0)
                    band_ = std::max(band_, (valueH_[i] + valueGap() - (1 - t) * full) / t);
            }
            const double top = content_.top() + band_;
            const double right = std::max(left, content_.right());
            L.plot = QRectF(QPointF(left, top), QPointF(right, std::max(top, content_.bottom() - bottomH)));
            if (valueFit_ >= 0 && (L.plot.height() < std::max(3 * u, 0.6 * full) || full < tallest)) {
                showValues = false;  // a crowded chart keeps its bars rather than its numbers
                continue;
            }
            const std::vector<double> ticks = axisTicks(L.plot.height());
            const auto axisCaption = fitAxisCaption(L.plot.height());
            if ((ticks == ticks_ && axisCaption == axisCaption_) || pass == 5)
                break;
            std::tie(ticks_, axisCaption_) = std::pair(ticks, axisCaption);
        }
    }

    // Ticks with labels thinned when decades crowd, minor ticks on roomy log axes, the caption.
    void placeAxis()
    {
        const QRectF& plot = L.plot;
        const double step = ticks_.size() > 1 ? plot.height() / double(ticks_.size() - 1) : plot.height();
        const int every = std::max(1, int(std::ceil(1.3 * small / std::max(step, 1e-9))));
        for (int k = 0; k < int(ticks_.size()); ++k) {
            const double y = plot.bottom() - k * step;
            L.ticks.push_back({y, k % every == 0, k % every == 0});
            const QString text = k % every == 0 ? ChartAxis::format(ticks_[k]) : QString();
            const double w = M.width(kSmall, text), x = plot.left() - L.tickLen - 0.25 * u - w;
            addText(text, kSmall, QRectF(x, y - small / 2, w, small), kSubtle);
            const bool minor = d_.logScale && every == 1 && step >= 2.5 * u && k + 1 < int(ticks_.size());
            for (int m = 2; minor && m <= 9; ++m)
                L.ticks.push_back({y - std::log10(double(m)) * step, false, false});
        }
        if (const auto& [t, k] = axisCaption_; !t.isEmpty()) {
            const double w = M.width(k, t);
            addText(t, k, QRectF(content_.left(), plot.center().y() - w / 2, M.height(k, t), w), kText, true);
        }
    }

    // Bars with their totals and labels, then the group rules and captions.
    void placeBars()
    {
        const QRectF& plot = L.plot;
        const Fit& vf = kValueFits[std::max(0, valueFit_)];
        const Fit& lf = kLabelFits[labelFit_];
        const double body = std::min(0.74 * pitch_, 6 * u), ghostW = anyOverlay_ ? 0.3 * body : 0;
        const double labelTop = plot.bottom() + 0.3 * u;
        const auto yOf = [&](double v) { return plot.bottom() - fraction(v) * plot.height(); };
        QRectF lastLabel;
        for (int i = 0; i < n; ++i) {
            auto& b = L.bars[i];
            const double left = cx_[i] - body / 2, top = yOf(b.total);
            b.stack = QRectF(left, top, body - ghostW, plot.bottom() - top);
            double bottom = plot.bottom();
            for (double v : b.values) {
                const double h = b.total > 0 ? b.stack.height() * v / b.total : 0;
                b.segments.emplace_back(left, bottom - h, b.stack.width(), h);
                bottom -= h;
            }
            if (b.overlay > 0)
                b.ghost = QRectF(b.stack.right(), yOf(b.overlay), ghostW, plot.bottom() - yOf(b.overlay));
            b.column = QRectF(left, plot.top() - band_, body, band_ + plot.height());
            const double valueBottom = std::min(top, b.overlay > 0 ? b.ghost.top() : top) - valueGap();
            if (valueFit_ >= 0 && vf.rotated) {
                const double w = M.width(vf.k, joined_[i]), h = M.fm(vf.k).height();
                b.valueBox = QRectF(cx_[i] - h / 2, valueBottom - w, h, w);
                addText(joined_[i], vf.k, b.valueBox, kText, true);
            } else if (valueFit_ >= 0) {
                const double wt = M.width(vf.k, totals_[i]), wr = M.width(0.9 * vf.k, ratios_[i]);
                const double ht = M.fm(vf.k).height();
                const double hr = ratios_[i].isEmpty() ? 0 : M.fm(0.9 * vf.k).height();
                const QRectF total(cx_[i] - wt / 2, valueBottom - hr - ht, wt, ht);
                const QRectF ratio(cx_[i] - wr / 2, valueBottom - hr, wr, hr);
                addText(totals_[i], vf.k, total);
                addText(ratios_[i], 0.9 * vf.k, ratio, kSubtle);
                b.valueBox = hr > 0 ? total.united(ratio) : total;
            }
            const double w = lf.rotated ? M.fm(lf.k).height() : M.width(lf.k, labels_[i]);
            const double h = lf.rotated ? M.width(lf.k, labels_[i]) : M.height(lf.k, labels_[i]);
            const QRectF box(cx_[i] - w / 2, labelTop, w, h);
            // Only the last resort (too many bars even for rotated labels) thins them out.
            if (!labels_[i].isEmpty() && !box.adjusted(-0.1 * u, 0, 0.1 * u, 0).intersects(lastLabel)) {
                addText(labels_[i], lf.k, box, kText, lf.rotated);
                b.labelBox = lastLabel = box;
            }
        }
        const double ruleY = labelTop + labelH_ + 0.25 * u;
        for (int g = 0; g < int(groups_.size()); ++g) {
            if (captions_[g].isEmpty())
                continue;
            const auto [first, last] = groups_[g];
            if (last > first)
                L.rules.emplace_back(cx_[first] - body / 2, ruleY, cx_[last] + body / 2, ruleY);
            addText(captions_[g], captionK_, captionBoxes_[g].translated(0, ruleY + 0.2 * u));
        }
    }

    const BarChartPainter& chart_;
    const BarChartData& d_;
    const RenderOptions& options_;
    const QRectF rect_;
    // Short names for what nearly every line uses: the measurer, the line heights of the base
    // and the small font (u is the unit of every size), the bar count and the layout being built.
    Measure M;
    const QFont titleFont_;
    const QFontMetricsF fmTitle_;
    const double u, small;
    const int n;
    ChartLayout L;

    QRectF content_;  // what is left for the steps still to come
    double maxV_ = 0, minPos_ = std::numeric_limits<double>::infinity();
    bool anyOverlay_ = false, anyCaption_ = false, legendRight_ = false;
    double legendX_ = 0, groupGap_ = 0, pitch_ = 0, band_ = 0, labelH_ = 0, captionK_ = kBase;
    int valueFit_ = -1, labelFit_ = 0;
    std::vector<Entry> entries_;
    std::vector<std::pair<int, int>> groups_;  // first and last bar
    std::vector<int> groupIndex_;
    std::vector<QString> totals_, ratios_, joined_, labels_, captions_;
    std::vector<double> ticks_, cx_, valueH_;
    std::vector<QRectF> captionBoxes_;
    std::pair<QString, double> axisCaption_;
};

} // namespace

struct BarChartPainter::Layout : ChartLayout { };

void BarChartPainter::setData(BarChartData data) { data_ = std::move(data); }

void BarChartPainter::setSelectedBar(int bar) { selected_ = bar; }

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

BarChartPainter::Layout BarChartPainter::layout(const QRectF& rect, const RenderOptions& options,
                                                const QPaintDevice* device) const
{
    Layout L;
    static_cast<ChartLayout&>(L) = LayoutBuilder(*this, rect, options, device).build();
    return L;
}

void BarChartPainter::paint(QPainter& p, const QRectF& rect, const RenderOptions& options) const
{
    const Layout L = layout(rect, options, p.device());
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
    p.setPen(QPen(kSubtle, 0.8 * L.line, Qt::SolidLine, Qt::FlatCap));
    for (const QLineF& rule : L.rules)
        p.drawLine(rule);

    for (const auto& s : L.swatches) {
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

    constexpr int flags = Qt::AlignCenter | Qt::TextDontClip;
    for (const auto& t : L.texts) {
        p.setFont(t.font);
        p.setPen(t.color);
        if (!t.rotated) {
            p.drawText(t.box, flags, t.text);
            continue;
        }
        p.save();
        p.translate(t.box.center());
        p.rotate(-90);
        p.drawText(
            QRectF(-t.box.height() / 2, -t.box.width() / 2, t.box.height(), t.box.width()), flags, t.text);
        p.restore();
    }
    p.restore();
}

BarHit BarChartPainter::hitTest(const QRectF& rect, const RenderOptions& options, const QPointF& point,
                                const QPaintDevice* device) const
{
    const Layout L = layout(rect, options, device);
    for (int i = 0; i < int(L.bars.size()); ++i) {
        const auto& b = L.bars[i];
        // Half-open spans, so a point on a boundary belongs to exactly one segment.
        const auto within = [&](const QRectF& r) {
            return point.x() >= r.left() && point.x() < r.right() && point.y() >= r.top()
                && point.y() < r.bottom();
        };
        for (int s = 0; s < int(b.segments.size()); ++s)
            if (within(b.segments[s]))
                return {i, s};
        if (within(b.column) || within(b.labelBox) || within(b.valueBox))
            return {i, -1};
    }
    return {};
}

QRectF BarChartPainter::segmentRect(const QRectF& rect, const RenderOptions& options, int bar, int series,
                                    const QPaintDevice* device) const
{
    if (bar < 0 || bar >= int(data_.bars.size()))
        return {};
    const Layout L = layout(rect, options, device);
    const auto& b = L.bars[bar];
    if (series == -1)
        return b.stack;
    return series >= 0 && series < int(b.segments.size()) ? b.segments[series] : QRectF();
}

QRectF BarChartPainter::overlayRect(const QRectF& rect, const RenderOptions& options, int bar,
                                    const QPaintDevice* device) const
{
    return bar >= 0 && bar < int(data_.bars.size()) ? layout(rect, options, device).bars[bar].ghost
                                                    : QRectF();
}

QRectF BarChartPainter::valueLabelRect(const QRectF& rect, const RenderOptions& options, int bar,
                                       const QPaintDevice* device) const
{
    return bar >= 0 && bar < int(data_.bars.size()) ? layout(rect, options, device).bars[bar].valueBox
                                                    : QRectF();
}

QRectF BarChartPainter::barLabelRect(const QRectF& rect, const RenderOptions& options, int bar,
                                     const QPaintDevice* device) const
{
    return bar >= 0 && bar < int(data_.bars.size()) ? layout(rect, options, device).bars[bar].labelBox
                                                    : QRectF();
}

QRectF BarChartPainter::plotRect(const QRectF& rect, const RenderOptions& options,
                                 const QPaintDevice* device) const
{
    return layout(rect, options, device).plot;
}

std::vector<QRectF> BarChartPainter::textRects(const QRectF& rect, const RenderOptions& options,
                                               const QPaintDevice* device) const
{
    std::vector<QRectF> boxes;
    for (const auto& t : layout(rect, options, device).texts)
        boxes.push_back(t.box);
    return boxes;
}

} // namespace tierlens
