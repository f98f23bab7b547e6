#pragma once

#include "core/data/flashoffload.h"
#include "core/model/expertcache.h"
#include "core/model/routingstats.h"
#include "core/model/tiercopy.h"
#include "core/model/tilemodel.h"

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tierlens {

/// Components of energy per token, in the reference study's grouping (MODEL.md §3).
enum class EnergyPart {
    FcOffchip,
    FcOnchip,
    AttentionOffchip,
    AttentionOnchip,
    MoeOffchip,
    MoeOffload,
    MoeOnchip,
    Background,
    FcOffload, ///< dense FFN weights read from flash into DRAM (LLM in a Flash, MODEL.md §8)
    Link, ///< pJ/bit of every link a byte crosses: expert copies and GPU-to-GPU traffic
    PrefetchWaste, ///< tier read, links and HBM write of experts prefetched but not used
    Count
};

/// Components of step latency (MODEL.md §2, §5).
enum class LatencyPart {
    Fc,
    Attention,
    Moe,
    Communication,
    Io, ///< reading weights from flash (LLM in a Flash)
    Stall, ///< on-demand copies of experts neither cached nor prefetched; nothing hides them
    Count
};

inline constexpr int kEnergyPartCount = static_cast<int>(EnergyPart::Count);
inline constexpr int kLatencyPartCount = static_cast<int>(LatencyPart::Count);

/// Stable machine name ("fc_offchip"), used as JSON key and CSV value.
std::string_view energyPartKey(EnergyPart p);
std::string_view energyPartLabel(EnergyPart p);
std::string_view latencyPartKey(LatencyPart p);
std::string_view latencyPartLabel(LatencyPart p);

/// One operation of the step, as the per-operation inspector shows it.
struct OperationRow {
    std::string name; ///< "attn.qkv", "expert.up", "allreduce.attn", ...
    std::string layerKind; ///< "dense", "moe" or "all"
    GemmShape shape; ///< zero for non-GEMM rows (softmax, communication)
    double flops = 0; ///< one instance
    double bytes = 0; ///< compulsory bytes of one instance (the roofline's)
    TileTraffic traffic; ///< one instance
    double timeS = 0; ///< one instance
    double instancesPerGpu = 0; ///< per step on the GPU that sets the latency
    double instancesTotal = 0; ///< per step over all GPUs (energy)
    double energyOffchipJ = 0; ///< one instance
    double energyOnchipJ = 0; ///< one instance
    EnergyPart offchipPart = EnergyPart::FcOffchip;
    EnergyPart onchipPart = EnergyPart::FcOnchip;
    LatencyPart timePart = LatencyPart::Fc;
    bool computeBound = false;

    double stepTimeS() const { return timeS * instancesPerGpu; }
    double stepEnergyJ() const { return (energyOffchipJ + energyOnchipJ) * instancesTotal; }
};

/// The evaluator's intermediate quantities, kept so that explanations show how a number was
/// built from the very values that built it.
struct StepQuantities {
    int gpus = 0;
    int tp = 1;
    int dp = 1;
    int activeGroups = 1; ///< DP groups with sequences: min(DP, B)
    double tokensPerGpu = 0; ///< sequences per active DP group
    int moeLayers = 0;
    RoutingStats routing;
    double expertBytes = 0; ///< one routed expert's weights
    bool offloaded = false; ///< routed experts live off-HBM and the model has MoE layers
    double routerBytesPerGpu = 0; ///< router weights each GPU copies per MoE layer
    double copyBandwidthGBs = 0; ///< min(tier, slowest link)
    double copyLatencyS = 0; ///< summed along the link chain, per MoE layer
    double tierReadPjPerBit = 0;
    double linkPjPerBit = 0; ///< summed along the chain
    double copyPerLayerS = 0; ///< prefetched copy (wasted prefetches included), per MoE layer
    double cacheColdHitRate = 0; ///< popularity share of the cached experts, before locality
    ExpertFlow flow; ///< cache hits, prefetched, wasted and on-demand experts
    double wastedBytes = 0; ///< per step, all GPUs: prefetched and never used
    double stallPerLayerS = 0; ///< on-demand copy of the misses, per MoE layer
    bool hbmFloorApplied = false; ///< the copy would have left compute under 5 % of HBM
    double hbmReadBytesPerGpu = 0; ///< copy-traffic rule: the MoE layers' HBM reads, busiest GPU
    double hbmCopyWriteBytesPerGpu = 0; ///< copy-traffic rule: bytes the copy writes into its HBM
    double hbmBusyS = 0; ///< copy-traffic rule: communication + (reads + writes) / B_HBM
    double hbmContentionS = 0; ///< time the MoE layers wait for HBM beyond their own work
    double expertComputeS = 0; ///< routed-expert (and router) time on the busiest GPU
    double nonExpertInMoeS = 0; ///< non-expert time inside MoE layers, communication included
    bool copyOnly = false; ///< the copy-only latency rule decided the step
    FlashQuantities flash; ///< the flash-offload path (LLM in a Flash)
    std::vector<TierCopy> tierCopies; ///< per placement entry, hottest first (TieredPlacement)
    int promptTokens = 0; ///< > 0: this evaluation is the prefill of that many tokens per sequence
    double kvBytesPerGpu = 0; ///< KV cache (or MLA latent) of the busiest GPU's sequences
    double kvOffHbmBytesPerGpu = 0; ///< of it, on the KV tier (placement.kv_cache)
    double kvOffHbmBytesTotal = 0; ///< all GPUs, per step: what the tier serves (or, in prefill, takes)
    double kvBandwidthBytesPerS = 0; ///< min(KV tier, slowest link of its path)
    double kvTransferS = 0; ///< off-HBM KV over its path, busiest GPU; counted in attention time
    double kvTierEnergyJ = 0; ///< per step: the off-HBM KV's tier access and HBM write (attention off-chip)
    double kvLinkEnergyJ = 0; ///< per step: the off-HBM KV over its links (Link)
};

/// Outcome of evaluating one scenario at one batch. Plain data: views and exports read only this.
struct Result {
    int batch = 0;
    std::array<double, kEnergyPartCount> energyJPerToken {};
    std::array<double, kLatencyPartCount> latencyS {};
    double copyS = 0; ///< time to stream offloaded weights into HBM, per step
    double copyHiddenS = 0; ///< part of copyS hidden behind compute (prefetch overlap)
    double copiedBytes = 0; ///< per step, all GPUs
    double effectiveHbmBandwidthGBs = 0;
    double activeExpertsPerLayer = 0;
    double busiestGpuExpertsPerLayer = 0;
    double tokensPerActiveExpert = 0;
    std::map<std::string, double> bytesPerStep; ///< by tier or link id ("hbm" for the GPUs' HBM)
    std::vector<OperationRow> operations;
    std::vector<std::string> warnings;
    StepQuantities q;

    double energy(EnergyPart p) const { return energyJPerToken[static_cast<int>(p)]; }
    double latency(LatencyPart p) const { return latencyS[static_cast<int>(p)]; }
    double totalEnergyJPerToken() const;
    double totalLatencyS() const;
};

} // namespace tierlens
