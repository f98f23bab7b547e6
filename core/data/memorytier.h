#pragma once

#include "core/data/fieldspec.h"
#include "core/data/provenance.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tierlens {

/// One point of a tier's read-throughput curve: reads of chunkBytes each stream at gbPerS.
struct ChunkThroughput {
    double chunkBytes = 0;
    double gbPerS = 0;
};

/// A memory tier that can hold routed expert weights outside the GPU's own HBM.
struct MemoryTier {
    enum class Kind { Device, HostDram, Flash, Other };

    std::string id;
    std::string name;
    Kind kind = Kind::Other;
    double readPjPerBit = 0.0; ///< fixed read energy; unused when readPowerW > 0
    /// Active read power per GPU. When > 0 it sets the read energy instead of readPjPerBit: a
    /// device drawing this power whatever the access pattern spends more per bit on the small
    /// random reads it serves slowly (readPjPerBitAt).
    double readPowerW = 0.0;
    double writePjPerBit = 0.0;
    double bandwidthGBs = 0.0; ///< per GPU; the copy streams at min(tier, slowest link)
    double capacityGiB = 0.0; ///< per GPU
    double staticPowerW = 0.0; ///< per GPU, charged as background for every step
    double usdPerGB = 0.0; ///< capital cost per GB of capacity; 0: free or unknown
    /// Flash reads slow down with small chunks; sorted by chunk size, may be empty.

    /// An array of drives striped together (NVMe SSDs). When drives > 0 the tier's bandwidth and
    /// read energy follow from the drives and replace bandwidthGBs, readPjPerBit and readPowerW:
    /// `gpusPerArray` GPUs read the array at once, so each GPU sees drives × driveReadGBs /
    /// gpusPerArray, and every drive streaming at full speed spends driveReadPowerW /
    /// driveReadGBs per byte whatever the count.
    int drives = 0;
    double driveReadGBs = 0.0; ///< sequential read bandwidth of one drive
    double driveReadPowerW = 0.0; ///< active read power of one drive
    double driveIdlePowerW = 0.0; ///< idle power of one drive, charged as background
    int gpusPerArray = 1; ///< GPUs sharing the array's drives

    SourceMap sources; ///< where each field comes from (provenance.h)
    /// Flash reads slow down with small chunks; sorted by chunk size, may be empty. For an array
    /// the table describes one drive and scales with the drives like the bandwidth.
    std::vector<ChunkThroughput> chunkThroughput;

    bool isArray() const { return drives > 0; }
    /// Read bandwidth per GPU: drives × driveReadGBs / gpusPerArray for an array, bandwidthGBs
    /// otherwise.
    double readBandwidthGBs() const;
    /// Throughput at reads of chunkBytes: log-linear between table points, clamped at its ends;
    /// readBandwidthGBs() when the table is empty.
    double readThroughputGBs(double chunkBytes) const;
    /// Read energy of reads of chunkBytes: readPowerW / readThroughputGBs(chunkBytes) when a read
    /// power is given (5 W at 1.25 GB/s: 500 pJ/bit), readPjPerBit otherwise; for an array the
    /// drives' power over their throughput.
    double readPjPerBitAt(double chunkBytes) const;
    /// Background power per GPU: staticPowerW plus, for an array, the GPU's share of the drives'
    /// idle power (drives × driveIdlePowerW / gpusPerArray).
    double backgroundPowerW() const;

    static std::span<const FieldSpec<MemoryTier>> fields();
    static std::string_view kindName(Kind k);
    /// False when s names no kind; k is left untouched then.
    static bool kindFromName(std::string_view s, Kind& k);
};

} // namespace tierlens
