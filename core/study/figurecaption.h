#pragma once

#include "core/data/scenario.h"
#include "core/data/study.h"

#include <string>

namespace tierlens {

/// Captions of figures built from the scenario as it is now, so no title or axis outlives an
/// edit: a preset's name or an axis label typed for other settings would.
class FigureCaption {
public:
    /// An axis caption naming the unit actually on the axis: "SSD read energy (× 102.4 pJ/bit)"
    /// when the values multiply the scenario's own, "SSD read energy (pJ/bit)" when they are
    /// absolute. A unit in parentheses at the end of the axis' own label is replaced.
    static std::string axis(const StudyAxis& a, const Scenario& s);
    /// Model, system and where the routed experts live: "Mixtral 8x7B · 1 × 4 H100 · experts on SSD".
    static std::string scenario(const Scenario& s);
    /// Where the routed experts live: "experts in HBM", "experts on SSD (nvlink-c2c-gen5)".
    static std::string placement(const Scenario& s);
};

} // namespace tierlens
