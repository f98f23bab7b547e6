#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tierlens {

/// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled.
class CsvWriter {
public:
    explicit CsvWriter(std::vector<std::string> header);
    void addRow(const std::vector<std::string>& fields);
    const std::string& text() const { return text_; }

    static std::string number(double v); ///< shortest text that reads back as the same double

private:
    void writeRow(const std::vector<std::string>& fields);
    std::size_t columns_;
    std::string text_;
};

} // namespace tierlens
