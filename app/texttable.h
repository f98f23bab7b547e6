#pragma once

#include <string>
#include <vector>

namespace tierlens {

/// A plain-text table with right-aligned numeric columns, for terminal output.
class TextTable {
public:
    explicit TextTable(std::vector<std::string> header);
    void addRow(std::vector<std::string> row);
    std::string render() const;

    static std::string fixed(double v, int decimals);

private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

} // namespace tierlens
