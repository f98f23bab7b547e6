#pragma once

namespace tierlens {

/// How the expected number of active experts on the busiest GPU is computed (MODEL.md §4).
enum class BusiestGpuModel {
    /// Given the expected number A of active experts, the active set is a uniformly random A-subset
    /// (experts are exchangeable), so per-GPU counts are multivariate hypergeometric; their maximum
    /// is computed exactly and interpolated between floor(A) and ceil(A). Exact for batch 1
    /// (Mixtral on 4 GPUs: 8/7).
    Hypergeometric,
    /// Independent Binomial(E/N, p) per GPU, as MODEL.md §4 states it. Underestimates at small
    /// batch: Llama 4 Maverick at batch 1 gives 0.69 where exactly one expert is active.
    Binomial,
};

/// Closed-form expectations for uniform top-k routing (MODEL.md §4). Deterministic, so every
/// figure is reproducible; a Monte-Carlo check lives in the tests.
struct RoutingStats {
    double activeProbability = 0.0;   ///< p = 1 - (1 - k/E)^B: chance an expert gets >= 1 token
    double activeExperts = 0.0;       ///< E * p, distinct experts per MoE layer
    double busiestGpuExperts = 0.0;   ///< expected active experts on the busiest GPU
    double tokensPerActiveExpert = 0.0;  ///< B * k / (E * p)
    int expertsPerGpu = 0;
    int gpusWithExperts = 0;
    /// The busiest-GPU model actually used: the exact one gives way to the binomial above
    /// kMaxExactExperts, whatever was asked.
    BusiestGpuModel model = BusiestGpuModel::Hypergeometric;

    static constexpr int kMaxExactExperts = 1000;

    static RoutingStats uniform(int experts, int topK, double batch, int gpus,
                                BusiestGpuModel model = BusiestGpuModel::Hypergeometric);
};

/// Expected active experts on the busiest GPU when each of `experts` experts, spread as evenly as
/// possible over `gpus`, is active with probability p (exchangeable experts). Above
/// RoutingStats::kMaxExactExperts the binomial model is used whatever `model` says.
double expectedBusiestGpu(int experts, int gpus, double p, BusiestGpuModel model);

/// E[max of n i.i.d. Binomial(trials, p)] = sum_a (1 - F(a)^n).
double expectedMaxBinomial(int trials, double p, int n);

/// E[max over GPUs of the active experts they hold] when `active` of `experts` experts, spread
/// as evenly as possible over `gpus`, are chosen uniformly at random. Cached per argument set.
double expectedMaxHypergeometric(int experts, int gpus, int active);

} // namespace tierlens
