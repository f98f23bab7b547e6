#pragma once

#include "core/data/problem.h"
#include "core/data/scenario.h"

#include <string_view>

namespace tierlens {

/// Every problem of a scenario at once, each with its JSON path and a sentence
/// ("tiers[1].bandwidth_gb_s must be > 0, got -3"). Empty when the scenario can be evaluated.
Problems validateScenario(const Scenario& s);

/// The rules a model must meet on its own: field ranges, model.kv_heads dividing model.heads,
/// model.moe.top_k at most model.moe.experts, fewer dense layers than layers. Paths start with
/// `path` ("model.moe.top_k"). The rules that join a model to a system (TP dividing the heads)
/// are validateScenario's.
Problems validateModel(const ModelSpec& m, std::string_view path = "model");

} // namespace tierlens
