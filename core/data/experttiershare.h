#pragma once

#include <string>
#include <vector>

namespace tierlens {

/// One entry of a tiered expert placement (MODEL.md §8, docs/model.md "Tiered experts"): the
/// `experts` hottest routed experts per MoE layer not held by an earlier entry live on `tier`
/// and reach HBM over `path`.
struct ExpertTierShare {
    std::string tier; ///< "hbm" or a tier id
    int experts = -1; ///< < 0: the rest (allowed on the last entry only)
    std::vector<std::string> path; ///< link ids from the tier to HBM, tier side first

    bool operator==(const ExpertTierShare&) const = default;
};

} // namespace tierlens
