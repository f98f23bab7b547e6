// tierlens-cli solve: goal-seek on one number of a scenario or study.
#include "cli/cliapp.h"

#include "cli/clioptions.h"
#include "cli/texttable.h"
#include "core/data/parampath.h"
#include "core/io/presetlibrary.h"
#include "core/study/goalseek.h"

#include <cmath>
#include <ostream>

namespace tierlens {

using nlohmann::json;
using namespace cli;

namespace {

// Options of solve besides the common ones (target, --set, --batch, --format).
struct SolveArgs {
    std::string param;
    std::string range;
    std::string metric;
    std::string baseline;
    double target = std::nan("");
    int points = 101;
    std::string error;
};

bool parseDouble(const std::string& text, double& v)
{
    try {
        std::size_t used = 0;
        v = std::stod(text, &used);
        return used == text.size() && std::isfinite(v);
    } catch (const std::exception&) {
        return false;
    }
}

// Takes solve's own options out of `args`; the rest goes to the common parser.
std::vector<std::string> takeSolveArgs(const std::vector<std::string>& args, SolveArgs& s)
{
    std::vector<std::string> rest { args.front() };
    for (std::size_t i = 1; i < args.size() && s.error.empty(); ++i) {
        const std::string& a = args[i];
        if (a != "--param" && a != "--range" && a != "--metric" && a != "--target" && a != "--baseline"
            && a != "--points") {
            rest.push_back(a);
            continue;
        }
        if (i + 1 >= args.size()) {
            s.error = a + " needs a value";
            break;
        }
        const std::string& v = args[++i];
        if (a == "--param")
            s.param = v;
        else if (a == "--range")
            s.range = v;
        else if (a == "--metric")
            s.metric = v;
        else if (a == "--baseline")
            s.baseline = v;
        else if (a == "--target" && !parseDouble(v, s.target))
            s.error = "--target must be a number, got \"" + v + "\"";
        else if (a == "--points") {
            double n = 0;
            if (!parseDouble(v, n) || n != std::floor(n) || n < 2 || n > 100000)
                s.error = "--points must be a whole number from 2 to 100000, got \"" + v + "\"";
            s.points = int(n);
        }
    }
    if (!s.error.empty())
        return rest;
    if (s.param.empty())
        s.error = "solve needs --param PATH";
    else if (s.range.empty())
        s.error = "solve needs --range LO:HI";
    else if (std::isnan(s.target))
        s.error = "solve needs --target T";
    else if (!s.metric.empty() && !goalMetricFromName(s.metric))
        s.error = "--metric must be energy, latency or ratio, got \"" + s.metric + "\"";
    return rest;
}

bool parseRange(const std::string& text, double& low, double& high)
{
    const auto colon = text.find(':');
    return colon != std::string::npos && parseDouble(text.substr(0, colon), low)
        && parseDouble(text.substr(colon + 1), high) && low < high;
}

bool isStudy(const std::string& target)
{
    if (!looksLikeFile(target))
        return PresetLibrary::builtin().find(PresetKind::Study, target) != nullptr;
    const auto j = loadJsonFile(target);
    return j.ok() && j.value.is_object() && j.value.contains("kind");
}

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

} // namespace

int CliApp::solve(const std::vector<std::string>& args)
{
    SolveArgs sa;
    const auto rest = takeSolveArgs(args, sa);
    if (!sa.error.empty())
        return usage(sa.error);
    const CliOptions o = parseOptions(rest, { .batch = true, .formats = { "table", "json" } });
    if (!o.error.empty())
        return usage(o.error);
    GoalSeekRequest q;
    if (!parseRange(sa.range, q.low, q.high))
        return usage("--range takes LO:HI with LO below HI, got \"" + sa.range + "\"");
    q.path = sa.param;
    q.target = sa.target;
    q.gridPoints = sa.points;

    // A study gives its (first) scenario and, for a heatmap, the baseline its cells divide by.
    if (isStudy(o.target)) {
        auto st = loadStudyTarget(o.target);
        if (!st)
            return 1;
        if (st->series.empty()) {
            err_ << o.target << ": the study has no scenario\n";
            return 1;
        }
        q.scenario = st->series.front().scenario;
        q.baseline = st->baseline;
        q.ratioOf = st->metric;
    } else if (auto sc = loadScenarioTarget(o.target)) {
        q.scenario = std::move(*sc);
    } else {
        return 1;
    }
    if (!sa.baseline.empty()) {
        auto b = loadScenarioTarget(sa.baseline);
        if (!b)
            return 1;
        q.baseline = std::move(*b);
    }
    q.metric = sa.metric.empty() ? (q.baseline ? GoalMetric::Ratio : GoalMetric::EnergyPerToken)
                                 : *goalMetricFromName(sa.metric);
    if (q.metric == GoalMetric::Ratio && !q.baseline)
        return usage("--metric ratio needs a study with a baseline or --baseline SCENARIO");
    for (Scenario* s : { &q.scenario, q.baseline ? &*q.baseline : nullptr }) {
        if (!s)
            continue;
        if (o.batch > 0)
            s->workload.batch = o.batch;
        if (!applySets(*s, o, s != &q.scenario, err_))
            return 1;
    }

    const GoalSeekResult r = goalSeek(q);
    if (!r.ok()) {
        err_ << "solve: " << r.error << "\n";
        return 1;
    }
    const std::string unit(goalMetricUnit(q));
    const std::string paramUnit(parampath::resolve(q.scenario, q.path)->info.unit);
    if (o.format == "json") {
        json crossings = json::array();
        for (const auto& c : r.crossings)
            crossings.push_back({ { "value", c.value }, { "metric", c.metric },
                { "direction", c.rising ? "rising" : "falling" } });
        out_ << json { { "param", q.path }, { "param_unit", paramUnit }, { "range", { q.low, q.high } },
            { "metric", goalMetricName(q.metric) }, { "unit", unit }, { "target", q.target },
            { "crossings", crossings }, { "metric_range", { r.minMetric, r.maxMetric } },
            { "evaluations", r.evaluations } }
                    .dump(2)
             << "\n";
    } else if (r.found()) {
        TextTable t({ "Crossing", q.path + " (" + paramUnit + ")",
            std::string(goalMetricName(q.metric)) + " (" + unit + ")", "Direction" });
        t.alignLeft(3);
        for (std::size_t i = 0; i < r.crossings.size(); ++i)
            t.addRow({ std::to_string(i + 1), number(r.crossings[i].value), number(r.crossings[i].metric),
                r.crossings[i].rising ? "rising" : "falling" });
        out_ << t.render() << "\n"
             << goalMetricName(q.metric) << " over " << number(q.low) << " … " << number(q.high) << ": "
             << number(r.minMetric) << " … " << number(r.maxMetric) << " " << unit << "; " << r.evaluations
             << " evaluations\n";
    }
    if (!r.found()) {
        err_ << "solve: " << r.summary(q) << "\n";
        return 1;
    }
    return 0;
}

} // namespace tierlens
