#pragma once

#include <string>
#include <vector>

namespace tierlens {

/// A plain-text table for terminal output: the first column left-aligned, the others right-aligned
/// (they are mostly numbers) unless alignLeft() says otherwise.
class TextTable {
public:
    explicit TextTable(std::vector<std::string> header);
    void addRow(std::vector<std::string> row);
    void alignLeft(std::size_t column);
    std::string render() const;

    static std::string fixed(double v, int decimals);

private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
    std::vector<bool> left_;
};

} // namespace tierlens
