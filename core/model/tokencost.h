#pragma once

#include "core/data/result.h"
#include "core/data/scenario.h"

#include <string>
#include <vector>

namespace tierlens {

/// One priced piece of hardware of the cost per token.
struct CapitalItem {
    std::string what; ///< "8 × NVIDIA H100 SXM", "SSD (NVMe flash), 8 × 4096 GiB"
    double usd = 0;
};

/// What one generated token costs at the evaluated decode rate: the hardware paid off over its
/// lifetime plus the electricity of the token's energy (MODEL.md has no cost; docs/model.md
/// "Cost per token").
struct TokenCost {
    bool priced = false; ///< some price is set: GPU, a used tier or electricity
    double tokensPerS = 0; ///< batch ÷ step latency, the whole system
    std::vector<CapitalItem> capital; ///< priced items only
    double capitalUsd = 0;
    double lifetimeServingS = 0; ///< amortisation years × utilisation
    double capitalUsdPerToken = 0;
    double energyJPerToken = 0; ///< the step's, plus background power while idle
    double energyUsdPerToken = 0;

    double usdPerToken() const { return capitalUsdPerToken + energyUsdPerToken; }
    double usdPerMillionTokens() const { return usdPerToken() * 1e6; }
};

/// Ids of the tiers a scenario stores something on: the expert tier, every tiered-placement
/// entry and the flash-offload tier. Only these are bought.
std::vector<std::string> usedTierIds(const Scenario& s);

TokenCost tokenCost(const Scenario& s, const Result& r);

} // namespace tierlens
