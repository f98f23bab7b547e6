#pragma once

#include "core/data/scenario.h"
#include "core/data/study.h"
#include "core/study/studycontrol.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tierlens {

/// One design point: its two objectives, the study's metric (paretoObjective) against step
/// latency. Which settings it stands for follows from its index (paretoSettings), so ten million
/// points cost 16 bytes each (whether it fits memory is kept beside, ParetoResult::fits).
struct ParetoPoint {
    double value = 0; ///< energy per token (J) or cost per million tokens (USD)
    double latencyMs = 0;
};

/// What a Pareto study's vertical axis measures, for JSON keys, tables and the chart.
struct ParetoObjective {
    std::string_view key; ///< "energy_j_per_token", "usd_per_mtok"
    std::string_view unit; ///< "J/token", "USD/Mtok"
    std::string_view caption; ///< "Energy per token (J)"
    std::string_view name; ///< "energy per token"
};
ParetoObjective paretoObjective(const Study& study);

/// Numbers of a Pareto study: every point of the design space, in index order (series-major, then
/// the axes, the last one fastest), the front and the best point under the latency objective.
struct ParetoResult {
    const Study* study = nullptr;
    std::vector<ParetoPoint> points;
    /// One per point (runParetoStudy fills it): 1 when every memory holds what the design puts in it
    /// (CapacityCheck has no warning: HBM its weights and KV cache at the point's batch, each offload tier
    /// its experts), else 0. A design that does not fit keeps its numbers but is no choice: it is never on
    /// the front nor the best under the SLO.
    std::vector<std::uint8_t> fits;
    std::vector<std::size_t> front; ///< indices into points, by rising value (falling latency)
    std::optional<double> sloMs;
    std::optional<std::size_t> bestUnderSlo; ///< lowest value with latency ≤ slo; none without one
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

/// Evaluates every point through runGrid: `threads` threads (0: every core) share each series'
/// structural combinations, and axes of energy constants re-price one evaluation (PricePlan).
/// With a control, `done` counts points and the run ends early once `stop` is set.
ParetoResult runParetoStudy(const Study& study, StudyControl* control = nullptr, unsigned threads = 0);

/// The exact non-dominated set when both objectives are minimised: a point is on the front unless
/// another is no worse in both and better in one. Equal points do not dominate each other, so all
/// copies of a front point are on it. Non-finite points, and those whose `fits` entry is 0, are
/// never on it nor dominate any; `fits` has one entry per point, or none when all fit. O(n log n): sort by
/// value, then latency, and sweep keeping the lowest latency of strictly lower values.
std::vector<std::size_t> paretoFront(
    std::span<const ParetoPoint> points, std::span<const std::uint8_t> fits = {});

/// The point of lowest value among those that fit (as paretoFront) with latency ≤ sloMs (ties: the
/// lower latency, then the lower index); none when no point meets it.
std::optional<std::size_t> bestUnderSlo(
    std::span<const ParetoPoint> points, double sloMs, std::span<const std::uint8_t> fits = {});

} // namespace tierlens
