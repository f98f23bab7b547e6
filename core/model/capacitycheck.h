#pragma once

#include "core/data/scenario.h"

#include <string>
#include <vector>

namespace tierlens {

/// What each GPU's HBM and the expert tier must hold, against their capacities (docs/model.md "Capacity").
struct CapacityCheck {
    double hbmWeightBytes = 0; ///< per GPU: its shard of the non-expert weights, router, embeddings,
                               ///< and the routed experts resident in HBM (all of them, or the cache)
    double hbmKvBytes = 0; ///< per GPU: the KV cache (or MLA latent) of its sequences
    double tierBytes = 0; ///< per GPU: routed experts held off HBM (all tiers together)
    std::vector<std::string> warnings;

    static CapacityCheck of(const Scenario& s, int batch);
};

} // namespace tierlens
