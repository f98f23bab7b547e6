#include "jsontext.h"

#include <fstream>
#include <sstream>

namespace tierlens {

Loaded<nlohmann::json> parseJsonText(std::string_view text, std::string_view source)
{
    Loaded<nlohmann::json> r;
    try {
        r.value = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        // Turn the byte offset into line and column, which is what an editor shows.
        std::size_t line = 1, column = 1;
        const std::size_t end = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
        for (std::size_t i = 0; i < end; ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        std::string what = e.what();
        // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 2: ".
        if (const auto pos = what.find(": "); pos != std::string::npos)
            what = what.substr(pos + 2);
        r.problems.push_back({std::string(source), "line " + std::to_string(line) + ", column "
                                                       + std::to_string(column) + ": " + what});
    } catch (const nlohmann::json::exception& e) {
        // A number too large for a double ("1e400") is out_of_range, not parse_error, and carries
        // no byte offset; found by fuzz_scenario, it used to escape as an uncaught exception.
        std::string what = e.what();
        if (const auto pos = what.find("] "); pos != std::string::npos)
            what = what.substr(pos + 2);
        r.problems.push_back({std::string(source), what});
    }
    return r;
}

Loaded<std::string> readTextFile(const std::string& path, std::size_t maxBytes)
{
    Loaded<std::string> r;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        r.problems.push_back({path, "cannot be opened for reading"});
        return r;
    }
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size < 0 || static_cast<std::size_t>(size) > maxBytes) {
        r.problems.push_back({path, "is larger than " + std::to_string(maxBytes >> 20) + " MiB"});
        return r;
    }
    in.seekg(0);
    std::ostringstream os;
    os << in.rdbuf();
    r.value = os.str();
    return r;
}

} // namespace tierlens
