#pragma once

#include <string>

namespace tierlens {

/// A constant of a scenario whose value is uncertain: where it lives (a ParamPath such as
/// "tiers.ssd.read_pj_per_bit"), the ends of its plausible range and where that range comes from.
/// Range mode and the tornado chart evaluate the scenario at each end.
struct RangedConstant {
    std::string path;
    std::string label; ///< human name ("SSD read energy")
    double low = 0;
    double high = 0;
    std::string source; ///< citation of the range, or why it is an assumption
};

} // namespace tierlens
