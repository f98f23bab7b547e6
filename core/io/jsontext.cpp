#include "core/io/jsontext.h"

#include "core/io/inputlimits.h"

#include <fstream>

namespace tierlens {

namespace {

std::string lineColumn(std::string_view text, std::size_t end)
{
    std::size_t line = 1, column = 1;
    end = std::min(end, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Byte offset of the bracket that nests deeper than the limit, or npos. The parser itself is
// iterative, but copying, comparing, dumping and destroying a json value recurse once per level:
// 10^5 nested brackets overflow the stack there. Strings are skipped so brackets inside them
// do not count; malformed text is left to the parser to describe.
std::size_t tooDeepAt(std::string_view text, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::string_view::npos;
}

} // namespace

Loaded<nlohmann::json> parseJsonText(std::string_view text, std::string_view source)
{
    Loaded<nlohmann::json> r;
    if (const std::size_t at = tooDeepAt(text, limits::kMaxJsonDepth); at != std::string_view::npos) {
        r.problems.push_back({ std::string(source),
            lineColumn(text, at) + ": nested more than " + std::to_string(limits::kMaxJsonDepth)
                + " levels deep; Tierlens files nest about eight" });
        return r;
    }
    try {
        r.value = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        // Turn the byte offset into line and column, which is what an editor shows.
        std::string what = e.what();
        // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 2: ".
        if (const auto pos = what.find(": "); pos != std::string::npos)
            what = what.substr(pos + 2);
        r.problems.push_back(
            { std::string(source), lineColumn(text, e.byte > 0 ? e.byte - 1 : 0) + ": " + what });
    } catch (const nlohmann::json::exception& e) {
        // A number too large for a double ("1e400") is out_of_range, not parse_error, and carries
        // no byte offset; found by fuzz_scenario, it used to escape as an uncaught exception.
        std::string what = e.what();
        if (const auto pos = what.find("] "); pos != std::string::npos)
            what = what.substr(pos + 2);
        r.problems.push_back({ std::string(source), what });
    }
    return r;
}

Loaded<std::string> readTextFile(const std::string& path, std::size_t maxBytes)
{
    Loaded<std::string> r;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        r.problems.push_back({ path, "cannot be opened for reading" });
        return r;
    }
    // Read in chunks and count: the size a stream reports means nothing for a pipe (/dev/stdin
    // has none) or a device (/dev/zero reports 0 and never ends).
    std::string text;
    char chunk[1 << 16];
    while (in) {
        in.read(chunk, sizeof chunk);
        const auto got = static_cast<std::size_t>(in.gcount());
        if (text.size() + got > maxBytes) {
            r.problems.push_back({ path, "is larger than " + std::to_string(maxBytes >> 20) + " MiB" });
            return r;
        }
        text.append(chunk, got);
    }
    if (in.bad()) {
        r.problems.push_back({ path, "could not be read to the end" });
        return r;
    }
    r.value = std::move(text);
    return r;
}

} // namespace tierlens
