// tierlens-cli's range mode and tornado: low and high next to each value, checked against the
// copy's bytes as the default output prints them; the default output keeps its shape.

#include "core/data/provenance.h"
#include "core/io/scenariojson.h"
#include "tests/support/clitestsupport.h"
#include "tests/support/testsupport.h"

#include <QDir>
#include <QtTest/QTest>

#include <fstream>

#include <nlohmann/json.hpp>

using namespace tierlens;
using nlohmann::json;
using tierlens::test::runCli;

namespace {

const std::string kPreset = "paper/maverick-ssd-nvlink5";
// The preset without its constants' sources, so that only the ranges a test gives are ranged.
const std::string kScenario
    = QDir::temp().filePath(QStringLiteral("tst_clirange-scenario.json")).toStdString();
const std::string kSsdRange = "tiers.ssd.read_pj_per_bit=80:120";

json parse(const std::string& text)
{
    return json::parse(text);
}

} // namespace

class TestCliRange : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        std::ofstream(kScenario) << toJson(test::withoutSources(test::preset(kPreset))).dump(2);
    }

    // Without --range, range mode reads the constants' own ranges from their sources.
    void presetRangesJoinByDefault()
    {
        const auto run = runCli({ "eval", kPreset, "--batch", "4", "--format", "json", "--range-mode" });
        QCOMPARE(run.code, 0);
        const json j = parse(run.out);
        const auto own = rangedConstants(test::preset(kPreset));
        QVERIFY(!own.empty());
        QCOMPARE(j["range"]["constants"].size(), own.size());
        const json& t = j["energy_j_per_token"]["total"];
        QVERIFY(t["low"].get<double>() < t["value"].get<double>());
        QVERIFY(t["high"].get<double>() > t["value"].get<double>());
    }

    // The default JSON is unchanged by the new options: plain numbers.
    void defaultOutputKeepsItsShape()
    {
        const auto run = runCli({ "eval", kScenario, "--batch", "4", "--format", "json" });
        QCOMPARE(run.code, 0);
        const json j = parse(run.out);
        QVERIFY(j["energy_j_per_token"]["total"].is_number());
        QVERIFY(j["latency_ms"]["total"].is_number());
        QVERIFY(!j.contains("range"));
    }

    // SSD read energy from 80 to 120 pJ/bit: the total moves by the SSD's bytes per step × 8 ×
    // ΔpJ/bit over the batch's 4 tokens; both numbers are read from the plain output.
    void evalRangeModeMatchesTheCopy()
    {
        const auto plain = parse(runCli({ "eval", kScenario, "--batch", "4", "--format", "json" }).out);
        const double total = plain["energy_j_per_token"]["total"].get<double>();
        const double ssdBytes = plain["bytes_per_step"]["ssd"].get<double>();
        QVERIFY(ssdBytes > 0);
        const auto run = runCli(
            { "eval", kScenario, "--batch", "4", "--format", "json", "--range-mode", "--range", kSsdRange });
        QCOMPARE(run.code, 0);
        const json j = parse(run.out);
        const json& t = j["energy_j_per_token"]["total"];
        QCOMPARE(t["value"].get<double>(), total);
        const double perPj = ssdBytes * 8 * 1e-12 / 4;
        QVERIFY(std::fabs(t["low"].get<double>() - (total + perPj * (80 - 102.4))) < 1e-9 * total);
        QVERIFY(std::fabs(t["high"].get<double>() - (total + perPj * (120 - 102.4))) < 1e-9 * total);
        // Every component has its band; latency does not depend on an energy.
        for (const auto& [key, v] : j["energy_j_per_token"].items())
            QVERIFY2(v.contains("low") && v.contains("high"), key.c_str());
        QCOMPARE(
            j["latency_ms"]["total"]["low"].get<double>(), j["latency_ms"]["total"]["value"].get<double>());
        QCOMPARE(j["range"]["method"].get<std::string>(), std::string("corners"));
        QCOMPARE(
            j["range"]["constants"][0]["path"].get<std::string>(), std::string("tiers.ssd.read_pj_per_bit"));

        const auto table = runCli({ "eval", kScenario, "--range-mode", "--range", kSsdRange });
        QCOMPARE(table.code, 0);
        QVERIFY(table.out.find("low–high") != std::string::npos);
    }

    // The SSD range moves the SSD bars' bands and leaves every other bar's band as the
    // constants' own ranges make it.
    void studyRangeModeBandsEveryBar()
    {
        const auto own
            = parse(runCli({ "study", "paper/fig4-mixtral", "--format", "json", "--range-mode" }).out);
        const auto run = runCli(
            { "study", "paper/fig4-mixtral", "--format", "json", "--range-mode", "--range", kSsdRange });
        QCOMPARE(run.code, 0);
        const json j = parse(run.out);
        QVERIFY(!j["bars"].empty());
        QCOMPARE(j["bars"].size(), own["bars"].size());
        bool moved = false;
        for (std::size_t i = 0; i < j["bars"].size(); ++i) {
            const json& t = j["bars"][i]["energy_j_per_token"]["total"];
            const json& o = own["bars"][i]["energy_j_per_token"]["total"];
            QVERIFY(t["low"].get<double>() <= t["value"].get<double>());
            QVERIFY(t["high"].get<double>() >= t["value"].get<double>());
            if (j["bars"][i]["placement"] != "ssd") {
                QCOMPARE(t["low"].get<double>(), o["low"].get<double>());
                QCOMPARE(t["high"].get<double>(), o["high"].get<double>());
            } else
                moved = moved || t["high"].get<double>() != o["high"].get<double>();
        }
        QVERIFY(moved);
    }

    // The wide range outranks the narrow one although given second.
    void tornadoRanksAndReports()
    {
        const auto run = runCli({ "tornado", kScenario, "--format", "json", "--range",
            "links.nvlink-c2c-gen5.pj_per_bit=1:2", "--range", "tiers.ssd.read_pj_per_bit=50:150" });
        QCOMPARE(run.code, 0);
        const json j = parse(run.out);
        QCOMPARE(j["rows"].size(), std::size_t(2));
        QCOMPARE(j["rows"][0]["path"].get<std::string>(), std::string("tiers.ssd.read_pj_per_bit"));
        QVERIFY(j["rows"][0]["swing"].get<double>() > j["rows"][1]["swing"].get<double>());
        // 100 pJ/bit of SSD against 1 pJ/bit of link on the same bytes.
        QVERIFY(std::fabs(j["rows"][0]["swing"].get<double>() / j["rows"][1]["swing"].get<double>() - 100)
            < 1e-6);

        const auto csv = runCli({ "tornado", kScenario, "--format", "csv", "--range", kSsdRange });
        QCOMPARE(csv.code, 0);
        QVERIFY(csv.out.find("tiers.ssd.read_pj_per_bit") != std::string::npos);
    }

    void badRangesNameTheField()
    {
        auto run = runCli({ "tornado", kScenario, "--range", "tiers.nope.read_pj_per_bit=1:2" });
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.find("tiers.nope.read_pj_per_bit") != std::string::npos, run.err.c_str());
        run = runCli({ "eval", kScenario, "--range-mode", "--range", "tiers.ssd.read_pj_per_bit=120:80" });
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.find("--range tiers.ssd.read_pj_per_bit") != std::string::npos, run.err.c_str());
        run = runCli({ "tornado", kScenario });
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.find("--range") != std::string::npos, run.err.c_str());
        run = runCli({ "tornado", kScenario, "--metric", "energy.nope", "--range", kSsdRange });
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.find("--metric") != std::string::npos, run.err.c_str());
    }
};

QTEST_APPLESS_MAIN(TestCliRange)
#include "tst_clirange.moc"
