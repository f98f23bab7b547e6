#include "routingtrace.h"

#include <charconv>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>
#include <vector>

namespace tierlens {

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool parseIndex(std::string_view s, long& v)
{
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size() && v >= 0;
}

} // namespace

Loaded<std::vector<std::vector<double>>> RoutingTrace::parse(std::string_view csv, std::string_view source)
{
    Loaded<std::vector<std::vector<double>>> r;
    std::map<long, std::map<long, double>> counts;  // layer -> expert -> times chosen
    const std::string src(source);
    std::size_t lineNo = 0, pos = 0;
    bool firstRow = true;
    while (pos < csv.size() && r.problems.size() < 20) {
        const std::size_t eol = std::min(csv.find('\n', pos), csv.size());
        const std::string_view line = trim(csv.substr(pos, eol - pos));
        pos = eol + 1;
        ++lineNo;
        if (line.empty() || line.front() == '#')
            continue;
        const bool mayBeHeader = firstRow;
        firstRow = false;
        std::vector<std::pair<std::string_view, std::size_t>> cells;  // text, 1-based column
        for (std::size_t start = 0;;) {
            const std::size_t comma = std::min(line.find(',', start), line.size());
            cells.emplace_back(trim(line.substr(start, comma - start)), start + 1);
            if (comma == line.size())
                break;
            start = comma + 1;
        }
        const std::string at = src + ":" + std::to_string(lineNo);
        if (cells.size() != 3) {
            r.problems.push_back({at, "expected 3 columns layer,token,expert; found " + std::to_string(cells.size())});
            continue;
        }
        long v[3] = {0, 0, 0};
        bool ok = true;
        for (std::size_t c = 0; c < 3 && ok; ++c) {
            const auto [cell, column] = cells[c];
            ok = parseIndex(cell, v[c]);
            const bool word = !cell.empty() && !(cell.front() >= '0' && cell.front() <= '9') && cell.front() != '-';
            if (!ok && !(mayBeHeader && word))  // the first row may name the columns
                r.problems.push_back({at + ":" + std::to_string(column),
                                      "expected a whole number >= 0, got \"" + std::string(cell) + "\""});
        }
        if (ok)
            counts[v[0]][v[2]] += 1;
    }
    if (r.problems.empty() && counts.empty())
        r.problems.push_back({src, "holds no rows layer,token,expert"});
    if (!r.problems.empty())
        return r;
    for (const auto& [layer, experts] : counts) {
        std::vector<double> row(static_cast<std::size_t>(experts.rbegin()->first) + 1, 0.0);
        for (const auto& [e, n] : experts)
            row[static_cast<std::size_t>(e)] = n;
        r.value.push_back(std::move(row));
    }
    return r;
}

Loaded<std::vector<std::vector<double>>> RoutingTrace::load(const std::string& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        Loaded<std::vector<std::vector<double>>> r;
        r.problems.push_back({file, "cannot be opened for reading"});
        return r;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse(ss.str(), file);
}

} // namespace tierlens
