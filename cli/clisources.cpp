// tierlens-cli list --sources: every preset constant with its source and range.
#include "cli/cliapp.h"

#include "cli/cliargs.h"
#include "cli/texttable.h"
#include "core/io/presetsources.h"
#include "core/io/shortestnumber.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace tierlens {

namespace {

std::string rangeText(const Provenance& p)
{
    return p.hasRange() ? shortestNumber(*p.low) + "–" + shortestNumber(*p.high) : std::string();
}

} // namespace

int CliApp::listSources(const cli::CliArgs& args)
{
    const auto& lib = PresetLibrary::builtin();
    // Fields a preset leaves out keep their defaults (0 = no FP4 units, not an array); they are
    // not the preset's claims, so only the ones it spells out are listed.
    std::vector<PresetConstant> constants;
    for (auto& c : presetConstants(lib))
        if (c.given)
            constants.push_back(std::move(c));
    if (args.text("format") == "json") {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& c : constants) {
            nlohmann::json row = { { "kind", PresetLibrary::kindName(c.kind) }, { "preset", c.presetId },
                { "field", c.field }, { "value", c.value }, { "unit", c.unit } };
            if (c.source) {
                row["source"]
                    = { { "kind", Provenance::kindName(c.source->kind) }, { "cite", c.source->cite } };
                if (c.source->hasRange()) {
                    row["source"]["low"] = *c.source->low;
                    row["source"]["high"] = *c.source->high;
                }
            } else {
                row["source"] = nullptr;
            }
            out.push_back(std::move(row));
        }
        for (const auto* e : lib.list(PresetKind::System))
            out.push_back({ { "kind", "system" }, { "preset", e->id }, { "field", nullptr },
                { "source", e->json.value("source", std::string()) } });
        out_ << out.dump(2) << "\n";
        return 0;
    }
    TextTable t({ "Preset", "Field", "Value", "Source", "Range", "Citation" });
    t.alignLeft(1);
    t.alignLeft(3);
    t.alignLeft(5);
    for (const auto& c : constants) {
        const std::string value = shortestNumber(c.value) + (c.unit.empty() ? "" : " " + std::string(c.unit));
        const std::string preset = std::string(PresetLibrary::folderName(c.kind)) + "/" + c.presetId;
        if (c.source)
            t.addRow({ preset, c.field, value, std::string(Provenance::kindName(c.source->kind)),
                rangeText(*c.source), c.source->cite });
        else
            t.addRow({ preset, c.field, value, "none", "", "none given — an assumption" });
    }
    out_ << t.render() << "\n";
    for (const auto* e : lib.list(PresetKind::System))
        out_ << "systems/" << e->id << ": " << e->json.value("source", std::string("none given")) << "\n";
    return 0;
}

} // namespace tierlens
