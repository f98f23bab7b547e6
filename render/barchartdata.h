#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace tierlens {

/// One stacked bar.
struct BarStack {
    QString label; ///< under the bar: "HBM", "SSD (NVLink5)"
    QString group; ///< bars of one group stand together under this caption: "B = 16"
    std::vector<double> values; ///< one per series, stacked bottom to top; never negative
    /// Optional ghost column drawn hatched beside the stack, from the axis up to this value (the
    /// expert copy hidden behind compute by prefetch). 0: none.
    double overlay = 0;
    /// When >= 0 the values are normalised (a share of a reference bar's total) and this is the
    /// bar's total in absolute units: it is what the bar prints and its tooltip tells.
    double absoluteTotal = -1;
    QString toolTip {}; ///< extra tooltip lines about the bar: the links its experts cross
    /// Range mode: the bar's total at the low and high ends of the ranged constants, in the units
    /// of `values` (normalised bars: divided alike). Drawn as a whisker; the value axis covers it.
    std::optional<double> low {};
    std::optional<double> high {};
};

/// What a stacked-bar chart shows. Plain data, built from core Results by the views.
struct BarChartData {
    QString title;
    QString valueLabel; ///< value axis caption with unit: "Energy per token (J)"
    QStringList seriesLabels; ///< legend entries, one per stacked series
    std::vector<int> colorSlots; ///< ChartPalette slot of each series
    QString overlayLabel; ///< legend entry of the overlay column, when any bar has one
    std::vector<BarStack> bars;
    int referenceBar = -1; ///< when >= 0, each bar also prints its total ÷ this bar's
    /// Per bar, the bar its ratio is printed against (-1: none); when not empty it takes the place
    /// of referenceBar, so each batch group can compare with its own baseline bar.
    std::vector<int> referenceOf;
    QString absoluteUnit; ///< unit of BarStack::absoluteTotal: "J"
    /// A log axis draws totals only: a stack's segment edges cannot sit at their own values on a
    /// log axis, so the components are not stacked there. Legend entry of those totals.
    bool logScale = false;
    QString totalsLabel;
    int decimals = 3; ///< significant digits of printed totals
    /// Legend entry of the whiskers when any bar has them: "Range of the ranged constants".
    QString whiskerLabel;
};

/// Where a point falls on a bar chart.
struct BarHit {
    int bar = -1; ///< index into BarChartData::bars
    int series = -1; ///< stacked segment under the point; -1 above the stack or on its label
};

} // namespace tierlens
