#pragma once

#include "routingstats.h"
#include "scenario.h"

#include <vector>

namespace tierlens {

/// Expert popularity under a Routing (uniform, Zipf or an imported trace) and what follows from
/// it: active experts, the busiest GPU and the HBM cache's cold hit rate (README "Routing").
class RoutingModel {
public:
    RoutingModel(const Routing& routing, int experts);

    /// Uniform routing gives exactly RoutingStats::uniform(). Otherwise, per layer, expert i is
    /// among a token's top-k with probability pi_i = min(1, k p_i) (exact for uniform; the cap
    /// loses mass when one expert's share exceeds 1/k) and active with P_i = 1 - (1 - pi_i)^B.
    /// A = sum P_i. Experts sit on GPUs in id order, blocks of ceil(E/N): the busiest GPU is the
    /// larger of the exchangeable estimate for A (expectedBusiestGpu) and the hottest block's
    /// sum P_i. Layers are averaged.
    RoutingStats stats(int topK, double batch, int gpus, BusiestGpuModel model) const;

    /// Share of expert requests that fall on the `capacity` most popular experts of a layer,
    /// averaged over layers: c/E for uniform routing.
    double coldHitRate(int capacity) const;

    /// Per layer, per expert id, P_i = 1 - (1 - min(1, k p_i))^B: the probability that expert i
    /// is active in a step of `batch` tokens. Empty for uniform routing, where every expert has
    /// RoutingStats::uniform()'s activeExperts / E.
    std::vector<std::vector<double>> activeProbabilities(int topK, double batch) const;

    bool uniform() const { return uniform_; }
    /// Per layer, per expert id, summing to 1; empty for uniform routing.
    const std::vector<std::vector<double>>& popularity() const { return popularity_; }

private:
    int experts_;
    bool uniform_ = true;
    std::vector<std::vector<double>> popularity_;
};

} // namespace tierlens
