// Median wall time of the model's hot paths on one thread. Targets (issue: core engine):
// one evaluation <= 20 µs; a 64 × 64 heatmap of the fig6 setup <= 30 ms.

#include "core/io/presetlibrary.h"
#include "core/model/evaluator.h"
#include "core/study/studyrunner.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

using namespace tierlens;
using Clock = std::chrono::steady_clock;

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

Study loadPresetStudy(const char* id, nlohmann::json patch = {})
{
    const auto& lib = PresetLibrary::builtin();
    nlohmann::json j = lib.find(PresetKind::Study, id)->json;
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

void report(const char* what, Timing t, double scale, const char* unit, double target)
{
    std::printf("%-46s median %8.2f %s  p95 %8.2f %s  first (cold) %8.2f %s  target <= %g %s: %s\n", what,
        t.median * scale, unit, t.p95 * scale, unit, t.first * scale, unit, target, unit,
        t.median * scale <= target ? "met" : "MISSED");
}

} // namespace

int main()
{
    Scenario deepseek = PresetLibrary::builtin().scenario("paper/deepseek-r1-hbm").value;
    deepseek.placement.expertTier = "ssd";
    deepseek.placement.path = { "nvlink-c2c-gen5" };
    volatile double sink = 0;
    report("evaluate DeepSeek-R1, batch 1024, experts on SSD",
        measure(5000, [&] { sink = sink + evaluate(deepseek, 1024).totalEnergyJPerToken(); }), 1e6, "µs", 20);

    const Study fig6 = loadPresetStudy("paper/fig6");
    report("study paper/fig6 (4 × 10 cells)", measure(200, [&] { sink = sink + runStudy(fig6).cells[0][0]; }),
        1e3, "ms", 30);

    nlohmann::json batches = nlohmann::json::array(), scales = nlohmann::json::array();
    for (int i = 0; i < 64; ++i) {
        batches.push_back(i + 1);
        scales.push_back(1.0 - 0.9 * i / 63.0);
    }
    const Study big = loadPresetStudy(
        "paper/fig6", { { "x", { { "values", scales } } }, { "y", { { "values", batches } } } });
    report("64 × 64 heatmap of the fig6 setup",
        measure(30, [&] { sink = sink + runStudy(big).cells[63][63]; }), 1e3, "ms", 30);
    return 0;
}
