// Median wall time of the model's hot paths, each against its target (met or MISSED). Studies
// use every core the machine has; a single evaluation is one thread. Targets, on a 2-core machine:
//   one plain evaluation <= 2 µs;
//   a 256 × 256 heatmap of the fig6 setup recomputed <= 16 ms (its drawing: tierlens-gui-bench);
//   >= 1 000 000 design points/s over energy-only axes, >= 200 000 over structural ones;
//   a 10⁶-point Pareto study, evaluation and front, <= 2 s.

#include "core/io/presetlibrary.h"
#include "core/model/evaluator.h"
#include "core/study/memoryretention.h"
#include "core/study/paretostudy.h"
#include "core/study/studyrunner.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

using namespace tierlens;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

namespace {

struct Timing {
    double first, median, p95; // first: cold caches, as on opening a study
};

Timing measure(int runs, const std::function<void()>& f)
{
    // The first call fills the caches of tile shapes and routing statistics, as on opening a study.
    const auto start = Clock::now();
    f();
    const double first = std::chrono::duration<double>(Clock::now() - start).count();
    std::vector<double> t(runs);
    for (int i = 0; i < runs; ++i) {
        const auto a = Clock::now();
        f();
        t[i] = std::chrono::duration<double>(Clock::now() - a).count();
    }
    std::sort(t.begin(), t.end());
    return { first, t[runs / 2], t[std::min(runs - 1, runs * 95 / 100)] };
}

Study loadPresetStudy(const char* id, const json& patch = {})
{
    const auto& lib = PresetLibrary::builtin();
    json j = lib.find(PresetKind::Study, id)->json;
    if (!patch.is_null())
        j.merge_patch(patch);
    auto r = loadStudy(j, lib);
    if (!r.ok()) {
        for (const auto& p : r.problems)
            std::fprintf(stderr, "%s\n", p.toString().c_str());
        std::exit(1);
    }
    return std::move(r.value);
}

json range(int n, double from, double to)
{
    json v = json::array();
    for (int i = 0; i < n; ++i)
        v.push_back(from + (to - from) * i / std::max(1, n - 1));
    return v;
}

const char* verdict(bool met)
{
    return met ? "met" : "MISSED";
}

void report(const char* what, Timing t, double scale, const char* unit, double target)
{
    std::printf("%-52s median %9.2f %s  p95 %9.2f %s  first (cold) %9.2f %s  target <= %g %s: %s\n", what,
        t.median * scale, unit, t.p95 * scale, unit, t.first * scale, unit, target, unit,
        verdict(t.median * scale <= target));
}

void reportRate(const char* what, std::size_t points, Timing t, double target)
{
    const double rate = double(points) / t.median;
    std::printf("%-52s %zu points in %.1f ms (median): %10.0f points/s  target >= %.0f: %s\n", what, points,
        t.median * 1e3, rate, target, verdict(rate >= target));
}

} // namespace

int main()
{
    retainFreedMemory(); // as the window and the CLI run
    std::printf("tierlens-bench on %u hardware threads\n", std::max(1u, std::thread::hardware_concurrency()));
    Scenario deepseek = PresetLibrary::builtin().scenario("paper/deepseek-r1-hbm").value;
    deepseek.placement.expertTier = "ssd";
    deepseek.placement.path = { "nvlink-c2c-gen5" };
    volatile double sink = 0;
    report("one evaluation: DeepSeek-R1, batch 1024, SSD experts",
        measure(20000, [&] { sink = sink + evaluate(deepseek, 1024).totalEnergyJPerToken(); }), 1e6, "µs", 2);

    // The flash study at 256 batches × 256 flash energies: one plan per batch, re-priced per cell.
    const Study big = loadPresetStudy("paper/fig6",
        { { "x", { { "values", range(256, 1.0, 0.1) } } }, { "y", { { "values", range(256, 1, 256) } } } });
    report("256 × 256 heatmap of the fig6 setup (recompute)",
        measure(30, [&] { sink = sink + runStudy(big).cells[255][255]; }), 1e3, "ms", 16);

    // Mixtral's design space over energy constants only: SSD, link and HBM read energy.
    const Study energy = loadPresetStudy("pareto/mixtral-placements",
        { { "axes",
            json::array({ { { "path", "tiers.ssd.read_pj_per_bit" }, { "values", range(100, 5, 120) } },
                { { "path", "links.nvlink-c2c-gen5.pj_per_bit" }, { "values", range(50, 0.5, 10) } },
                { { "path", "gpu.hbm_read_pj_per_bit" }, { "values", range(100, 1, 8) } } }) } });
    reportRate("design points, energy-only axes (Mixtral, 3 placements)", paretoPointCount(energy),
        measure(5, [&] { sink = sink + runParetoStudy(energy).points.size(); }), 1e6);

    // Structural axes: every point a new plan (batch, cache, recall, link bandwidth).
    const Study structural = loadPresetStudy("pareto/mixtral-placements",
        { { "axes",
            json::array({ { { "path", "workload.batch" }, { "values", range(32, 8, 256) } },
                { { "path", "placement.cache.capacity" }, { "values", { 0, 1, 2, 3, 4, 5, 6 } } },
                { { "path", "placement.cache.recall" }, { "values", range(10, 0.5, 1) } },
                { { "path", "links.nvlink-c2c-gen5.bandwidth_gb_s" },
                    { "values", range(10, 100, 900) } } }) } });
    reportRate("design points, structural axes (Mixtral, 3 placements)", paretoPointCount(structural),
        measure(3, [&] { sink = sink + runParetoStudy(structural).points.size(); }), 2e5);

    // A million mixed points: 3 placements × 10 batches × 7 cache sizes × 10 recalls (2100 plans),
    // each re-priced at 25 SSD × 20 HBM read energies; then the front and the SLO's best point.
    const Study million = loadPresetStudy("pareto/mixtral-placements",
        { { "axes",
            json::array(
                { { { "path", "workload.batch" }, { "values", { 1, 2, 4, 8, 16, 32, 64, 128, 256, 512 } } },
                    { { "path", "placement.cache.capacity" }, { "values", { 0, 1, 2, 3, 4, 5, 6 } } },
                    { { "path", "placement.cache.recall" }, { "values", range(10, 0.5, 1) } },
                    { { "path", "tiers.ssd.read_pj_per_bit" }, { "values", range(25, 5, 120) } },
                    { { "path", "gpu.hbm_read_pj_per_bit" }, { "values", range(20, 1, 8) } } }) } });
    std::printf("(%zu points)\n", paretoPointCount(million));
    report("Pareto study of 1.05 million mixed points",
        measure(3, [&] { sink = sink + double(runParetoStudy(million).front.size()); }), 1e3, "ms", 2000);
    return 0;
}
