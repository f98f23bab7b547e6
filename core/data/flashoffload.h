#pragma once

#include "core/data/fieldspec.h"

#include <span>
#include <string>

namespace tierlens {

/// "LLM in a Flash" (Alizadeh et al., arXiv 2312.11514): a dense model whose weights live on a
/// flash tier, with the GPU's memory (unified DRAM on a laptop) as a cache, at batch 1.
/// Off while `tier` is empty; then no result changes.
struct FlashOffload {
    std::string tier; ///< id of the flash tier holding the weights; empty: off
    double dramFraction = 0.5; ///< DRAM budget as a share of all weights
    double sparsity = 0.0; ///< FFN neurons inactive per token; > 0 turns the predictor on
    double predictorFraction = 0.0; ///< predictor size as a share of all weights (kept in DRAM)
    double falseNegativeRate = 0.0; ///< active neurons the predictor misses (never loaded)
    double falsePositiveRate = 0.0; ///< inactive neurons the predictor flags (loaded anyway)
    int windowTokens = 0; ///< k: keep the neurons of the last k tokens; 0: no window
    double windowLoadFraction = 0.0; ///< FFN neurons loaded per token with the window
    int bundling = 0; ///< 1: a neuron's rows of every FFN matrix are one read
    double memoryManagementMs = 0.0; ///< per token, bookkeeping of the DRAM neuron cache

    bool operator==(const FlashOffload&) const = default;
    bool enabled() const { return !tier.empty(); }
    bool predictor() const { return sparsity > 0; }
    bool windowing() const { return predictor() && windowTokens > 0; }

    static std::span<const FieldSpec<FlashOffload>> fields();
};

/// What the flash-offload model computed, kept for explanations.
struct FlashQuantities {
    bool on = false;
    double totalWeightBytes = 0; ///< attention, FFN and embeddings
    double ffnWeightBytes = 0; ///< dense FFN layers only
    double predictedFraction = 0; ///< FFN neurons the predictor flags per token
    double loadedFraction = 0; ///< share of the flash-resident pool read per token
    double flashBytes = 0; ///< read from flash per step
    double chunkBytes = 0; ///< size of one read
    double throughputGBs = 0; ///< the flash tier's throughput at that chunk
    double dramNeededBytes = 0; ///< resident weights, predictor and window
    double dramBudgetBytes = 0;
    double readPjPerBit = 0; ///< flash read
    double writePjPerBit = 0; ///< DRAM write of the loaded bytes
};

} // namespace tierlens
