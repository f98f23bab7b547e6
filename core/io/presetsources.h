#pragma once

#include "core/data/provenance.h"
#include "core/io/presetlibrary.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tierlens {

/// One numeric field of a GPU, tier, link or model preset with where it comes from.
struct PresetConstant {
    PresetKind kind = PresetKind::Gpu;
    std::string presetId;
    std::string field; ///< "read_pj_per_bit", "moe.top_k" for a model's MoE part
    double value = 0;
    std::string_view unit;
    bool given = false; ///< the preset file spells the field out (otherwise the default applies)
    std::optional<Provenance> source; ///< its own entry or the preset's "*"; empty when none
};

/// Every numeric field of every GPU, tier, link and model preset of the library, in library order,
/// with its source. Presets that do not read cleanly are skipped (the preset tests load them all).
std::vector<PresetConstant> presetConstants(const PresetLibrary& library);

} // namespace tierlens
