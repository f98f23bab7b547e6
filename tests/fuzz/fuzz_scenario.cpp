// libFuzzer target: arbitrary bytes as a workspace or plain scenario file, then one evaluation.
// Loading must report problems, never crash; a scenario that loads cleanly must evaluate.
#include "core/data/workspace.h"
#include "core/io/jsontext.h"
#include "core/io/presetlibrary.h"
#include "core/model/evaluator.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tierlens;
    const auto parsed = parseJsonText(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
    if (!parsed.ok())
        return 0;
    const auto loaded = loadWorkspace(parsed.value, PresetLibrary::builtin());
    if (!loaded.ok())
        return 0;
    // No size-based skip: the validator caps every size and evaluate() is closed-form, so its
    // cost is bounded by those caps. The costliest part, the exact busiest-GPU expectation, is
    // only used up to RoutingStats::kMaxExactExperts (under a second at that size with ASan).
    const Scenario& s = loaded.value.scenario;
    (void)evaluate(s, s.workload.batch);
    return 0;
}
