#pragma once

#include "core/data/result.h"
#include "core/data/scenario.h"
#include "core/model/requestmodel.h"
#include "core/study/studyrunner.h"

#include <map>
#include <string>

namespace tierlens {

/// Terminal tables for tierlens-cli's default output.
std::string formatEvalTable(const Scenario& s, const Result& r);
std::string formatStudyTable(const StudyResult& r);
/// The whole request under the first step: TTFT, TPOT, throughput, energy and the KV fit.
std::string formatRequestTable(const RequestResult& r);
/// A model field by field, with where each value came from (field path to source, as
/// HfConfigImport::origins gives them).
std::string formatModelTable(const ModelSpec& m, const std::map<std::string, std::string>& origins);

} // namespace tierlens
