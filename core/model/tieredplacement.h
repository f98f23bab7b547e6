#pragma once

#include "core/data/scenario.h"
#include "core/model/routingmodel.h"
#include "core/model/tiercopy.h"

#include <string>
#include <vector>

namespace tierlens {

/// Routed experts spread over several tiers by popularity: the hottest experts on the first
/// entry of Placement::tiers, the next ones on the second, and so on.
class TieredPlacement {
public:
    /// The placement's entries with every count resolved ("the rest" filled in, clamped to
    /// `experts`). Without a tier list: one entry, the expert tier with all experts.
    static std::vector<ExpertTierShare> resolve(const Placement& p, int experts);

    /// Streams of `s` with counts, shares, bandwidth, latency and pJ/bit; bytes are left 0.
    /// A tier's share is sum P_i over its experts (RoutingModel::activeProbabilities, hottest
    /// first per layer) over sum P_i of all; uniform routing gives experts / E.
    static std::vector<TierCopy> plan(const Scenario& s, const RoutingModel& routing, int topK, double batch);

    /// Experts per MoE layer that live in HBM by placement (not by the cache).
    static int residentExperts(const std::vector<TierCopy>& streams);
    /// Share of the active experts that live off HBM.
    static double offloadedShare(const std::vector<TierCopy>& streams);
    /// Index of the stream that also carries the router weights: the last offloaded one; -1 if none.
    static int routerStream(const std::vector<TierCopy>& streams);

    /// Cold hit rate of an HBM cache of `capacity` experts that holds the hottest experts not
    /// already resident: their share of the requests to offloaded experts.
    static double cacheColdHitRate(const RoutingModel& routing, int resident, int capacity);

    /// Time to move `bytes` of every stream at once: streams on distinct paths run in parallel;
    /// a link several streams cross carries their sum. The maximum over streams (latency +
    /// bytes / own bandwidth) and over shared links (largest latency + summed bytes / link bandwidth).
    static double streamTime(
        const Scenario& s, const std::vector<TierCopy>& streams, double TierCopy::*bytes);

    /// Rate at which the streams together write into HBM: the sum of their bandwidths, less what
    /// shared links cannot carry.
    static double bandwidth(const Scenario& s, const std::vector<TierCopy>& streams);
};

} // namespace tierlens
