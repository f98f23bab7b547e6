#pragma once

#include "core/data/fieldspec.h"
#include "core/data/provenance.h"

#include <span>
#include <string>

namespace tierlens {

/// One accelerator: compute roofline, HBM, on-chip caches and their energies (MODEL.md §1).
struct GpuSpec {
    std::string id = "h100-sxm";
    std::string name = "NVIDIA H100 SXM";
    double peakTflops = 989.4; ///< dense BF16
    /// Dense FP8 and FP4 peaks; 0 when the chip has no such units (its GEMMs then run at the
    /// next wider type it has).
    double peakTflopsFp8 = 0.0;
    double peakTflopsFp4 = 0.0;
    double hbmBandwidthGBs = 3352.0;
    double hbmCapacityGiB = 80.0;
    double l1KiB = 256.0;
    double l2MiB = 50.0;
    double hbmReadPjPerBit = 4.2;
    double hbmWritePjPerBit = 4.2;
    double l2PjPerBit = 0.3;
    double l1PjPerBit = 0.16;
    double pjPerMac = 0.32;
    double idlePowerW = 70.0; ///< per GPU, HBM included
    double priceUsd = 0.0; ///< capital cost of one GPU, HBM included; 0: unknown
    SourceMap sources; ///< where each field comes from (provenance.h)

    static std::span<const FieldSpec<GpuSpec>> fields();
};

} // namespace tierlens
