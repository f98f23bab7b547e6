#pragma once

#include "render/renderoptions.h"

#include <QColor>

#include <vector>

namespace tierlens {

/// Maps heatmap cell values to colours and to positions on the colour-scale bar.
/// Ratios: diverging and symmetric in log space around `level`, t = log(v / level) / log(R) with
/// R = max over cells of max(v / level, level / v), at least kMinRatioSpan. Plain values:
/// sequential over [min, max] of the cells. Non-positive ratios are "far below" (t = -1).
class HeatmapColorScale {
public:
    /// Keeps a map whose cells all sit near break-even from being painted in full-strength colours.
    static constexpr double kMinRatioSpan = 1.05;

    HeatmapColorScale(const std::vector<double>& values, bool ratio, double level);

    bool isRatio() const { return ratio_; }
    double level() const { return level_; }
    /// Values at the bottom and top of the bar.
    double low() const { return low_; }
    double high() const { return high_; }
    /// Ratio: R; plain: 0.
    double span() const { return span_; }

    /// Position on the bar: 0 at the bottom, 1 at the top (0.5 is break-even); NaN for NaN.
    double position(double value) const;
    /// The value at a bar position, the inverse of position().
    double valueAt(double position) const;
    /// The fill of a cell; invalid for NaN (no data).
    QColor color(double value, PaletteKind kind) const;
    /// The fill at a bar position.
    QColor colorAt(double position, PaletteKind kind) const;
    /// Tick values on the bar, low to high. Ratios: decades, or 1-2-5 steps when fewer than three
    /// decades fit, always including the level; plain: ChartAxis steps inside [low, high].
    std::vector<double> ticks() const;

private:
    bool ratio_ = false;
    double level_ = 1.0;
    double low_ = 0.0;
    double logSpan_ = 1.0; ///< log(span_), once: position() runs for every cell of every repaint
    double high_ = 1.0;
    double span_ = 0.0;
};

} // namespace tierlens
