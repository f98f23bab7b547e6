#pragma once
// Internal to BarChartPainter::layout(): computes a BarChartLayout step by step, each step taking
// its share of the content rectangle. Reading the data and placing every part is in
// barchartlayout.cpp; fitting the texts and settling the axis is in barchartlayoutfit.cpp.

#include "render/barchartlayout.h"
#include "render/renderoptions.h"

#include <QFontMetricsF>
#include <QHash>
#include <QStringList>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <utility>
#include <vector>

namespace tierlens {

class BarChartLayoutBuilder {
public:
    BarChartLayoutBuilder(const BarChartPainter& chart, const QRectF& rect, const RenderOptions& options,
        const QPaintDevice* device);
    BarChartLayout build();

private:
    static QFont scaled(const QFont& f, double k, bool bold = false) { return scaledFont(f, k, bold); }

    // Fonts scaled from the base font, and text widths measured once per layout: the fitting passes
    // ask for the same strings again and again, and shaping text is most of what a layout costs.
    class Measure {
    public:
        Measure(const QFont& base, const QPaintDevice* device)
            : base_(base)
            , device_(device)
            // A printed figure asks for a font size: nothing may come out more than 0.9 pt under
            // it, however crowded the chart (a pixel-sized screen font keeps 90 %).
            , floor_(base.pointSizeF() > 0
                      ? std::clamp((base.pointSizeF() - 0.9) / base.pointSizeF(), 0.0, 1.0)
                      : 0.9)
        {
        }
        QFont font(double k) const { return scaled(base_, std::max(k, floor_)); }
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
            for (qsizetype i = text.indexOf(QLatin1Char(' ')); i > 0;
                 i = text.indexOf(QLatin1Char(' '), i + 1)) {
                const QString two = text.left(i) + QLatin1Char('\n') + text.mid(i + 1);
                const QChar next = i + 1 < text.size() ? text.at(i + 1) : QChar();
                if (wordy(QStringView(text).left(i)) && wordy(QStringView(text).mid(i + 1))
                    && (next.isLetterOrNumber() || next == QLatin1Char('('))
                    && width(k, two) < width(k, best))
                    best = two;
            }
            return best;
        }
        /// The text word-wrapped into lines of at most `room` (a single word wider than that keeps
        /// its own line whole): the last resort, where eliding would lose what the text says.
        QString wrapped(double k, const QString& text, double room)
        {
            // A word of less than two letters or digits ("=", "/", "1)") stays with the word before
            // it: when the two overflow the line, both go onto the next.
            const auto wordy = [](QStringView s) {
                return std::count_if(s.begin(), s.end(), [](QChar c) { return c.isLetterOrNumber(); }) >= 2;
            };
            QStringList lines;
            for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                const QString joined = lines.isEmpty() ? word : lines.back() + QLatin1Char(' ') + word;
                const qsizetype space = lines.isEmpty() ? -1 : lines.back().lastIndexOf(QLatin1Char(' '));
                if (lines.isEmpty() || width(k, joined) <= room)
                    lines.isEmpty() ? void(lines << word) : void(lines.back() = joined);
                else if (wordy(word))
                    lines << word;
                else if (space > 0) {
                    lines << lines.back().mid(space + 1) + QLatin1Char(' ') + word;
                    lines[lines.size() - 2].truncate(space);
                } else
                    lines.back() = joined;
            }
            return lines.join(QLatin1Char('\n'));
        }

    private:
        struct Entry {
            QFontMetricsF fm;
            QHash<QString, double> widths;
        };
        Entry& entry(double k)
        {
            k = std::max(k, floor_);
            auto it = entries_.find(k);
            if (it == entries_.end())
                it = entries_.emplace(k, Entry { QFontMetricsF(font(k), device_), {} }).first;
            return it->second;
        }
        QFont base_;
        const QPaintDevice* device_;
        double floor_;
        std::map<double, Entry> entries_;
    };

    // Ways to fit a text: font scale, rotated a quarter turn, broken onto two lines.
    struct Fit {
        double k;
        bool rotated, wrap;
    };
    // Ticks and the legend are set at the requested size: kSmall is what the base font shrinks to
    // only for texts that must fit between bars.
    static constexpr double kBase = 1, kSmall = 0.9;
    // Most readable first. Values and bar labels sit over and under each bar; captions under groups
    // and along the value axis.
    static constexpr std::array<Fit, 4> kValueFits { { { 0.85, false, false }, { 0.72, false, false },
        { 0.85, true, false }, { 0.72, true, false } } };
    // Rotated labels go onto two lines when one would run too far down; the last resort, a
    // rotated line however long, is the narrowest there is.
    static constexpr std::array<Fit, 9> kLabelFits { { { 0.9, false, false }, { 0.9, false, true },
        { 0.77, false, false }, { 0.77, false, true }, { 0.9, true, false }, { 0.77, true, false },
        { 0.9, true, true }, { 0.77, true, true }, { 0.77, true, false } } };
    static constexpr std::array<Fit, 6> kCaptionFits { { { kBase, false, false }, { kSmall, false, false },
        { kBase, false, true }, { kSmall, false, true }, { 0.77, false, false }, { 0.77, false, true } } };
    static constexpr const QColor& kText = BarChartLayout::kText;
    static constexpr const QColor& kSubtle = BarChartLayout::kSubtle;

    struct Entry {
        QString text;
        int slot;
        double width = 0;
    };

    void addText(
        const QString& text, double k, const QRectF& box, const QColor& color = kText, bool rotated = false)
    {
        if (!text.isEmpty())
            L.texts.push_back({ text, M.font(k), box, color, rotated });
    }
    QString fitted(const Fit& f, const QString& text) { return f.wrap ? M.twoLines(f.k, text) : text; }
    const QString& groupOf(int g) const { return d_.bars[groups_[g].first].group; }
    double rowH() const { return 1.1 * small; }
    double valueGap() const { return 0.25 * u; } // between a bar's top and its total
    double swatch() { return 0.9 * M.fm(kSmall).ascent(); }

    // Placing (barchartlayout.cpp).
    void readData();
    void placeTitle();
    void placeEntry(const Entry& e, double x, double y);
    void placeLegend();
    void placeAxis();
    void placeBars();

    // Fitting (barchartlayoutfit.cpp).
    std::vector<double> axisTicks(double plotH) const;
    double fraction(double v) const;
    std::pair<QString, double> fitAxisCaption(double length);
    bool fits(const std::vector<double>& w, double gap) const;
    void fitValues(bool show);
    void fitLabels();
    double fitCaptions();
    void settle();

    const BarChartPainter& chart_;
    const BarChartData& d_;
    const RenderOptions& options_;
    const QRectF rect_;
    const QPaintDevice* device_;
    // Short names for what nearly every line uses: the measurer, the line heights of the base
    // and the small font (u is the unit of every size), the bar count and the layout being built.
    Measure M;
    const QFont titleFont_;
    const QFontMetricsF fmTitle_;
    const double u, small;
    const int n;
    BarChartLayout L;

    QRectF content_; // what is left for the steps still to come
    double maxV_ = 0, minPos_ = std::numeric_limits<double>::infinity();
    bool anyOverlay_ = false, anyCaption_ = false, legendRight_ = false;
    bool anyWhisker_ = false; // range mode: some bar has a low–high whisker
    double legendX_ = 0, groupGap_ = 0, pitch_ = 0, band_ = 0, labelH_ = 0, captionK_ = kBase;
    int valueFit_ = -1, labelFit_ = 0;
    std::vector<Entry> entries_;
    std::vector<std::pair<int, int>> groups_; // first and last bar
    std::vector<int> groupIndex_;
    std::vector<QString> totals_, ratios_, joined_, labels_, captions_;
    std::vector<double> ticks_, cx_, valueH_;
    std::vector<QRectF> captionBoxes_;
    std::pair<QString, double> axisCaption_;
    QRectF axisTop_; // where the axis caption goes when it runs across the top instead
    QString keyNote_; // names the bars of every group when they cannot be labelled one by one
};

} // namespace tierlens
