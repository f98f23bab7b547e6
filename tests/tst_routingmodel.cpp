// Zipf and trace routing, the cache's cold hit rate, trace import and the routing JSON.

#include "evaluator.h"
#include "routingmodel.h"
#include "routingtrace.h"
#include "scenariojson.h"
#include "validator.h"
#include "testsupport.h"

#include <nlohmann/json.hpp>

using namespace tierlens;
using test::preset;

class TestRoutingModel : public QObject {
    Q_OBJECT
private slots:
    void zipfZeroIsUniform();
    void zipfByHand();
    void hottestBlockSetsTheBusiestGpu();
    void coldHitRate();
    void traceImportCounts();
    void traceImportErrorsNameLineAndColumn();
    void traceDrivesTheEvaluation();
    void jsonRoundTrip();
    void jsonErrors();
};

namespace {
Routing zipf(double s)
{
    Routing r;
    r.kind = Routing::Kind::Zipf;
    r.zipfExponent = s;
    return r;
}
} // namespace

void TestRoutingModel::zipfZeroIsUniform()
{
    for (double batch : {1.0, 3.0, 64.0}) {
        const RoutingStats u = RoutingStats::uniform(8, 2, batch, 4);
        const RoutingStats z = RoutingModel(zipf(0), 8).stats(2, batch, 4, BusiestGpuModel::Hypergeometric);
        TL_COMPARE_REL(z.activeExperts, u.activeExperts, 1e-12);
        TL_COMPARE_REL(z.busiestGpuExperts, u.busiestGpuExperts, 1e-12);
        TL_COMPARE_REL(z.tokensPerActiveExpert, u.tokensPerActiveExpert, 1e-12);
    }
    // Uniform routing goes through RoutingStats::uniform itself.
    const RoutingStats u = RoutingModel(Routing{}, 8).stats(2, 16, 4, BusiestGpuModel::Hypergeometric);
    QCOMPARE(u.activeExperts, RoutingStats::uniform(8, 2, 16, 4).activeExperts);
}

void TestRoutingModel::zipfByHand()
{
    // E = 4, s = 1: p = (12, 6, 4, 3) / 25. Top-1, batch 2: P_i = 1 − (1 − p_i)².
    const RoutingStats r = RoutingModel(zipf(1), 4).stats(1, 2, 2, BusiestGpuModel::Hypergeometric);
    const double a = (625.0 - 169 + 625 - 361 + 625 - 441 + 625 - 484) / 625;  // 1045/625
    TL_COMPARE_REL(r.activeExperts, a, 1e-12);
    // Exchangeable estimate for 2 GPUs of 2 experts: 1 active → 1; 2 active → 1 + 2/6; interpolated.
    // The hottest block (experts 0, 1) holds (456 + 264)/625 = 1.152 < 1.224: the estimate wins.
    TL_COMPARE_REL(r.busiestGpuExperts, 1 + (a - 1) / 3, 1e-12);
    TL_COMPARE_REL(r.tokensPerActiveExpert, 2 / a, 1e-12);  // B·Σπ / A with Σπ = 1
}

void TestRoutingModel::hottestBlockSetsTheBusiestGpu()
{
    // E = 4, s = 2: p = (144, 36, 16, 9) / 205. Top-2, batch 4: π = min(1, 2 p).
    const RoutingStats r = RoutingModel(zipf(2), 4).stats(2, 4, 2, BusiestGpuModel::Hypergeometric);
    auto P = [](double p) { return 1 - std::pow(1 - std::min(1.0, 2 * p), 4); };
    const double hot = P(144 / 205.0) + P(36 / 205.0);
    const double a = hot + P(16 / 205.0) + P(9 / 205.0);
    TL_COMPARE_REL(r.activeExperts, a, 1e-12);
    // Exchangeable: between 2 active (4/3) and 3 active (2): below the hot block's ≈ 1.91.
    QVERIFY(1 + (a - 2) * 2.0 / 3 + 1.0 / 3 < hot);
    TL_COMPARE_REL(r.busiestGpuExperts, hot, 1e-12);
    // The skew concentrates load: fewer active experts than uniform, a busier GPU relative to them.
    const RoutingStats u = RoutingStats::uniform(4, 2, 4, 2);
    QVERIFY(r.activeExperts < u.activeExperts);
}

void TestRoutingModel::coldHitRate()
{
    QCOMPARE(RoutingModel(Routing{}, 8).coldHitRate(2), 0.25);
    QCOMPARE(RoutingModel(Routing{}, 8).coldHitRate(0), 0.0);
    QCOMPARE(RoutingModel(zipf(1), 8).coldHitRate(8), 1.0);
    // s = 1, E = 8: H_8 = 761/280; the two hottest hold (1 + 1/2) / H_8 = 420/761.
    TL_COMPARE_REL(RoutingModel(zipf(1), 8).coldHitRate(2), 420.0 / 761, 1e-12);
    Routing t;
    t.kind = Routing::Kind::Trace;
    t.layerCounts = {{1, 3, 0, 0}, {0, 0, 2, 2}};  // layer hot sets: {1}, {2 or 3}
    TL_COMPARE_REL(RoutingModel(t, 4).coldHitRate(1), (0.75 + 0.5) / 2, 1e-12);
}

void TestRoutingModel::traceImportCounts()
{
    const auto r = RoutingTrace::parse("layer,token,expert\n0,0,1\n0,0,3\n0,1,1\n\n0,1,2\n7,0,0\n7,0,1\r\n", "t.csv");
    QVERIFY(r.ok());
    const std::vector<std::vector<double>> expected{{0, 2, 1, 1}, {1, 1}};
    QCOMPARE(r.value, expected);
}

void TestRoutingModel::traceImportErrorsNameLineAndColumn()
{
    auto first = [](std::string_view csv) {
        const auto r = RoutingTrace::parse(csv, "t.csv");
        return r.problems.empty() ? std::string() : r.problems.front().toString();
    };
    QCOMPARE(first("0,0,1\n0,1\n"), std::string("t.csv:2: expected 3 columns layer,token,expert; found 2"));
    QCOMPARE(first("0,0,1\n0,x,1\n"), std::string("t.csv:2:3: expected a whole number >= 0, got \"x\""));
    QCOMPARE(first("0,0,-1\n"), std::string("t.csv:1:5: expected a whole number >= 0, got \"-1\""));
    QCOMPARE(first("layer,token,expert\n"), std::string("t.csv: holds no rows layer,token,expert"));
    QCOMPARE(first("0,0,1,4\n"), std::string("t.csv:1: expected 3 columns layer,token,expert; found 4"));
    const auto missing = RoutingTrace::load("/nonexistent/trace.csv");
    QVERIFY(!missing.ok());
    QCOMPARE(missing.problems.front().path, std::string("/nonexistent/trace.csv"));
}

void TestRoutingModel::traceDrivesTheEvaluation()
{
    Scenario s = preset("paper/mixtral-hbm");  // 8 experts, top-2, 4 GPUs: experts 0, 1 on GPU 0
    s.workload.routing.kind = Routing::Kind::Trace;
    s.workload.routing.layerCounts = {{5, 5}, {7, 7}};  // every token picks experts 0 and 1
    QVERIFY(validateScenario(s).empty());
    for (int batch : {1, 64}) {
        const Result r = evaluate(s, batch);
        QCOMPARE(r.activeExpertsPerLayer, 2.0);
        QCOMPARE(r.busiestGpuExpertsPerLayer, 2.0);  // both live on GPU 0
        QCOMPARE(r.tokensPerActiveExpert, double(batch));
    }
    s.workload.routing.layerCounts = {{0, 0, 0, 0, 0, 0, 0, 0, 1}};
    const Problems p = validateScenario(s);
    QCOMPARE(p.size(), std::size_t(1));
    QCOMPARE(p.front().path, std::string("workload.routing.counts[0]"));
}

void TestRoutingModel::jsonRoundTrip()
{
    Scenario s = preset("default");
    s.workload.routing = zipf(1.2);
    s.placement.cache = {16, -1, 0.3, 0.85, 0.9};
    Scenario back;
    Problems out;
    fromJson(toJson(s), back, "", out);
    QVERIFY(out.empty());
    QCOMPARE(back.workload.routing.kind, Routing::Kind::Zipf);
    QCOMPARE(back.workload.routing.zipfExponent, 1.2);
    QCOMPARE(back.placement.cache.capacity, 16);
    QCOMPARE(back.placement.cache.recall, 0.85);
    QCOMPARE(back.placement.cache.precision, 0.9);
    QCOMPARE(back.placement.cache.temporalLocality, 0.3);

    s.workload.routing.kind = Routing::Kind::Trace;
    s.workload.routing.layerCounts = {{1, 2}, {3, 0, 4}};
    fromJson(toJson(s), back, "", out);
    QVERIFY(out.empty());
    QCOMPARE(back.workload.routing.layerCounts, s.workload.routing.layerCounts);
    // Files without the new keys keep the reference's behaviour.
    const nlohmann::json old = toJson(preset("default"));
    QVERIFY(!old["placement"].contains("cache"));
    QVERIFY(old["workload"]["routing"] == nlohmann::json({{"kind", "uniform"}}));
}

void TestRoutingModel::jsonErrors()
{
    nlohmann::json j = toJson(preset("default"));
    j["workload"]["routing"] = {{"kind", "zipfian"}};
    j["placement"]["cache"] = {{"recal", 0.9}, {"precision", "high"}};
    Scenario s;
    Problems out;
    fromJson(j, s, "", out);
    std::vector<std::string> text;
    for (const auto& p : out)
        text.push_back(p.toString());
    QVERIFY2(std::count(text.begin(), text.end(),
                        "workload.routing.kind: must be \"uniform\", \"zipf\" or \"trace\", got \"zipfian\"") == 1,
             text.front().c_str());
    QVERIFY(std::count(text.begin(), text.end(), "placement.cache.recal: is not a known field") == 1);
    QVERIFY(std::count(text.begin(), text.end(), "placement.cache.precision: must be a number, got string") == 1);
}

QTEST_APPLESS_MAIN(TestRoutingModel)
#include "tst_routingmodel.moc"
