#include "core/study/gridrunner.h"

#include "core/study/workerpool.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace tierlens {

namespace {

struct GridAxis {
    std::size_t size = 0;
    std::size_t stride = 0; ///< index distance between neighbouring values
    bool present = false; ///< the scenario has the path
    bool price = false; ///< an energy constant: re-priced, not re-evaluated
    std::vector<double> values; ///< absolute, `scale` applied
};

std::vector<GridAxis> describeAxes(const Scenario& base, std::span<const StudyAxis> axes)
{
    std::vector<GridAxis> out(axes.size());
    Scenario probe = base;
    std::size_t stride = 1;
    for (std::size_t a = axes.size(); a-- > 0;) {
        GridAxis& g = out[a];
        g.size = axes[a].values.size();
        g.stride = stride;
        stride *= g.size;
        const auto ref = parampath::resolve(probe, axes[a].path);
        g.present = ref.has_value();
        g.price = g.present && isPriceParam(ref->info);
        for (double v : axes[a].values)
            g.values.push_back(g.present && axes[a].scale ? ref->get() * v : v);
    }
    return out;
}

// Runs every combination of the inner axes (energy constants, and axes the scenario lacks) for
// the scenario as the outer axes left it. Odometer order, the last inner axis fastest.
class InnerSweep {
public:
    InnerSweep(const std::vector<GridAxis>& axes, const std::vector<std::size_t>& inner)
        : axes_(axes)
        , inner_(inner)
    {
        for (std::size_t a : inner_) {
            slot_.push_back(axes_[a].price ? int(priceCount_++) : -1);
            count_ *= axes_[a].size;
        }
    }

    std::size_t count() const { return count_; }
    std::size_t priceCount() const { return priceCount_; }

    /// Calls emit(index offset, price values) for each combination; false when stopped early.
    template <class Emit> bool run(StudyControl* control, Emit emit) const
    {
        std::vector<std::size_t> idx(inner_.size(), 0);
        std::vector<double> values(priceCount_);
        for (std::size_t j = 0; j < inner_.size(); ++j)
            if (slot_[j] >= 0)
                values[std::size_t(slot_[j])] = axes_[inner_[j]].values[0];
        std::size_t offset = 0;
        for (std::size_t n = 0; n < count_; ++n) {
            if (control && (n & 4095) == 4095 && control->stopped())
                return false;
            emit(offset, values.data());
            for (std::size_t j = inner_.size(); j-- > 0;) {
                const GridAxis& g = axes_[inner_[j]];
                offset += g.stride;
                if (++idx[j] < g.size) {
                    if (slot_[j] >= 0)
                        values[std::size_t(slot_[j])] = g.values[idx[j]];
                    break;
                }
                offset -= g.size * g.stride;
                idx[j] = 0;
                if (slot_[j] >= 0)
                    values[std::size_t(slot_[j])] = g.values[0];
            }
        }
        return true;
    }

private:
    const std::vector<GridAxis>& axes_;
    const std::vector<std::size_t>& inner_;
    std::vector<int> slot_; ///< per inner axis: its place among the price values, -1 if none
    std::size_t count_ = 1;
    std::size_t priceCount_ = 0;
};

} // namespace

std::size_t gridPointCount(std::span<const StudyAxis> axes)
{
    std::size_t n = 1;
    for (const auto& a : axes)
        n *= a.values.size();
    return n;
}

std::size_t gridEvaluations(const Scenario& base, std::span<const StudyAxis> axes)
{
    if (gridPointCount(axes) == 0)
        return 0;
    std::size_t outer = 1, prices = 0;
    for (const GridAxis& g : describeAxes(base, axes)) {
        if (g.present && !g.price)
            outer *= g.size;
        prices += g.price ? 1 : 0;
    }
    return outer * (1 + prices);
}

bool runGrid(const Scenario& base, std::span<const StudyAxis> axes, const ScenarioMetrics& metrics,
    const GridSink& sink, StudyControl* control, unsigned threads)
{
    const std::vector<GridAxis> grid = describeAxes(base, axes);
    if (gridPointCount(axes) == 0)
        return true;
    std::vector<std::size_t> outer, inner;
    for (std::size_t a = 0; a < grid.size(); ++a)
        (grid[a].present && !grid[a].price ? outer : inner).push_back(a);
    const InnerSweep sweep(grid, inner);
    std::size_t outerCount = 1;
    for (std::size_t a : outer)
        outerCount *= grid[a].size;

    // Chunks of a few hundred points: the threads finish together and a stop is seen within a
    // few milliseconds, while the shared counter is touched rarely.
    const std::size_t chunk = std::max<std::size_t>(1, 256 / sweep.count());
    const std::size_t chunks = (outerCount + chunk - 1) / chunk;
    if (threads == 0)
        // A core each (the pool's size; asking the system on every sweep is a syscall), and no
        // pool at all for a single chunk.
        threads = chunks > 1 ? WorkerPool::shared().size() : 1;
    threads = unsigned(std::clamp<std::size_t>(chunks, 1, threads));
    std::atomic<std::size_t> next { 0 };
    std::atomic<bool> stopped { false };
    const std::size_t k = std::size_t(std::max(0, metrics.count));

    auto work = [&] {
        Scenario s = base;
        std::vector<ParamRef> outerRefs, priceRefs;
        for (std::size_t a : outer)
            outerRefs.push_back(*parampath::resolve(s, axes[a].path));
        for (std::size_t a : inner)
            if (grid[a].price)
                priceRefs.push_back(*parampath::resolve(s, axes[a].path));
        std::vector<double> out(k);
        for (;;) {
            const std::size_t c = next.fetch_add(1, std::memory_order_relaxed);
            if (c >= chunks)
                return;
            for (std::size_t o = c * chunk; o < std::min(outerCount, (c + 1) * chunk); ++o) {
                if (control && control->stopped()) {
                    stopped = true;
                    return;
                }
                // This outer combination's values, the last outer axis fastest.
                std::size_t rem = o, offset = 0;
                for (std::size_t j = outer.size(); j-- > 0;) {
                    const GridAxis& g = grid[outer[j]];
                    outerRefs[j].set(g.values[rem % g.size]);
                    offset += (rem % g.size) * g.stride;
                    rem /= g.size;
                }
                bool whole = true;
                if (priceRefs.empty()) {
                    metrics.of(s, out.data());
                    whole = sweep.run(
                        control, [&](std::size_t at, const double*) { sink(offset + at, out.data()); });
                } else {
                    const PricePlan plan(s, priceRefs, metrics);
                    whole = sweep.run(control, [&](std::size_t at, const double* values) {
                        plan.price(values, out.data());
                        sink(offset + at, out.data());
                    });
                }
                if (!whole) {
                    stopped = true;
                    return;
                }
                if (control)
                    control->done.fetch_add(sweep.count(), std::memory_order_relaxed);
            }
        }
    };
    if (threads <= 1) {
        work();
    } else if (!WorkerPool::shared().tryRun(threads, work)) {
        // Another sweep has the pool: threads of this run's own (their caches start cold).
        std::vector<std::thread> pool;
        pool.reserve(threads - 1);
        for (unsigned t = 1; t < threads; ++t)
            pool.emplace_back(work);
        work();
        for (auto& t : pool)
            t.join();
    }
    return !stopped.load();
}

} // namespace tierlens
