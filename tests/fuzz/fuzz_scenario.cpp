// libFuzzer target: arbitrary bytes as a workspace or plain scenario file, then one evaluation.
// Loading must report problems, never crash; a scenario that loads cleanly must evaluate.
#include "evaluator.h"
#include "jsontext.h"
#include "presetlibrary.h"
#include "workspace.h"

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
    // evaluate() is closed-form per layer and per expert, so its cost is bounded by the
    // validator's caps; the batch is what the user asked for.
    const Scenario& s = loaded.value.scenario;
    (void)evaluate(s, s.workload.batch);
    return 0;
}
