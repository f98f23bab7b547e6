#include "core/data/memorytier.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace tierlens {

namespace {
constexpr std::array<std::pair<MemoryTier::Kind, std::string_view>, 4> kKindNames { {
    { MemoryTier::Kind::Device, "device" },
    { MemoryTier::Kind::HostDram, "host_dram" },
    { MemoryTier::Kind::Flash, "flash" },
    { MemoryTier::Kind::Other, "other" },
} };
} // namespace

std::span<const FieldSpec<MemoryTier>> MemoryTier::fields()
{
    using T = MemoryTier;
    static const FieldSpec<T> table[] = {
        { "read_pj_per_bit", &T::readPjPerBit, "pJ/bit", 0, false, 1e5,
            "Energy to read one bit out of this tier. Reference: DDR5-7200 9.2 pJ/b, NVMe SSD 102.4 pJ/b. "
            "0 when read_power_w gives the read energy instead.",
            true },
        { "read_power_w", &T::readPowerW, "W", 0, false, 1e4,
            "Active read power per GPU. Above 0 it replaces read_pj_per_bit: a read of a given chunk size "
            "costs this power over the tier's throughput at that size (chunk_throughput), so 5 W at "
            "1.25 GB/s is 500 pJ/bit. 0: the fixed read_pj_per_bit applies.",
            true },
        { "write_pj_per_bit", &T::writePjPerBit, "pJ/bit", 0, false, 1e5,
            "Energy to write one bit into this tier (not used by decode, kept for completeness)." },
        { "bandwidth_gb_s", &T::bandwidthGBs, "GB/s", 0, true, 1e7,
            "Read bandwidth per GPU. The expert copy streams at the lower of this and the slowest link. "
            "A drive array (drives > 0) ignores it: its drives set the bandwidth.",
            true },
        { "capacity_gib", &T::capacityGiB, "GiB", 0, false, 1e9, "Capacity per GPU." },
        { "static_power_w", &T::staticPowerW, "W", 0, false, 1e5,
            "Static power per GPU, charged for the whole step as background. "
            "Reference: 57 W per 256 GB of CPU memory per GPU; SSD idle power negligible." },
        { "usd_per_gb", &T::usdPerGB, "USD/GB", 0, false, 1e6,
            "Capital cost per GB (10^9 bytes) of this tier's capacity, charged for every GPU's "
            "capacity_gib when the scenario places anything on it.",
            true },
        { "drives", &T::drives, "", 0, false, 1e5,
            "Drives striped into one array (NVMe SSDs). Above 0 the tier's bandwidth and read energy "
            "follow from the drives: drives × drive_read_gb_s / gpus_per_array per GPU, and "
            "(drive_read_power_w − drive_idle_power_w) / drive_read_gb_s per byte read. "
            "0: not an array; bandwidth_gb_s and read_pj_per_bit apply.",
            true },
        { "drive_read_gb_s", &T::driveReadGBs, "GB/s", 0, false, 1e5,
            "Sequential read bandwidth of one drive: about 7 GB/s for PCIe Gen4 x4, 14 GB/s for Gen5 x4.",
            true },
        { "drive_read_power_w", &T::driveReadPowerW, "W", 0, false, 1e4,
            "Active read power of one drive while it streams (datasheet), idle power included.", true },
        { "drive_idle_power_w", &T::driveIdlePowerW, "W", 0, false, 1e4,
            "Idle power of one drive, charged for the whole step as background; reads add the "
            "power above it.",
            true },
        { "gpus_per_array", &T::gpusPerArray, "", 1, false, 1e5,
            "GPUs that read the array at the same time and share its bandwidth and idle power "
            "(a workstation's two GPUs on four drives: 2).",
            true },
    };
    return table;
}

namespace {

// Throughput curves of flash look straight against log(chunk size).
double tableThroughput(const std::vector<ChunkThroughput>& t, double chunkBytes)
{
    if (chunkBytes <= t.front().chunkBytes)
        return t.front().gbPerS;
    for (std::size_t i = 1; i < t.size(); ++i)
        if (chunkBytes <= t[i].chunkBytes) {
            const double a = std::log(t[i - 1].chunkBytes), b = std::log(t[i].chunkBytes);
            const double u = (std::log(chunkBytes) - a) / (b - a);
            return t[i - 1].gbPerS + u * (t[i].gbPerS - t[i - 1].gbPerS);
        }
    return t.back().gbPerS;
}

// Drives per GPU: the GPU's share of a striped array.
double drivesPerGpu(const MemoryTier& t)
{
    return t.drives / static_cast<double>(std::max(1, t.gpusPerArray));
}

} // namespace

double MemoryTier::readBandwidthGBs() const
{
    return isArray() ? drivesPerGpu(*this) * driveReadGBs : bandwidthGBs;
}

double MemoryTier::readThroughputGBs(double chunkBytes) const
{
    if (chunkThroughput.empty())
        return readBandwidthGBs();
    const double one = tableThroughput(chunkThroughput, chunkBytes);
    return isArray() ? drivesPerGpu(*this) * one : one;
}

double MemoryTier::readPjPerBitAt(double chunkBytes) const
{
    // W / (GB/s) = J / GB = 1e-9 J/byte = 125 pJ/bit.
    if (isArray()) {
        // Every drive streams its stripe at the same speed, so the energy per bit is one drive's
        // power over one drive's throughput, however many drives there are. The idle part is
        // already background (backgroundPowerW), so a read adds only the power above it.
        const double perDrive
            = chunkThroughput.empty() ? driveReadGBs : tableThroughput(chunkThroughput, chunkBytes);
        const double extraW = std::max(0.0, driveReadPowerW - driveIdlePowerW);
        return perDrive > 0 ? extraW / perDrive * 125.0 : 0.0;
    }
    if (readPowerW <= 0)
        return readPjPerBit;
    const double gbPerS = readThroughputGBs(chunkBytes);
    return gbPerS > 0 ? readPowerW / gbPerS * 125.0 : 0.0;
}

double MemoryTier::backgroundPowerW() const
{
    return staticPowerW + (isArray() ? drivesPerGpu(*this) * driveIdlePowerW : 0.0);
}

std::string_view MemoryTier::kindName(Kind k)
{
    for (const auto& [kind, name] : kKindNames)
        if (kind == k)
            return name;
    return "other";
}

bool MemoryTier::kindFromName(std::string_view s, Kind& k)
{
    for (const auto& [kind, name] : kKindNames)
        if (name == s) {
            k = kind;
            return true;
        }
    return false;
}

} // namespace tierlens
