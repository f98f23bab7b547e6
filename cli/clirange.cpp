// Range mode of eval and study, and the tornado command: the ranged constants come from the
// workspace file (workspace.ranges) and from --range PATH=LOW:HIGH, joined by rangesFor().
#include "cli/cliapp.h"

#include "cli/cliargs.h"
#include "cli/cliformat.h"
#include "cli/clioptions.h"
#include "core/data/workspace.h"
#include "core/io/presetlibrary.h"
#include "core/io/rangejson.h"
#include "core/model/evaluator.h"
#include "core/study/rangeanalysis.h"
#include "core/validation/finitecheck.h"

#include <ostream>

namespace tierlens {

using namespace cli;

std::optional<std::vector<RangedConstant>> CliApp::cliRanges(const CliArgs& o)
{
    std::vector<RangedConstant> out;
    for (const std::string& text : o.texts("range")) {
        std::string why;
        auto r = parseRangeSpec(text, &why);
        if (!r) {
            err_ << "tierlens-cli: " << why << "\n";
            return std::nullopt;
        }
        out.push_back(std::move(*r));
    }
    return out;
}

bool CliApp::checkedRanges(const Scenario& s, const std::vector<RangedConstant>& ranges)
{
    // Problems name "--range[i]" for the command line's own ranges.
    const Problems problems = checkRanges(s, ranges, "ranges");
    printProblems(err_, problems);
    if (!problems.empty())
        return false;
    const std::size_t k = ranges.size();
    if (auto p = rangeWorkProblem(rangeVariants(k) + 1, k, "ranges")) {
        printProblems(err_, { *p });
        return false;
    }
    return true;
}

int CliApp::evalRange(
    const Scenario& s, const std::string& id, const CliArgs& o, const std::vector<RangedConstant>& extra)
{
    auto user = cliRanges(o);
    if (!user)
        return 2;
    user->insert(user->begin(), extra.begin(), extra.end());
    const std::vector<RangedConstant> ranges = rangesFor(s, *user);
    if (!checkedRanges(s, ranges))
        return 1;
    if (ranges.empty())
        err_ << "note: no ranged constants (give --range PATH=LOW:HIGH): every low and high is the value\n";
    const ResultRange rr = evaluateRange(s, s.workload.batch, ranges);
    if (const Problems bad = nonFiniteResults(s, rr.result); !bad.empty()) {
        printProblems(err_, bad, id);
        return 1;
    }
    return printAs(
        o.text("format"), [&] { return rangedEvalToJson(rr, id, ranges); },
        [&] { return rangedEvalToCsv(rr, id); }, [&] { return formatRangedEvalTable(s, rr); });
}

int CliApp::studyRange(const Study& study, const CliArgs& o)
{
    auto user = cliRanges(o);
    if (!user)
        return 2;
    const std::vector<RangedConstant> ranges
        = study.series.empty() ? *user : rangesFor(study.series.front().scenario, *user);
    if (const Problems problems = checkStudyRanges(study, ranges); !problems.empty()) {
        printProblems(err_, problems);
        return 1;
    }
    if (ranges.empty())
        err_ << "note: no ranged constants (give --range PATH=LOW:HIGH): every low and high is the value\n";
    const StudyRange range = evaluateStudyRange(study, ranges);
    if (!range.problems.empty()) {
        printProblems(err_, range.problems);
        return 1;
    }
    const StudyResult r = runStudy(study);
    if (const Problems bad = nonFiniteStudy(r); !bad.empty()) {
        printProblems(err_, bad, o.target());
        return 1;
    }
    const std::string format = o.text("format");
    if (format == "json")
        out_ << rangedStudyToJson(r, range, ranges).dump(2) << "\n";
    else if (format == "csv") {
        // Tidy rows: one per bar total, cell or line point, with its low and high.
        out_ << "study,item,metric,value,low,high\n";
        for (std::size_t i = 0; i < r.bars.size(); ++i) {
            const std::string item = r.bars[i].series->label + " @ " + std::to_string(r.bars[i].batch);
            out_ << study.id << ",\"" << item << "\",energy_j_per_token,"
                 << r.bars[i].result.totalEnergyJPerToken() << "," << range.barsEnergy[i].low << ","
                 << range.barsEnergy[i].high << "\n";
            out_ << study.id << ",\"" << item << "\",latency_ms," << r.bars[i].result.totalLatencyS() * 1e3
                 << "," << range.barsLatency[i].low * 1e3 << "," << range.barsLatency[i].high * 1e3 << "\n";
        }
        for (std::size_t row = 0; row < r.cells.size(); ++row)
            for (std::size_t c = 0; c < r.cells[row].size(); ++c)
                out_ << study.id << ",cell[" << row << "][" << c << "]," << studyMetricName(study.metric)
                     << "," << r.cells[row][c] << "," << range.cells[row][c].low << ","
                     << range.cells[row][c].high << "\n";
        for (std::size_t l = 0; l < r.lines.size(); ++l)
            for (std::size_t x = 0; x < r.lines[l].values.size(); ++x)
                out_ << study.id << ",\"" << r.lines[l].series->label << " @ " << study.x.values[x] << "\","
                     << studyMetricName(study.metric) << "," << r.lines[l].values[x] << ","
                     << range.lines[l][x].low << "," << range.lines[l][x].high << "\n";
    } else
        out_ << formatRangedStudyTable(r, range);
    return 0;
}

std::optional<std::pair<Scenario, std::vector<RangedConstant>>> CliApp::rangedTarget(const CliArgs& o)
{
    auto user = cliRanges(o);
    if (!user)
        return std::nullopt;
    const std::string& target = o.target();
    // A workspace file brings its own ranges; --range replaces one of the same path.
    if (looksLikeFile(target)) {
        auto j = loadJsonFile(target);
        if (!j.ok()) {
            printProblems(err_, j.problems);
            return std::nullopt;
        }
        if (j.value.is_object() && j.value.contains("workspace")) {
            auto w = loadWorkspace(j.value, PresetLibrary::builtin());
            if (!w.ok()) {
                printProblems(err_, w.problems, target);
                return std::nullopt;
            }
            return std::pair { w.value.scenario, rangesFor(w.value, *user) };
        }
    }
    auto s = loadScenarioTarget(target);
    if (!s)
        return std::nullopt;
    auto ranges = rangesFor(*s, *user);
    return std::pair { std::move(*s), std::move(ranges) };
}

int CliApp::tornadoCommand(const CliArgs& o)
{
    auto t = rangedTarget(o);
    if (!t)
        return 1;
    auto& [s, ranges] = *t;
    if (o.isSet("batch"))
        s.workload.batch = int(o.number("batch", 0));
    if (!applySets(s, o.assignments("set"), false, err_))
        return 1;
    if (ranges.empty()) {
        err_ << "tierlens-cli: no ranged constants to rank: give --range PATH=LOW:HIGH (repeatable)\n";
        return 1;
    }
    if (!checkedRanges(s, ranges))
        return 1;
    const auto metric = rangeMetricFromKey(o.text("metric"));
    if (!metric)
        return usage("--metric must be energy, latency, energy.<component> or latency.<component>, got \""
            + o.text("metric") + "\"");
    const Tornado t2 = tornado(s, ranges, *metric);
    return printAs(
        o.text("format"), [&] { return tornadoToJson(t2); }, [&] { return tornadoToCsv(t2); },
        [&] { return formatTornadoTable(t2); });
}

} // namespace tierlens
