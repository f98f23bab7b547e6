#pragma once

#include <string>
#include <vector>

namespace tierlens {

/// One stream of expert copies into HBM: a placement entry with its resolved expert count, its
/// share of the active experts and what its copy costs (MODEL.md §8, docs/model.md "Tiered experts").
struct TierCopy {
    std::string tier; ///< "hbm" (never copied) or a tier id
    std::vector<std::string> path; ///< link ids, tier side first
    int experts = 0; ///< routed experts per MoE layer held here
    double share = 0; ///< of a layer's expected active experts
    double bandwidthBytesPerS = 0; ///< min(tier, slowest link of the path)
    double latencyS = 0; ///< summed along the path
    double tierReadPjPerBit = 0;
    double linkPjPerBit = 0; ///< summed along the path
    double routerBytesPerGpu = 0; ///< router weights ride with the coldest offloaded entry
    double prefetchBytesPerGpu = 0; ///< per MoE layer, wasted prefetches included
    double missBytesPerGpu = 0; ///< per MoE layer, on-demand copies
    double copiedBytes = 0; ///< per step over all GPUs, wasted included
    double wastedBytes = 0; ///< per step over all GPUs

    bool isResident = false; ///< in HBM by placement: never copied

    bool resident() const { return isResident; }
};

} // namespace tierlens
