#pragma once

#include "core/data/problem.h"
#include "core/data/result.h"
#include "core/data/scenario.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace tierlens {

class PresetLibrary;

/// What a study plots. The request metrics evaluate a whole request (core/model/requestmodel.h):
/// time to first token, mean time per output token, energy per request.
/// CostPerMTok is a Pareto study's other vertical axis (cost per million tokens, docs/model.md
/// "Cost per token"); the figure kinds draw the others.
enum class StudyMetric { EnergyPerToken, Latency, Ttft, Tpot, EnergyPerRequest, CostPerMTok };

/// The metric needs a whole request, not one decode step.
inline bool isRequestMetric(StudyMetric m)
{
    return m == StudyMetric::Ttft || m == StudyMetric::Tpot || m == StudyMetric::EnergyPerRequest;
}
/// False when `name` names no metric; m is left untouched then.
bool studyMetricFromName(std::string_view name, StudyMetric& m);

/// One axis of a sweep: a ParamPath and its values. With `scale`, the values multiply the
/// scenario's own value (the flash-scaling study's 1.0 … 0.1 × 102.4 pJ/b).
struct StudyAxis {
    std::string path;
    std::string label;
    std::vector<double> values;
    bool scale = false;
};

/// A scenario variant shown as one group of bars or one line: a case (model and system) under
/// one placement.
struct StudySeries {
    std::string label; ///< "Mixtral 8x7B · SSD (NVLink5)"
    std::string model; ///< the case's label
    std::string placement; ///< the placement's id ("hbm", "ssd-nvlink5")
    std::string placementLabel;
    Scenario scenario;
    std::vector<int> batches;
};

/// A named figure definition (ARCHITECTURE.md "Study"): the paper's figures are presets of this.
struct Study {
    enum class Kind { Breakdown, Heatmap, Line, Pareto };

    /// A Pareto study's design space may hold at most this many points (series × every axis):
    /// beyond it the points alone would not fit in memory on an ordinary machine.
    static constexpr std::size_t kMaxParetoPoints = 10'000'000;

    std::string id;
    std::string name;
    std::string description;
    Kind kind = Kind::Breakdown;
    StudyMetric metric = StudyMetric::EnergyPerToken;
    std::vector<StudySeries> series; ///< breakdown and line
    StudyAxis x; ///< heatmap columns, line x
    StudyAxis y; ///< heatmap rows
    std::optional<Scenario> baseline; ///< heatmap: cells are ratios to this
    /// Pareto: the design space, every combination of these values crossed with every series.
    std::vector<StudyAxis> axes;
    std::optional<double> sloMs; ///< Pareto: the step-latency objective, in ms
    nlohmann::json source; ///< the definition as read (kept for bundles)

    /// The scenario of series `s` (heatmap: the only one) with the axes set to cell (row, col).
    /// Axes whose path the scenario lacks are skipped.
    Scenario cellScenario(const Scenario& base, int row, int column) const;
};

std::string_view studyKindName(Study::Kind k);
std::string_view studyMetricName(StudyMetric m);
std::string_view studyMetricUnit(StudyMetric m);
/// A decode-step metric of `r`; 0 for the request metrics (RequestResult::metric has them) and
/// for cost, which needs the scenario's prices (tokenCost).
double metricValue(const Result& r, StudyMetric m);

/// Reads a study definition; scenarios may use preset references.
Loaded<Study> loadStudy(const nlohmann::json& j, const PresetLibrary& lib, std::string_view source = {});

} // namespace tierlens
