#pragma once

#include "result.h"
#include "scenario.h"
#include "studyrunner.h"

#include <string>

namespace tierlens {

/// Terminal tables for tierlens-cli's default output.
std::string formatEvalTable(const Scenario& s, const Result& r);
std::string formatStudyTable(const StudyResult& r);

} // namespace tierlens
