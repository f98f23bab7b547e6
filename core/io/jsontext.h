#pragma once

#include "core/data/problem.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace tierlens {

/// Parses JSON text; a syntax error becomes a Problem "line L, column C: ..." under `source`.
Loaded<nlohmann::json> parseJsonText(std::string_view text, std::string_view source);

/// Reads a whole file as text; problems name the file.
Loaded<std::string> readTextFile(const std::string& path, std::size_t maxBytes = 64u << 20);

} // namespace tierlens
