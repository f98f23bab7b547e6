// libFuzzer target: arbitrary bytes as a study definition; a valid study is run.
#include "core/data/study.h"
#include "core/io/jsontext.h"
#include "core/io/presetlibrary.h"
#include "core/study/studyrunner.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

// A few hundred evaluations take milliseconds; more would only slow the fuzzer down without
// reaching new code (the runner loops over the same evaluate()).
constexpr std::size_t kMaxEvaluations = 300;

// A request metric evaluates the prefill and every decode step of each point: count them all,
// with the longest output any series or axis asks for.
std::size_t stepsPerPoint(const tierlens::Study& st)
{
    if (!tierlens::isRequestMetric(st.metric))
        return 1;
    double longest = 1;
    for (const auto& s : st.series)
        longest = std::max(longest, double(s.scenario.workload.outputLength));
    for (const auto* axis : { &st.x, &st.y })
        if (axis->path == "workload.output_length")
            for (double v : axis->values)
                longest = std::max(longest, axis->scale ? v * longest : v);
    return std::size_t(std::min(longest, 1e9)) + 1;
}

std::size_t evaluationCount(const tierlens::Study& st)
{
    using Kind = tierlens::Study::Kind;
    if (st.kind == Kind::Pareto)
        return 0; // runStudy draws no design space (runParetoStudy does)
    std::size_t n = 0;
    if (st.kind == Kind::Heatmap)
        n = st.x.values.size() * st.y.values.size() * (st.baseline ? 2 : 1);
    else
        for (const auto& s : st.series)
            n += st.kind == Kind::Line ? st.x.values.size() : s.batches.size();
    return n * stepsPerPoint(st);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tierlens;
    const auto parsed = parseJsonText(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
    if (!parsed.ok())
        return 0;
    const auto loaded = loadStudy(parsed.value, PresetLibrary::builtin(), "fuzz");
    if (!loaded.ok() || evaluationCount(loaded.value) > kMaxEvaluations)
        return 0;
    (void)runStudy(loaded.value);
    return 0;
}
