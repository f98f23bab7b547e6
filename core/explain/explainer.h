#pragma once

#include "core/data/result.h"
#include "core/data/scenario.h"
#include "core/data/study.h"

#include <string>
#include <string_view>
#include <vector>

namespace tierlens {

/// One term of a sum inside an ExplainStep: an operation of the step, a component of a total.
struct ExplainTerm {
    std::string label; ///< "expert.up", "MoE offload (copy)"
    std::string detail; ///< how the term is made: "m×k×n = 2 × 4096 × 14336 · 64 per step"
    double value = 0; ///< the term's contribution, in `unit`
    std::string unit; ///< as ExplainStep::unit
};

/// One line of arithmetic: a quantity, its formula in symbols (as MODEL.md writes it), the same
/// formula with the scenario's numbers substituted, and its value.
struct ExplainStep {
    std::string what; ///< "Copied bits per step"
    std::string formula; ///< "E = copied_bits × (e_tier_read + Σ e_link + e_HBM_write) / B"
    /// The formula's right-hand side with numbers: "304.8 Gbit × (102.4 + 0 + 4.2) pJ/bit / 16".
    /// It stops before "= value"; formatQuantity(value, unit) completes it.
    std::string substituted;
    double value = 0; ///< in `unit`, unprefixed (J, s, B, bit, W, B/s, ...)
    std::string unit; ///< "J", "s", "B", "bit", "W", "B/s", "FLOP", "pJ/bit", "×", "" ...
    /// When the step is a sum over many things, its largest terms, largest first; a last term
    /// labelled "n more" gathers the rest so the terms always add up to `value`.
    std::vector<ExplainTerm> terms;
};

/// How one number of the model is built, as plain data: a title, numbered steps whose last one
/// yields the number, and a short note (what is counted, what is left out). The views render it;
/// nothing here depends on Qt.
struct Explanation {
    std::string title; ///< "MoE offload (copy) — energy per token"
    std::string context; ///< scenario and batch: "Mixtral 8x7B, experts on SSD … · batch 16"
    std::vector<ExplainStep> steps;
    std::string note;
    double value = 0; ///< the number explained; equals steps.back().value
    std::string unit; ///< its unit, as ExplainStep::unit

    bool empty() const { return steps.empty(); }
};

/// One axis of a heatmap at the cell being explained.
struct HeatmapCellAxis {
    std::string label; ///< axis caption: "Flash read energy (× 102.4 pJ/b)"
    std::string path; ///< the ParamPath the axis sets: "tiers.ssd.read_pj_per_bit"
    double value = 0; ///< the axis value at the cell (a factor when `scale`)
    bool scale = false; ///< the value multiplies the scenario's own value of `path`
};

/// Explains energy per token component `part` of `result`, the evaluation of `scenario` at
/// `result.batch` (the scenario's own workload.batch is not used).
/// - off-chip parts: Σ over the part's operations of DRAM bytes × 8 × e_HBM × instances / B,
///   with the largest operations listed;
/// - on-chip parts: (FLOPs × e_MAC/2 + L2 bytes × 8 × e_L2 + L1 bytes × 8 × e_L1) / B;
/// - MoE offload: routing, copied bytes, then copied bits × (e_tier_read + Σ e_link + e_HBM_write) / B;
/// - background: T_step × N × (P_idle + Σ P_static) / B.
Explanation explainEnergy(const Scenario& scenario, const Result& result, EnergyPart part);

/// Explains the total energy per token: the sum of the eight components.
Explanation explainTotalEnergy(const Scenario& scenario, const Result& result);

/// Explains step latency component `part`: the effective HBM bandwidth, the roofline of the
/// largest operation, the sum over operations on the GPU that sets the latency; for MoE also the
/// routing, the copy of offloaded experts and the latency rule (overlap or copy only).
Explanation explainLatency(const Scenario& scenario, const Result& result, LatencyPart part);

/// Explains the total step latency, including how the latency rule combined copy and compute
/// and how much of the copy was hidden behind compute.
Explanation explainTotalLatency(const Scenario& scenario, const Result& result);

/// Cost per million tokens: the priced hardware over its serving lifetime plus electricity.
Explanation explainCost(const Scenario& scenario, const Result& result);

/// Explains the routing figures: p = 1 − (1 − k/E)^B, E·p active experts per MoE layer, the
/// busiest GPU's share and the tokens per active expert. Its value is the active experts per layer.
Explanation explainRouting(const Scenario& scenario, const Result& result);

/// Explains a heatmap cell: metric(scenario) / metric(baseline), or metric(scenario) alone when
/// there is no baseline. `scenario` and `baseline` are the cell's scenarios (axes applied) and
/// `result`, `baselineResult` their evaluations. The value equals the study runner's cell.
Explanation explainHeatmapCell(StudyMetric metric, const HeatmapCellAxis& x, const HeatmapCellAxis& y,
    const Scenario& scenario, const Result& result, const Scenario* baseline = nullptr,
    const Result* baselineResult = nullptr);

/// Evaluates cell (row, column) of a heatmap study (and its baseline) and explains it.
/// Returns an empty Explanation when the study has no such cell.
Explanation explainHeatmapCell(const Study& study, int row, int column);

/// A number with about 4 significant digits: whole numbers below 10^7 exactly ("14336"), others
/// as "102.4", "0.9902", "3.048e11".
std::string formatNumber(double value);

/// A quantity with an SI prefix and about 4 significant digits: (0.02744, "J") → "27.44 mJ",
/// (3.5e-6, "s") → "3.5 µs", (3.523e8, "B") → "352.3 MB", (2.452e12, "B/s") → "2.452 TB/s".
/// Units without prefixes ("pJ/bit", "experts", "") are printed after the plain number; "ms" is
/// shown like seconds; "×" is appended without a space.
std::string formatQuantity(double value, std::string_view unit);

/// The explanation as plain text (title, context, numbered steps, terms, note), for logs, the
/// command line and tests.
std::string toPlainText(const Explanation& explanation);

} // namespace tierlens
