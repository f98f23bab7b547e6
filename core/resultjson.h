#pragma once

#include "result.h"
#include "studyrunner.h"

#include <nlohmann/json.hpp>

#include <string>

namespace tierlens {

/// The published JSON shapes that other tools read (see README, "Command line").
nlohmann::json energyToJson(const Result& r);
nlohmann::json latencyToJson(const Result& r);
nlohmann::json evalToJson(const Result& r, const std::string& scenarioId);
nlohmann::json studyResultToJson(const StudyResult& r);

/// Tidy long-form CSV: one row per number.
std::string evalToCsv(const Result& r, const std::string& scenarioId);
std::string studyResultToCsv(const StudyResult& r);

} // namespace tierlens
