#pragma once

#include "core/data/scenario.h"

#include <string>
#include <vector>

namespace tierlens {

/// Where the KV cache (or MLA latent) lives and what its off-HBM part costs (docs/model.md
/// "KV-cache placement"). Off HBM, the part beyond the HBM budget is carried over the KV path into
/// HBM before attention reads it, like an expert copy: tier read, links, HBM write.
struct KvCacheModel {
    /// KV bytes of one token of one sequence on one GPU, all layers: 2 · max(1, KV/TP) · hd per
    /// layer (a GPU holds at least one KV head), or MLA's latent and RoPE key, whole on every GPU.
    static double bytesPerTokenPerGpu(const ModelSpec& m, int tp);

    /// The part of `kvBytesPerGpu` beyond the placement's HBM budget; 0 when the KV lives in HBM.
    static double offHbmBytes(const KvCachePlacement& p, double kvBytesPerGpu);

    /// min(tier bandwidth, slowest link of the path), bytes/s; 0 when the tier is unknown.
    static double bandwidthBytesPerS(const Scenario& s);
    /// Σ pJ/bit of the links of the KV path.
    static double linkPjPerBit(const Scenario& s);

    /// The largest global batch whose KV cache at `contextTokens` fits: HBM less the weights (and
    /// at most the budget when the KV lives on a tier), plus the tier's capacity. One entry per
    /// placement the scenario offers: "hbm", then every tier with the scenario's budget.
    struct Fit {
        std::string placement; ///< "hbm" or a tier id
        int maxBatch = 0;
        double kvBytesPerSequencePerGpu = 0;
        double hbmFreeBytesPerGpu = 0; ///< HBM capacity less the weights
        double tierBytesPerGpu = 0; ///< capacity the tier lends (0 for HBM)
    };
    static Fit fit(const Scenario& s, const KvCachePlacement& placement, double contextTokens);
    static std::vector<Fit> fits(const Scenario& s, double contextTokens);
};

} // namespace tierlens
