#pragma once

#include "core/data/scenario.h"
#include "core/data/study.h"

#include <optional>
#include <string>
#include <vector>

namespace tierlens {

/// What goal-seek drives to its target.
enum class GoalMetric {
    EnergyPerToken, ///< J per token
    Latency, ///< step latency, ms
    Ratio, ///< energy per token (or latency, see GoalSeekRequest::ratioOf) over the baseline's
};

/// One goal-seek question: where between `low` and `high` does `path` make the metric equal `target`?
struct GoalSeekRequest {
    Scenario scenario;
    /// Ratio only: the denominator. The parameter is set in it too when it has the path, as a
    /// study's heatmap does (a batch axis moves both; the dense baseline has no SSD to scale).
    std::optional<Scenario> baseline;
    std::string path; ///< a ParamPath of the scenario
    double low = 0;
    double high = 0;
    GoalMetric metric = GoalMetric::EnergyPerToken;
    StudyMetric ratioOf = StudyMetric::EnergyPerToken;
    double target = 1.0;
    int gridPoints = 101; ///< scan points, ends included; crossings closer than a step apart may hide
    double tolerance = 1e-9; ///< bisection stops at this fraction of high − low
};

/// A parameter value where the metric crosses the target.
struct GoalSeekCrossing {
    double value = 0;
    double metric = 0; ///< the metric there (equals the target to within the tolerance)
    bool rising = false; ///< the metric grows with the parameter across this point
};

struct GoalSeekResult {
    std::string error; ///< why nothing could be solved (unknown path, bad bracket, invalid scenario)
    std::vector<GoalSeekCrossing> crossings; ///< every one found, by increasing parameter value
    double minMetric = 0; ///< the metric's range over the scanned grid
    double maxMetric = 0;
    int evaluations = 0;

    bool ok() const { return error.empty(); }
    bool found() const { return ok() && !crossings.empty(); }
    /// One line for people: the first crossing (and how many more), or why there is none.
    std::string summary(const GoalSeekRequest& request) const;
};

/// Evaluates the request's metric with the parameter at `value` (the scan's function).
double goalMetricAt(const GoalSeekRequest& request, double value);

/// Scans [low, high] on `gridPoints` evenly spaced values for sign changes of metric − target,
/// then bisects each to the tolerance. Integer parameters (batch, top-k) are scanned on every
/// whole value in the bracket instead (at most 100000), and a crossing is the first whole value
/// past the target.
/// The scenario (and baseline) must be valid at both ends of the bracket.
GoalSeekResult goalSeek(const GoalSeekRequest& request);

std::string_view goalMetricName(GoalMetric m); ///< "energy", "latency", "ratio"
std::optional<GoalMetric> goalMetricFromName(std::string_view name);
std::string_view goalMetricUnit(const GoalSeekRequest& request);

} // namespace tierlens
