#include "core/io/jsontext.h"
#include "core/io/presetlibrary.h"
#include "core/io/scenariojson.h"
#include "core/validation/validator.h"
#include "tests/support/testsupport.h"

#include <limits>

using namespace tierlens;
using nlohmann::json;

class TestValidator : public QObject {
    Q_OBJECT
private slots:
    void presetsAreValid();
    void badJson_data();
    void badJson();
    void nanInStruct();
    void everyProblemAtOnce();
};

void TestValidator::presetsAreValid()
{
    for (const auto* e : PresetLibrary::builtin().list(PresetKind::Scenario))
        QVERIFY2(validateScenario(test::preset(e->id)).empty(), e->id.c_str());
}

void TestValidator::badJson_data()
{
    // Each row edits the default scenario's JSON (as a JSON pointer and value) and names the
    // path and a fragment of the sentence that must come back.
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::newRow("negative tier bandwidth") << "/tiers/1/bandwidth_gb_s"
                                             << "-3"
                                             << "tiers[1].bandwidth_gb_s"
                                             << "must be > 0, got -3";
    QTest::newRow("zero link bandwidth") << "/links/0/bandwidth_gb_s"
                                         << "0"
                                         << "links[0].bandwidth_gb_s"
                                         << "must be > 0, got 0";
    QTest::newRow("negative pJ") << "/tiers/0/read_pj_per_bit"
                                 << "-1"
                                 << "tiers[0].read_pj_per_bit"
                                 << "must be >= 0, got -1";
    QTest::newRow("top-k above experts") << "/model/moe/top_k"
                                         << "9"
                                         << "model.moe.top_k"
                                         << "must not exceed model.moe.experts (8)";
    QTest::newRow("tp not dividing heads") << "/parallelism/tp"
                                           << "3"
                                           << "parallelism.tp"
                                           << "must divide model.heads";
    QTest::newRow("unknown tier") << "/placement/expert_tier"
                                  << "\"nvme\""
                                  << "placement.expert_tier"
                                  << "names unknown tier \"nvme\"; known: hbm, ddr, ssd";
    QTest::newRow("unknown link") << "/placement/path/0"
                                  << "\"pcie7\""
                                  << "placement.path[0]"
                                  << "names unknown link \"pcie7\"";
    QTest::newRow("string for number") << "/gpu/peak_tflops"
                                       << "\"fast\""
                                       << "gpu.peak_tflops"
                                       << "must be a number, got string";
    QTest::newRow("fraction for integer") << "/model/layers"
                                          << "32.5"
                                          << "model.layers"
                                          << "must be a whole number";
    QTest::newRow("huge number") << "/model/hidden"
                                 << "1e300"
                                 << "model.hidden"
                                 << "is too large for a count";
    QTest::newRow("absurd bandwidth") << "/gpu/hbm_bandwidth_gb_s"
                                      << "1e300"
                                      << "gpu.hbm_bandwidth_gb_s"
                                      << "must be at most";
    QTest::newRow("typo key") << "/tiers/0/read_pj_per_bt"
                              << "1"
                              << "tiers[0].read_pj_per_bt"
                              << "is not a known field";
    QTest::newRow("bad kind") << "/tiers/0/kind"
                              << "\"tape\""
                              << "tiers[0].kind"
                              << "must be one of device, host_dram, flash, other";
    QTest::newRow("batch zero") << "/workload/batches/0"
                                << "0"
                                << "workload.batches[0]"
                                << "must be between 1 and 16777216";
    QTest::newRow("duplicate tier id") << "/tiers/1/id"
                                       << "\"ddr\""
                                       << "tiers[1].id"
                                       << "is used twice";
    QTest::newRow("section of wrong type") << "/cluster"
                                           << "[]"
                                           << "cluster"
                                           << "must be an object, got array";
}

void TestValidator::badJson()
{
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(QString, path);
    QFETCH(QString, message);
    json j = toJson(test::preset("default"));
    j[json::json_pointer(pointer.toStdString())] = json::parse(value.toStdString());
    const auto r = PresetLibrary::builtin().loadScenario(j);
    QVERIFY(!r.ok());
    bool found = false;
    for (const auto& p : r.problems)
        found = found
            || (p.path == path.toStdString() && p.message.find(message.toStdString()) != std::string::npos);
    if (!found)
        for (const auto& p : r.problems)
            qWarning("got: %s", p.toString().c_str());
    QVERIFY(found);
}

void TestValidator::nanInStruct()
{
    Scenario s = test::preset("default");
    s.gpu.l2PjPerBit = std::numeric_limits<double>::quiet_NaN();
    const auto problems = validateScenario(s);
    QCOMPARE(problems.size(), std::size_t(1));
    QCOMPARE(problems[0].path, std::string("gpu.l2_pj_per_bit"));
    QVERIFY(problems[0].message.find("finite") != std::string::npos);
}

void TestValidator::everyProblemAtOnce()
{
    json j = toJson(test::preset("default"));
    j["gpu"].erase("peak_tflops"); // missing field
    j["model"]["heads"] = -4;
    j["links"][0]["latency_us"] = "slow";
    const auto r = PresetLibrary::builtin().loadScenario(j);
    // Type problems and range problems come back together, in document order.
    QCOMPARE(r.problems.size(), std::size_t(3));
    QCOMPARE(r.problems[0].toString(), std::string("gpu.peak_tflops: is missing (a number is required)"));
    QCOMPARE(r.problems[1].path, std::string("links[0].latency_us"));
    QCOMPARE(r.problems[2].toString(), std::string("model.heads: must be >= 1, got -4"));
}

QTEST_APPLESS_MAIN(TestValidator)
#include "tst_validator.moc"
