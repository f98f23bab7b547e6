#pragma once

#include "core/data/problem.h"

#include <string>
#include <string_view>
#include <vector>

namespace tierlens {

/// Reads a routing trace: CSV rows "layer,token,expert" (0-based integers; an optional header
/// row of non-numbers is skipped) into per-layer expert counts, as Routing::layerCounts stores
/// them. Layers are renumbered densely in ascending order, so a trace of layers 3, 5, 7 gives
/// three layers. Problems name the source, line and column. A leading UTF-8 byte-order mark is
/// skipped. When `experts` is above 0 (the model's routed experts), ids must be below it; in any
/// case ids, layers and the dense counts are capped (see inputlimits.h), so memory stays
/// proportional to the file.
class RoutingTrace {
public:
    static Loaded<std::vector<std::vector<double>>> parse(
        std::string_view csv, std::string_view source, long experts = 0);
    static Loaded<std::vector<std::vector<double>>> load(const std::string& file, long experts = 0);
};

} // namespace tierlens
