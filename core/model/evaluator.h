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

/// The prefill of `promptTokens` tokens for each of `batch` sequences, as one pass through the
/// model (docs/model.md "Requests"): GEMMs with m = sequences · L_in, causal attention over the
/// prompt, the experts any prompt token routes to (copied from their tier once per layer).
/// energyJPerToken holds energy per sequence; latencyS the prefill's time.
Result evaluatePrefill(const Scenario& scenario, int batch, int promptTokens);

/// evaluate() when promptTokens is 0, evaluatePrefill() otherwise.
Result evaluatePass(const Scenario& scenario, int batch, int promptTokens);

} // namespace tierlens
