#include "render/heatmapcolorscale.h"

#include "render/chartaxis.h"
#include "render/chartpalette.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tierlens {

HeatmapColorScale::HeatmapColorScale(const std::vector<double>& values, bool ratio, double level)
    : ratio_(ratio)
    , level_(std::isfinite(level) && level > 0 ? level : 1.0)
{
    if (ratio_) {
        // The farthest cells from the level are the smallest and the largest: two divisions, not
        // two per cell (rounded division is monotonic, so the span is the same).
        double smallest = std::numeric_limits<double>::infinity(), largest = 0.0;
        for (double v : values)
            if (v > 0 && std::isfinite(v)) {
                smallest = std::min(smallest, v);
                largest = std::max(largest, v);
            }
        span_ = kMinRatioSpan;
        if (largest > 0)
            span_ = std::max({ span_, largest / level_, level_ / smallest });
        // A span that overflows (1e-300 against 1e300) would make every finite cell neutral.
        if (!std::isfinite(span_))
            span_ = std::numeric_limits<double>::max();
        low_ = level_ / span_;
        high_ = level_ * span_;
        logSpan_ = std::log(span_);
        return;
    }
    bool any = false;
    for (double v : values) {
        if (!std::isfinite(v))
            continue;
        low_ = any ? std::min(low_, v) : v;
        high_ = any ? std::max(high_, v) : v;
        any = true;
    }
    if (!any)
        low_ = 0.0, high_ = 1.0;
}

double HeatmapColorScale::position(double value) const
{
    if (std::isnan(value))
        return value;
    if (ratio_) {
        if (!(value > 0))
            return 0.0;
        const double t = std::log(value / level_) / logSpan_;
        return (std::clamp(t, -1.0, 1.0) + 1.0) / 2.0;
    }
    if (!(high_ > low_))
        return 0.5;
    return std::clamp((value - low_) / (high_ - low_), 0.0, 1.0);
}

double HeatmapColorScale::valueAt(double position) const
{
    if (ratio_)
        return level_ * std::pow(span_, position * 2.0 - 1.0);
    return low_ + (high_ - low_) * position;
}

QColor HeatmapColorScale::color(double value, PaletteKind kind) const
{
    const double p = position(value);
    return std::isnan(p) ? QColor() : colorAt(p, kind);
}

QColor HeatmapColorScale::colorAt(double position, PaletteKind kind) const
{
    return ratio_ ? ChartPalette::diverging(position * 2.0 - 1.0, kind)
                  : ChartPalette::sequential(position, kind);
}

std::vector<double> HeatmapColorScale::ticks() const
{
    std::vector<double> out;
    const double tol = 1e-9;
    if (ratio_) {
        auto inside = [&](double v) { return v >= low_ * (1 - tol) && v <= high_ * (1 + tol); };
        const std::vector<double> decades = ChartAxis::logTicks(low_, high_);
        for (double d : decades)
            if (inside(d))
                out.push_back(d);
        if (out.size() < 3) {
            // ChartAxis has decades only; a ratio map rarely spans three of them, so subdivide
            // each decade in the usual 1-2-5 steps.
            out.clear();
            for (double d : decades)
                for (double m : { 1.0, 2.0, 5.0 })
                    if (inside(d * m))
                        out.push_back(d * m);
        }
        if (out.size() > 9) {
            // Extreme spans (zeros next to 1e-12): thin the decades so the labels stay apart.
            const std::size_t every = (out.size() + 7) / 8;
            std::vector<double> thinned;
            for (std::size_t i = 0; i < out.size(); i += every)
                thinned.push_back(out[i]);
            out = std::move(thinned);
        }
        if (std::none_of(out.begin(), out.end(), [&](double v) { return std::fabs(v / level_ - 1) < tol; }))
            out.push_back(level_);
        std::sort(out.begin(), out.end());
        return out;
    }
    if (!(high_ > low_))
        return { low_ };
    if (!std::isfinite(high_ - low_))
        return { low_, high_ };
    const std::vector<double> steps = ChartAxis::linearTicks(high_ - low_, 4);
    const double step = steps.size() >= 2 ? steps[1] - steps[0] : high_ - low_;
    const double eps = step * 1e-6;
    for (double k = std::ceil((low_ - eps) / step); k * step <= high_ + eps; k += 1.0)
        out.push_back(std::fabs(k) < 0.5 ? 0.0 : k * step); // avoid printing "-0"
    return out;
}

} // namespace tierlens
