// tierlens-cli study on a Pareto study and tierlens-cli diff: the published shapes and their numbers.
#include "core/io/scenariojson.h"
#include "tests/support/clitestsupport.h"
#include "tests/support/testsupport.h"

#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <fstream>

using namespace tierlens;
using nlohmann::json;

class TestCliDesignSpace : public QObject {
    Q_OBJECT
private slots:
    void paretoJsonShape();
    void paretoCsvAndTable();
    void paretoLeavesUnfitDesignsOffTheFront();
    void diffOfSameScenarioIsEmpty();
    void diffListsTheChange();
    void diffNeedsTwoScenarios();
};

namespace {
test::CliRun run(std::vector<std::string> args)
{
    return test::runCli(std::move(args));
}

// The points of the JSON that fit memory and no other such point beats in both objectives.
std::vector<std::size_t> nonDominated(const json& pts)
{
    std::vector<std::size_t> want;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (!pts[i]["fits"].get<bool>())
            continue;
        const double e = pts[i]["energy_j_per_token"], l = pts[i]["latency_ms"];
        bool dominated = false;
        for (std::size_t k = 0; k < pts.size() && !dominated; ++k) {
            const double e2 = pts[k]["energy_j_per_token"], l2 = pts[k]["latency_ms"];
            dominated = pts[k]["fits"].get<bool>() && e2 <= e && l2 <= l && (e2 < e || l2 < l);
        }
        if (!dominated)
            want.push_back(i);
    }
    return want;
}

std::vector<std::size_t> sortedFront(const json& j)
{
    auto front = j["front"].get<std::vector<std::size_t>>();
    std::sort(front.begin(), front.end());
    return front;
}
} // namespace

void TestCliDesignSpace::paretoJsonShape()
{
    const auto r = run({ "study", "pareto/mixtral-placements", "--format", "json" });
    QCOMPARE(r.code, 0);
    const json j = json::parse(r.out);
    QCOMPARE(j["kind"].get<std::string>(), std::string("pareto"));
    QCOMPARE(j["study"].get<std::string>(), std::string("pareto/mixtral-placements"));
    const json& pts = j["points"];
    QVERIFY(pts.size() > 100);
    for (const char* key : { "case", "placement", "workload.batch", "tiers.ssd.read_pj_per_bit" })
        QVERIFY2(pts[0]["params"].contains(key), key);
    QCOMPARE(nonDominated(pts), sortedFront(j));
    const double slo = j["slo_ms"];
    const std::size_t best = j["best_under_slo"];
    QVERIFY(double(pts[best]["latency_ms"]) <= slo);
    for (const auto& p : pts)
        if (double(p["latency_ms"]) <= slo)
            QVERIFY(double(p["energy_j_per_token"]) >= double(pts[best]["energy_j_per_token"]));
}

void TestCliDesignSpace::paretoCsvAndTable()
{
    const auto csv = run({ "study", "pareto/mixtral-placements", "--format", "csv" });
    QCOMPARE(csv.code, 0);
    const auto json_ = run({ "study", "pareto/mixtral-placements", "--format", "json" });
    const std::size_t points = json::parse(json_.out)["points"].size();
    // A header and one row per point.
    QCOMPARE(std::size_t(std::count(csv.out.begin(), csv.out.end(), '\n')), points + 1);
    QVERIFY(csv.out.rfind("study,point,case,placement,workload.batch", 0) == 0);
    const auto table = run({ "study", "pareto/mixtral-placements" });
    QCOMPARE(table.code, 0);
    QVERIFY(table.out.find("on the Pareto front") != std::string::npos);
    QVERIFY(table.out.find("best under SLO") != std::string::npos);
}

void TestCliDesignSpace::paretoLeavesUnfitDesignsOffTheFront()
{
    // The shipped design space at batch 1 and 4096: at 4096 the KV cache outgrows HBM.
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("big-batch.json")).toStdString();
    std::ofstream(path) << json {
        { "id", "test/big-batch" }, { "kind", "pareto" }, { "slo_ms", 50 },
        { "cases",
            json::array(
                { { { "label", "Mixtral" }, { "scenario", { { "base", "prefetch/st-moe-85" } } } } }) },
        { "axes", json::array({ { { "path", "workload.batch" }, { "values", { 1, 4096 } } } }) }
    }.dump();
    const auto r = run({ "study", path, "--format", "json" });
    QCOMPARE(r.code, 0);
    const json j = json::parse(r.out);
    const json& pts = j["points"];
    QCOMPARE(pts.size(), std::size_t(2));
    QVERIFY(pts[0]["fits"].get<bool>());
    QVERIFY(!pts[1]["fits"].get<bool>());
    QCOMPARE(nonDominated(pts), sortedFront(j));
    QCOMPARE(sortedFront(j), std::vector<std::size_t> { 0 });
    const auto csv = run({ "study", path, "--format", "csv" });
    QVERIFY(csv.out.find(",fits,on_front,") != std::string::npos);
    const auto table = run({ "study", path });
    QVERIFY2(
        table.out.find("2 design points (1 does not fit memory: left off the front)") != std::string::npos,
        table.out.c_str());

    // With 1 GiB of HBM nothing fits: the SLO is met only by designs that cannot be built, and the
    // table says so rather than that nothing is fast enough.
    const std::string tiny = dir.filePath(QStringLiteral("tiny-hbm.json")).toStdString();
    std::ofstream(tiny) << json {
        { "id", "test/tiny-hbm" }, { "kind", "pareto" }, { "slo_ms", 50 },
        { "cases",
            json::array({ { { "label", "Mixtral" },
                { "scenario",
                    { { "base", "prefetch/st-moe-85" }, { "gpu", { { "hbm_capacity_gib", 1 } } } } } } }) },
        { "axes", json::array({ { { "path", "workload.batch" }, { "values", { 1, 2 } } } }) }
    }.dump();
    const auto none = run({ "study", tiny });
    QCOMPARE(none.code, 0);
    QVERIFY2(none.out.find("no design that fits memory meets it") != std::string::npos, none.out.c_str());
    QVERIFY(json::parse(run({ "study", tiny, "--format", "json" }).out)["front"].empty());
}

void TestCliDesignSpace::diffOfSameScenarioIsEmpty()
{
    const auto r = run({ "diff", "default", "default", "--format", "json" });
    QCOMPARE(r.code, 0);
    const json j = json::parse(r.out);
    QVERIFY(j["inputs"].empty());
    QVERIFY(j["outputs"].empty());
    const auto t = run({ "diff", "paper/mixtral-hbm", "paper/mixtral-hbm" });
    QCOMPARE(t.code, 0);
    QVERIFY(t.out.find("No input or output differs") != std::string::npos);
}

void TestCliDesignSpace::diffListsTheChange()
{
    QTemporaryDir dir;
    Scenario b = test::preset("default");
    b.findTier("ssd")->readPjPerBit = 51.2;
    const std::string path = dir.filePath(QStringLiteral("b.json")).toStdString();
    std::ofstream(path) << toJson(b).dump();
    const auto r = run({ "diff", "default", path, "--format", "json" });
    QCOMPARE(r.code, 0);
    const json j = json::parse(r.out);
    QCOMPARE(j["inputs"].size(), std::size_t(1));
    QCOMPARE(j["inputs"][0]["key"].get<std::string>(), std::string("tiers.ssd.read_pj_per_bit"));
    QCOMPARE(j["inputs"][0]["a"].get<double>(), 102.4);
    QCOMPARE(j["inputs"][0]["b"].get<double>(), 51.2);
    QCOMPARE(j["inputs"][0]["ratio"].get<double>(), 0.5);
    bool offload = false;
    for (const auto& o : j["outputs"]) {
        QVERIFY2(o["key"].get<std::string>().rfind("energy.", 0) == 0, o.dump().c_str());
        offload = offload || o["key"] == "energy.moe_offload";
    }
    QVERIFY(offload);
    const auto csv = run({ "diff", "default", path, "--format", "csv" });
    QCOMPARE(csv.code, 0);
    QVERIFY(csv.out.find("input,tiers.ssd.read_pj_per_bit,pJ/bit,102.4,51.2") != std::string::npos);
}

void TestCliDesignSpace::diffNeedsTwoScenarios()
{
    const auto one = run({ "diff", "default" });
    QCOMPARE(one.code, 2);
    QVERIFY(one.err.find("two scenarios") != std::string::npos);
    const auto three = run({ "diff", "default", "default", "default" });
    QCOMPARE(three.code, 2);
    QVERIFY(three.err.find("unexpected argument") != std::string::npos);
    QCOMPARE(run({ "diff", "default", "nope" }).code, 1);
}

QTEST_GUILESS_MAIN(TestCliDesignSpace)
#include "tst_clidesignspace.moc"
