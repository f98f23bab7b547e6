#include "core/study/paretostudy.h"

#include "core/data/parampath.h"
#include "core/model/evaluator.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

namespace tierlens {

namespace {

std::size_t pointsPerSeries(const Study& st)
{
    std::size_t n = 1;
    for (const auto& a : st.axes)
        n *= a.values.size();
    return n;
}

double axisValue(const StudyAxis& axis, const Scenario& base, std::size_t i)
{
    if (!axis.scale)
        return axis.values[i];
    return parampath::get(base, axis.path).value_or(0) * axis.values[i];
}

// One thread's copy of the series' scenario it is working on, with each axis resolved once to a
// pointer into it: a point then costs a few stores and one evaluation, not a scenario copy.
class PointEvaluator {
public:
    explicit PointEvaluator(const Study& st)
        : st_(st)
        , perSeries_(pointsPerSeries(st))
    {
    }

    ParetoPoint operator()(std::size_t index)
    {
        const std::size_t series = index / perSeries_;
        if (series != series_)
            load(series);
        std::size_t rem = index % perSeries_;
        for (std::size_t a = st_.axes.size(); a-- > 0;) {
            const std::size_t n = st_.axes[a].values.size();
            if (refs_[a])
                refs_[a]->set(values_[a][rem % n]);
            rem /= n;
        }
        const Result r = evaluate(scenario_);
        return { r.totalEnergyJPerToken(), r.totalLatencyS() * 1e3 };
    }

private:
    void load(std::size_t series)
    {
        series_ = series;
        const Scenario& base = st_.series[series].scenario;
        scenario_ = base;
        refs_.clear();
        values_.clear();
        for (const auto& axis : st_.axes) {
            refs_.push_back(parampath::resolve(scenario_, axis.path));
            std::vector<double> v(axis.values.size());
            for (std::size_t i = 0; i < v.size(); ++i)
                v[i] = axisValue(axis, base, i);
            values_.push_back(std::move(v));
        }
    }

    const Study& st_;
    std::size_t perSeries_;
    std::size_t series_ = std::numeric_limits<std::size_t>::max();
    Scenario scenario_;
    std::vector<std::optional<ParamRef>> refs_; ///< none: the series' scenario lacks the path
    std::vector<std::vector<double>> values_;
};

} // namespace

std::size_t paretoPointCount(const Study& st)
{
    return st.series.size() * pointsPerSeries(st);
}

ParetoSettings paretoSettings(const Study& st, std::size_t index)
{
    const std::size_t perSeries = pointsPerSeries(st);
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
    if (threads == 0)
        threads = std::max(1u, std::thread::hardware_concurrency());
    // Chunks small enough that the threads finish together and a stop is seen within a few
    // milliseconds, large enough that the shared counter is touched rarely.
    constexpr std::size_t kChunk = 512;
    const std::size_t chunks = (n + kChunk - 1) / kChunk;
    threads = unsigned(std::min<std::size_t>(threads, std::max<std::size_t>(chunks, 1)));
    std::atomic<std::size_t> next { 0 };
    std::atomic<bool> stopped { false };
    auto work = [&] {
        PointEvaluator eval(st);
        for (;;) {
            const std::size_t c = next.fetch_add(1, std::memory_order_relaxed);
            if (c >= chunks)
                return;
            const std::size_t end = std::min(n, (c + 1) * kChunk);
            for (std::size_t i = c * kChunk; i < end; ++i) {
                if (control && control->stopped()) {
                    stopped.store(true, std::memory_order_relaxed);
                    return;
                }
                out.points[i] = eval(i);
            }
            if (control)
                control->done.fetch_add(end - c * kChunk, std::memory_order_relaxed);
        }
    };
    if (threads <= 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        pool.reserve(threads - 1);
        for (unsigned t = 1; t < threads; ++t)
            pool.emplace_back(work);
        work();
        for (auto& t : pool)
            t.join();
    }
    out.stopped = stopped.load();
    if (out.stopped)
        return out;
    out.front = paretoFront(out.points);
    if (out.sloMs)
        out.bestUnderSlo = bestUnderSlo(out.points, *out.sloMs);
    return out;
}

std::vector<std::size_t> paretoFront(std::span<const ParetoPoint> points)
{
    std::vector<std::size_t> order;
    order.reserve(points.size());
    for (std::size_t i = 0; i < points.size(); ++i)
        if (std::isfinite(points[i].energyJPerToken) && std::isfinite(points[i].latencyMs))
            order.push_back(i);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto &p = points[a], &q = points[b];
        if (p.energyJPerToken != q.energyJPerToken)
            return p.energyJPerToken < q.energyJPerToken;
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
        const double e = points[order[g]].energyJPerToken;
        while (end < order.size() && points[order[end]].energyJPerToken == e)
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

std::optional<std::size_t> bestUnderSlo(std::span<const ParetoPoint> points, double sloMs)
{
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const ParetoPoint& p = points[i];
        if (!(p.latencyMs <= sloMs) || !std::isfinite(p.energyJPerToken))
            continue;
        if (!best || p.energyJPerToken < points[*best].energyJPerToken
            || (p.energyJPerToken == points[*best].energyJPerToken && p.latencyMs < points[*best].latencyMs))
            best = i;
    }
    return best;
}

} // namespace tierlens
