#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tierlens {

/// Reads the RFC 4180 CSV that CsvWriter writes (quoted fields, doubled quotes, CRLF or LF rows),
/// so written numbers can be checked against recomputed ones.
class CsvReader {
public:
    using Row = std::vector<std::string>;
    /// Every row, the header included; an unterminated quoted field ends at the end of the text.
    static std::vector<Row> parse(std::string_view text);
};

} // namespace tierlens
