#include "core/model/costmodel.h"

#include <algorithm>

namespace tierlens {

namespace {
constexpr double kPico = 1e-12;
constexpr double kBitsPerByte = 8;
constexpr double kSoftmaxFlopsPerScore = 7; // max, subtract, exp, sum, divide and friends

void roofline(OpCost& c, const GpuSpec& gpu, double hbmBytesPerS, double peakTflops = 0)
{
    const double computeS = c.flops / ((peakTflops > 0 ? peakTflops : gpu.peakTflops) * 1e12);
    const double memoryS = c.bytes / hbmBytesPerS;
    c.computeBound = computeS > memoryS;
    c.timeS = std::max(computeS, memoryS);
}

double flopEnergyJ(double flops, const GpuSpec& gpu)
{
    return flops * gpu.pjPerMac / 2 * kPico;
}
} // namespace

OpCost gemmCost(const GemmShape& shape, const GpuSpec& gpu, double hbmBytesPerS)
{
    OpCost c;
    c.flops = shape.flops();
    c.bytes = shape.compulsoryBytes();
    c.traffic = TileModel::traffic(shape, gpu.l1KiB * 1024, gpu.l2MiB * 1024 * 1024);
    roofline(c, gpu, hbmBytesPerS, shape.peakTflops);
    c.energyOffchipJ = c.traffic.dramBytes * kBitsPerByte * gpu.hbmReadPjPerBit * kPico;
    c.energyOnchipJ = flopEnergyJ(c.flops, gpu)
        + (c.traffic.l2Bytes * gpu.l2PjPerBit + c.traffic.l1Bytes * gpu.l1PjPerBit) * kBitsPerByte * kPico;
    return c;
}

OpCost softmaxCost(
    double context, double heads, double bytesPerElement, const GpuSpec& gpu, double hbmBytesPerS)
{
    OpCost c;
    c.flops = kSoftmaxFlopsPerScore * context * heads;
    c.bytes = 2 * context * heads * bytesPerElement;
    c.traffic.dramBytes = c.bytes;
    roofline(c, gpu, hbmBytesPerS);
    c.energyOffchipJ = c.bytes * kBitsPerByte * gpu.hbmReadPjPerBit * kPico;
    c.energyOnchipJ = flopEnergyJ(c.flops, gpu);
    return c;
}

double peakTflopsFor(const GpuSpec& gpu, ComputeKind kind)
{
    const double fp8 = gpu.peakTflopsFp8 > 0 ? gpu.peakTflopsFp8 : gpu.peakTflops;
    switch (kind) {
    case ComputeKind::Bf16:
        break;
    case ComputeKind::Fp8:
        return fp8;
    case ComputeKind::Fp4:
        return gpu.peakTflopsFp4 > 0 ? gpu.peakTflopsFp4 : fp8;
    }
    return gpu.peakTflops;
}

double ringAllReduceSeconds(int p, double bytes, const Interconnect& link)
{
    if (p <= 1)
        return 0;
    return 2.0 * (p - 1) * (link.latencyUs * 1e-6 + (bytes / p) / (link.bandwidthGBs * 1e9));
}

} // namespace tierlens
