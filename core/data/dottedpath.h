#pragma once

#include <string_view>
#include <vector>

namespace tierlens {

/// The segments of a dotted path ("tiers.ssd.read_pj_per_bit" → tiers, ssd, read_pj_per_bit),
/// empty ones included. One splitter for ParamPath and the presets' sources.
std::vector<std::string_view> splitDottedPath(std::string_view path);

} // namespace tierlens
