#pragma once

#include "core/data/scenario.h"
#include "core/model/routingstats.h"

#include <vector>

namespace tierlens {

/// Expert popularity under a Routing (uniform, Zipf or an imported trace) and what follows from
/// it: active experts, the busiest GPU and the HBM cache's cold hit rate (docs/model.md "Routing").
class RoutingModel {
public:
    RoutingModel(const Routing& routing, int experts);

    /// Uniform routing (or equal popularity) gives exactly RoutingStats::uniform(). Otherwise,
    /// per layer, expert i is among a token's top-k with probability pi_i
    /// (inclusionProbabilities, sum pi_i = k) and active with P_i = 1 - (1 - pi_i)^B, exactly, as
    /// tokens route independently; A = sum P_i. Experts sit on GPUs in id order, blocks of
    /// ceil(E/N); the busiest GPU is E[max] of the blocks' Poisson-binomial counts, treating
    /// experts as independent (measured within 2.5 %, tested within 5 %, of a Monte-Carlo of the
    /// draw for Mixtral and DeepSeek-R1). Layers are averaged.
    RoutingStats stats(int topK, double batch, int gpus, BusiestGpuModel model) const;

    /// Per layer, per expert id, the probability pi_i that one token's top-k includes expert i;
    /// each layer sums to min(k, E). Zipf: the exact inclusion probabilities of drawing k experts
    /// without replacement, each draw in proportion to the weights p_i. Trace: p_i is the
    /// expert's share of the recorded choices, so pi_i = k p_i, capped at 1 with the excess
    /// spread over the others in proportion to p. Empty for uniform routing.
    std::vector<std::vector<double>> inclusionProbabilities(int topK) const;

    /// Share of expert requests that fall on the `capacity` most popular experts of a layer,
    /// averaged over layers: c/E for uniform routing.
    double coldHitRate(int capacity) const;

    /// Per layer, per expert id, P_i = 1 - (1 - pi_i)^B: the probability that expert i is active
    /// in a step of `batch` tokens. Empty for uniform routing, where every expert has
    /// RoutingStats::uniform()'s activeExperts / E.
    std::vector<std::vector<double>> activeProbabilities(int topK, double batch) const;

    bool uniform() const { return uniform_; }
    /// Per layer, per expert id, summing to 1; empty for uniform routing.
    const std::vector<std::vector<double>>& popularity() const { return popularity_; }

private:
    int experts_;
    bool uniform_ = true;
    bool zipf_ = false;
    std::vector<std::vector<double>> popularity_;
};

} // namespace tierlens
