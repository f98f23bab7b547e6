#pragma once

#include "core/data/fieldspec.h"

#include <span>

namespace tierlens {

/// HBM expert cache and prefetch predictor of one MoE layer (MODEL.md §8). The defaults, no cache
/// and a perfect predictor, are the reference's model: every active expert is copied every step
/// and the whole copy is prefetched.
struct ExpertCache {
    int capacity = 0; ///< experts per MoE layer kept resident in HBM
    double hitRate = -1; ///< < 0: derived from the routing and the capacity
    double temporalLocality = 0; ///< in [0, 1]: share of misses the previous step's experts catch
    double recall = 1; ///< r: share of needed (missed) experts the predictor prefetched
    double precision = 1; ///< q: share of prefetched experts that were needed

    static std::span<const FieldSpec<ExpertCache>> fields();

    /// Hit rate from `coldHitRate` (the popularity share of the `capacity` hottest experts) and the
    /// temporal locality, or the set hit rate. See hitRateWithLocality().
    double effectiveHitRate(double coldHitRate, int experts, double activeExperts) const;
};

/// Per MoE layer and per expert request, where the bytes come from (MODEL.md §8, docs/model.md "Expert
/// cache and prefetch"); all three are fractions of the active experts.
struct ExpertFlow {
    double hitRate = 0; ///< h: found in the HBM cache, nothing copied
    double prefetched = 1; ///< (1 - h) r: copied ahead of use, hidden behind compute
    double wasted = 0; ///< (1 - h) r (1 - q) / q: copied ahead of use, never used
    double onDemand = 0; ///< (1 - h) (1 - r): copied when needed; the step waits
    /// Wasted prefetches of the busiest GPU, as a fraction of its active experts.
    double wastedBusiestGpu = 0;

    static ExpertFlow of(const ExpertCache& c, double hitRate);

    /// A predictor stages only experts that exist: at most the `uncached` offloaded experts not in
    /// the cache, less those the `active` offloaded experts need. Caps `wasted` over the layer and
    /// `wastedBusiestGpu` with the busiest GPU's share of both.
    void capWaste(double uncached, double active, double uncachedOnBusiest, double activeOnBusiest);
};

} // namespace tierlens
