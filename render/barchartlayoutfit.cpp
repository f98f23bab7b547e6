// BarChartLayoutBuilder's fitting passes: the value axis and its ticks, and the largest, most
// readable style in which the totals, bar labels and group captions fit.
#include "render/barchartlayoutbuilder.h"

#include "render/chartaxis.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace tierlens {

std::vector<double> BarChartLayoutBuilder::axisTicks(double plotH) const
{
    if (d_.logScale)
        return maxV_ > 0 ? ChartAxis::logTicks(maxV_ > minPos_ ? minPos_ : maxV_ / 10, maxV_)
                         : ChartAxis::logTicks(1, 10);
    return ChartAxis::linearTicks(maxV_, std::clamp(int(plotH / (3 * small)), 2, 6));
}

// Where a value sits on the axis, from 0 at the bottom to 1 at the top. Log: 0 and everything
// under the lowest decade sit at the bottom; bars there are totals only (readData).
double BarChartLayoutBuilder::fraction(double v) const
{
    if (!d_.logScale)
        return std::clamp(v / ticks_.back(), 0.0, 1.0);
    const double lo = std::log10(ticks_.front()), hi = std::log10(ticks_.back());
    return v > 0 ? std::clamp((std::log10(v) - lo) / std::max(hi - lo, 1e-300), 0.0, 1.0) : 0.0;
}

// The value axis caption runs along the plot, at the requested size: on one line, two, or as
// many as it takes.
std::pair<QString, double> BarChartLayoutBuilder::fitAxisCaption(double length)
{
    for (const bool wrap : { false, true })
        if (const QString t = fitted({ kBase, false, wrap }, d_.valueLabel); M.width(kBase, t) <= length)
            return { t, kBase };
    return { M.wrapped(kBase, d_.valueLabel, length), kBase };
}

// Text centred over each bar fits when neighbours keep a gap and the ends stay in the plot.
bool BarChartLayoutBuilder::fits(const std::vector<double>& w, double gap) const
{
    for (int i = 0; i + 1 < n; ++i)
        if ((w[i] + w[i + 1]) / 2 + gap > cx_[i + 1] - cx_[i])
            return false;
    return n == 0 || (cx_[0] - w[0] / 2 >= L.plot.left() && cx_[n - 1] + w[n - 1] / 2 <= content_.right());
}

void BarChartLayoutBuilder::fitValues(bool show)
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

void BarChartLayoutBuilder::fitLabels()
{
    std::vector<double> w(n);
    const double maxLen = std::max(3 * u, 0.22 * rect_.height());
    for (labelFit_ = 0; labelFit_ < int(kLabelFits.size()); ++labelFit_) {
        const Fit& f = kLabelFits[labelFit_];
        for (int i = 0; i < n; ++i) {
            const QString& label = d_.bars[i].label;
            labels_[i] = fitted(f, label);
            w[i] = f.rotated ? (label.isEmpty() ? 0 : M.height(f.k, labels_[i])) : M.width(f.k, labels_[i]);
            // A rotated label longer than its share of the height is tried on two lines.
            if (f.rotated && !f.wrap && labelFit_ + 1 < int(kLabelFits.size())
                && M.width(f.k, labels_[i]) > maxLen)
                w[i] = std::numeric_limits<double>::infinity();
        }
        if (fits(w, f.rotated ? 0.2 * u : 0.3 * u))
            break;
    }
    keyNote_.clear();
    if (labelFit_ == int(kLabelFits.size())) {
        labelFit_ = int(kLabelFits.size()) - 1;
        // Too many bars for even rotated labels. When every group repeats the same bars, one
        // line under the chart names them all, in full; else the labels are thinned (placeBars).
        QStringList first;
        for (int i = groups_.front().first; i <= groups_.front().second; ++i)
            first << d_.bars[i].label;
        bool repeated = groups_.size() > 1;
        for (int g = 1; repeated && g < int(groups_.size()); ++g) {
            QStringList these;
            for (int i = groups_[g].first; i <= groups_[g].second; ++i)
                these << d_.bars[i].label;
            repeated = these == first;
        }
        if (repeated && !first.join(QString()).isEmpty()) {
            // No line break inside a name.
            for (QString& label : first)
                label.replace(QLatin1Char(' '), QChar::Nbsp);
            keyNote_ = M.wrapped(kBase,
                BarChartPainter::tr("Bars in each group, left to right: %1")
                    .arg(first.join(QStringLiteral(", "))),
                content_.width());
            labels_.assign(n, QString());
        }
    }
    const Fit& f = kLabelFits[labelFit_];
    labelH_ = 0;
    for (const QString& label : labels_)
        if (!label.isEmpty())
            labelH_ = std::max(labelH_, f.rotated ? M.width(f.k, label) : M.height(f.k, label));
}

// Group captions, all in one style: centred under their bars, reaching at most halfway into
// the gaps beside them. Returns their height.
double BarChartLayoutBuilder::fitCaptions()
{
    const int count = int(groups_.size());
    std::vector<std::pair<double, double>> room(count);
    for (int g = 0; g < count; ++g) {
        const double half = groupGap_ * pitch_ / 2 - 0.15 * u;
        room[g] = { g == 0 ? content_.left() : cx_[groups_[g].first] - pitch_ / 2 - half,
            g + 1 == count ? content_.right() : cx_[groups_[g].second] + pitch_ / 2 + half };
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
    const auto centre = [this](int g) { return (cx_[groups_[g].first] + cx_[groups_[g].second]) / 2; };
    const auto place = [&](bool wrap) {
        double height = 0;
        bool overflow = false;
        captions_.assign(count, QString());
        captionBoxes_.assign(count, QRectF());
        for (int g = 0; g < count; ++g) {
            const auto [lo, hi] = room[g];
            QString& t = captions_[g] = fitted(kCaptionFits[fit], groupOf(g));
            if (wrap && M.width(captionK_, t) > hi - lo)
                t = M.wrapped(captionK_, groupOf(g), hi - lo);
            const double w = M.width(captionK_, t);
            overflow = overflow || w > hi - lo;
            double x = std::clamp(centre(g) - w / 2, lo, std::max(lo, hi - w));
            x = std::clamp(x, content_.left(), std::max(content_.left(), content_.right() - w));
            captionBoxes_[g] = QRectF(x, 0, w, M.height(captionK_, t));
            height = std::max(height, captionBoxes_[g].height());
        }
        return std::pair(height, overflow);
    };
    // Too narrow: captions take turns on two or three rows, so each may reach halfway to the
    // next caption on its row (positions between group centres are interpolated); only then do
    // they wrap at their spaces.
    const auto at = [&](double x) {
        if (x <= 0)
            return x < 0 ? content_.left() : centre(0);
        if (x >= count - 1)
            return x > count - 1 ? content_.right() : centre(count - 1);
        const int i = int(std::floor(x));
        return centre(i) + (x - i) * (centre(i + 1) - centre(i));
    };
    const int most = std::clamp(count, 1, 3);
    const auto beside = room;
    for (const bool wrap : { false, true })
        for (int rows = 1; rows <= most; ++rows) {
            for (int g = 0; g < count; ++g)
                room[g] = rows == 1 ? beside[g]
                                    : std::pair(at(g - rows / 2.0) + 0.15 * u, at(g + rows / 2.0) - 0.15 * u);
            const auto [h, over] = place(wrap);
            if (over && !(wrap && rows == most))
                continue;
            const double row = h + 0.2 * u;
            for (int g = 0; g < count; ++g)
                captionBoxes_[g].translate(0, (g % rows) * row);
            return rows * row - 0.2 * u;
        }
    return 0;
}

// Tick labels set the axis width, the width sets how labels fit, the labels set the plot
// height, the height sets the ticks and the axis caption: settle it in a few passes.
void BarChartLayoutBuilder::settle()
{
    ticks_ = axisTicks(0.6 * content_.height());
    axisCaption_ = fitAxisCaption(0.6 * content_.height());
    cx_.assign(n, 0.0);
    valueH_.assign(n, 0.0);
    labels_.assign(n, QString());
    bool showValues = options_.showValues && n > 0;
    const double outer = 0.3; // bar pitches before the first bar and after the last
    for (int pass = 0; pass < 6; ++pass) {
        if (!axisTop_.isValid() && axisCaption_.first.count(QLatin1Char('\n')) >= 2) {
            // Three lines or more along a short plot read badly: the caption goes across the
            // top of the axis instead, on as few lines as the width allows.
            const QString t = M.wrapped(kBase, d_.valueLabel, content_.width());
            axisTop_ = QRectF(content_.left(), content_.top(), M.width(kBase, t), M.height(kBase, t));
            axisCaption_ = { t, kBase };
            content_.setTop(axisTop_.bottom() + 0.2 * u);
        }
        const auto& [caption, k] = axisCaption_;
        double left = content_.left()
            + (caption.isEmpty() || axisTop_.isValid() ? 0 : M.height(k, caption) + 0.35 * u);
        double tickW = 0;
        for (double t : ticks_)
            tickW = std::max(tickW, M.width(kBase, ChartAxis::format(t)));
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
        const double keyBlock = keyNote_.isEmpty() ? 0 : 0.35 * u + M.height(kBase, keyNote_);
        const double bottomH = std::max(0.5 * small, 0.3 * u + labelH_ + captionBlock + keyBlock);
        // The band above the plot holds the totals of the tallest bars: each must clear the
        // top of the content, which for a bar at fraction t of the plot needs
        // band >= (h + gap - (1 - t) * full) / t, where full = band + plot height.
        const double full = content_.bottom() - bottomH - content_.top();
        double tallest = 0;
        band_ = 0.5 * small;
        for (int i = 0; valueFit_ >= 0 && i < n; ++i) {
            const auto& bar = L.bars[i];
            const double t = fraction(std::max({ bar.total, bar.overlay, bar.whisker ? bar.high : 0.0 }));
            tallest = std::max(tallest, valueH_[i] + valueGap());
            if (t > 0)
                band_ = std::max(band_, (valueH_[i] + valueGap() - (1 - t) * full) / t);
        }
        const double top = content_.top() + band_;
        const double right = std::max(left, content_.right());
        L.plot = QRectF(QPointF(left, top), QPointF(right, std::max(top, content_.bottom() - bottomH)));
        if (valueFit_ >= 0 && (L.plot.height() < std::max(3 * u, 0.6 * full) || full < tallest)) {
            showValues = false; // a crowded chart keeps its bars rather than its numbers
            continue;
        }
        const std::vector<double> ticks = axisTicks(L.plot.height());
        const auto axisCaption = axisTop_.isValid() ? axisCaption_ : fitAxisCaption(L.plot.height());
        if ((ticks == ticks_ && axisCaption == axisCaption_) || pass == 5)
            break;
        std::tie(ticks_, axisCaption_) = std::pair(ticks, axisCaption);
    }
}

} // namespace tierlens
