#include "core/io/csvwriter.h"

#include "core/io/shortestnumber.h"

#include <stdexcept>

namespace tierlens {

CsvWriter::CsvWriter(std::vector<std::string> header)
    : columns_(header.size())
{
    writeRow(header);
}

void CsvWriter::addRow(const std::vector<std::string>& fields)
{
    if (fields.size() != columns_)
        throw std::logic_error("CSV row has the wrong number of fields");
    writeRow(fields);
}

void CsvWriter::writeRow(const std::vector<std::string>& fields)
{
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i)
            text_ += ',';
        const std::string& f = fields[i];
        if (f.find_first_of(",\"\r\n") == std::string::npos) {
            text_ += f;
            continue;
        }
        text_ += '"';
        for (char c : f) {
            if (c == '"')
                text_ += '"';
            text_ += c;
        }
        text_ += '"';
    }
    text_ += "\r\n";
}

std::string CsvWriter::number(double v)
{
    return shortestNumber(v);
}

} // namespace tierlens
