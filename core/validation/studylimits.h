#pragma once

#include "core/data/problem.h"
#include "core/data/scenario.h"
#include "core/data/study.h"

#include <cstddef>
#include <string>

namespace tierlens {

/// The bounds a study or heatmap must stay within before anything is computed (the numbers are
/// in inputlimits.h): each check adds a problem under `path` and returns false when it fails.
namespace studylimits {

/// An axis of n values (checked before the values are read: a million must be refused fast).
bool axisLength(std::size_t n, const std::string& path, Problems& out);

/// rows × columns cells of a heatmap, or lines × points of a line study.
bool cells(std::size_t rows, std::size_t columns, const std::string& path, Problems& out);

/// Every value of the axis applied alone to `s` must give a scenario validateScenario accepts,
/// as `--set` requires: no negative pJ/bit, zero bandwidth, top-k above the experts or TP that
/// does not divide the heads. Problems name "values[i]" under `path`.
void axisValues(const StudyAxis& axis, const Scenario& s, const std::string& path, Problems& out);

} // namespace studylimits

} // namespace tierlens
