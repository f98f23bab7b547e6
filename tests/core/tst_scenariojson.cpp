#include "core/io/embeddedpresets.h"
#include "core/io/jsontext.h"
#include "core/io/presetlibrary.h"
#include "core/io/scenariojson.h"
#include "core/validation/validator.h"
#include "tests/support/testsupport.h"

using namespace tierlens;
using nlohmann::json;

class TestScenarioJson : public QObject {
    Q_OBJECT
private slots:
    void everyPresetParses();
    void scenarioPresetsRoundTrip_data();
    void scenarioPresetsRoundTrip();
    void componentPresetsRoundTrip();
    void syntaxErrorNamesLineAndColumn();
    void numberOverflowIsAProblem();
    void referencesResolve();
    void unknownReferenceIsNamed();
    void newerSchemaIsRefused();
};

void TestScenarioJson::everyPresetParses()
{
    // The built-in library skips files it cannot read; adding every embedded file again reports them.
    PresetLibrary lib;
    for (const auto& f : embeddedPresetFiles()) {
        const auto problems = lib.addText(f.path, f.text);
        for (const auto& p : problems)
            qWarning("%s", p.toString().c_str());
        QVERIFY(problems.empty());
    }
    int count = 0;
    for (PresetKind k : PresetLibrary::kinds())
        count += int(PresetLibrary::builtin().list(k).size());
    QVERIFY(count >= 20);
    QVERIFY(PresetLibrary::builtin().find(PresetKind::Study, "paper/fig6"));
    QVERIFY(PresetLibrary::builtin().find(PresetKind::Model, "deepseek-r1"));
}

void TestScenarioJson::scenarioPresetsRoundTrip_data()
{
    QTest::addColumn<QString>("id");
    for (const auto* e : PresetLibrary::builtin().list(PresetKind::Scenario))
        QTest::newRow(e->id.c_str()) << QString::fromStdString(e->id);
}

void TestScenarioJson::scenarioPresetsRoundTrip()
{
    QFETCH(QString, id);
    const Scenario s = test::preset(id.toStdString());
    const json first = toJson(s);
    // Written scenarios are self-contained: they read back without the library's help.
    Scenario back;
    Problems problems;
    fromJson(json::parse(first.dump()), back, "", problems);
    for (const auto& p : problems)
        qWarning("%s", p.toString().c_str());
    QVERIFY(problems.empty());
    QVERIFY(validateScenario(back).empty());
    QVERIFY(toJson(back) == first);
    QCOMPARE(first["schemaVersion"].get<int>(), Scenario::kSchemaVersion);
}

void TestScenarioJson::componentPresetsRoundTrip()
{
    const auto& lib = PresetLibrary::builtin();
    auto check = [&](PresetKind kind, auto value) {
        for (const auto* e : lib.list(kind)) {
            Problems problems;
            fromJson(e->json, value, e->id, problems);
            for (const auto& p : problems)
                qWarning("%s", p.toString().c_str());
            QVERIFY2(problems.empty(), e->source.c_str());
            decltype(value) again;
            fromJson(toJson(value), again, e->id, problems);
            QVERIFY(problems.empty());
            QVERIFY(toJson(again) == toJson(value));
        }
    };
    check(PresetKind::Gpu, GpuSpec {});
    check(PresetKind::Tier, MemoryTier {});
    check(PresetKind::Link, Interconnect {});
    check(PresetKind::Model, ModelSpec {});
}

void TestScenarioJson::syntaxErrorNamesLineAndColumn()
{
    const auto r = parseJsonText("{\n  \"a\": 1,\n  \"b\": ]\n}", "broken.json");
    QVERIFY(!r.ok());
    QCOMPARE(r.problems.front().path, std::string("broken.json"));
    QVERIFY2(
        r.problems.front().message.rfind("line 3, column 8", 0) == 0, r.problems.front().message.c_str());
}

void TestScenarioJson::numberOverflowIsAProblem()
{
    // Found by fuzz_scenario: nlohmann throws out_of_range, not parse_error, for this.
    const auto r = parseJsonText("[1, 4.04E347467616]", "big.json");
    QVERIFY(!r.ok());
    QCOMPARE(r.problems.front().path, std::string("big.json"));
    QVERIFY2(r.problems.front().message.find("number overflow") != std::string::npos,
        r.problems.front().message.c_str());
}

void TestScenarioJson::referencesResolve()
{
    const json j = json::parse(R"({"system": "dgx-h100-1x8", "model": "llama4-maverick",
        "tiers": ["ssd"], "placement": {"expert_tier": "ssd", "path": ["nvlink-c2c-gen5"]},
        "workload": {"batch": 2, "prompt_length": 512}})");
    const auto r = PresetLibrary::builtin().loadScenario(j);
    for (const auto& p : r.problems)
        qWarning("%s", p.toString().c_str());
    QVERIFY(r.ok());
    QCOMPARE(r.value.cluster.gpus(), 8);
    QCOMPARE(r.value.model.moe->experts, 128);
    QCOMPARE(r.value.tiers.at(0).readPjPerBit, 102.4);
    QCOMPARE(r.value.workload.promptLength, 512);
}

void TestScenarioJson::unknownReferenceIsNamed()
{
    const json j = json::parse(R"({"system": "dgx-h100-1x8", "model": "mixtral-8x8b",
        "placement": {"expert_tier": "hbm"}, "workload": {"batch": 1, "prompt_length": 1}})");
    const auto r = PresetLibrary::builtin().loadScenario(j);
    QVERIFY(!r.ok());
    QCOMPARE(r.problems.front().path, std::string("model"));
    QVERIFY(r.problems.front().message.find("unknown model preset \"mixtral-8x8b\"") != std::string::npos);
    QVERIFY(r.problems.front().message.find("mixtral-8x7b") != std::string::npos); // lists the known ones
}

void TestScenarioJson::newerSchemaIsRefused()
{
    json j = toJson(test::preset("default"));
    j["schemaVersion"] = 99;
    Scenario s;
    Problems problems;
    fromJson(j, s, "", problems);
    QCOMPARE(problems.size(), std::size_t(1));
    QCOMPARE(problems[0].path, std::string("schemaVersion"));
}

QTEST_APPLESS_MAIN(TestScenarioJson)
#include "tst_scenariojson.moc"
