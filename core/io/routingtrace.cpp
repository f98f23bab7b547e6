#include "core/io/routingtrace.h"

#include "core/io/inputlimits.h"
#include "core/io/jsontext.h"

#include <algorithm>
#include <charconv>
#include <map>
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

// A signed whole number ("+1" included, which from_chars refuses); range is the caller's.
bool parseInteger(std::string_view s, long& v)
{
    if (s.size() > 1 && s.front() == '+' && s[1] != '-')
        s.remove_prefix(1);
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

} // namespace

Loaded<std::vector<std::vector<double>>> RoutingTrace::parse(
    std::string_view csv, std::string_view source, long experts)
{
    Loaded<std::vector<std::vector<double>>> r;
    std::map<long, std::map<long, double>> counts; // layer -> expert -> times chosen
    const std::string src(source);
    const long idLimit = experts > 0 ? std::min(experts, limits::kMaxTraceExperts) : limits::kMaxTraceExperts;
    const std::string idRule = experts > 0 && experts <= limits::kMaxTraceExperts
        ? "below the model's " + std::to_string(experts) + " experts"
        : "below " + std::to_string(limits::kMaxTraceExperts);
    if (csv.starts_with("\xEF\xBB\xBF")) // a UTF-8 byte-order mark, as spreadsheet exports write
        csv.remove_prefix(3);
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
        // The first three cells and a count of the rest: a line of commas must not cost memory.
        std::pair<std::string_view, std::size_t> cells[3]; // text, 1-based column
        std::size_t found = 0;
        for (std::size_t start = 0;;) {
            const std::size_t comma = std::min(line.find(',', start), line.size());
            if (found < 3)
                cells[found] = { trim(line.substr(start, comma - start)), start + 1 };
            ++found;
            if (comma == line.size())
                break;
            start = comma + 1;
        }
        const std::string at = src + ":" + std::to_string(lineNo);
        if (found != 3) {
            r.problems.push_back(
                { at, "expected 3 columns layer,token,expert; found " + std::to_string(found) });
            continue;
        }
        long v[3] = { 0, 0, 0 };
        bool ok = true;
        for (std::size_t c = 0; c < 3 && ok; ++c) {
            const auto [cell, column] = cells[c];
            const std::string where = at + ":" + std::to_string(column);
            const bool number = parseInteger(cell, v[c]);
            const bool word = !cell.empty() && !(cell.front() >= '0' && cell.front() <= '9')
                && cell.front() != '-' && cell.front() != '+';
            ok = number && v[c] >= 0;
            if (!ok && !(mayBeHeader && word)) // the first row may name the columns
                r.problems.push_back(
                    { where, "expected a whole number >= 0, got \"" + std::string(cell) + "\"" });
            else if (ok && c == 2 && v[c] >= idLimit) {
                r.problems.push_back({ where, "expert id " + std::string(cell) + " is not " + idRule });
                ok = false;
            }
        }
        if (!ok)
            continue;
        if (!counts.contains(v[0]) && counts.size() >= std::size_t(limits::kMaxTraceLayers)) {
            r.problems.push_back({ at + ":" + std::to_string(cells[0].second),
                "more than " + std::to_string(limits::kMaxTraceLayers) + " distinct layers" });
            continue;
        }
        counts[v[0]][v[2]] += 1;
    }
    if (r.problems.empty() && counts.empty())
        r.problems.push_back({ src, "holds no rows layer,token,expert" });
    if (!r.problems.empty())
        return r;
    // Each layer becomes a dense row up to its largest id: bound the total before allocating.
    std::size_t dense = 0;
    for (const auto& [layer, chosen] : counts)
        dense += static_cast<std::size_t>(chosen.rbegin()->first) + 1;
    if (dense > limits::kMaxTraceCounts) {
        r.problems.push_back({ src,
            "spans " + std::to_string(counts.size()) + " layers whose expert ids need "
                + std::to_string(dense) + " counts; at most " + std::to_string(limits::kMaxTraceCounts) });
        return r;
    }
    for (const auto& [layer, chosen] : counts) {
        std::vector<double> row(static_cast<std::size_t>(chosen.rbegin()->first) + 1, 0.0);
        for (const auto& [e, n] : chosen)
            row[static_cast<std::size_t>(e)] = n;
        r.value.push_back(std::move(row));
    }
    return r;
}

Loaded<std::vector<std::vector<double>>> RoutingTrace::load(const std::string& file, long experts)
{
    auto text = readTextFile(file, limits::kMaxTextFileBytes);
    if (!text.ok())
        return { {}, text.problems };
    return parse(text.value, file, experts);
}

} // namespace tierlens
