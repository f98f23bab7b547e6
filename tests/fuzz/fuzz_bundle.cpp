// libFuzzer target: arbitrary bytes as a .tierlens.zip; an accepted bundle's workspace is loaded.
#include "bundle/bundlereader.h"
#include "core/io/presetlibrary.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tierlens;
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto b = BundleReader::fromBytes(bytes, "fuzz.tierlens.zip");
    if (!b.ok())
        return 0;
    (void)BundleReader::workspace(b.value, "fuzz.tierlens.zip", PresetLibrary::builtin());
    return 0;
}
