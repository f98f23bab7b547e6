#pragma once

#include "core/data/scenario.h"
#include "core/data/study.h"
#include "core/study/studycontrol.h"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace tierlens {

/// One design point: its two objectives. Which settings it stands for follows from its index
/// (paretoSettings), so ten million points cost 16 bytes each.
struct ParetoPoint {
    double energyJPerToken = 0;
    double latencyMs = 0;
};

/// Numbers of a Pareto study: every point of the design space, in index order (series-major, then
/// the axes, the last one fastest), the front and the best point under the latency objective.
struct ParetoResult {
    const Study* study = nullptr;
    std::vector<ParetoPoint> points;
    std::vector<std::size_t> front; ///< indices into points, by rising energy (falling latency)
    std::optional<double> sloMs;
    std::optional<std::size_t> bestUnderSlo; ///< lowest energy with latency ≤ slo; none without one
    bool stopped = false; ///< ended early through a StudyControl: the numbers are incomplete
};

/// series × the product of the axes' sizes.
std::size_t paretoPointCount(const Study& study);

/// The settings of point `index`: the series it belongs to and the value of each axis (the
/// value set, after `scale` was applied to the series' own value).
struct ParetoSettings {
    std::size_t series = 0;
    std::vector<double> values; ///< one per study.axes entry
};
ParetoSettings paretoSettings(const Study& study, std::size_t index);

/// The scenario of point `index`: its series' scenario with every axis set through ParamPath.
Scenario paretoScenario(const Study& study, std::size_t index);

/// Evaluates every point on `threads` threads (0: every core), in chunks taken from a shared
/// counter so that a slow region of the space does not idle the other threads. With a control,
/// `done` counts evaluated points and the run ends early once `stop` is set.
ParetoResult runParetoStudy(const Study& study, StudyControl* control = nullptr, unsigned threads = 0);

/// The exact non-dominated set when both objectives are minimised: a point is on the front unless
/// another is no worse in both and better in one. Equal points do not dominate each other, so all
/// copies of a front point are on it. Non-finite points are never on it. O(n log n): sort by
/// energy, then latency, and sweep keeping the lowest latency of strictly lower energies.
std::vector<std::size_t> paretoFront(std::span<const ParetoPoint> points);

/// The point of lowest energy among those with latency ≤ sloMs (ties: the lower latency, then the
/// lower index); none when no point meets it.
std::optional<std::size_t> bestUnderSlo(std::span<const ParetoPoint> points, double sloMs);

} // namespace tierlens
