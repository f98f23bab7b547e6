#include "core/data/result.h"

#include <numeric>

namespace tierlens {

namespace {
struct Names {
    std::string_view key;
    std::string_view label;
};
constexpr Names kEnergyNames[kEnergyPartCount] = {
    { "fc_offchip", "FC off-chip" },
    { "fc_onchip", "FC on-chip" },
    { "attention_offchip", "Attention off-chip" },
    { "attention_onchip", "Attention on-chip" },
    { "moe_offchip", "MoE off-chip (HBM)" },
    { "moe_offload", "MoE offload (copy)" },
    { "moe_onchip", "MoE on-chip" },
    { "background", "Background" },
    { "fc_offload", "FC offload" },
    { "link_energy", "Link" },
    { "moe_prefetch_waste", "Wasted prefetch" },
};
constexpr Names kLatencyNames[kLatencyPartCount] = { { "fc", "FC" }, { "attention", "Attention" },
    { "moe", "MoE" }, { "communication", "Communication" }, { "io", "Flash I/O" }, { "stall", "Stall" } };
} // namespace

std::string_view energyPartKey(EnergyPart p)
{
    return kEnergyNames[static_cast<int>(p)].key;
}
std::string_view energyPartLabel(EnergyPart p)
{
    return kEnergyNames[static_cast<int>(p)].label;
}
std::string_view latencyPartKey(LatencyPart p)
{
    return kLatencyNames[static_cast<int>(p)].key;
}
std::string_view latencyPartLabel(LatencyPart p)
{
    return kLatencyNames[static_cast<int>(p)].label;
}

double Result::totalEnergyJPerToken() const
{
    return std::accumulate(energyJPerToken.begin(), energyJPerToken.end(), 0.0);
}

double Result::totalLatencyS() const
{
    return std::accumulate(latencyS.begin(), latencyS.end(), 0.0);
}

} // namespace tierlens
