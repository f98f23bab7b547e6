// libFuzzer target: arbitrary bytes as a study definition; a valid study is run.
#include "core/data/study.h"
#include "core/io/jsontext.h"
#include "core/io/presetlibrary.h"
#include "core/study/studyrunner.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

// A few hundred evaluations take milliseconds; more would only slow the fuzzer down without
// reaching new code (the runner loops over the same evaluate()).
constexpr std::size_t kMaxEvaluations = 300;

std::size_t evaluationCount(const tierlens::Study& st)
{
    using Kind = tierlens::Study::Kind;
    if (st.kind == Kind::Heatmap)
        return st.x.values.size() * st.y.values.size() * (st.baseline ? 2 : 1);
    std::size_t n = 0;
    for (const auto& s : st.series)
        n += st.kind == Kind::Line ? st.x.values.size() : s.batches.size();
    return n;
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
