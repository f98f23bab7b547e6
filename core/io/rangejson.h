#pragma once
// Range mode's and the tornado's numbers as JSON and CSV. In range mode each value the default
// output prints as a number becomes {"value": v, "low": l, "high": h}; the default shapes
// (resultjson.h) are untouched.

#include "core/data/rangedconstant.h"
#include "core/study/rangeanalysis.h"
#include "core/study/studyrunner.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace tierlens {

/// {"value": v, "low": b.low, "high": b.high}
nlohmann::json bandToJson(double value, const Band& b);
/// {"method": "corners", "constants": [{path, label, low, high, source}, …]}
nlohmann::json rangesToJson(const std::vector<RangedConstant>& ranges, RangeMethod method);
/// evalToJson's shape with every energy and latency component (and total) banded.
nlohmann::json rangedEvalToJson(
    const ResultRange& rr, const std::string& scenarioId, const std::vector<RangedConstant>& ranges);
/// studyResultToJson's shape with every bar's components, every cell and every line point banded.
nlohmann::json rangedStudyToJson(
    const StudyResult& r, const StudyRange& range, const std::vector<RangedConstant>& ranges);
/// evalToCsv's rows with two more columns, low and high.
std::string rangedEvalToCsv(const ResultRange& rr, const std::string& scenarioId);
/// {"title", "metric", "unit", "base", "rows": [{path, label, source, value, low, high, at_low,
/// at_high, swing}]}; energies in J/token, latencies in ms.
nlohmann::json tornadoToJson(const Tornado& t);
std::string tornadoToCsv(const Tornado& t);
/// The unit and scale a tornado's metric is printed in: J/token × 1, or ms × 1e3.
double tornadoScale(const RangeMetric& m);
const char* tornadoUnit(const RangeMetric& m);

} // namespace tierlens
