#pragma once

#include "problem.h"
#include "scenario.h"

namespace tierlens {

/// Every problem of a scenario at once, each with its JSON path and a sentence
/// ("tiers[1].bandwidth_gb_s must be > 0, got -3"). Empty when the scenario can be evaluated.
Problems validateScenario(const Scenario& s);

} // namespace tierlens
