#pragma once

#include "core/data/result.h"
#include "core/data/workspace.h"
#include "core/model/tokencost.h"
#include "core/study/studyrunner.h"

#include <nlohmann/json.hpp>

#include <string>

namespace tierlens {

/// The published JSON shapes that other tools read (docs/command-line.md).
nlohmann::json energyToJson(const Result& r);
nlohmann::json latencyToJson(const Result& r);
/// Every energy term of the step (OperationLedger), summing to energy_j_per_token.total.
nlohmann::json operationsToJson(const Result& r);
nlohmann::json evalToJson(const Result& r, const std::string& scenarioId);
/// The same, with the model's parameter counts under "params" (modelparams.h).
nlohmann::json evalToJson(const Result& r, const std::string& scenarioId, const ModelSpec& model);
nlohmann::json studyResultToJson(const StudyResult& r);
/// {"usd_per_million_tokens", "capital_usd_per_million_tokens", "energy_usd_per_million_tokens",
/// "tokens_per_s", "capital_usd", "capital": [{"what", "usd"}]}.
nlohmann::json tokenCostToJson(const TokenCost& c);

/// Tidy long-form CSV: one row per number.
std::string evalToCsv(const Result& r, const std::string& scenarioId);
std::string studyResultToCsv(const StudyResult& r);

/// A workspace's numbers (every bar, then the heatmap cells) in the study shapes above: the bars
/// as a breakdown, the cells as a heatmap; what the window's File → Export Data writes.
nlohmann::json workspaceResultToJson(const Workspace& w, const WorkspaceResult& r);
std::string workspaceResultToCsv(const Workspace& w, const WorkspaceResult& r);

} // namespace tierlens
