#pragma once

#include "core/data/result.h"
#include "core/data/scenario.h"
#include "core/model/requestmodel.h"
#include "core/study/paretostudy.h"
#include "core/study/rangeanalysis.h"
#include "core/study/studyrunner.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace tierlens {

/// Terminal tables for tierlens-cli's default output.
std::string formatEvalTable(const Scenario& s, const Result& r);
std::string formatStudyTable(const StudyResult& r);
/// Range mode: each energy and latency component with its low and high.
std::string formatRangedEvalTable(const Scenario& s, const ResultRange& rr);
/// Range mode of a study: bars' totals, cells and line points with their low and high.
std::string formatRangedStudyTable(const StudyResult& r, const StudyRange& range);
/// The tornado's rows, widest swing first.
std::string formatTornadoTable(const Tornado& t);
/// The whole request under the first step: TTFT, TPOT, throughput, energy and the KV fit.
std::string formatRequestTable(const RequestResult& r);
/// A Pareto study: the front as a table; every point as JSON or tidy CSV (clipareto.cpp).
std::string formatParetoTable(const ParetoResult& r);
nlohmann::json paretoResultToJson(const ParetoResult& r);
std::string paretoResultToCsv(const ParetoResult& r);
/// A model field by field, with where each value came from (field path to source, as
/// HfConfigImport::origins gives them).
std::string formatModelTable(const ModelSpec& m, const std::map<std::string, std::string>& origins);

} // namespace tierlens
