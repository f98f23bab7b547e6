// tierlens-cli diff A B: what B changes from A, inputs then outputs.
#include "cli/cliapp.h"
#include "cli/cliargs.h"
#include "cli/clioptions.h"
#include "cli/texttable.h"
#include "core/io/csvwriter.h"
#include "core/model/evaluator.h"
#include "core/study/scenariodiff.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ostream>

namespace tierlens {

using nlohmann::json;

namespace {

std::string value(const std::optional<double>& v, const std::string& text)
{
    if (!v)
        return text;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", *v);
    return buf;
}

json rowJson(const DiffRow& r)
{
    json j = { { "key", r.key }, { "unit", r.unit } };
    j["a"] = r.a ? json(*r.a) : json(r.textA);
    j["b"] = r.b ? json(*r.b) : json(r.textB);
    j["delta"] = r.numeric() ? json(r.delta()) : json(nullptr);
    const auto ratio = r.ratio();
    j["ratio"] = ratio ? json(*ratio) : json(nullptr);
    return j;
}

std::string table(const std::string& title, const std::vector<DiffRow>& rows)
{
    TextTable t({ title, "unit", "A", "B", "Δ", "B / A" });
    t.alignLeft(1);
    for (const auto& r : rows) {
        const auto ratio = r.ratio();
        t.addRow({ r.key, r.unit, value(r.a, r.textA), value(r.b, r.textB),
            r.numeric() ? value(r.delta(), "") : "", ratio ? TextTable::fixed(*ratio, 4) : "" });
    }
    return t.render();
}

} // namespace

int CliApp::diff(const cli::CliArgs& args)
{
    const auto& targets = args.targets();
    std::optional<Scenario> a = loadScenarioTarget(targets.at(0)), b = loadScenarioTarget(targets.at(1));
    if (!a || !b)
        return 1;
    if (!cli::applySets(*a, {}, false, err_) || !cli::applySets(*b, {}, false, err_))
        return 1;
    if (args.isSet("batch"))
        a->workload.batch = b->workload.batch = int(args.number("batch", 1));
    const ScenarioDiff d = diffScenarios(*a, *b);
    const std::string format = args.text("format");
    if (format == "json") {
        json j = { { "a", targets[0] }, { "b", targets[1] }, { "inputs", json::array() },
            { "outputs", json::array() } };
        for (const auto& r : d.inputs)
            j["inputs"].push_back(rowJson(r));
        for (const auto& r : d.outputs)
            j["outputs"].push_back(rowJson(r));
        out_ << j.dump(2) << "\n";
    } else if (format == "csv") {
        CsvWriter csv({ "side", "key", "unit", "a", "b", "delta", "ratio" });
        for (const auto* rows : { &d.inputs, &d.outputs })
            for (const auto& r : *rows) {
                const auto ratio = r.ratio();
                csv.addRow({ rows == &d.inputs ? "input" : "output", r.key, r.unit,
                    r.a ? CsvWriter::number(*r.a) : r.textA, r.b ? CsvWriter::number(*r.b) : r.textB,
                    r.numeric() ? CsvWriter::number(r.delta()) : "",
                    ratio ? CsvWriter::number(*ratio) : "" });
            }
        out_ << csv.text();
    } else {
        out_ << "A: " << targets[0] << "\nB: " << targets[1] << "\n\n";
        if (d.empty()) {
            out_ << "No input or output differs.\n";
            return 0;
        }
        out_ << table("Changed input", d.inputs) << "\n" << table("Changed output", d.outputs);
    }
    return 0;
}

} // namespace tierlens
