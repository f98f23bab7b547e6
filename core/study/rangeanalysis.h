#pragma once
// Range mode and the tornado chart: how far each result moves when the uncertain constants of a
// scenario (RangedConstant) go from the low to the high end of their ranges.
//
// Range mode gives every value a [low, high]. With k ranged constants and k <= kMaxExactRanged,
// low and high are the minimum and maximum over the 2^k corners of the box of ranges (and the
// value itself). This is exact for energy: every energy term is bytes × pJ/bit (or power × time
// with the time independent of the energies), so energy is affine in each pJ/bit with the others
// fixed — multilinear on the box — and a multilinear function takes its extremes at corners.
// Latency is a sum of max() terms (roofline, hidden vs exposed copy, HBM contention) of
// quantities monotone in each bandwidth and latency constant; a function monotone in each
// variable also takes its extremes at corners, so corners are exact for those. They are only an
// approximation for a constant that latency is not monotone in (a batch or expert count that
// switches a discrete rule, such as the copy-only latency rule or the HBM floor): an interior
// point of the box may then lie slightly outside the corners' [low, high].
//
// Beyond kMaxExactRanged constants, 2^k evaluations are too many: each constant is moved alone to
// its low and its high end (the others at their values) and the deltas from the value are added
// up — low = value + Σ min(0, Δlow, Δhigh), high = value + Σ max(0, Δlow, Δhigh). That bound is
// exact when the result is a sum of terms each depending on one constant (energy over pJ/bit
// constants) and otherwise an estimate that ignores interactions between constants.

#include "core/data/problem.h"
#include "core/data/rangedconstant.h"
#include "core/data/result.h"
#include "core/data/scenario.h"
#include "core/data/study.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tierlens {

struct Workspace;

namespace rangelimits {
/// Corners are enumerated up to this many ranged constants (2^10 = 1024 evaluations each).
inline constexpr std::size_t kMaxExactRanged = 10;
/// At most this many ranged constants at all (one at a time past kMaxExactRanged).
inline constexpr std::size_t kMaxRanged = 256;
/// Evaluations one range analysis may make (corners × evaluations of one study or workspace).
inline constexpr std::size_t kMaxEvaluations = 400000;
} // namespace rangelimits

/// The ranged constants of a workspace: the one place where the constants' own ranges (their
/// sources, rangedConstants) and the user's (workspace.ranges, --range) meet; a user range
/// overrides the constant's own range of the same path.
std::vector<RangedConstant> rangesFor(const Scenario& s, const std::vector<RangedConstant>& user);
/// `w.ranges` joined with `extra` (ranges given for one run, such as --range): an extra range
/// replaces the workspace's range of the same path.
std::vector<RangedConstant> rangesFor(const Workspace& w, const std::vector<RangedConstant>& extra = {});

/// `base` with each of `extra` added, replacing an entry of the same path in place.
std::vector<RangedConstant> withRanges(
    std::vector<RangedConstant> base, const std::vector<RangedConstant>& extra);

/// Every problem of `ranges` against `s`: a path that is not a number of the scenario, a low or
/// high that is not finite, low above high, an end the field does not accept, more than
/// kMaxRanged constants. Each problem's path is `prefix[i].field` ("workspace.ranges[2].low").
Problems checkRanges(
    const Scenario& s, const std::vector<RangedConstant>& ranges, const std::string& prefix = "ranges");

/// checkRanges for a study: each path must be a number of at least one series (or the
/// baseline), and is checked against the first that has it.
Problems checkStudyRanges(
    const Study& st, const std::vector<RangedConstant>& ranges, const std::string& prefix = "ranges");

/// Parses "PATH=LOW:HIGH" (the CLI's --range); on failure, says why naming the option's text.
std::optional<RangedConstant> parseRangeSpec(std::string_view text, std::string* error);

/// The number a tornado ranks by: total energy per token, step latency, or one component.
struct RangeMetric {
    enum class Kind { Energy, Latency, EnergyPart, LatencyPart };
    Kind kind = Kind::Energy;
    int part = 0; ///< EnergyPart or LatencyPart for the *Part kinds

    double of(const Result& r) const; ///< J/token or s
    std::string key() const; ///< "energy", "latency", "energy.moe_offload", "latency.stall"
    std::string label() const; ///< "Energy per token", "Step latency", "MoE offload energy"
    bool isEnergy() const { return kind == Kind::Energy || kind == Kind::EnergyPart; }
};
/// Reads a key as RangeMetric::key() writes it; nothing when it names no metric.
std::optional<RangeMetric> rangeMetricFromKey(std::string_view key);

/// A value's low and high end.
struct Band {
    double low = 0;
    double high = 0;
    bool operator==(const Band&) const = default;
};

/// How low and high were found.
enum class RangeMethod { Corners, OneAtATime };
std::string_view rangeMethodName(RangeMethod m); ///< "corners" or "one_at_a_time"
/// The method used for k ranged constants.
RangeMethod rangeMethodFor(std::size_t k);
/// Scenarios one value's range needs besides the value itself: 2^k corners, or 2k ends.
std::size_t rangeVariants(std::size_t k);

/// Every value of one result with its band.
struct ResultRange {
    Result result; ///< at the constants' values
    std::array<Band, kEnergyPartCount> energy {};
    Band totalEnergy;
    std::array<Band, kLatencyPartCount> latency {}; ///< s
    Band totalLatency; ///< s
    RangeMethod method = RangeMethod::Corners;

    Band of(const RangeMetric& m) const;
};

/// The scenarios range mode evaluates: corners (bit i of the index set: constant i at its high)
/// or one-at-a-time ends (2i: constant i low, 2i+1: high). A constant is set where its path
/// resolves; checkRanges must have passed.
std::vector<Scenario> rangeScenarios(const Scenario& s, const std::vector<RangedConstant>& ranges);

/// The result of `s` at `batch` with every value's band. Ranges must have passed checkRanges.
ResultRange evaluateRange(const Scenario& s, int batch, const std::vector<RangedConstant>& ranges);

/// Bands of a set of values evaluated at the value and at every variant (rangeScenarios' order):
/// `values[v][i]`, v = 0 the value, 1.. the variants. Exposed so studies, workspaces and tests
/// combine their own values the same way.
std::vector<Band> combineBands(const std::vector<std::vector<double>>& values, RangeMethod method);

/// One bar of a tornado: the metric with one constant at its low and at its high end.
struct TornadoRow {
    RangedConstant constant;
    double value = 0; ///< the constant's own value in the scenario
    double atLow = 0;
    double atHigh = 0;
    double swing() const; ///< |atHigh − atLow|
};

struct Tornado {
    RangeMetric metric;
    std::string title; ///< follows the scenario (FigureCaption)
    double base = 0; ///< the metric at every constant's value
    std::vector<TornadoRow> rows; ///< widest swing first; ties keep the ranges' order
};

/// The tornado of `s` at its workload batch. Ranges must have passed checkRanges.
Tornado tornado(const Scenario& s, const std::vector<RangedConstant>& ranges, const RangeMetric& metric);

/// Bands of every bar and heatmap cell of a study (runStudy's order), or a problem when the work
/// would exceed rangelimits::kMaxEvaluations. A constant is set in every series (and the
/// baseline) whose scenario has its path.
struct StudyRange {
    std::vector<Band> barsEnergy; ///< total energy per bar
    std::vector<Band> barsLatency; ///< total latency per bar, s
    std::vector<std::array<Band, kEnergyPartCount>> barsEnergyParts;
    std::vector<std::array<Band, kLatencyPartCount>> barsLatencyParts;
    std::vector<std::vector<Band>> cells; ///< heatmap, cells[row][column]
    std::vector<std::vector<Band>> lines; ///< line studies: lines[series][x]
    RangeMethod method = RangeMethod::Corners;
    Problems problems;
};
/// Evaluations a study's range analysis makes.
std::size_t studyRangeEvaluations(const Study& st, std::size_t k);
StudyRange evaluateStudyRange(const Study& st, const std::vector<RangedConstant>& ranges);
/// A problem naming the count when `evaluations` exceeds the bound, else nothing.
std::optional<Problem> rangeWorkProblem(std::size_t evaluations, std::size_t k, const std::string& what);

} // namespace tierlens
