#pragma once

#include <span>
#include <string_view>

namespace tierlens {

struct EmbeddedFile {
    std::string_view path; ///< relative to presets/, e.g. "models/mixtral-8x7b.json"
    std::string_view text;
};

/// The files of presets/, compiled in at build time (see cmake/EmbedPresets.cmake) so that the
/// command-line tool needs no data files and no Qt resources.
std::span<const EmbeddedFile> embeddedPresetFiles();

} // namespace tierlens
