#pragma once

#include "core/data/problem.h"
#include "core/data/result.h"
#include "core/data/scenario.h"
#include "core/study/studyrunner.h"

#include <string>

namespace tierlens {

/// Every number of a result that is not finite (an overflow or 0/0 that in-range but extreme
/// inputs can still cause), one problem each, naming the inputs whose magnitude most likely caused
/// it. Empty for a sound result. Front ends treat a non-empty answer as an error: a result of
/// `inf` or `nan` must never pass for a number.
Problems nonFiniteResults(const Scenario& s, const Result& r);

/// The same for every bar, cell and point of a study: each problem names the series and batch,
/// or the cell's axis values.
Problems nonFiniteStudy(const StudyResult& r);

/// The inputs of a scenario of extreme magnitude (below 1e-6 or above 1e12, zero excepted), as
/// "gpu.peak_tflops = 5e-324, …"; "none stands out" when there are none.
std::string extremeInputs(const Scenario& s);

} // namespace tierlens
