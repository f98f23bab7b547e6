#include "core/study/goalseek.h"

#include "core/data/parampath.h"
#include "core/model/evaluator.h"
#include "core/validation/validator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tierlens {

namespace {

// Whole-number parameters are scanned value by value, up to this many.
constexpr double kMaxIntegerSteps = 100000;

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

Scenario withValue(const Scenario& s, const std::string& path, double value)
{
    Scenario out = s;
    if (parampath::get(out, path))
        parampath::set(out, path, value);
    return out;
}

// Problems of the scenario (and baseline) with the parameter at one end of the bracket.
std::string problemsAt(const GoalSeekRequest& r, double value)
{
    std::string text;
    auto check = [&](const Scenario& s, const char* what) {
        for (const auto& p : validateScenario(withValue(s, r.path, value)))
            text += (text.empty() ? "" : "; ") + std::string(what) + " at " + r.path + " = " + number(value)
                + ": " + p.toString();
    };
    check(r.scenario, "scenario");
    if (r.baseline)
        check(*r.baseline, "baseline");
    return text;
}

} // namespace

std::string_view goalMetricName(GoalMetric m)
{
    switch (m) {
    case GoalMetric::Latency:
        return "latency";
    case GoalMetric::Ratio:
        return "ratio";
    case GoalMetric::EnergyPerToken:
        break;
    }
    return "energy";
}

std::optional<GoalMetric> goalMetricFromName(std::string_view name)
{
    for (GoalMetric m : { GoalMetric::EnergyPerToken, GoalMetric::Latency, GoalMetric::Ratio })
        if (goalMetricName(m) == name)
            return m;
    return std::nullopt;
}

std::string_view goalMetricUnit(const GoalSeekRequest& request)
{
    switch (request.metric) {
    case GoalMetric::Latency:
        return studyMetricUnit(StudyMetric::Latency);
    case GoalMetric::Ratio:
        return "×";
    case GoalMetric::EnergyPerToken:
        break;
    }
    return studyMetricUnit(StudyMetric::EnergyPerToken);
}

double goalMetricAt(const GoalSeekRequest& r, double value)
{
    const Scenario s = withValue(r.scenario, r.path, value);
    if (r.metric != GoalMetric::Ratio)
        return metricValue(evaluate(s),
            r.metric == GoalMetric::Latency ? StudyMetric::Latency : StudyMetric::EnergyPerToken);
    const double own = metricValue(evaluate(s), r.ratioOf);
    const double base = metricValue(evaluate(withValue(*r.baseline, r.path, value)), r.ratioOf);
    return base > 0 ? own / base : 0.0;
}

GoalSeekResult goalSeek(const GoalSeekRequest& r)
{
    GoalSeekResult out;
    std::string why;
    Scenario probe = r.scenario;
    const auto ref = parampath::resolve(probe, r.path, &why);
    if (!ref)
        out.error = r.path + ": " + why;
    else if (!std::isfinite(r.low) || !std::isfinite(r.high) || !(r.low < r.high))
        out.error
            = "the range must be two numbers, low below high; got " + number(r.low) + ":" + number(r.high);
    else if (!std::isfinite(r.target))
        out.error = "the target must be a number";
    else if (r.metric == GoalMetric::Ratio && !r.baseline)
        out.error = "the ratio metric needs a baseline scenario";
    else if (r.gridPoints < 2)
        out.error = "the scan needs at least 2 points";
    if (!out.ok())
        return out;
    const bool integer = ref->info.integer;
    if (integer && r.high - r.low > kMaxIntegerSteps) {
        out.error = r.path + " is a whole number; scan at most " + number(kMaxIntegerSteps) + " values, not "
            + number(r.low) + ":" + number(r.high);
        return out;
    }
    const double low = integer ? std::ceil(r.low) : r.low;
    const double high = integer ? std::floor(r.high) : r.high;
    if (!(low < high)) {
        out.error = r.path + " is a whole number; the range " + number(r.low) + ":" + number(r.high)
            + " holds fewer than two";
        return out;
    }
    for (double end : { low, high })
        if (std::string p = problemsAt(r, end); !p.empty()) {
            out.error = p;
            return out;
        }

    const int points = integer ? int(high - low) + 1 : r.gridPoints;
    auto at = [&](int i) { return i + 1 == points ? high : low + (high - low) * i / (points - 1); };
    auto f = [&](double x) {
        ++out.evaluations;
        return goalMetricAt(r, x);
    };
    std::vector<double> xs(static_cast<std::size_t>(points)), ys(xs.size());
    for (int i = 0; i < points; ++i) {
        xs[std::size_t(i)] = at(i);
        ys[std::size_t(i)] = f(xs[std::size_t(i)]);
    }
    out.minMetric = *std::min_element(ys.begin(), ys.end());
    out.maxMetric = *std::max_element(ys.begin(), ys.end());

    const double tol = r.tolerance * (high - low);
    for (std::size_t i = 0; i + 1 < xs.size(); ++i) {
        double a = xs[i], b = xs[i + 1], fa = ys[i] - r.target, fb = ys[i + 1] - r.target;
        // A grid point exactly on the target counts once, as the end of the step that reaches it.
        if (fa == 0 && i > 0)
            continue;
        if (fa == 0) {
            out.crossings.push_back({ a, ys[i], fb > 0 });
            continue;
        }
        if ((fa < 0) == (fb < 0) && fb != 0)
            continue;
        const bool rising = fb > fa;
        if (integer) {
            out.crossings.push_back({ b, ys[i + 1], rising });
            continue;
        }
        while (b - a > tol) {
            const double m = 0.5 * (a + b);
            const double fm = f(m) - r.target;
            if (fm == 0) {
                a = b = m;
                break;
            }
            ((fm < 0) == (fa < 0) ? a : b) = m;
        }
        const double x = 0.5 * (a + b);
        out.crossings.push_back({ x, f(x), rising });
    }
    return out;
}

std::string GoalSeekResult::summary(const GoalSeekRequest& r) const
{
    if (!ok())
        return error;
    const std::string unit(goalMetricUnit(r));
    const std::string metric(goalMetricName(r.metric));
    if (crossings.empty())
        return "no crossing: " + metric + " stays between " + number(minMetric) + " and " + number(maxMetric)
            + " " + unit + " for " + r.path + " from " + number(r.low) + " to " + number(r.high)
            + ", never reaching " + number(r.target) + " " + unit;
    const auto& c = crossings.front();
    std::string s = r.path + " = " + number(c.value) + " gives " + metric + " = " + number(c.metric) + " "
        + unit + (c.rising ? " (rising through the target)" : " (falling through the target)");
    if (crossings.size() > 1) {
        s += "; " + std::to_string(crossings.size() - 1) + " more crossing"
            + (crossings.size() > 2 ? "s" : "") + " at";
        for (std::size_t i = 1; i < crossings.size(); ++i)
            s += " " + number(crossings[i].value);
    }
    return s;
}

} // namespace tierlens
