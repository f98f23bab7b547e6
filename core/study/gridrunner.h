#pragma once

#include "core/data/study.h"
#include "core/study/priceplan.h"
#include "core/study/studycontrol.h"

#include <cstddef>
#include <functional>
#include <span>

namespace tierlens {

/// Receives the metrics of grid point `index` (the last axis fastest). Called from the runner's
/// threads, each index exactly once.
using GridSink = std::function<void(std::size_t index, const double* metrics)>;

/// Number of points of the grid: the product of the axes' sizes.
std::size_t gridPointCount(std::span<const StudyAxis> axes);

/// Evaluations runGrid makes for the grid on `base`: one per combination of the axes that are
/// neither energy constants nor missing from `base`, and one more per energy-constant axis.
std::size_t gridEvaluations(const Scenario& base, std::span<const StudyAxis> axes);

/// Evaluates `metrics` at every combination of the axes' values set on `base` (with `scale`, the
/// values multiply base's own value). The one sweep engine of heatmaps and Pareto studies:
/// - axes of energy constants (isPriceParam) do not re-evaluate: each combination of the other
///   axes is planned once and re-priced for every combination of these (PricePlan);
/// - an axis `base` lacks changes nothing: every value gets the same numbers (the dense baseline
///   of the flash study has no SSD tier);
/// - the other axes' combinations are shared among `threads` threads (0: every core) in chunks
///   from a shared counter, each thread on its own copy of the scenario.
/// With a control, `done` counts points and the run ends early once `stop` is set; returns false
/// then (some points were never sent to the sink).
bool runGrid(const Scenario& base, std::span<const StudyAxis> axes, const ScenarioMetrics& metrics,
    const GridSink& sink, StudyControl* control = nullptr, unsigned threads = 0);

} // namespace tierlens
