#pragma once

#include "core/data/fieldspec.h"

#include <span>

namespace tierlens {

/// What serving costs besides energy: the electricity price and how long the hardware is paid
/// off over. The hardware's own prices live with the hardware (gpu.price_usd, a tier's
/// usd_per_gb) so that a preset carries them and a sweep can change them.
struct CostSpec {
    double powerUsdPerKWh = 0.0; ///< 0: energy is not priced
    double amortisationYears = 4.0;
    /// Share of wall time the system serves at the evaluated rate. The hardware is paid and its
    /// background power drawn all the time, so a lower utilisation raises the cost per token.
    double utilisation = 1.0;

    bool operator==(const CostSpec&) const = default;
    static std::span<const FieldSpec<CostSpec>> fields();
};

} // namespace tierlens
