#pragma once

#include "tilemodel.h"

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
    Count
};

/// Components of step latency (MODEL.md §2, §5).
enum class LatencyPart { Fc, Attention, Moe, Communication, Count };

inline constexpr int kEnergyPartCount = static_cast<int>(EnergyPart::Count);
inline constexpr int kLatencyPartCount = static_cast<int>(LatencyPart::Count);

/// Stable machine name ("fc_offchip"), used as JSON key and CSV value.
std::string_view energyPartKey(EnergyPart p);
std::string_view energyPartLabel(EnergyPart p);
std::string_view latencyPartKey(LatencyPart p);
std::string_view latencyPartLabel(LatencyPart p);

/// One operation of the step, as the per-operation inspector shows it.
struct OperationRow {
    std::string name;          ///< "attn.qkv", "expert.up", "allreduce.attn", ...
    std::string layerKind;     ///< "dense", "moe" or "all"
    GemmShape shape;           ///< zero for non-GEMM rows (softmax, communication)
    double flops = 0;          ///< one instance
    double bytes = 0;          ///< compulsory bytes of one instance (the roofline's)
    TileTraffic traffic;       ///< one instance
    double timeS = 0;          ///< one instance
    double instancesPerGpu = 0;   ///< per step on the GPU that sets the latency
    double instancesTotal = 0;    ///< per step over all GPUs (energy)
    double energyOffchipJ = 0;    ///< one instance
    double energyOnchipJ = 0;     ///< one instance
    EnergyPart offchipPart = EnergyPart::FcOffchip;
    EnergyPart onchipPart = EnergyPart::FcOnchip;
    LatencyPart timePart = LatencyPart::Fc;
    bool computeBound = false;

    double stepTimeS() const { return timeS * instancesPerGpu; }
    double stepEnergyJ() const { return (energyOffchipJ + energyOnchipJ) * instancesTotal; }
};

/// Outcome of evaluating one scenario at one batch. Plain data: views and exports read only this.
struct Result {
    int batch = 0;
    std::array<double, kEnergyPartCount> energyJPerToken{};
    std::array<double, kLatencyPartCount> latencyS{};
    double copyS = 0;           ///< time to stream offloaded weights into HBM, per step
    double copyHiddenS = 0;     ///< part of copyS hidden behind compute (prefetch overlap)
    double copiedBytes = 0;     ///< per step, all GPUs
    double effectiveHbmBandwidthGBs = 0;
    double activeExpertsPerLayer = 0;
    double busiestGpuExpertsPerLayer = 0;
    double tokensPerActiveExpert = 0;
    std::map<std::string, double> bytesPerStep;  ///< by tier or link id ("hbm" for the GPUs' HBM)
    std::vector<OperationRow> operations;
    std::vector<std::string> warnings;

    double energy(EnergyPart p) const { return energyJPerToken[static_cast<int>(p)]; }
    double latency(LatencyPart p) const { return latencyS[static_cast<int>(p)]; }
    double totalEnergyJPerToken() const;
    double totalLatencyS() const;
};

} // namespace tierlens
