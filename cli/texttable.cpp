#include "cli/texttable.h"

#include <algorithm>
#include <cstdio>

namespace tierlens {

namespace {
// Display width in code points, so that "×" or "µ" do not skew the columns.
std::size_t width(const std::string& s)
{
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}
} // namespace

TextTable::TextTable(std::vector<std::string> header)
    : header_(std::move(header))
    , left_(header_.size(), false)
{
    if (!left_.empty())
        left_[0] = true;
}

void TextTable::alignLeft(std::size_t column)
{
    if (column < left_.size())
        left_[column] = true;
}

void TextTable::addRow(std::vector<std::string> row)
{
    row.resize(header_.size());
    rows_.push_back(std::move(row));
}

std::string TextTable::fixed(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string TextTable::render() const
{
    std::vector<std::size_t> w(header_.size());
    for (std::size_t c = 0; c < header_.size(); ++c) {
        w[c] = width(header_[c]);
        for (const auto& r : rows_)
            w[c] = std::max(w[c], width(r[c]));
    }
    auto line = [&](const std::vector<std::string>& r) {
        std::string out;
        for (std::size_t c = 0; c < r.size(); ++c) {
            const std::string pad(w[c] - width(r[c]), ' ');
            out += c ? "  " : "";
            out += left_[c] ? r[c] + pad : pad + r[c];
        }
        while (!out.empty() && out.back() == ' ')
            out.pop_back();
        return out + "\n";
    };
    std::string out = line(header_);
    std::size_t total = 0;
    for (auto x : w)
        total += x + 2;
    out += std::string(total > 2 ? total - 2 : 0, '-') + "\n";
    for (const auto& r : rows_)
        out += line(r);
    return out;
}

} // namespace tierlens
