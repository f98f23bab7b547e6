#pragma once

#include "core/data/result.h"
#include "core/data/scenario.h"

namespace tierlens {

/// Evaluates one decode step of the scenario at workload.batch (MODEL.md §2–5).
/// The scenario must be valid (see validateScenario); an invalid one gives meaningless numbers
/// but never crashes.
Result evaluate(const Scenario& scenario);

/// The same at another global batch.
Result evaluate(const Scenario& scenario, int batch);

} // namespace tierlens
