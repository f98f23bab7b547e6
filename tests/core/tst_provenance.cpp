// Sources of constants: JSON in and out, the messages for bad input, that every shipped preset
// names where each of its numbers comes from, the ranges range mode reads and the tooltip line.
#include "cli/cliapp.h"
#include "core/data/parampath.h"
#include "core/data/provenance.h"
#include "core/io/presetsources.h"
#include "core/io/scenariojson.h"
#include "tests/support/testsupport.h"

#include <nlohmann/json.hpp>

#include <sstream>

using namespace tierlens;
using nlohmann::json;

namespace {

// Every problem as "path: message", for messages on failure and substring checks.
std::string joined(const Problems& problems)
{
    std::string s;
    for (const auto& p : problems)
        s += p.path + ": " + p.message + "\n";
    return s;
}

json gpuWithSources(json sources)
{
    json j = toJson(GpuSpec {});
    j["sources"] = std::move(sources);
    return j;
}

// Reads a GPU and returns its problems.
Problems readGpu(const json& j, GpuSpec& g)
{
    Problems out;
    fromJson(j, g, "gpu", out);
    return out;
}

bool hasProblem(const Problems& problems, const std::string& path, const std::string& fragment)
{
    for (const auto& p : problems)
        if (p.path == path && p.message.find(fragment) != std::string::npos)
            return true;
    return false;
}

} // namespace

class TestProvenance : public QObject {
    Q_OBJECT
private slots:
    void sourcesRoundTripThroughJson();
    void scenarioKeepsSourcesWhenWritten();
    void badSourcesAreNamed();
    void modelSourcesNameMoeFields();
    void everyShippedConstantHasASource();
    void rangesHoldTheirValues();
    void valueOutsideItsRangeIsSaid();
    void tooltipLineCarriesTheCitation();
    void cliListsEverySource();
};

void TestProvenance::sourcesRoundTripThroughJson()
{
    GpuSpec g;
    g.sources["hbm_read_pj_per_bit"]
        = { Provenance::Kind::Datasheet, "Samsung HBM3E Shinebolt, 2023", 3.5, 4.5 };
    g.sources["*"] = { Provenance::Kind::Assumption, "estimate", std::nullopt, std::nullopt };
    GpuSpec back;
    const Problems problems = readGpu(json::parse(toJson(g).dump()), back);
    QVERIFY2(problems.empty(), joined(problems).c_str());
    QCOMPARE(back.sources.size(), std::size_t(2));
    const Provenance& p = back.sources.at("hbm_read_pj_per_bit");
    QVERIFY(p.kind == Provenance::Kind::Datasheet);
    QCOMPARE(p.cite, std::string("Samsung HBM3E Shinebolt, 2023"));
    QCOMPARE(*p.low, 3.5);
    QCOMPARE(*p.high, 4.5);
    QVERIFY(back.sources.at("*").kind == Provenance::Kind::Assumption);
    QVERIFY(!back.sources.at("*").low.has_value());

    // Every kind survives the trip, on a tier and a link as well.
    const Provenance::Kind kinds[] = { Provenance::Kind::Datasheet, Provenance::Kind::Paper,
        Provenance::Kind::Measured, Provenance::Kind::Derived, Provenance::Kind::Assumption };
    for (auto k : kinds) {
        MemoryTier t;
        t.id = "t";
        t.readPjPerBit = 1;
        t.bandwidthGBs = 1;
        t.sources["read_pj_per_bit"] = { k, "c", 0.5, 2 };
        MemoryTier tb;
        Problems out;
        fromJson(toJson(t), tb, "tier", out);
        QVERIFY2(out.empty(), joined(out).c_str());
        QVERIFY(tb.sources.at("read_pj_per_bit").kind == k);
        Interconnect l;
        l.id = "l";
        l.bandwidthGBs = 1;
        l.sources["pj_per_bit"] = { k, "d", std::nullopt, std::nullopt };
        Interconnect lb;
        fromJson(toJson(l), lb, "link", out);
        QVERIFY2(out.empty(), joined(out).c_str());
        QVERIFY(lb.sources.at("pj_per_bit").kind == k);
        QCOMPARE(lb.sources.at("pj_per_bit").cite, std::string("d"));
    }
}

void TestProvenance::scenarioKeepsSourcesWhenWritten()
{
    // A saved scenario (and a bundle, which writes the same JSON) keeps every object's sources.
    const Scenario s = test::preset("hardware/mixtral-h200-nvme-gen5-1drive");
    QVERIFY(!s.gpu.sources.empty());
    QVERIFY(!s.model.sources.empty());
    QVERIFY(!s.tiers.at(0).sources.empty());
    QVERIFY(!s.links.at(0).sources.empty());
    Scenario back;
    Problems problems;
    fromJson(json::parse(toJson(s).dump()), back, "", problems);
    QVERIFY2(problems.empty(), joined(problems).c_str());
    QCOMPARE(back.gpu.sources.size(), s.gpu.sources.size());
    QCOMPARE(back.model.sources.size(), s.model.sources.size());
    for (std::size_t i = 0; i < s.tiers.size(); ++i)
        QCOMPARE(back.tiers[i].sources.size(), s.tiers[i].sources.size());
    for (std::size_t i = 0; i < s.links.size(); ++i)
        QCOMPARE(back.links[i].sources.size(), s.links[i].sources.size());
    for (const auto& info : parampath::list(s)) {
        const Provenance* a = sourceOf(s, info.path);
        const Provenance* b = sourceOf(back, info.path);
        QCOMPARE(a == nullptr, b == nullptr);
        if (a) {
            QCOMPARE(b->cite, a->cite);
            QVERIFY(b->kind == a->kind);
            QCOMPARE(b->low, a->low);
            QCOMPARE(b->high, a->high);
        }
    }
}

void TestProvenance::badSourcesAreNamed()
{
    GpuSpec g;
    auto problems
        = readGpu(gpuWithSources({ { "peak_tflops", { { "kind", "rumour" }, { "cite", "x" } } } }), g);
    QVERIFY2(
        hasProblem(problems, "gpu.sources.peak_tflops.kind", "must be one of datasheet, paper, measured"),
        joined(problems).c_str());

    problems = readGpu(gpuWithSources({ { "peak_tflops",
                           { { "kind", "paper" }, { "cite", "x" }, { "low", 5 }, { "high", 4 } } } }),
        g);
    QVERIFY2(hasProblem(problems, "gpu.sources.peak_tflops.low", "is above high"), joined(problems).c_str());

    problems = readGpu(gpuWithSources({ { "peak_flops", { { "kind", "paper" }, { "cite", "x" } } } }), g);
    QVERIFY2(hasProblem(problems, "gpu.sources.peak_flops", "a field the GPU does not have"),
        joined(problems).c_str());

    problems = readGpu(
        gpuWithSources({ { "peak_tflops", { { "kind", "paper" }, { "cite", "x" }, { "url", "y" } } } }), g);
    QVERIFY2(hasProblem(problems, "gpu.sources.peak_tflops.url", "is not a known field"),
        joined(problems).c_str());

    problems = readGpu(gpuWithSources({ { "peak_tflops", { { "kind", "paper" } } } }), g);
    QVERIFY2(hasProblem(problems, "gpu.sources.peak_tflops.cite", "is missing"), joined(problems).c_str());

    problems = readGpu(
        gpuWithSources({ { "peak_tflops", { { "kind", "paper" }, { "cite", "x" }, { "low", 1 } } } }), g);
    QVERIFY2(hasProblem(problems, "gpu.sources.peak_tflops.high", "needs both"), joined(problems).c_str());

    problems = readGpu(
        gpuWithSources({ { "*", { { "kind", "paper" }, { "cite", "x" }, { "low", 1 }, { "high", 2 } } } }),
        g);
    QVERIFY2(hasProblem(problems, "gpu.sources.*", "cannot have a range"), joined(problems).c_str());

    problems = readGpu(gpuWithSources(json::array()), g);
    QVERIFY2(hasProblem(problems, "gpu.sources", "must be an object"), joined(problems).c_str());

    // A well-formed map reads without a word.
    problems = readGpu(gpuWithSources({ { "*", { { "kind", "assumption" }, { "cite", "why" } } } }), g);
    QVERIFY2(problems.empty(), joined(problems).c_str());
}

void TestProvenance::modelSourcesNameMoeFields()
{
    const PresetEntry* mixtral = PresetLibrary::builtin().find(PresetKind::Model, "mixtral-8x7b");
    QVERIFY(mixtral);
    json j = mixtral->json;
    j["sources"]["moe.top_k"] = { { "kind", "datasheet" }, { "cite", "config.json num_experts_per_tok" } };
    ModelSpec m;
    Problems problems;
    fromJson(j, m, "model", problems);
    QVERIFY2(problems.empty(), joined(problems).c_str());
    Scenario s;
    s.model = m;
    QCOMPARE(sourceOf(s, "model.moe.top_k")->cite, std::string("config.json num_experts_per_tok"));
    // Other fields fall back to the model's "*".
    QCOMPARE(sourceOf(s, "model.hidden")->cite, m.sources.at("*").cite);

    // A dense model has no MoE fields to cite.
    const PresetEntry* dense = PresetLibrary::builtin().find(PresetKind::Model, "llama3.3-70b");
    QVERIFY(dense);
    json d = dense->json;
    d["sources"]["moe.top_k"] = { { "kind", "datasheet" }, { "cite", "x" } };
    problems.clear();
    fromJson(d, m, "model", problems);
    QVERIFY2(hasProblem(problems, "model.sources.moe.top_k", "a field the model does not have"),
        joined(problems).c_str());
}

void TestProvenance::everyShippedConstantHasASource()
{
    // Walks the whole library: a preset added without sources fails here.
    const auto constants = presetConstants(PresetLibrary::builtin());
    int given = 0;
    std::map<PresetKind, int> perKind;
    for (const auto& c : constants) {
        if (!c.given)
            continue;
        ++given;
        ++perKind[c.kind];
        const std::string what
            = std::string(PresetLibrary::folderName(c.kind)) + "/" + c.presetId + " " + c.field;
        QVERIFY2(c.source.has_value(), ("no source for " + what).c_str());
        QVERIFY2(!c.source->cite.empty(), ("empty citation for " + what).c_str());
        // Presets no shipped scenario uses are checked here: each value inside its own range.
        if (c.source->hasRange())
            QVERIFY2(*c.source->low <= c.value && c.value <= *c.source->high,
                (what + " = " + std::to_string(c.value) + " outside its range").c_str());
    }
    // Every preset of these kinds is walked: count the presets and their numeric keys directly.
    const auto& lib = PresetLibrary::builtin();
    int expected = 0;
    for (PresetKind k : { PresetKind::Gpu, PresetKind::Tier, PresetKind::Link, PresetKind::Model })
        for (const auto* e : lib.list(k)) {
            QVERIFY2(e->json.contains("sources"), (e->source + " has no sources").c_str());
            for (const auto& part : { e->json, e->json.value("moe", json()), e->json.value("mla", json()) })
                if (part.is_object())
                    for (auto it = part.begin(); it != part.end(); ++it)
                        expected += it.value().is_number() ? 1 : 0;
        }
    QCOMPARE(given, expected);
    QVERIFY(perKind[PresetKind::Gpu] > 0 && perKind[PresetKind::Tier] > 0 && perKind[PresetKind::Link] > 0
        && perKind[PresetKind::Model] > 0);
    for (const auto* e : lib.list(PresetKind::System))
        QVERIFY2(!e->json.value("source", std::string()).empty(), (e->source + " cites nothing").c_str());
}

void TestProvenance::rangesHoldTheirValues()
{
    int ranged = 0;
    for (const auto* e : PresetLibrary::builtin().list(PresetKind::Scenario)) {
        const Scenario s = test::preset(e->id);
        const auto constants = rangedConstants(s);
        for (const auto& c : constants) {
            ++ranged;
            const auto v = parampath::get(s, c.path);
            QVERIFY2(v.has_value(), c.path.c_str());
            const std::string what = e->id + " " + c.path;
            QVERIFY2(c.low <= c.high, what.c_str());
            QVERIFY2(c.low <= *v && *v <= c.high,
                (what + " = " + std::to_string(*v) + " outside its range").c_str());
            QVERIFY2(!c.label.empty() && !c.source.empty(), what.c_str());
            // The range is the one the source gives for that very field.
            const Provenance* p = sourceOf(s, c.path);
            QVERIFY(p && p->hasRange());
            QCOMPARE(*p->low, c.low);
            QCOMPARE(*p->high, c.high);
        }
        // Every field whose own source has a range is listed, and nothing else.
        int expected = 0;
        for (const auto& info : parampath::list(s))
            if (const Provenance* p = sourceOf(s, info.path); p && p->hasRange())
                ++expected;
        QCOMPARE(int(constants.size()), expected);
    }
    QVERIFY(ranged > 0);
}

void TestProvenance::valueOutsideItsRangeIsSaid()
{
    Scenario s = test::preset("paper/mixtral-hbm");
    const Provenance* p = sourceOf(s, "gpu.hbm_read_pj_per_bit");
    QVERIFY(p && p->hasRange());
    QVERIFY(parampath::set(s, "gpu.hbm_read_pj_per_bit", *p->high * 2));
    bool found = false;
    for (const auto& c : rangedConstants(s))
        if (c.path == "gpu.hbm_read_pj_per_bit") {
            found = true;
            QVERIFY2(c.source.find("outside this range") != std::string::npos, c.source.c_str());
        }
    QVERIFY(found);
}

void TestProvenance::tooltipLineCarriesTheCitation()
{
    Scenario s = test::preset("paper/mixtral-hbm");
    s.gpu.sources.clear();
    s.gpu.sources["hbm_read_pj_per_bit"]
        = { Provenance::Kind::Datasheet, "Samsung HBM3E Shinebolt", 3.5, 4.5 };
    const std::string line = sourceText(s, "gpu.hbm_read_pj_per_bit");
    QVERIFY2(line.find("Source: datasheet") == 0, line.c_str());
    QVERIFY2(line.find("Samsung HBM3E Shinebolt") != std::string::npos, line.c_str());
    QVERIFY2(line.find("range 3.5–4.5 pJ/bit") != std::string::npos, line.c_str());
    // A constant nobody cites is marked as an assumption.
    QCOMPARE(sourceText(s, "gpu.peak_tflops"), std::string("Source: none given — an assumption"));
    // Choices of the scenario are no constants: no line.
    QCOMPARE(sourceText(s, "workload.batch"), std::string());
    // The tier's own preset citation reaches the tooltip of its fields.
    const MemoryTier* ssd = s.findTier("ssd");
    QVERIFY(ssd);
    const std::string tierLine = sourceText(s, "tiers.ssd.read_pj_per_bit");
    QVERIFY2(tierLine.find(ssd->sources.at("read_pj_per_bit").cite) != std::string::npos, tierLine.c_str());
}

void TestProvenance::cliListsEverySource()
{
    std::ostringstream out, err;
    QCOMPARE(CliApp(out, err).run({ "list", "--sources", "--format", "json" }), 0);
    QVERIFY2(err.str().empty(), err.str().c_str());
    const json rows = json::parse(out.str());
    int given = 0;
    for (const auto& c : presetConstants(PresetLibrary::builtin()))
        given += c.given ? 1 : 0;
    int constants = 0;
    bool sawHbm = false;
    for (const auto& row : rows) {
        if (row["kind"] == "system") {
            QVERIFY(!row["source"].get<std::string>().empty());
            continue;
        }
        ++constants;
        QVERIFY2(row["source"].is_object(), row.dump().c_str());
        if (row["preset"] == "h100-sxm" && row["field"] == "hbm_read_pj_per_bit") {
            sawHbm = true;
            QCOMPARE(row["value"].get<double>(), 4.2);
            QVERIFY(row["source"]["cite"].get<std::string>().find("Kyung") != std::string::npos);
            QVERIFY(row["source"]["low"].get<double>() <= 4.2 && 4.2 <= row["source"]["high"].get<double>());
        }
    }
    QCOMPARE(constants, given);
    QVERIFY(sawHbm);

    std::ostringstream table, tableErr;
    QCOMPARE(CliApp(table, tableErr).run({ "list", "--sources" }), 0);
    for (const char* part : { "gpus/h200-sxm", "tiers/nvme-gen5-1", "drive_read_gb_s", "datasheet",
             "assumption", "links/nvlink-c2c", "systems/dgx-h200-1x8" })
        QVERIFY2(table.str().find(part) != std::string::npos, part);
}

QTEST_APPLESS_MAIN(TestProvenance)
#include "tst_provenance.moc"
