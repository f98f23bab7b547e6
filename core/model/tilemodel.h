#pragma once

#include <cstddef>

namespace tierlens {

/// A GEMM C[m×n] = A[m×k] · B[k×n]: A and C (activations) with bytesPerElement each, B (the
/// weights, or the KV cache in attention) with weightBytesPerElement. m may be fractional: it is
/// an expected token count (tokens per active expert).
struct GemmShape {
    double m = 0;
    double k = 0;
    double n = 0;
    double bytesPerElement = 2;
    double weightBytesPerElement = 0; ///< B's bytes per element; 0: as bytesPerElement
    double peakTflops = 0; ///< the GPU peak the GEMM runs at (its weights' type); 0: the BF16 peak

    double weightBytes() const { return weightBytesPerElement > 0 ? weightBytesPerElement : bytesPerElement; }
    /// B's bytes relative to A's and C's: 1 when the weights are stored like the activations.
    double weightRatio() const { return weightBytes() / bytesPerElement; }
    double flops() const { return 2.0 * m * k * n; }
    /// Inputs + weights + outputs: what a perfect cache would move.
    double compulsoryBytes() const { return (m * k + k * n * weightRatio() + m * n) * bytesPerElement; }
};

/// Bytes moved at each level of the memory hierarchy for one GEMM (MODEL.md §3).
struct TileTraffic {
    double dramBytes = 0;
    double l2Bytes = 0;
    double l1Bytes = 0;
    double l1TileM = 0, l1TileN = 0;
    double l2TileM = 0, l2TileN = 0;
};

/// The tiling traffic model. The tile search is the costliest arithmetic of an evaluation, so
/// results are cached per shape and cache sizes (one cache per thread: evaluations may run on
/// worker threads).
class TileModel {
public:
    static TileTraffic traffic(const GemmShape& s, double l1Bytes, double l2Bytes);
    /// The same without the cache, for tests and for measuring the cache's worth.
    static TileTraffic computeUncached(const GemmShape& s, double l1Bytes, double l2Bytes);
    static std::size_t cacheSize();
};

} // namespace tierlens
