// tierlens-cli solve: goal-seek on one number of a scenario or study.
#include "cli/cliapp.h"

#include "cli/cliargs.h"
#include "cli/clioptions.h"
#include "cli/texttable.h"
#include "core/data/parampath.h"
#include "core/io/presetlibrary.h"
#include "core/study/goalseek.h"

#include <cmath>
#include <cstdio>
#include <ostream>
#include <tuple>

namespace tierlens {

using nlohmann::json;
using namespace cli;

namespace {

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

int CliApp::solve(const CliArgs& o)
{
    GoalSeekRequest q;
    std::tie(q.low, q.high) = o.range("range");
    q.path = o.text("param");
    q.target = o.number("target", 0);
    q.gridPoints = int(o.number("points", 101));
    const std::string target = o.target();

    // A study gives its (first) scenario and, for a heatmap, the baseline its cells divide by.
    if (isStudy(target)) {
        auto st = loadStudyTarget(target);
        if (!st)
            return 1;
        if (st->series.empty()) {
            err_ << target << ": the study has no scenario\n";
            return 1;
        }
        q.scenario = st->series.front().scenario;
        q.baseline = st->baseline;
        q.ratioOf = st->metric;
    } else if (auto sc = loadScenarioTarget(target)) {
        q.scenario = std::move(*sc);
    } else {
        return 1;
    }
    if (o.isSet("baseline")) {
        auto b = loadScenarioTarget(o.text("baseline"));
        if (!b)
            return 1;
        q.baseline = std::move(*b);
    }
    // The table admits only names goalMetricFromName knows.
    q.metric = o.isSet("metric") ? goalMetricFromName(o.text("metric")).value_or(GoalMetric::EnergyPerToken)
        : q.baseline             ? GoalMetric::Ratio
                                 : GoalMetric::EnergyPerToken;
    if (q.metric == GoalMetric::Ratio && !q.baseline)
        return usage("--metric ratio needs a study with a baseline or --baseline SCENARIO");
    const auto sets = o.assignments("set");
    for (Scenario* s : { &q.scenario, q.baseline ? &*q.baseline : nullptr }) {
        if (!s)
            continue;
        if (o.isSet("batch"))
            s->workload.batch = int(o.number("batch", 0));
        if (!applySets(*s, sets, s != &q.scenario, err_))
            return 1;
    }

    const GoalSeekResult r = goalSeek(q);
    if (!r.ok()) {
        err_ << "solve: " << r.error << "\n";
        return 1;
    }
    const std::string unit(goalMetricUnit(q));
    const std::string paramUnit(parampath::resolve(q.scenario, q.path)->info.unit);
    if (o.text("format") == "json") {
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
