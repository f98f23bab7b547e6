#include "core/io/rangejson.h"

#include "core/io/csvwriter.h"
#include "core/io/resultjson.h"

namespace tierlens {

using nlohmann::json;

json bandToJson(double value, const Band& b)
{
    return { { "value", value }, { "low", b.low }, { "high", b.high } };
}

namespace {

Band scaled(const Band& b, double k)
{
    return { b.low * k, b.high * k };
}

json energyBands(const Result& r, const std::array<Band, kEnergyPartCount>& parts, const Band& total)
{
    json j = json::object();
    for (int i = 0; i < kEnergyPartCount; ++i)
        j[std::string(energyPartKey(EnergyPart(i)))]
            = bandToJson(r.energyJPerToken[std::size_t(i)], parts[std::size_t(i)]);
    j["total"] = bandToJson(r.totalEnergyJPerToken(), total);
    return j;
}

// Milliseconds, as latencyToJson; the copy figures are not ranged and stay numbers.
json latencyBands(const Result& r, const std::array<Band, kLatencyPartCount>& parts, const Band& total)
{
    json j = latencyToJson(r);
    for (int i = 0; i < kLatencyPartCount; ++i)
        j[std::string(latencyPartKey(LatencyPart(i)))]
            = bandToJson(r.latencyS[std::size_t(i)] * 1e3, scaled(parts[std::size_t(i)], 1e3));
    j["total"] = bandToJson(r.totalLatencyS() * 1e3, scaled(total, 1e3));
    return j;
}

} // namespace

json rangesToJson(const std::vector<RangedConstant>& ranges, RangeMethod method)
{
    json cs = json::array();
    for (const auto& r : ranges)
        cs.push_back({ { "path", r.path }, { "label", r.label }, { "low", r.low }, { "high", r.high },
            { "source", r.source } });
    return { { "method", std::string(rangeMethodName(method)) }, { "constants", cs } };
}

json rangedEvalToJson(
    const ResultRange& rr, const std::string& scenarioId, const std::vector<RangedConstant>& ranges)
{
    json j = evalToJson(rr.result, scenarioId);
    j["energy_j_per_token"] = energyBands(rr.result, rr.energy, rr.totalEnergy);
    j["latency_ms"] = latencyBands(rr.result, rr.latency, rr.totalLatency);
    j["range"] = rangesToJson(ranges, rr.method);
    return j;
}

json rangedStudyToJson(
    const StudyResult& r, const StudyRange& range, const std::vector<RangedConstant>& ranges)
{
    json j = studyResultToJson(r);
    for (std::size_t i = 0; i < r.bars.size() && i < range.barsEnergy.size(); ++i) {
        j["bars"][i]["energy_j_per_token"]
            = energyBands(r.bars[i].result, range.barsEnergyParts[i], range.barsEnergy[i]);
        j["bars"][i]["latency_ms"]
            = latencyBands(r.bars[i].result, range.barsLatencyParts[i], range.barsLatency[i]);
    }
    if (!r.cells.empty()) {
        json cells = json::array();
        for (std::size_t row = 0; row < r.cells.size(); ++row) {
            json line = json::array();
            for (std::size_t c = 0; c < r.cells[row].size(); ++c)
                line.push_back(bandToJson(r.cells[row][c], range.cells.at(row).at(c)));
            cells.push_back(std::move(line));
        }
        j["cells"] = std::move(cells);
    }
    for (std::size_t l = 0; l < r.lines.size(); ++l) {
        json values = json::array();
        for (std::size_t x = 0; x < r.lines[l].values.size(); ++x)
            values.push_back(bandToJson(r.lines[l].values[x], range.lines.at(l).at(x)));
        j["lines"][l]["values"] = std::move(values);
    }
    j["range"] = rangesToJson(ranges, range.method);
    return j;
}

std::string rangedEvalToCsv(const ResultRange& rr, const std::string& scenarioId)
{
    CsvWriter csv({ "scenario", "batch", "component", "value", "low", "high", "unit" });
    const Result& r = rr.result;
    const std::string batch = std::to_string(r.batch);
    auto row = [&](const std::string& component, double v, const Band& b, double k, const char* unit) {
        csv.addRow({ scenarioId, batch, component, CsvWriter::number(v * k), CsvWriter::number(b.low * k),
            CsvWriter::number(b.high * k), unit });
    };
    for (int i = 0; i < kEnergyPartCount; ++i)
        row("energy." + std::string(energyPartKey(EnergyPart(i))), r.energyJPerToken[std::size_t(i)],
            rr.energy[std::size_t(i)], 1, "J/token");
    row("energy.total", r.totalEnergyJPerToken(), rr.totalEnergy, 1, "J/token");
    for (int i = 0; i < kLatencyPartCount; ++i)
        row("latency." + std::string(latencyPartKey(LatencyPart(i))), r.latencyS[std::size_t(i)],
            rr.latency[std::size_t(i)], 1e3, "ms");
    row("latency.total", r.totalLatencyS(), rr.totalLatency, 1e3, "ms");
    return csv.text();
}

double tornadoScale(const RangeMetric& m)
{
    return m.isEnergy() ? 1.0 : 1e3;
}

const char* tornadoUnit(const RangeMetric& m)
{
    return m.isEnergy() ? "J/token" : "ms";
}

json tornadoToJson(const Tornado& t)
{
    const double k = tornadoScale(t.metric);
    json rows = json::array();
    for (const auto& r : t.rows)
        rows.push_back(
            { { "path", r.constant.path }, { "label", r.constant.label }, { "source", r.constant.source },
                { "value", r.value }, { "low", r.constant.low }, { "high", r.constant.high },
                { "at_low", r.atLow * k }, { "at_high", r.atHigh * k }, { "swing", r.swing() * k } });
    return { { "title", t.title }, { "metric", t.metric.key() }, { "unit", tornadoUnit(t.metric) },
        { "base", t.base * k }, { "rows", rows } };
}

std::string tornadoToCsv(const Tornado& t)
{
    const double k = tornadoScale(t.metric);
    CsvWriter csv(
        { "metric", "path", "label", "value", "low", "high", "at_low", "at_high", "swing", "base", "unit" });
    for (const auto& r : t.rows)
        csv.addRow({ t.metric.key(), r.constant.path, r.constant.label, CsvWriter::number(r.value),
            CsvWriter::number(r.constant.low), CsvWriter::number(r.constant.high),
            CsvWriter::number(r.atLow * k), CsvWriter::number(r.atHigh * k), CsvWriter::number(r.swing() * k),
            CsvWriter::number(t.base * k), tornadoUnit(t.metric) });
    return csv.text();
}

} // namespace tierlens
