#include "core/study/paretostudy.h"

#include "core/data/parampath.h"
#include "core/model/capacitycheck.h"
#include "core/model/evaluator.h"
#include "core/model/tokencost.h"
#include "core/study/gridrunner.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tierlens {

namespace {

double axisValue(const StudyAxis& axis, const Scenario& base, std::size_t i)
{
    if (!axis.scale)
        return axis.values[i];
    return parampath::get(base, axis.path).value_or(0) * axis.values[i];
}

} // namespace

ParetoObjective paretoObjective(const Study& st)
{
    if (st.metric == StudyMetric::CostPerMTok)
        return { "usd_per_mtok", "USD/Mtok", "Cost per million tokens (USD)", "cost per million tokens" };
    return { "energy_j_per_token", "J/token", "Energy per token (J)", "energy per token" };
}

std::size_t paretoPointCount(const Study& st)
{
    return st.series.size() * gridPointCount(st.axes);
}

ParetoSettings paretoSettings(const Study& st, std::size_t index)
{
    const std::size_t perSeries = gridPointCount(st.axes);
    ParetoSettings s;
    s.series = index / perSeries;
    s.values.resize(st.axes.size());
    std::size_t rem = index % perSeries;
    const Scenario& base = st.series.at(s.series).scenario;
    for (std::size_t a = st.axes.size(); a-- > 0;) {
        const std::size_t n = st.axes[a].values.size();
        s.values[a] = axisValue(st.axes[a], base, rem % n);
        rem /= n;
    }
    return s;
}

Scenario paretoScenario(const Study& st, std::size_t index)
{
    const ParetoSettings s = paretoSettings(st, index);
    Scenario out = st.series.at(s.series).scenario;
    for (std::size_t a = 0; a < st.axes.size(); ++a)
        if (parampath::get(out, st.axes[a].path))
            parampath::set(out, st.axes[a].path, s.values[a]);
    return out;
}

ParetoResult runParetoStudy(const Study& st, StudyControl* control, unsigned threads)
{
    ParetoResult out;
    out.study = &st;
    out.sloMs = st.sloMs;
    const std::size_t n = st.kind == Study::Kind::Pareto ? paretoPointCount(st) : 0;
    out.points.resize(n);
    out.fits.resize(n);
    const std::size_t perSeries = n > 0 ? gridPointCount(st.axes) : 0;
    // Cost is affine in the energy constants as energy is (electricity is energy × price), so
    // either objective re-prices (PricePlan).
    const bool cost = st.metric == StudyMetric::CostPerMTok;
    // Whether the design fits is a third metric, 1 or 0: capacities hold no energy constant, so a
    // re-priced point keeps its plan's answer exactly.
    const ScenarioMetrics objectives { 3, [cost](const Scenario& s, double* v) {
                                          const Result r = evaluate(s);
                                          v[0] = cost ? tokenCost(s, r).usdPerMillionTokens()
                                                      : r.totalEnergyJPerToken();
                                          v[1] = r.totalLatencyS() * 1e3;
                                          v[2] = CapacityCheck::of(s, r.batch).warnings.empty() ? 1.0 : 0.0;
                                      } };
    for (std::size_t k = 0; k < st.series.size() && n > 0; ++k) {
        ParetoPoint* points = out.points.data() + k * perSeries;
        std::uint8_t* fits = out.fits.data() + k * perSeries;
        const bool whole = runGrid(
            st.series[k].scenario, st.axes, objectives,
            [points, fits](std::size_t i, const double* v) {
                points[i] = { v[0], v[1] };
                fits[i] = v[2] > 0.5 ? 1 : 0;
            },
            control, threads);
        if (!whole) {
            out.stopped = true;
            return out;
        }
    }
    out.front = paretoFront(out.points, out.fits);
    if (out.sloMs)
        out.bestUnderSlo = bestUnderSlo(out.points, *out.sloMs, out.fits);
    return out;
}

std::vector<std::size_t> paretoFront(std::span<const ParetoPoint> points, std::span<const std::uint8_t> fits)
{
    std::vector<std::size_t> order;
    order.reserve(points.size());
    for (std::size_t i = 0; i < points.size(); ++i)
        if ((fits.empty() || fits[i]) && std::isfinite(points[i].value) && std::isfinite(points[i].latencyMs))
            order.push_back(i);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto &p = points[a], &q = points[b];
        if (p.value != q.value)
            return p.value < q.value;
        if (p.latencyMs != q.latencyMs)
            return p.latencyMs < q.latencyMs;
        return a < b;
    });
    std::vector<std::size_t> front;
    // Lowest latency among points of strictly lower energy: a point at or above it is dominated.
    double bestBefore = std::numeric_limits<double>::infinity();
    for (std::size_t g = 0; g < order.size();) {
        // One group of equal energy: only its lowest latency can survive, and every copy of it.
        std::size_t end = g;
        const double e = points[order[g]].value;
        while (end < order.size() && points[order[end]].value == e)
            ++end;
        const double lowest = points[order[g]].latencyMs;
        if (lowest < bestBefore)
            for (std::size_t k = g; k < end && points[order[k]].latencyMs == lowest; ++k)
                front.push_back(order[k]);
        bestBefore = std::min(bestBefore, lowest);
        g = end;
    }
    return front;
}

std::optional<std::size_t> bestUnderSlo(
    std::span<const ParetoPoint> points, double sloMs, std::span<const std::uint8_t> fits)
{
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const ParetoPoint& p = points[i];
        if ((!fits.empty() && !fits[i]) || !(p.latencyMs <= sloMs) || !std::isfinite(p.value))
            continue;
        if (!best || p.value < points[*best].value
            || (p.value == points[*best].value && p.latencyMs < points[*best].latencyMs))
            best = i;
    }
    return best;
}

} // namespace tierlens
