#pragma once

#include "core/data/result.h"
#include "core/data/study.h"
#include "core/model/requestmodel.h"
#include "core/study/studyrunner.h"

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace tierlens {

class PresetLibrary;

/// The reference study's figures, loaded from the presets and run once: what every paper check
/// reads its numbers from.
class PaperRuns {
public:
    /// Loads and runs paper/fig4-mixtral, paper/fig4-deepseek-r1, paper/fig5, paper/fig6 and
    /// paper/llm-in-a-flash-table2.
    /// Throws std::runtime_error naming the study when a preset does not load (a build defect).
    explicit PaperRuns(const PresetLibrary& lib);
    PaperRuns(const PaperRuns&) = delete;
    PaperRuns& operator=(const PaperRuns&) = delete;

    const Study& study(const std::string& id) const;
    const StudyResult& result(const std::string& id) const;
    /// A breakdown bar by case label ("Mixtral 8x7B"), placement id ("ssd") and batch; throws
    /// std::out_of_range when no study has it.
    const Result& bar(const std::string& model, const std::string& placement, int batch) const;
    bool hasBar(const std::string& model, const std::string& placement, int batch) const;
    /// Energy per token of `placement` over `over` at the same batch.
    double energyRatio(
        const std::string& model, const std::string& placement, const std::string& over, int batch) const;
    /// Batches of a model's "ssd" bars, ascending.
    std::vector<int> ssdBatches(const std::string& model) const;
    /// A whole request of a scenario preset at another prompt and output length (the measured
    /// checks); throws std::runtime_error naming the preset when it does not load.
    RequestResult request(const std::string& scenarioId, int promptTokens, int outputTokens) const;

private:
    const PresetLibrary& lib_;
    std::map<std::string, std::unique_ptr<Study>> studies_; // stable addresses: results point into them
    std::map<std::string, StudyResult> results_;
    std::map<std::tuple<std::string, std::string, int>, Result> bars_;
};

/// How a published number is compared with ours.
enum class PaperTolerance {
    Relative, ///< |ours − published| ≤ tolerance · |published|
    Points, ///< |ours − published| ≤ tolerance (percentage points, batches, …)
    Above, ///< published is a strict lower bound ("> 73 %"): ours > published − tolerance (0: strict)
    Below, ///< published is a strict upper bound ("< 1"): ours < published + tolerance (0: strict)
    Factor, ///< qualitative "near": ours within a factor `tolerance` of published, either way
};

/// A check's outcome. A documented deviation is neither a pass nor a failure: our model is known to
/// miss the published number for the documented reason, by no more than the documented amount.
enum class PaperStatus { Pass, Deviation, Fail };

/// Why our model is known to miss a published number, and by how much at most: outside the
/// check's tolerance but within `bound` (same kind, read as the tolerance) the check is a
/// deviation, not a failure; beyond the bound it fails, so the note cannot silently go stale.
struct PaperDeviation {
    std::string reason; ///< empty: none documented
    double bound = 0;

    // Constructors rather than an aggregate: GCC 12 at -O3 takes a nested `{}` of an aggregate
    // holding a string for "maybe uninitialized".
    PaperDeviation() = default;
    PaperDeviation(std::string why, double maxMiss)
        : reason(std::move(why))
        , bound(maxMiss)
    {
    }
    bool documented() const { return !reason.empty(); }
};

/// One published number of the reference study (MODEL.md §7) and how we compute ours.
struct PaperCheck {
    std::string id; ///< "fig4.mixtral.ssd-over-hbm.b16"
    std::string description; ///< "Mixtral SSD / HBM energy per token, batch 16"
    double published = 0;
    std::string unit; ///< "×", "%", "J/token", "batch"
    PaperTolerance kind = PaperTolerance::Relative;
    double tolerance = 0.05;
    std::string how; ///< how our value is computed (a tooltip)
    std::string study; ///< the study preset behind it, empty if none
    int studyCase = 0; ///< the case of the study to open
    PaperDeviation knownDeviation; ///< none for most checks
    std::function<double(const PaperRuns&)> compute;
    /// Empty for the reference study's numbers; else the published measurement the number comes
    /// from, cited so that a reader can find it ("NVIDIA NIM 1.8.0 benchmark, …").
    std::string measuredBy = {};

    bool measured() const { return !measuredBy.empty(); }
};

/// A check's outcome.
struct PaperCheckResult {
    const PaperCheck* check = nullptr;
    double ours = 0;
    double difference = 0; ///< ours − published (relative checks: as a fraction of published)
    PaperStatus status = PaperStatus::Fail;

    bool pass() const { return status == PaperStatus::Pass; }
    bool failed() const { return status == PaperStatus::Fail; }
};

/// Every published number of MODEL.md §7 and the careful rebuild's intermediate checks, in the
/// order of the section. Add an entry to add a check: the CLI, the window and the tests follow.
const std::vector<PaperCheck>& paperChecks();

/// Whether ours is within the check's tolerance (or, given, another tolerance of the same kind).
bool paperCheckPasses(const PaperCheck& c, double ours);
bool paperCheckPasses(const PaperCheck& c, double ours, double tolerance);
PaperStatus paperCheckStatus(const PaperCheck& c, double ours);
PaperCheckResult runPaperCheck(const PaperCheck& c, const PaperRuns& runs);
std::vector<PaperCheckResult> runPaperChecks(const PaperRuns& runs);

std::string_view paperToleranceName(PaperTolerance k); ///< "relative", "points", "above", …
std::string_view paperStatusName(PaperStatus s); ///< "pass", "deviation", "fail"
/// The tolerance as people read it: "±5 %", "±1 points", "> 73 (strict)", "within 2×".
std::string paperToleranceText(const PaperCheck& c);

/// A value with the check's unit, to four significant digits: "12.44 ×", "70.52 %".
std::string paperValueText(const PaperCheck& c, double v);
/// The difference as people read it: "+3.7 %" for relative checks, "-2.5" points, "+1" batch.
std::string paperDifferenceText(const PaperCheckResult& r);

/// `{"checks": [{"id", "description", "published", "ours", "difference", "unit", "tolerance": {"kind",
/// "value"}, "status", "pass", "how", "study", "known_deviation", "deviation_bound"}], "passed",
/// "deviations", "failed"}`; "pass" is true for a pass only.
nlohmann::json paperResultsToJson(const std::vector<PaperCheckResult>& results);

} // namespace tierlens
