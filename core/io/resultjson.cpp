#include "core/io/resultjson.h"

#include "core/io/csvwriter.h"
#include "core/model/modelparams.h"
#include "core/model/operationledger.h"

namespace tierlens {

using nlohmann::json;

json energyToJson(const Result& r)
{
    json j = json::object();
    for (int i = 0; i < kEnergyPartCount; ++i)
        j[std::string(energyPartKey(EnergyPart(i)))] = r.energyJPerToken[i];
    j["total"] = r.totalEnergyJPerToken();
    return j;
}

json latencyToJson(const Result& r)
{
    json j = json::object();
    for (int i = 0; i < kLatencyPartCount; ++i)
        j[std::string(latencyPartKey(LatencyPart(i)))] = r.latencyS[i] * 1e3;
    j["total"] = r.totalLatencyS() * 1e3;
    j["copy"] = r.copyS * 1e3;
    j["copy_hidden"] = r.copyHiddenS * 1e3;
    return j;
}

json operationsToJson(const Result& r)
{
    json rows = json::array();
    for (const LedgerRow& row : OperationLedger::rows(r))
        rows.push_back({ { "name", row.name }, { "component", row.component }, { "count", row.count },
            { "flops", row.flops }, { "bytes", row.bytes }, { "time_ms", row.timeMs },
            { "energy_j_per_token", row.energyJPerToken } });
    return rows;
}

json evalToJson(const Result& r, const std::string& scenarioId)
{
    json bytes = json::object();
    for (const auto& [id, b] : r.bytesPerStep)
        bytes[id] = b;
    return { { "scenario", scenarioId }, { "batch", r.batch }, { "energy_j_per_token", energyToJson(r) },
        { "latency_ms", latencyToJson(r) }, { "active_experts_per_layer", r.activeExpertsPerLayer },
        { "busiest_gpu_experts_per_layer", r.busiestGpuExpertsPerLayer }, { "bytes_per_step", bytes },
        { "operations", operationsToJson(r) }, { "warnings", r.warnings } };
}

json evalToJson(const Result& r, const std::string& scenarioId, const ModelSpec& model)
{
    json j = evalToJson(r, scenarioId);
    j["params"] = modelParamsToJson(countModelParams(model));
    // The data type of each weight class, and the bytes per element it gives; "type" is null for
    // a class that follows bytes_per_param.
    json types = json::object();
    for (int i = 0; i < kWeightClassCount; ++i) {
        const auto c = static_cast<WeightClass>(i);
        const auto t = model.precision.of(c);
        types[std::string(weightClassKey(c))]
            = { { "type", t ? json(std::string(dataTypeName(*t))) : json(nullptr) },
                  { "bytes", model.bytesOf(c) } };
    }
    j["precision"] = types;
    return j;
}

namespace {
json axisToJson(const StudyAxis& a)
{
    return { { "path", a.path }, { "label", a.label }, { "values", a.values }, { "scale", a.scale } };
}
} // namespace

json studyResultToJson(const StudyResult& r)
{
    const Study& st = *r.study;
    json j = { { "study", st.id }, { "kind", studyKindName(st.kind) },
        { "metric", studyMetricName(st.metric) } };
    switch (st.kind) {
    case Study::Kind::Breakdown:
        j["bars"] = json::array();
        for (const auto& b : r.bars)
            j["bars"].push_back({ { "label", b.series->label }, { "model", b.series->model },
                { "placement", b.series->placement }, { "batch", b.batch },
                { "energy_j_per_token", energyToJson(b.result) }, { "latency_ms", latencyToJson(b.result) },
                { "active_experts_per_layer", b.result.activeExpertsPerLayer } });
        break;
    case Study::Kind::Heatmap:
        j["unit"] = st.baseline ? "ratio" : std::string(studyMetricUnit(st.metric));
        j["x"] = axisToJson(st.x);
        j["y"] = axisToJson(st.y);
        j["cells"] = r.cells;
        break;
    case Study::Kind::Line:
        j["unit"] = std::string(studyMetricUnit(st.metric));
        j["x"] = axisToJson(st.x);
        j["lines"] = json::array();
        for (const auto& l : r.lines)
            j["lines"].push_back({ { "label", l.series->label }, { "model", l.series->model },
                { "placement", l.series->placement }, { "values", l.values } });
        break;
    case Study::Kind::Pareto:
        break; // its points come from runParetoStudy, written by the CLI
    }
    return j;
}

namespace {

const std::vector<std::string> kHeader { "study", "x", "y", "batch", "placement", "component", "value",
    "unit" };

void addResultRows(CsvWriter& csv, const std::string& study, const std::string& x,
    const std::string& placement, const Result& r)
{
    const std::string batch = std::to_string(r.batch);
    for (int i = 0; i < kEnergyPartCount; ++i)
        csv.addRow({ study, x, "", batch, placement, "energy." + std::string(energyPartKey(EnergyPart(i))),
            CsvWriter::number(r.energyJPerToken[i]), "J/token" });
    csv.addRow({ study, x, "", batch, placement, "energy.total", CsvWriter::number(r.totalEnergyJPerToken()),
        "J/token" });
    for (int i = 0; i < kLatencyPartCount; ++i)
        csv.addRow({ study, x, "", batch, placement, "latency." + std::string(latencyPartKey(LatencyPart(i))),
            CsvWriter::number(r.latencyS[i] * 1e3), "ms" });
    csv.addRow({ study, x, "", batch, placement, "latency.total", CsvWriter::number(r.totalLatencyS() * 1e3),
        "ms" });
}

} // namespace

std::string evalToCsv(const Result& r, const std::string& scenarioId)
{
    CsvWriter csv(kHeader);
    addResultRows(csv, scenarioId, "", "", r);
    return csv.text();
}

std::string studyResultToCsv(const StudyResult& r)
{
    const Study& st = *r.study;
    CsvWriter csv(kHeader);
    switch (st.kind) {
    case Study::Kind::Breakdown:
        for (const auto& b : r.bars)
            addResultRows(csv, st.id, b.series->model, b.series->placement, b.result);
        break;
    case Study::Kind::Heatmap: {
        const std::string unit = st.baseline ? "ratio" : std::string(studyMetricUnit(st.metric));
        for (std::size_t row = 0; row < r.cells.size(); ++row)
            for (std::size_t c = 0; c < r.cells[row].size(); ++c)
                csv.addRow({ st.id, CsvWriter::number(st.x.values[c]), CsvWriter::number(st.y.values[row]),
                    "", st.series.front().placement, std::string(studyMetricName(st.metric)),
                    CsvWriter::number(r.cells[row][c]), unit });
        break;
    }
    case Study::Kind::Line:
        for (const auto& l : r.lines)
            for (std::size_t i = 0; i < l.values.size(); ++i)
                csv.addRow({ st.id, CsvWriter::number(st.x.values[i]), l.series->model, "",
                    l.series->placement, std::string(studyMetricName(st.metric)),
                    CsvWriter::number(l.values[i]), std::string(studyMetricUnit(st.metric)) });
        break;
    case Study::Kind::Pareto:
        break;
    }
    return csv.text();
}

namespace {
std::string workspaceId(const Workspace& w)
{
    return w.sourceStudy.empty() ? w.scenario.id : w.sourceStudy;
}

std::string heatmapUnit(const HeatmapSpec& h)
{
    return h.baseline ? "ratio" : std::string(studyMetricUnit(h.metric));
}
} // namespace

json workspaceResultToJson(const Workspace& w, const WorkspaceResult& r)
{
    json j = { { "study", workspaceId(w) }, { "scenario", w.scenario.id }, { "bars", json::array() } };
    for (const auto& b : r.bars)
        j["bars"].push_back({ { "placement", r.placements.at(std::size_t(b.placement)).id },
            { "label", r.placements.at(std::size_t(b.placement)).label }, { "batch", b.batch },
            { "energy_j_per_token", energyToJson(b.result) }, { "latency_ms", latencyToJson(b.result) },
            { "active_experts_per_layer", b.result.activeExpertsPerLayer } });
    j["heatmap"] = { { "metric", studyMetricName(w.heatmap.metric) }, { "unit", heatmapUnit(w.heatmap) },
        { "x", axisToJson(w.heatmap.x) }, { "y", axisToJson(w.heatmap.y) }, { "cells", r.cells } };
    return j;
}

std::string workspaceResultToCsv(const Workspace& w, const WorkspaceResult& r)
{
    const std::string id = workspaceId(w);
    CsvWriter csv(kHeader);
    for (const auto& b : r.bars)
        addResultRows(csv, id, "", r.placements.at(std::size_t(b.placement)).id, b.result);
    const HeatmapSpec& h = w.heatmap;
    for (std::size_t row = 0; row < r.cells.size() && row < h.y.values.size(); ++row)
        for (std::size_t c = 0; c < r.cells[row].size() && c < h.x.values.size(); ++c)
            csv.addRow({ id, CsvWriter::number(h.x.values[c]), CsvWriter::number(h.y.values[row]), "", "",
                "heatmap." + std::string(studyMetricName(h.metric)), CsvWriter::number(r.cells[row][c]),
                heatmapUnit(h) });
    return csv.text();
}

nlohmann::json tokenCostToJson(const TokenCost& c)
{
    nlohmann::json capital = nlohmann::json::array();
    for (const CapitalItem& item : c.capital)
        capital.push_back({ { "what", item.what }, { "usd", item.usd } });
    return { { "usd_per_million_tokens", c.usdPerMillionTokens() },
        { "capital_usd_per_million_tokens", c.capitalUsdPerToken * 1e6 },
        { "energy_usd_per_million_tokens", c.energyUsdPerToken * 1e6 }, { "tokens_per_s", c.tokensPerS },
        { "capital_usd", c.capitalUsd }, { "capital", std::move(capital) } };
}

} // namespace tierlens
