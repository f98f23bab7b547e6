#include "core/model/tokencost.h"

#include <algorithm>
#include <cstdio>

namespace tierlens {

namespace {
constexpr double kSecondsPerYear = 365.25 * 24 * 3600;
constexpr double kJoulesPerKWh = 3.6e6;
constexpr double kBytesPerGiB = 1073741824.0;

std::string countTimes(int n, const std::string& what)
{
    return std::to_string(n) + " × " + what;
}

std::string gib(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g GiB", v);
    return text;
}

void addUnique(std::vector<std::string>& ids, const std::string& id)
{
    if (!id.empty() && id != kHbmTierId && std::find(ids.begin(), ids.end(), id) == ids.end())
        ids.push_back(id);
}
} // namespace

std::vector<std::string> usedTierIds(const Scenario& s)
{
    std::vector<std::string> ids;
    if (s.placement.tiers.empty()) {
        if (s.expertsOffloaded())
            addUnique(ids, s.placement.expertTier);
    } else {
        for (const ExpertTierShare& t : s.placement.tiers)
            addUnique(ids, t.tier);
    }
    if (s.flash.enabled())
        addUnique(ids, s.flash.tier);
    return ids;
}

TokenCost tokenCost(const Scenario& s, const Result& r)
{
    TokenCost c;
    const int gpus = s.cluster.gpus();
    const double stepS = r.totalLatencyS();
    c.tokensPerS = stepS > 0 ? r.batch / stepS : 0;

    if (s.gpu.priceUsd > 0)
        c.capital.push_back({ countTimes(gpus, s.gpu.name), gpus * s.gpu.priceUsd });
    for (const std::string& id : usedTierIds(s)) {
        const MemoryTier* t = s.findTier(id);
        if (!t || t->usdPerGB <= 0 || t->capacityGiB <= 0)
            continue;
        // Tier capacities are per GPU, prices per 10^9 bytes.
        const double gb = t->capacityGiB * kBytesPerGiB / 1e9;
        c.capital.push_back(
            { t->name + ", " + countTimes(gpus, gib(t->capacityGiB)), gpus * gb * t->usdPerGB });
    }
    for (const CapitalItem& item : c.capital)
        c.capitalUsd += item.usd;

    c.lifetimeServingS = s.cost.amortisationYears * kSecondsPerYear * s.cost.utilisation;
    if (c.lifetimeServingS > 0 && c.tokensPerS > 0)
        c.capitalUsdPerToken = c.capitalUsd / (c.lifetimeServingS * c.tokensPerS);

    // Background power (idle GPUs, tier static power) runs while the system waits too: for every
    // serving second, (1 − u) / u idle seconds are paid by the tokens of that second.
    const double u = s.cost.utilisation;
    const double idleShare = u > 0 ? (1 - u) / u : 0;
    c.energyJPerToken = r.totalEnergyJPerToken() + r.energy(EnergyPart::Background) * idleShare;
    c.energyUsdPerToken = c.energyJPerToken / kJoulesPerKWh * s.cost.powerUsdPerKWh;

    c.priced = !c.capital.empty() || s.cost.powerUsdPerKWh > 0;
    return c;
}

} // namespace tierlens
