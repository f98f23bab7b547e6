#pragma once

#include <charconv>
#include <string>

namespace tierlens {

/// The shortest text that reads back as the same double: a limit and a value just past it must
/// never print alike ("at most 16777216, got 16777216.5", not "1.67772e+07" twice).
inline std::string shortestNumber(double v)
{
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

} // namespace tierlens
