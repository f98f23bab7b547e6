#include "core/data/interconnect.h"

namespace tierlens {

std::span<const FieldSpec<Interconnect>> Interconnect::fields()
{
    using L = Interconnect;
    static const FieldSpec<L> table[] = {
        { "bandwidth_gb_s", &L::bandwidthGBs, "GB/s", 0, true, 1e7,
            "Bandwidth per direction per GPU. NVLink4 450 GB/s, NVLink-C2C gen4 450 / gen5 900 GB/s, "
            "InfiniBand NDR 50 GB/s per port." },
        { "latency_us", &L::latencyUs, "µs", 0, false, 1e6,
            "Latency per hop. NVLink4 0.8 µs, InfiniBand 0.13 µs (reference study)." },
        { "pj_per_bit", &L::pjPerBit, "pJ/bit", 0, false, 1e5,
            "Energy per transferred bit. The reference charges 0 for NVLink-C2C; 1.3 pJ/b is a "
            "published figure for it." },
    };
    return table;
}

} // namespace tierlens
