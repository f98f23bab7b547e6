// BarChartPainter::layout(): the single source of positions for painting, hit tests and the
// geometry queries. Reads the data and places every part; barchartlayoutfit.cpp fits the texts.
#include "render/barchartlayoutbuilder.h"

#include "render/chartaxis.h"
#include "render/chartpalette.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace tierlens {

BarChartLayout BarChartPainter::layout(
    const QRectF& rect, const RenderOptions& options, const QPaintDevice* device) const
{
    return BarChartLayoutBuilder(*this, rect, options, device).build();
}

BarChartLayoutBuilder::BarChartLayoutBuilder(const BarChartPainter& chart, const QRectF& rect,
    const RenderOptions& options, const QPaintDevice* device)
    : chart_(chart)
    , d_(chart.data())
    , options_(options)
    , rect_(rect)
    , device_(device)
    , M(options.font, device)
    , titleFont_(scaled(options.font, 1.2, true))
    , fmTitle_(titleFont_, device)
    , u(M.fm(kBase).height())
    , small(M.fm(kBase).height())
    , n(int(d_.bars.size()))
{
}

BarChartLayout BarChartLayoutBuilder::build()
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

// Cleaned values, totals, printed numbers and groups (runs of bars with the same caption).
void BarChartLayoutBuilder::readData()
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
        if (d_.bars[i].low && d_.bars[i].high) {
            b.whisker = true;
            b.low = BarChartPainter::drawnValue(*d_.bars[i].low);
            b.high = std::max(b.low, BarChartPainter::drawnValue(*d_.bars[i].high));
            anyWhisker_ = true;
        }
        // The axis covers the whiskers, so no mark ends above the axis' last tick.
        for (double v : { b.total, b.overlay, b.whisker ? b.high : 0.0, b.whisker ? b.low : 0.0 })
            if (v > 0) {
                maxV_ = std::max(maxV_, v);
                minPos_ = std::min(minPos_, v);
            }
    }
    // Totals only on a log axis: a segment there would end where its value is not.
    if (d_.logScale && series > 1) {
        L.totalsOnly = true;
        L.slotOf.assign(1, ChartPalette::kTotalSlot);
        for (auto& b : L.bars)
            b.values.assign(1, b.total);
    }
    const int digits = std::clamp(d_.decimals, 1, 15);
    totals_.resize(n);
    ratios_.resize(n);
    joined_.resize(n);
    for (int i = 0; i < n; ++i) {
        const double absolute = d_.bars[i].absoluteTotal;
        totals_[i] = joined_[i] = absolute >= 0 ? ChartAxis::format(absolute, digits)
                + (d_.absoluteUnit.isEmpty() ? QString() : QLatin1Char(' ') + d_.absoluteUnit)
                                                : ChartAxis::format(L.bars[i].total, digits);
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

void BarChartLayoutBuilder::placeTitle()
{
    const QString title = options_.title.isEmpty() ? d_.title : options_.title;
    if (!options_.showTitle || title.isEmpty())
        return;
    // A title wider than the figure is set at the base size, then wraps at its spaces, rather
    // than losing its end.
    QFont font = titleFont_;
    if (fmTitle_.horizontalAdvance(title) > content_.width())
        font = scaled(options_.font, 1, true);
    const QFontMetricsF fm(font, device_);
    QStringList lines;
    for (const QString& word : title.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!lines.isEmpty()
            && fm.horizontalAdvance(lines.back() + QLatin1Char(' ') + word) <= content_.width())
            lines.back() += QLatin1Char(' ') + word;
        else
            lines << word;
    }
    const QString t = lines.join(QLatin1Char('\n'));
    double w = 0;
    for (const QString& line : std::as_const(lines))
        w = std::max(w, fm.horizontalAdvance(line));
    const double h = fm.height() + std::max<qsizetype>(0, lines.size() - 1) * fm.lineSpacing();
    const QRectF box(content_.center().x() - w / 2, content_.top(), w, h);
    L.texts.push_back({ t, font, box, kText });
    content_.setTop(content_.top() + h + 0.35 * u);
}

void BarChartLayoutBuilder::placeEntry(const Entry& e, double x, double y)
{
    L.swatches.push_back({ QRectF(x, y + (rowH() - swatch()) / 2, swatch(), swatch()), e.slot });
    const double gap = e.width - M.width(kBase, e.text);
    addText(e.text, kBase, QRectF(x + gap, y + (rowH() - small) / 2, e.width - gap, small));
}

// Beside the plot when the bars can spare the width, listing the series top to bottom as
// they stack; else above it, in as many aligned columns as fit, rows balanced.
void BarChartLayoutBuilder::placeLegend()
{
    if (!options_.showLegend)
        return;
    // A component no bar has (flash reads in an all-GPU study) would only crowd the legend.
    const auto shown = [this](int s) {
        return std::any_of(d_.bars.begin(), d_.bars.end(),
            [s](const BarStack& b) { return s < int(b.values.size()) && b.values[std::size_t(s)] > 0; });
    };
    if (L.totalsOnly)
        entries_.push_back(
            { d_.totalsLabel.isEmpty() ? BarChartPainter::tr("Total (log axis: components not stacked)")
                                       : d_.totalsLabel,
                ChartPalette::kTotalSlot });
    for (int s = 0; !L.totalsOnly && s < int(L.slotOf.size()); ++s)
        if (!d_.seriesLabels.value(s).isEmpty() && shown(s))
            entries_.push_back({ d_.seriesLabels.value(s), L.slotOf[s] });
    if (anyOverlay_)
        entries_.push_back(
            { d_.overlayLabel.isEmpty() ? BarChartPainter::tr("Overlay") : d_.overlayLabel, -1 });
    if (anyWhisker_)
        entries_.push_back({ d_.whiskerLabel.isEmpty() ? BarChartPainter::tr("Range") : d_.whiskerLabel,
            BarChartLayout::kWhiskerSlot });
    if (entries_.empty())
        return;
    const double lead = swatch() + 0.4 * u;
    double widest = 0;
    for (Entry& e : entries_) {
        e.width = lead + M.width(kBase, e.text);
        widest = std::max(widest, e.width);
    }
    legendRight_ = entries_.size() * rowH() <= 0.7 * content_.height()
        && content_.width() - widest - 5 * u >= std::max(0.55 * content_.width(), n * 2.0 * u);
    if (legendRight_) {
        legendX_ = content_.right() - widest;
        content_.setRight(legendX_ - u);
        std::reverse(entries_.begin(), entries_.end() - (anyOverlay_ ? 1 : 0) - (anyWhisker_ ? 1 : 0));
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
    std::vector<double> x { content_.center().x() - span(w) / 2 };
    for (int c = 1; c < cols; ++c)
        x.push_back(x.back() + w[c - 1] + u);
    for (int i = 0; i < count; ++i)
        placeEntry(entries_[i], x[i % cols], content_.top() + (i / cols) * rowH());
    content_.setTop(content_.top() + rows * rowH() + 0.35 * u);
}

// Ticks with labels thinned when decades crowd, minor ticks on roomy log axes, the caption.
void BarChartLayoutBuilder::placeAxis()
{
    const QRectF& plot = L.plot;
    const double step = ticks_.size() > 1 ? plot.height() / double(ticks_.size() - 1) : plot.height();
    const int every = std::max(1, int(std::ceil(1.3 * small / std::max(step, 1e-9))));
    for (int k = 0; k < int(ticks_.size()); ++k) {
        const double y = plot.bottom() - k * step;
        L.ticks.push_back({ y, k % every == 0, k % every == 0 });
        const QString text = k % every == 0 ? ChartAxis::format(ticks_[k]) : QString();
        const double w = M.width(kBase, text), x = plot.left() - L.tickLen - 0.25 * u - w;
        addText(text, kBase, QRectF(x, y - small / 2, w, small), kSubtle);
        const bool minor = d_.logScale && every == 1 && step >= 2.5 * u && k + 1 < int(ticks_.size());
        for (int m = 2; minor && m <= 9; ++m)
            L.ticks.push_back({ y - std::log10(double(m)) * step, false, false });
    }
    if (const auto& [t, k] = axisCaption_; !t.isEmpty() && axisTop_.isValid()) {
        addText(t, k, axisTop_);
    } else if (!t.isEmpty()) {
        const double w = M.width(k, t);
        addText(t, k, QRectF(content_.left(), plot.center().y() - w / 2, M.height(k, t), w), kText, true);
    }
}

// Bars with their totals and labels, then the group rules and captions.
void BarChartLayoutBuilder::placeBars()
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
        // Each edge at its cumulative value on the axis (log: only the total is drawn).
        double below = 0;
        for (double v : b.values) {
            const double lo = yOf(below), hi = yOf(below + v);
            b.segments.emplace_back(left, hi, b.stack.width(), lo - hi);
            below += v;
        }
        if (b.overlay > 0)
            b.ghost = QRectF(b.stack.right(), yOf(b.overlay), ghostW, plot.bottom() - yOf(b.overlay));
        b.column = QRectF(left, plot.top() - band_, body, band_ + plot.height());
        double markTop = std::min(top, b.overlay > 0 ? b.ghost.top() : top);
        if (b.whisker) {
            // At the stack's centre; a log axis has no place for 0, so a zero low ends on the axis.
            const double x = b.stack.center().x(), cap = 0.22 * body;
            const double yLow = b.low > 0 ? yOf(b.low) : plot.bottom(), yHigh = yOf(b.high);
            b.whiskerLine = QLineF(x, yLow, x, yHigh);
            b.capLow = QLineF(x - cap, yLow, x + cap, yLow);
            b.capHigh = QLineF(x - cap, yHigh, x + cap, yHigh);
            markTop = std::min(markTop, yHigh);
        }
        const double valueBottom = markTop - valueGap();
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
        const double w = lf.rotated ? M.height(lf.k, labels_[i]) : M.width(lf.k, labels_[i]);
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
    if (!keyNote_.isEmpty()) {
        const double w = M.width(kBase, keyNote_), h = M.height(kBase, keyNote_);
        addText(keyNote_, kBase, QRectF(content_.center().x() - w / 2, content_.bottom() - h, w, h));
    }
}

} // namespace tierlens
