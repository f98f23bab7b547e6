#include "core/study/rangeanalysis.h"

#include "core/data/parampath.h"
#include "core/data/provenance.h"
#include "core/data/workspace.h"
#include "core/io/shortestnumber.h"
#include "core/model/evaluator.h"
#include "core/study/figurecaption.h"
#include "core/study/studyrunner.h"
#include "core/validation/validator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace tierlens {

namespace {

std::string num(double v)
{
    return shortestNumber(v);
}

// Sets every constant whose path the scenario has; `pick(i)` gives constant i's value, NaN for
// "leave it as it is".
template <class Pick> void applyRanges(Scenario& s, const std::vector<RangedConstant>& ranges, Pick pick)
{
    for (std::size_t i = 0; i < ranges.size(); ++i)
        if (const double v = pick(i); !std::isnan(v) && parampath::get(s, ranges[i].path))
            parampath::set(s, ranges[i].path, v);
}

template <class Pick> Study studyWith(const Study& st, const std::vector<RangedConstant>& ranges, Pick pick)
{
    Study out = st;
    for (auto& series : out.series)
        applyRanges(series.scenario, ranges, pick);
    if (out.baseline)
        applyRanges(*out.baseline, ranges, pick);
    return out;
}

// The variants of rangeScenarios as the values of the constants: corner c sets constant i high
// when bit i of c is set; one-at-a-time variant v moves constant v / 2 to its low (even v) or high
// (odd v) end and leaves the others (NaN) as each scenario has them.
std::vector<std::vector<double>> variantPicks(const std::vector<RangedConstant>& ranges)
{
    std::vector<std::vector<double>> out;
    const std::size_t k = ranges.size();
    if (rangeMethodFor(k) == RangeMethod::Corners) {
        for (std::size_t c = 0; c < (std::size_t(1) << k); ++c) {
            std::vector<double> v(k);
            for (std::size_t i = 0; i < k; ++i)
                v[i] = (c >> i) & 1 ? ranges[i].high : ranges[i].low;
            out.push_back(std::move(v));
        }
    } else {
        for (std::size_t i = 0; i < k; ++i)
            for (double end : { ranges[i].low, ranges[i].high }) {
                std::vector<double> v(k, std::numeric_limits<double>::quiet_NaN());
                v[i] = end;
                out.push_back(std::move(v));
            }
    }
    return out;
}

std::vector<double> resultValues(const Result& r)
{
    std::vector<double> v;
    v.reserve(kEnergyPartCount + kLatencyPartCount + 2);
    v.push_back(r.totalEnergyJPerToken());
    v.push_back(r.totalLatencyS());
    v.insert(v.end(), r.energyJPerToken.begin(), r.energyJPerToken.end());
    v.insert(v.end(), r.latencyS.begin(), r.latencyS.end());
    return v;
}

// The first scenario of a study with the path, which a range is checked against (a heatmap's only
// series; a breakdown's series share their hardware).
const Scenario* firstWith(const Study& st, const std::string& path)
{
    for (const auto& s : st.series)
        if (parampath::get(s.scenario, path))
            return &s.scenario;
    if (st.baseline && parampath::get(*st.baseline, path))
        return &*st.baseline;
    return nullptr;
}

} // namespace

std::vector<RangedConstant> rangesFor(const Scenario& s, const std::vector<RangedConstant>& user)
{
    // The constants' own ranges (their sources) first; a user range replaces the one of the
    // same path.
    return withRanges(rangedConstants(s), user);
}

std::vector<RangedConstant> rangesFor(const Workspace& w, const std::vector<RangedConstant>& extra)
{
    return rangesFor(w.scenario, withRanges(w.ranges, extra));
}

std::vector<RangedConstant> withRanges(
    std::vector<RangedConstant> base, const std::vector<RangedConstant>& extra)
{
    for (const auto& e : extra) {
        const auto it = std::find_if(
            base.begin(), base.end(), [&](const RangedConstant& b) { return b.path == e.path; });
        if (it != base.end())
            *it = e;
        else
            base.push_back(e);
    }
    return base;
}

Problems checkRanges(const Scenario& s, const std::vector<RangedConstant>& ranges, const std::string& prefix)
{
    Problems out;
    // Problems the scenario has anyway are not the ranges' fault.
    const Problems before = validateScenario(s);
    if (ranges.size() > rangelimits::kMaxRanged) {
        out.push_back({ prefix,
            "has " + std::to_string(ranges.size()) + " ranged constants; at most "
                + std::to_string(rangelimits::kMaxRanged) });
        return out;
    }
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        const RangedConstant& r = ranges[i];
        const std::string at = prefix + "[" + std::to_string(i) + "]";
        std::string why;
        if (r.path.empty()) {
            out.push_back({ at + ".path",
                "is empty; give a number of the scenario such as tiers.ssd.read_pj_per_bit" });
            continue;
        }
        if (!parampath::get(s, r.path, &why)) {
            out.push_back({ at + ".path", "\"" + r.path + "\" is not a number of the scenario: " + why });
            continue;
        }
        for (std::size_t j = 0; j < i; ++j)
            if (ranges[j].path == r.path)
                out.push_back({ at + ".path",
                    "\"" + r.path + "\" is ranged twice (also " + prefix + "[" + std::to_string(j) + "])" });
        bool finite = true;
        for (auto [name, v] : { std::pair { "low", r.low }, std::pair { "high", r.high } })
            if (!std::isfinite(v)) {
                out.push_back({ at + "." + name, "must be a finite number (" + r.path + ")" });
                finite = false;
            }
        if (!finite)
            continue;
        if (r.low > r.high) {
            out.push_back({ at + ".low",
                "is " + num(r.low) + ", above high " + num(r.high) + " (" + r.path
                    + "); low must not exceed high" });
            continue;
        }
        // Each end must be a value the field accepts: the scenario with it must still validate.
        for (auto [name, v] : { std::pair { "low", r.low }, std::pair { "high", r.high } }) {
            Scenario t = s;
            if (!parampath::set(t, r.path, v, &why)) {
                out.push_back({ at + "." + name, why + " (" + r.path + ")" });
                continue;
            }
            for (const Problem& p : validateScenario(t))
                if (std::none_of(before.begin(), before.end(),
                        [&](const Problem& q) { return q.path == p.path && q.message == p.message; })) {
                    out.push_back({ at + "." + name,
                        num(v) + " is not accepted by " + r.path + " (" + p.path + " " + p.message + ")" });
                    break;
                }
        }
    }
    return out;
}

Problems checkStudyRanges(
    const Study& st, const std::vector<RangedConstant>& ranges, const std::string& prefix)
{
    if (st.series.empty())
        return {};
    Problems out;
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        const std::string at = prefix + "[" + std::to_string(i) + "]";
        const Scenario* s = firstWith(st, ranges[i].path);
        if (!s) {
            std::string why;
            parampath::get(st.series.front().scenario, ranges[i].path, &why);
            out.push_back({ at + ".path",
                "\"" + ranges[i].path + "\" is not a number of any scenario of the study: " + why });
            continue;
        }
        for (Problem p : checkRanges(*s, { ranges[i] }, prefix)) {
            p.path = at + p.path.substr(prefix.size() + 3);
            out.push_back(std::move(p));
        }
    }
    if (ranges.size() > rangelimits::kMaxRanged)
        out.push_back({ prefix,
            "has " + std::to_string(ranges.size()) + " ranged constants; at most "
                + std::to_string(rangelimits::kMaxRanged) });
    for (std::size_t i = 0; i < ranges.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (ranges[j].path == ranges[i].path)
                out.push_back({ prefix + "[" + std::to_string(i) + "].path",
                    "\"" + ranges[i].path + "\" is ranged twice (also " + prefix + "[" + std::to_string(j)
                        + "])" });
    return out;
}

std::optional<RangedConstant> parseRangeSpec(std::string_view text, std::string* error)
{
    auto fail = [&](const std::string& why) -> std::optional<RangedConstant> {
        if (error)
            *error = "--range \"" + std::string(text) + "\" " + why;
        return std::nullopt;
    };
    const auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0)
        return fail("must look like PATH=LOW:HIGH (e.g. tiers.ssd.read_pj_per_bit=80:120)");
    const std::string_view ends = text.substr(eq + 1);
    const auto colon = ends.find(':');
    if (colon == std::string_view::npos)
        return fail("must give LOW:HIGH after '='");
    auto number = [](std::string_view t, double& v) {
        if (t.empty())
            return false;
        const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        return ec == std::errc() && p == t.data() + t.size() && std::isfinite(v);
    };
    RangedConstant r;
    r.path = std::string(text.substr(0, eq));
    if (!number(ends.substr(0, colon), r.low))
        return fail("has a LOW that is not a finite number");
    if (!number(ends.substr(colon + 1), r.high))
        return fail("has a HIGH that is not a finite number");
    if (r.low > r.high)
        return fail("has LOW above HIGH");
    r.source = "given on the command line";
    return r;
}

double RangeMetric::of(const Result& r) const
{
    switch (kind) {
    case Kind::Latency:
        return r.totalLatencyS();
    case Kind::EnergyPart:
        return r.energyJPerToken.at(std::size_t(part));
    case Kind::LatencyPart:
        return r.latencyS.at(std::size_t(part));
    case Kind::Energy:
        break;
    }
    return r.totalEnergyJPerToken();
}

std::string RangeMetric::key() const
{
    switch (kind) {
    case Kind::Latency:
        return "latency";
    case Kind::EnergyPart:
        return "energy." + std::string(energyPartKey(EnergyPart(part)));
    case Kind::LatencyPart:
        return "latency." + std::string(latencyPartKey(LatencyPart(part)));
    case Kind::Energy:
        break;
    }
    return "energy";
}

std::string RangeMetric::label() const
{
    switch (kind) {
    case Kind::Latency:
        return "Step latency";
    case Kind::EnergyPart:
        return std::string(energyPartLabel(EnergyPart(part))) + " energy";
    case Kind::LatencyPart:
        return std::string(latencyPartLabel(LatencyPart(part))) + " latency";
    case Kind::Energy:
        break;
    }
    return "Energy per token";
}

std::optional<RangeMetric> rangeMetricFromKey(std::string_view key)
{
    if (key == "energy")
        return RangeMetric { RangeMetric::Kind::Energy, 0 };
    if (key == "latency")
        return RangeMetric { RangeMetric::Kind::Latency, 0 };
    for (int i = 0; i < kEnergyPartCount; ++i)
        if (key == "energy." + std::string(energyPartKey(EnergyPart(i))))
            return RangeMetric { RangeMetric::Kind::EnergyPart, i };
    for (int i = 0; i < kLatencyPartCount; ++i)
        if (key == "latency." + std::string(latencyPartKey(LatencyPart(i))))
            return RangeMetric { RangeMetric::Kind::LatencyPart, i };
    return std::nullopt;
}

std::string_view rangeMethodName(RangeMethod m)
{
    return m == RangeMethod::OneAtATime ? "one_at_a_time" : "corners";
}

RangeMethod rangeMethodFor(std::size_t k)
{
    return k <= rangelimits::kMaxExactRanged ? RangeMethod::Corners : RangeMethod::OneAtATime;
}

std::size_t rangeVariants(std::size_t k)
{
    return rangeMethodFor(k) == RangeMethod::Corners ? std::size_t(1) << k : 2 * k;
}

Band ResultRange::of(const RangeMetric& m) const
{
    switch (m.kind) {
    case RangeMetric::Kind::Latency:
        return totalLatency;
    case RangeMetric::Kind::EnergyPart:
        return energy.at(std::size_t(m.part));
    case RangeMetric::Kind::LatencyPart:
        return latency.at(std::size_t(m.part));
    case RangeMetric::Kind::Energy:
        break;
    }
    return totalEnergy;
}

std::vector<Scenario> rangeScenarios(const Scenario& s, const std::vector<RangedConstant>& ranges)
{
    std::vector<Scenario> out;
    for (const auto& v : variantPicks(ranges)) {
        Scenario t = s;
        applyRanges(t, ranges, [&](std::size_t i) { return v[i]; });
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<Band> combineBands(const std::vector<std::vector<double>>& values, RangeMethod method)
{
    if (values.empty())
        return {};
    const std::vector<double>& base = values.front();
    std::vector<Band> out(base.size());
    for (std::size_t i = 0; i < base.size(); ++i)
        out[i] = { base[i], base[i] };
    if (method == RangeMethod::Corners) {
        for (std::size_t v = 1; v < values.size(); ++v)
            for (std::size_t i = 0; i < base.size(); ++i) {
                out[i].low = std::min(out[i].low, values[v][i]);
                out[i].high = std::max(out[i].high, values[v][i]);
            }
        return out;
    }
    // One at a time: variants 2c+1 and 2c+2 hold constant c at its low and its high end.
    for (std::size_t v = 1; v + 1 < values.size(); v += 2)
        for (std::size_t i = 0; i < base.size(); ++i) {
            const double dLow = values[v][i] - base[i];
            const double dHigh = values[v + 1][i] - base[i];
            out[i].low += std::min({ 0.0, dLow, dHigh });
            out[i].high += std::max({ 0.0, dLow, dHigh });
        }
    return out;
}

ResultRange evaluateRange(const Scenario& s, int batch, const std::vector<RangedConstant>& ranges)
{
    ResultRange out;
    out.method = rangeMethodFor(ranges.size());
    out.result = evaluate(s, batch);
    std::vector<std::vector<double>> values { resultValues(out.result) };
    for (const Scenario& t : rangeScenarios(s, ranges))
        values.push_back(resultValues(evaluate(t, batch)));
    const std::vector<Band> bands = combineBands(values, out.method);
    out.totalEnergy = bands[0];
    out.totalLatency = bands[1];
    for (int i = 0; i < kEnergyPartCount; ++i)
        out.energy[std::size_t(i)] = bands[2 + std::size_t(i)];
    for (int i = 0; i < kLatencyPartCount; ++i)
        out.latency[std::size_t(i)] = bands[2 + kEnergyPartCount + std::size_t(i)];
    return out;
}

double TornadoRow::swing() const
{
    return std::fabs(atHigh - atLow);
}

Tornado tornado(const Scenario& s, const std::vector<RangedConstant>& ranges, const RangeMetric& metric)
{
    Tornado t;
    t.metric = metric;
    t.title = metric.label() + " · " + FigureCaption::scenario(s) + " · batch "
        + std::to_string(s.workload.batch);
    t.base = metric.of(evaluate(s));
    for (const auto& r : ranges) {
        TornadoRow row;
        row.constant = r;
        row.value = parampath::get(s, r.path).value_or(0.0);
        Scenario lo = s, hi = s;
        parampath::set(lo, r.path, r.low);
        parampath::set(hi, r.path, r.high);
        row.atLow = metric.of(evaluate(lo));
        row.atHigh = metric.of(evaluate(hi));
        t.rows.push_back(std::move(row));
    }
    std::stable_sort(t.rows.begin(), t.rows.end(),
        [](const TornadoRow& a, const TornadoRow& b) { return a.swing() > b.swing(); });
    return t;
}

std::size_t studyRangeEvaluations(const Study& st, std::size_t k)
{
    std::size_t per = 0;
    switch (st.kind) {
    case Study::Kind::Breakdown:
        for (const auto& s : st.series)
            per += s.batches.size();
        break;
    case Study::Kind::Heatmap:
        per = st.x.values.size() * st.y.values.size() * (st.baseline ? 2 : 1);
        break;
    case Study::Kind::Line:
        per = st.series.size() * st.x.values.size();
        break;
    case Study::Kind::Pareto: // a cloud of design points has no bars to give whiskers
        break;
    }
    return per * (rangeVariants(k) + 1);
}

std::optional<Problem> rangeWorkProblem(std::size_t evaluations, std::size_t k, const std::string& what)
{
    if (evaluations <= rangelimits::kMaxEvaluations)
        return std::nullopt;
    const std::string how = rangeMethodFor(k) == RangeMethod::Corners
        ? "2^" + std::to_string(k) + " corners of " + std::to_string(k) + " ranged constants"
        : "both ends of " + std::to_string(k) + " ranged constants";
    return Problem { what,
        "range mode would make " + std::to_string(evaluations) + " evaluations (" + how
            + ", plus the values); at most " + std::to_string(rangelimits::kMaxEvaluations)
            + ": range fewer constants or evaluate fewer bars and cells" };
}

StudyRange evaluateStudyRange(const Study& st, const std::vector<RangedConstant>& ranges)
{
    StudyRange out;
    const std::size_t k = ranges.size();
    out.method = rangeMethodFor(k);
    if (auto p = rangeWorkProblem(studyRangeEvaluations(st, k), k, "ranges")) {
        out.problems.push_back(*p);
        return out;
    }
    const auto picks = variantPicks(ranges);

    auto flatten = [](const StudyResult& r) {
        std::vector<double> v;
        for (const auto& b : r.bars) {
            const auto rv = resultValues(b.result);
            v.insert(v.end(), rv.begin(), rv.end());
        }
        for (const auto& row : r.cells)
            v.insert(v.end(), row.begin(), row.end());
        for (const auto& l : r.lines)
            v.insert(v.end(), l.values.begin(), l.values.end());
        return v;
    };
    const StudyResult base = runStudy(st);
    std::vector<std::vector<double>> values { flatten(base) };
    for (const auto& v : picks) {
        const Study variant = studyWith(st, ranges, [&](std::size_t i) { return v[i]; });
        values.push_back(flatten(runStudy(variant)));
    }
    const std::vector<Band> bands = combineBands(values, out.method);
    std::size_t at = 0;
    const std::size_t perBar = 2 + kEnergyPartCount + kLatencyPartCount;
    for (std::size_t b = 0; b < base.bars.size(); ++b, at += perBar) {
        out.barsEnergy.push_back(bands[at]);
        out.barsLatency.push_back(bands[at + 1]);
        std::array<Band, kEnergyPartCount> e {};
        std::array<Band, kLatencyPartCount> l {};
        for (std::size_t i = 0; i < e.size(); ++i)
            e[i] = bands[at + 2 + i];
        for (std::size_t i = 0; i < l.size(); ++i)
            l[i] = bands[at + 2 + kEnergyPartCount + i];
        out.barsEnergyParts.push_back(e);
        out.barsLatencyParts.push_back(l);
    }
    for (const auto& row : base.cells) {
        out.cells.emplace_back(
            bands.begin() + std::ptrdiff_t(at), bands.begin() + std::ptrdiff_t(at + row.size()));
        at += row.size();
    }
    for (const auto& l : base.lines) {
        out.lines.emplace_back(
            bands.begin() + std::ptrdiff_t(at), bands.begin() + std::ptrdiff_t(at + l.values.size()));
        at += l.values.size();
    }
    return out;
}

} // namespace tierlens
