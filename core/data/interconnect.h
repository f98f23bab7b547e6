#pragma once

#include "core/data/fieldspec.h"
#include "core/data/provenance.h"

#include <span>
#include <string>

namespace tierlens {

/// A link: between GPUs (NVLink, InfiniBand) or between a tier and HBM (NVLink-C2C, PCIe).
struct Interconnect {
    std::string id;
    std::string name;
    double bandwidthGBs = 0.0; ///< per direction, per GPU
    double latencyUs = 0.0; ///< per hop
    double pjPerBit = 0.0; ///< energy per transferred bit
    SourceMap sources; ///< where each field comes from (provenance.h)

    static std::span<const FieldSpec<Interconnect>> fields();
};

} // namespace tierlens
