// libFuzzer target: arbitrary bytes as a Hugging Face config.json.
#include "core/import/hfconfigimporter.h"
#include "core/io/jsontext.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tierlens;
    const auto parsed = parseJsonText(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
    if (!parsed.ok())
        return 0;
    (void)importHfConfig(parsed.value);
    return 0;
}
