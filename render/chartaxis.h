#pragma once

#include <QString>

#include <vector>

namespace tierlens {

/// Tick positions and labels for a value axis, shared by every chart.
class ChartAxis {
public:
    /// "Nice" ticks (1, 2, 2.5, 5 × 10^n) covering [0, max] with about `target` intervals.
    static std::vector<double> linearTicks(double max, int target = 5);
    /// Powers of ten covering [min, max] (min > 0) for a log axis.
    static std::vector<double> logTicks(double min, double max);
    /// A number as a tick or value label: no trailing zeros, SI-style exponent when tiny or huge.
    static QString format(double v, int significant = 3);
};

} // namespace tierlens
