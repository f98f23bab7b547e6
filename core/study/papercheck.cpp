#include "core/study/papercheck.h"

#include "core/io/presetlibrary.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace tierlens {

namespace {
const char* const kPaperStudies[] = { "paper/fig4-mixtral", "paper/fig4-deepseek-r1", "paper/fig5",
    "paper/fig6", "paper/llm-in-a-flash-table2" };
} // namespace

PaperRuns::PaperRuns(const PresetLibrary& lib)
    : lib_(lib)
{
    for (const char* id : kPaperStudies) {
        const PresetEntry* e = lib.find(PresetKind::Study, id);
        if (!e)
            throw std::runtime_error(std::string("the study preset ") + id + " is missing");
        auto st = loadStudy(e->json, lib, e->source);
        if (!st.ok())
            throw std::runtime_error(std::string(id) + ": " + st.problems.front().toString());
        auto study = std::make_unique<Study>(std::move(st.value));
        results_[id] = runStudy(*study);
        for (const auto& b : results_[id].bars)
            bars_[{ b.series->model, b.series->placement, b.batch }] = b.result;
        studies_[id] = std::move(study);
    }
}

RequestResult PaperRuns::request(const std::string& scenarioId, int promptTokens, int outputTokens) const
{
    auto s = lib_.scenario(scenarioId);
    if (!s.ok())
        throw std::runtime_error(scenarioId + ": "
            + (s.problems.empty() ? std::string("no such scenario preset") : s.problems.front().toString()));
    s.value.workload.promptLength = promptTokens;
    s.value.workload.outputLength = outputTokens;
    return evaluateRequest(s.value);
}

const Study& PaperRuns::study(const std::string& id) const
{
    return *studies_.at(id);
}
const StudyResult& PaperRuns::result(const std::string& id) const
{
    return results_.at(id);
}

const Result& PaperRuns::bar(const std::string& model, const std::string& placement, int batch) const
{
    return bars_.at({ model, placement, batch });
}

bool PaperRuns::hasBar(const std::string& model, const std::string& placement, int batch) const
{
    return bars_.count({ model, placement, batch }) > 0;
}

double PaperRuns::energyRatio(
    const std::string& model, const std::string& placement, const std::string& over, int batch) const
{
    return bar(model, placement, batch).totalEnergyJPerToken()
        / bar(model, over, batch).totalEnergyJPerToken();
}

std::vector<int> PaperRuns::ssdBatches(const std::string& model) const
{
    std::vector<int> out;
    for (const auto& [key, r] : bars_)
        if (std::get<0>(key) == model && std::get<1>(key) == "ssd")
            out.push_back(std::get<2>(key)); // the map is ordered, so batches ascend
    return out;
}

bool paperCheckPasses(const PaperCheck& c, double ours)
{
    return paperCheckPasses(c, ours, c.tolerance);
}

bool paperCheckPasses(const PaperCheck& c, double ours, double tol)
{
    if (!std::isfinite(ours))
        return false;
    switch (c.kind) {
    case PaperTolerance::Relative:
        return std::fabs(ours - c.published) <= tol * std::fabs(c.published);
    case PaperTolerance::Points:
        return std::fabs(ours - c.published) <= tol;
    case PaperTolerance::Above:
        return ours > c.published - tol;
    case PaperTolerance::Below:
        return ours < c.published + tol;
    case PaperTolerance::Factor:
        return ours > 0 && c.published > 0
            && std::fabs(std::log(ours / c.published)) <= std::log(tol) + 1e-12;
    }
    return false;
}

PaperStatus paperCheckStatus(const PaperCheck& c, double ours)
{
    if (paperCheckPasses(c, ours))
        return PaperStatus::Pass;
    if (c.knownDeviation.documented() && paperCheckPasses(c, ours, c.knownDeviation.bound))
        return PaperStatus::Deviation;
    return PaperStatus::Fail;
}

PaperCheckResult runPaperCheck(const PaperCheck& c, const PaperRuns& runs)
{
    PaperCheckResult r;
    r.check = &c;
    r.ours = c.compute(runs);
    // A measurement is read as "how far off", in per cent, whatever its pass criterion.
    const bool relative = c.kind == PaperTolerance::Relative || c.measured();
    r.difference = relative && c.published != 0 ? (r.ours - c.published) / c.published : r.ours - c.published;
    r.status = paperCheckStatus(c, r.ours);
    return r;
}

std::vector<PaperCheckResult> runPaperChecks(const PaperRuns& runs)
{
    std::vector<PaperCheckResult> out;
    for (const auto& c : paperChecks())
        out.push_back(runPaperCheck(c, runs));
    return out;
}

std::string_view paperToleranceName(PaperTolerance k)
{
    switch (k) {
    case PaperTolerance::Relative:
        return "relative";
    case PaperTolerance::Points:
        return "points";
    case PaperTolerance::Above:
        return "above";
    case PaperTolerance::Below:
        return "below";
    case PaperTolerance::Factor:
        return "factor";
    }
    return "relative";
}

std::string_view paperStatusName(PaperStatus s)
{
    switch (s) {
    case PaperStatus::Pass:
        return "pass";
    case PaperStatus::Deviation:
        return "deviation";
    case PaperStatus::Fail:
        return "fail";
    }
    return "fail";
}

std::string paperToleranceText(const PaperCheck& c)
{
    char buf[64];
    switch (c.kind) {
    case PaperTolerance::Relative:
        std::snprintf(buf, sizeof buf, "±%g %%", c.tolerance * 100);
        break;
    case PaperTolerance::Points:
        std::snprintf(buf, sizeof buf, "±%g %s", c.tolerance,
            c.unit != "%"          ? c.unit.c_str()
                : c.tolerance == 1 ? "point"
                                   : "points");
        break;
    case PaperTolerance::Above:
        if (c.tolerance == 0)
            std::snprintf(buf, sizeof buf, "> %g (strict)", c.published);
        else
            std::snprintf(buf, sizeof buf, "> %g − %g", c.published, c.tolerance);
        break;
    case PaperTolerance::Below:
        if (c.tolerance == 0)
            std::snprintf(buf, sizeof buf, "< %g (strict)", c.published);
        else
            std::snprintf(buf, sizeof buf, "< %g + %g", c.published, c.tolerance);
        break;
    case PaperTolerance::Factor:
        std::snprintf(buf, sizeof buf, "within %g× (qualitative)", c.tolerance);
        break;
    }
    return buf;
}

std::string paperValueText(const PaperCheck& c, double v)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.4g %s", v, c.unit.c_str());
    return buf;
}

std::string paperDifferenceText(const PaperCheckResult& r)
{
    char buf[32];
    if (r.check->kind == PaperTolerance::Relative || r.check->measured())
        std::snprintf(buf, sizeof buf, "%+.1f %%", r.difference * 100);
    else if (r.check->unit == "%")
        std::snprintf(buf, sizeof buf, "%+.1f", r.difference);
    else
        std::snprintf(buf, sizeof buf, "%+.3g", r.difference);
    return buf;
}

nlohmann::json paperResultsToJson(const std::vector<PaperCheckResult>& results)
{
    nlohmann::json checks = nlohmann::json::array();
    int passed = 0, deviations = 0;
    for (const auto& r : results) {
        const PaperCheck& c = *r.check;
        passed += r.pass() ? 1 : 0;
        deviations += r.status == PaperStatus::Deviation ? 1 : 0;
        checks.push_back({ { "id", c.id }, { "description", c.description }, { "published", c.published },
            { "ours", r.ours }, { "difference", r.difference }, { "unit", c.unit },
            { "tolerance", { { "kind", paperToleranceName(c.kind) }, { "value", c.tolerance } } },
            { "status", paperStatusName(r.status) }, { "pass", r.pass() }, { "how", c.how },
            { "study", c.study }, { "known_deviation", c.knownDeviation.reason },
            { "deviation_bound", c.knownDeviation.bound }, { "measured_by", c.measuredBy } });
    }
    return { { "checks", checks }, { "passed", passed }, { "deviations", deviations },
        { "failed", int(results.size()) - passed - deviations } };
}

} // namespace tierlens
