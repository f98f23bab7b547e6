#pragma once

#include <vector>

namespace tierlens {

/// How the expected number of active experts on the busiest GPU is computed (MODEL.md §4).
enum class BusiestGpuModel {
    /// Experts are exchangeable, so given a active experts the active set is a uniformly random
    /// a-subset and the per-GPU counts are multivariate hypergeometric; their expected maximum is
    /// computed exactly for every a and averaged over the exact distribution of the active count
    /// (activeCountDistribution). Exact for uniform routing at every integer batch (Mixtral on 4
    /// GPUs: 8/7 at batch 1, 1.881 at batch 3).
    Hypergeometric,
    /// Independent Binomial(E/N, p) per GPU, as MODEL.md §4 states it. Underestimates at small
    /// batch: Llama 4 Maverick at batch 1 gives 0.69 where exactly one expert is active.
    Binomial,
};

/// Closed-form expectations for uniform top-k routing (MODEL.md §4). Deterministic, so every
/// figure is reproducible; a Monte-Carlo check lives in the tests.
struct RoutingStats {
    double activeProbability = 0.0; ///< p = 1 - (1 - k/E)^B: chance an expert gets >= 1 token
    double activeExperts = 0.0; ///< E * p, distinct experts per MoE layer
    double busiestGpuExperts = 0.0; ///< expected active experts on the busiest GPU
    double tokensPerActiveExpert = 0.0; ///< B * k / (E * p)
    int expertsPerGpu = 0;
    int gpusWithExperts = 0;
    /// The busiest-GPU model actually used: the exact one gives way to the binomial above
    /// kMaxExactExperts, whatever was asked.
    BusiestGpuModel model = BusiestGpuModel::Hypergeometric;

    static constexpr int kMaxExactExperts = 1000;

    static RoutingStats uniform(int experts, int topK, double batch, int gpus,
        BusiestGpuModel model = BusiestGpuModel::Hypergeometric);
};

/// Expected active experts on the busiest GPU under uniform top-k routing of `batch` tokens, the
/// experts spread as evenly as possible over `gpus`. Above RoutingStats::kMaxExactExperts the
/// binomial model is used whatever `model` says.
double expectedBusiestGpu(int experts, int topK, double batch, int gpus, BusiestGpuModel model);

/// P(exactly a experts are active), a = 0..experts, when each of `batch` tokens picks `topK`
/// distinct experts uniformly at random: a Markov chain over the tokens, exact for an integer
/// batch. A fractional batch mixes the distributions of its floor and ceiling linearly.
std::vector<double> activeCountDistribution(int experts, int topK, double batch);

/// E[max of n i.i.d. Binomial(trials, p)] = sum_a (1 - F(a)^n).
double expectedMaxBinomial(int trials, double p, int n);

/// E[max over GPUs of the active experts they hold] when `active` of `experts` experts, spread
/// as evenly as possible over `gpus`, are chosen uniformly at random. Cached per argument set.
double expectedMaxHypergeometric(int experts, int gpus, int active);

} // namespace tierlens
