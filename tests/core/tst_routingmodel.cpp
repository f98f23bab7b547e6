// Zipf and trace routing, the cache's cold hit rate, trace import and the routing JSON.

#include "core/io/routingtrace.h"
#include "core/io/scenariojson.h"
#include "core/model/evaluator.h"
#include "core/model/routingmodel.h"
#include "core/validation/validator.h"
#include "tests/support/testsupport.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>
#include <random>
#include <utility>
#include <vector>

using namespace tierlens;
using test::preset;

class TestRoutingModel : public QObject {
    Q_OBJECT
private slots:
    void zipfZeroIsUniform();
    void zipfByHand();
    void inclusionProbabilitiesByHand();
    void routedMassIsKept();
    void zipfMatchesMonteCarlo_data();
    void zipfMatchesMonteCarlo();
    void skewMatchesEnumeration();
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
    for (double batch : { 1.0, 3.0, 64.0 }) {
        const RoutingStats u = RoutingStats::uniform(8, 2, batch, 4);
        const RoutingStats z = RoutingModel(zipf(0), 8).stats(2, batch, 4, BusiestGpuModel::Hypergeometric);
        TL_COMPARE_REL(z.activeExperts, u.activeExperts, 1e-12);
        TL_COMPARE_REL(z.busiestGpuExperts, u.busiestGpuExperts, 1e-12);
        TL_COMPARE_REL(z.tokensPerActiveExpert, u.tokensPerActiveExpert, 1e-12);
    }
    // Uniform routing goes through RoutingStats::uniform itself.
    const RoutingStats u = RoutingModel(Routing {}, 8).stats(2, 16, 4, BusiestGpuModel::Hypergeometric);
    QCOMPARE(u.activeExperts, RoutingStats::uniform(8, 2, 16, 4).activeExperts);
}

void TestRoutingModel::zipfByHand()
{
    // E = 4, s = 1: p = (12, 6, 4, 3) / 25. Top-1, batch 2: pi_i = p_i, P_i = 1 − (1 − p_i)².
    const RoutingStats r = RoutingModel(zipf(1), 4).stats(1, 2, 2, BusiestGpuModel::Hypergeometric);
    const double a = (625.0 - 169 + 625 - 361 + 625 - 441 + 625 - 484) / 625; // 1045/625
    TL_COMPARE_REL(r.activeExperts, a, 1e-9);
    TL_COMPARE_REL(r.tokensPerActiveExpert, 2 / a, 1e-9); // B·k / A
}

void TestRoutingModel::inclusionProbabilitiesByHand()
{
    // Two draws without replacement: pi_i = p_i + sum_{j != i} p_j p_i / (1 − p_j).
    for (double s : { 0.5, 2.0, 4.0 }) {
        const int E = 5;
        std::vector<double> p(E);
        for (int i = 0; i < E; ++i)
            p[i] = std::pow(i + 1.0, -s);
        const double sum = std::accumulate(p.begin(), p.end(), 0.0);
        for (double& v : p)
            v /= sum;
        const auto pi = RoutingModel(zipf(s), E).inclusionProbabilities(2);
        QCOMPARE(pi.size(), std::size_t(1));
        for (int i = 0; i < E; ++i) {
            double expected = p[i];
            for (int j = 0; j < E; ++j)
                if (j != i)
                    expected += p[j] * p[i] / (1 - p[j]);
            TL_COMPARE_REL(pi[0][i], expected, 1e-6);
        }
    }
}

void TestRoutingModel::routedMassIsKept()
{
    // Every token picks k experts, so the inclusion probabilities sum to k, however skewed.
    for (double s : { 0.5, 1.0, 2.0, 3.0, 6.0 })
        for (auto [E, k] : { std::pair { 8, 2 }, std::pair { 256, 8 }, std::pair { 128, 1 } }) {
            const auto pi = RoutingModel(zipf(s), E).inclusionProbabilities(k);
            TL_COMPARE_REL(std::accumulate(pi[0].begin(), pi[0].end(), 0.0), double(k), 1e-6);
            // At batch 1 exactly k experts are active.
            TL_COMPARE_REL(
                RoutingModel(zipf(s), E).stats(k, 1, 4, BusiestGpuModel::Hypergeometric).activeExperts,
                double(k), 1e-6);
        }
    // Top-k = E: every expert is chosen by every token.
    const RoutingStats all = RoutingModel(zipf(1), 8).stats(8, 1, 4, BusiestGpuModel::Hypergeometric);
    TL_COMPARE_REL(all.activeExperts, 8.0, 1e-12);
    TL_COMPARE_REL(all.busiestGpuExperts, 2.0, 1e-12);
    // A trace recorded with a smaller k than the model's: the capped share moves to the others.
    Routing t;
    t.kind = Routing::Kind::Trace;
    t.layerCounts = { { 6, 2, 1, 1 } };
    const auto pi = RoutingModel(t, 4).inclusionProbabilities(2);
    QCOMPARE(pi[0][0], 1.0);
    TL_COMPARE_REL(pi[0][1], 0.5, 1e-12); // the other unit of mass in proportion 2 : 1 : 1
    TL_COMPARE_REL(pi[0][2], 0.25, 1e-12);
}

namespace {
struct Draw {
    double activeExperts = 0;
    double busiestGpu = 0;
};

// Each token draws k distinct experts one after another, each draw in proportion to the
// weights 1/(i+1)^s of the experts not yet drawn. Experts sit on GPUs in id blocks of ceil(E/N).
Draw monteCarloZipf(int E, int k, int batch, int gpus, double s, int trials)
{
    std::mt19937_64 rng(20240611);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<double> w(E);
    for (int i = 0; i < E; ++i)
        w[i] = std::pow(i + 1.0, -s);
    const int block = (E + gpus - 1) / gpus;
    Draw d;
    std::vector<char> active(E), taken(E);
    for (int t = 0; t < trials; ++t) {
        std::fill(active.begin(), active.end(), 0);
        for (int b = 0; b < batch; ++b) {
            std::fill(taken.begin(), taken.end(), 0);
            double left = std::accumulate(w.begin(), w.end(), 0.0);
            for (int j = 0; j < k; ++j) {
                double x = u(rng) * left;
                int pick = -1;
                for (int i = 0; i < E; ++i)
                    if (!taken[i]) {
                        pick = i;
                        if ((x -= w[i]) < 0)
                            break;
                    }
                taken[pick] = active[pick] = 1;
                left -= w[pick];
            }
        }
        int most = 0;
        for (int first = 0; first < E; first += block) {
            const int n = std::count(active.begin() + first, active.begin() + std::min(E, first + block), 1);
            most = std::max(most, n);
            d.activeExperts += n;
        }
        d.busiestGpu += most;
    }
    d.activeExperts /= trials;
    d.busiestGpu /= trials;
    return d;
}
} // namespace

void TestRoutingModel::zipfMatchesMonteCarlo_data()
{
    QTest::addColumn<int>("experts");
    QTest::addColumn<int>("topK");
    QTest::addColumn<int>("gpus");
    QTest::addColumn<double>("s");
    QTest::addColumn<int>("batch");
    for (double s : { 0.5, 1.0, 2.0, 3.0 })
        for (int batch : { 1, 4, 64 }) {
            const QByteArray tag = QByteArray::number(s) + " B" + QByteArray::number(batch);
            QTest::newRow(QByteArray("mixtral s" + tag).constData()) << 8 << 2 << 4 << s << batch;
            QTest::newRow(QByteArray("deepseek-r1 s" + tag).constData()) << 256 << 8 << 32 << s << batch;
        }
}

void TestRoutingModel::zipfMatchesMonteCarlo()
{
    QFETCH(int, experts);
    QFETCH(int, topK);
    QFETCH(int, gpus);
    QFETCH(double, s);
    QFETCH(int, batch);
    const Draw mc = monteCarloZipf(experts, topK, batch, gpus, s, experts > 8 ? 3000 : 20000);
    const RoutingStats r
        = RoutingModel(zipf(s), experts).stats(topK, batch, gpus, BusiestGpuModel::Hypergeometric);
    TL_COMPARE_REL(r.activeExperts, mc.activeExperts, 0.05);
    TL_COMPARE_REL(r.busiestGpuExperts, mc.busiestGpu, 0.05);
}

void TestRoutingModel::skewMatchesEnumeration()
{
    // E = 4 on 2 GPUs, s = 2, top-2, batch 3: every ordered pair of picks per token, weighted by
    // its probability under draws without replacement.
    const int E = 4, k = 2, batch = 3;
    std::vector<double> w(E);
    for (int i = 0; i < E; ++i)
        w[i] = 1.0 / ((i + 1.0) * (i + 1.0));
    const double total = std::accumulate(w.begin(), w.end(), 0.0);
    std::vector<std::pair<unsigned, double>> picks; // (expert mask, probability) per token
    for (int a = 0; a < E; ++a)
        for (int b = 0; b < E; ++b)
            if (a != b)
                picks.push_back({ (1u << a) | (1u << b), w[a] / total * w[b] / (total - w[a]) });
    double active = 0, busiest = 0;
    for (const auto& [m1, p1] : picks)
        for (const auto& [m2, p2] : picks)
            for (const auto& [m3, p3] : picks) {
                const unsigned m = m1 | m2 | m3;
                const double p = p1 * p2 * p3;
                active += p * std::popcount(m);
                busiest += p * std::max(std::popcount(m & 3u), std::popcount(m & 12u));
            }
    const RoutingStats r = RoutingModel(zipf(2), E).stats(k, batch, 2, BusiestGpuModel::Hypergeometric);
    TL_COMPARE_REL(r.activeExperts, active, 1e-6);
    TL_COMPARE_REL(r.busiestGpuExperts, busiest, 0.05);
    // The skew concentrates load: fewer active experts than uniform routing.
    QVERIFY(r.activeExperts < RoutingStats::uniform(E, k, batch, 2).activeExperts);
}

void TestRoutingModel::coldHitRate()
{
    QCOMPARE(RoutingModel(Routing {}, 8).coldHitRate(2), 0.25);
    QCOMPARE(RoutingModel(Routing {}, 8).coldHitRate(0), 0.0);
    QCOMPARE(RoutingModel(zipf(1), 8).coldHitRate(8), 1.0);
    // s = 1, E = 8: H_8 = 761/280; the two hottest hold (1 + 1/2) / H_8 = 420/761.
    TL_COMPARE_REL(RoutingModel(zipf(1), 8).coldHitRate(2), 420.0 / 761, 1e-12);
    Routing t;
    t.kind = Routing::Kind::Trace;
    t.layerCounts = { { 1, 3, 0, 0 }, { 0, 0, 2, 2 } }; // layer hot sets: {1}, {2 or 3}
    TL_COMPARE_REL(RoutingModel(t, 4).coldHitRate(1), (0.75 + 0.5) / 2, 1e-12);
}

void TestRoutingModel::traceImportCounts()
{
    const auto r
        = RoutingTrace::parse("layer,token,expert\n0,0,1\n0,0,3\n0,1,1\n\n0,1,2\n7,0,0\n7,0,1\r\n", "t.csv");
    QVERIFY(r.ok());
    const std::vector<std::vector<double>> expected { { 0, 2, 1, 1 }, { 1, 1 } };
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
    Scenario s = preset("paper/mixtral-hbm"); // 8 experts, top-2, 4 GPUs: experts 0, 1 on GPU 0
    s.workload.routing.kind = Routing::Kind::Trace;
    s.workload.routing.layerCounts = { { 5, 5 }, { 7, 7 } }; // every token picks experts 0 and 1
    QVERIFY(validateScenario(s).empty());
    for (int batch : { 1, 64 }) {
        const Result r = evaluate(s, batch);
        QCOMPARE(r.activeExpertsPerLayer, 2.0);
        QCOMPARE(r.busiestGpuExpertsPerLayer, 2.0); // both live on GPU 0
        QCOMPARE(r.tokensPerActiveExpert, double(batch));
    }
    s.workload.routing.layerCounts = { { 0, 0, 0, 0, 0, 0, 0, 0, 1 } };
    const Problems p = validateScenario(s);
    QCOMPARE(p.size(), std::size_t(1));
    QCOMPARE(p.front().path, std::string("workload.routing.counts[0]"));
}

void TestRoutingModel::jsonRoundTrip()
{
    Scenario s = preset("default");
    s.workload.routing = zipf(1.2);
    s.placement.cache = { 16, -1, 0.3, 0.85, 0.9 };
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
    s.workload.routing.layerCounts = { { 1, 2 }, { 3, 0, 4 } };
    fromJson(toJson(s), back, "", out);
    QVERIFY(out.empty());
    QCOMPARE(back.workload.routing.layerCounts, s.workload.routing.layerCounts);
    // Files without the new keys keep the reference's behaviour.
    const nlohmann::json old = toJson(preset("default"));
    QVERIFY(!old["placement"].contains("cache"));
    QVERIFY(old["workload"]["routing"] == nlohmann::json({ { "kind", "uniform" } }));
}

void TestRoutingModel::jsonErrors()
{
    nlohmann::json j = toJson(preset("default"));
    j["workload"]["routing"] = { { "kind", "zipfian" } };
    j["placement"]["cache"] = { { "recal", 0.9 }, { "precision", "high" } };
    Scenario s;
    Problems out;
    fromJson(j, s, "", out);
    std::vector<std::string> text;
    for (const auto& p : out)
        text.push_back(p.toString());
    QVERIFY2(std::count(text.begin(), text.end(),
                 "workload.routing.kind: must be \"uniform\", \"zipf\" or \"trace\", got \"zipfian\"")
            == 1,
        text.front().c_str());
    QVERIFY(std::count(text.begin(), text.end(), "placement.cache.recal: is not a known field") == 1);
    QVERIFY(
        std::count(text.begin(), text.end(), "placement.cache.precision: must be a number, got string") == 1);
}

QTEST_APPLESS_MAIN(TestRoutingModel)
#include "tst_routingmodel.moc"
