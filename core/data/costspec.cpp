#include "core/data/costspec.h"

namespace tierlens {

std::span<const FieldSpec<CostSpec>> CostSpec::fields()
{
    using C = CostSpec;
    static const FieldSpec<C> table[] = {
        { "power_usd_per_kwh", &C::powerUsdPerKWh, "USD/kWh", 0, false, 1e3,
            "Electricity price, cooling included if you fold it in. 0: energy is not priced.", true },
        { "amortisation_years", &C::amortisationYears, "years", 0, true, 100,
            "Years over which the GPUs and memory tiers are paid off, straight line.", true },
        { "utilisation", &C::utilisation, "", 0, true, 1,
            "Share of wall time the system serves at the evaluated rate; the hardware and its "
            "background power are paid for the rest too.",
            true },
    };
    return table;
}

} // namespace tierlens
