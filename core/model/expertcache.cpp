#include "core/model/expertcache.h"

#include <algorithm>

namespace tierlens {

std::span<const FieldSpec<ExpertCache>> ExpertCache::fields()
{
    using C = ExpertCache;
    static const FieldSpec<C> table[] = {
        { "capacity", &C::capacity, "experts", 0, false, 1 << 20,
            "Routed experts per MoE layer kept resident in HBM. 0: no cache (the reference).", true },
        { "hit_rate", &C::hitRate, "", -1, false, 1,
            "Share of expert requests the cache serves. -1 derives it: the popularity share of the "
            "cached experts (uniform routing: capacity / experts), raised by the temporal locality.",
            true },
        { "temporal_locality", &C::temporalLocality, "", 0, false, 1,
            "Share of cache misses served anyway because consecutive tokens reuse experts; it "
            "applies in full once the cache holds the active experts of a step.",
            true },
        { "recall", &C::recall, "", 0, false, 1,
            "Prefetch recall r: share of the needed experts the predictor staged early. 1: the "
            "reference's perfect prefetch.",
            true },
        { "precision", &C::precision, "", 0, true, 1,
            "Prefetch precision q: share of staged experts that were used. ST-MoE: about 0.85.", true },
    };
    return table;
}

double ExpertCache::effectiveHitRate(double coldHitRate, int experts, double activeExperts) const
{
    if (hitRate >= 0)
        return std::min(1.0, hitRate);
    if (capacity <= 0 || experts <= 0)
        return 0.0;
    if (capacity >= experts)
        return 1.0;
    // Locality only helps once the cache can hold what the last step used.
    const double held = activeExperts > 0 ? std::min(1.0, capacity / activeExperts) : 1.0;
    const double h0 = std::clamp(coldHitRate, 0.0, 1.0);
    return h0 + std::clamp(temporalLocality, 0.0, 1.0) * (1 - h0) * held;
}

ExpertFlow ExpertFlow::of(const ExpertCache& c, double hitRate)
{
    ExpertFlow f;
    f.hitRate = std::clamp(hitRate, 0.0, 1.0);
    const double r = std::clamp(c.recall, 0.0, 1.0), q = std::clamp(c.precision, 1e-9, 1.0);
    const double miss = 1 - f.hitRate;
    f.prefetched = miss * r;
    f.wasted = f.prefetched * (1 - q) / q;
    f.onDemand = miss * (1 - r);
    f.wastedBusiestGpu = f.wasted;
    return f;
}

void ExpertFlow::capWaste(double uncached, double active, double uncachedOnBusiest, double activeOnBusiest)
{
    // Needed experts not in the cache are (1 - h) of the active ones; the rest of the uncached
    // experts are all a predictor could stage in vain.
    const auto cap
        = [this](double pool, double a) { return a > 0 ? std::max(0.0, pool / a - (1 - hitRate)) : 0.0; };
    wasted = std::min(wasted, cap(uncached, active));
    wastedBusiestGpu = std::min(wasted, cap(uncachedOnBusiest, activeOnBusiest));
}

} // namespace tierlens
