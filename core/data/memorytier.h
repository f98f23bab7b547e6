#pragma once

#include "core/data/fieldspec.h"

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
    std::vector<ChunkThroughput> chunkThroughput;

    /// Throughput at reads of chunkBytes: log-linear between table points, clamped at its ends;
    /// bandwidthGBs when the table is empty.
    double readThroughputGBs(double chunkBytes) const;
    /// Read energy of reads of chunkBytes: readPowerW / readThroughputGBs(chunkBytes) when a read
    /// power is given (5 W at 1.25 GB/s: 500 pJ/bit), readPjPerBit otherwise.
    double readPjPerBitAt(double chunkBytes) const;

    static std::span<const FieldSpec<MemoryTier>> fields();
    static std::string_view kindName(Kind k);
    /// False when s names no kind; k is left untouched then.
    static bool kindFromName(std::string_view s, Kind& k);
};

} // namespace tierlens
