#include "core/data/gpuspec.h"

namespace tierlens {

std::span<const FieldSpec<GpuSpec>> GpuSpec::fields()
{
    using G = GpuSpec;
    static const FieldSpec<G> table[] = {
        { "peak_tflops", &G::peakTflops, "TFLOP/s", 1e-3, false, 1e7,
            "Peak dense BF16 throughput. H100 SXM: 989.4 TFLOP/s (reference study)." },
        { "peak_tflops_fp8", &G::peakTflopsFp8, "TFLOP/s", 0, false, 1e7,
            "Peak dense FP8 throughput; 0 when the chip has no FP8 units. H100 SXM: 1978.9 TFLOP/s.", true },
        { "peak_tflops_fp4", &G::peakTflopsFp4, "TFLOP/s", 0, false, 1e7,
            "Peak dense FP4 throughput; 0 when the chip has no FP4 units (H100 has none).", true },
        { "hbm_bandwidth_gb_s", &G::hbmBandwidthGBs, "GB/s", 1e-3, false, 1e7,
            "HBM bandwidth seen by GEMMs. H100 SXM: 3352 GB/s." },
        { "hbm_capacity_gib", &G::hbmCapacityGiB, "GiB", 0, true, 1e6,
            "HBM capacity per GPU. H100 SXM: 80 GiB." },
        { "l1_kib", &G::l1KiB, "KiB", 0, true, 1e6,
            "L1 / shared memory per SM used by the tiling model. H100: 256 KiB." },
        { "l2_mib", &G::l2MiB, "MiB", 0, true, 1e5, "L2 cache size. H100: 50 MiB." },
        { "hbm_read_pj_per_bit", &G::hbmReadPjPerBit, "pJ/bit", 0, false, 1e4,
            "Energy to read one bit from HBM. 4.2 pJ/b in the reference study." },
        { "hbm_write_pj_per_bit", &G::hbmWritePjPerBit, "pJ/bit", 0, false, 1e4,
            "Energy to write one bit into HBM (paid by every offloaded expert copied in). "
            "The reference charges the read energy, 4.2 pJ/b." },
        { "l2_pj_per_bit", &G::l2PjPerBit, "pJ/bit", 0, false, 1e4, "L2 access energy. 0.3 pJ/b." },
        { "l1_pj_per_bit", &G::l1PjPerBit, "pJ/bit", 0, false, 1e4, "L1 access energy. 0.16 pJ/b." },
        { "pj_per_mac", &G::pjPerMac, "pJ/MAC", 0, false, 1e4,
            "Energy of one BF16 multiply-accumulate (2 FLOPs). 0.32 pJ. GEMMs over FP8 or 4-bit weights "
            "are charged the same figure: an assumption (narrower MACs cost less)." },
        { "idle_power_w", &G::idlePowerW, "W", 0, false, 1e5,
            "Static power per GPU, HBM included, charged for the whole step. 70 W." },
        { "price_usd", &G::priceUsd, "USD", 0, false, 1e9,
            "Capital cost of one GPU with its HBM (and its share of the board and host), for the cost "
            "per token. 0: unknown, no cost is reported.",
            true },
    };
    return table;
}

} // namespace tierlens
