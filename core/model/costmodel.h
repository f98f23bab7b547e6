#pragma once

#include "core/data/datatype.h"
#include "core/data/gpuspec.h"
#include "core/data/interconnect.h"
#include "core/model/tilemodel.h"

namespace tierlens {

/// Time and energy of one operation instance on one GPU (MODEL.md §2–3).
struct OpCost {
    double flops = 0;
    double bytes = 0; ///< compulsory bytes, what the roofline charges
    TileTraffic traffic;
    double timeS = 0;
    double energyOffchipJ = 0;
    double energyOnchipJ = 0;
    bool computeBound = false;
};

/// Roofline time max(FLOPs / peak, compulsory bytes / bandwidth) and tiled-traffic energy:
/// off-chip DRAM bytes · 8 · e_HBM; on-chip FLOPs · e_FLOP + L2 and L1 bytes · 8 · their energies.
OpCost gemmCost(const GemmShape& shape, const GpuSpec& gpu, double hbmBytesPerS);

/// Softmax over `context` scores for `heads` heads: 7 FLOPs per score, scores read and written.
OpCost softmaxCost(
    double context, double heads, double bytesPerElement, const GpuSpec& gpu, double hbmBytesPerS);

/// The peak a GEMM on `kind` tensor cores runs at (TFLOP/s): FP8 at the FP8 peak when the GPU
/// has one; FP4 at the FP4 peak, else FP8, else BF16; BF16 (and weight-only types, dequantized)
/// at the BF16 peak. pJ/MAC stays the GPU's one (BF16) figure whatever the type.
double peakTflopsFor(const GpuSpec& gpu, ComputeKind kind);

/// Ring AllReduce of `bytes` over p GPUs: 2(p−1)·(latency + (bytes/p)/bandwidth); 0 when p = 1.
double ringAllReduceSeconds(int p, double bytes, const Interconnect& link);

} // namespace tierlens
