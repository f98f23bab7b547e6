// Plan and price: re-pricing a planned scenario for other energy constants must give what a full
// evaluation gives, for every energy constant of scenarios that use every part of the model, and
// the grid runner must hand every point of a mixed grid the numbers of its own scenario.

#include "core/data/parampath.h"
#include "core/model/evaluator.h"
#include "core/model/requestmodel.h"
#include "core/model/tokencost.h"
#include "core/study/gridrunner.h"
#include "core/study/priceplan.h"
#include "tests/support/testsupport.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace tierlens;
using test::preset;

class TestPricePlan : public QObject {
    Q_OBJECT
private slots:
    void priceEqualsEvaluation_data();
    void priceEqualsEvaluation();
    void energyConstantsAreThePriceParams();
    void gridEqualsEachPointsOwnScenario_data();
    void gridEqualsEachPointsOwnScenario();
    void stoppedGridSendsNothing();
};

namespace {

// The step's energy and latency, the request's, and the cost per token: every metric a study can
// sweep.
const ScenarioMetrics kAll { 6, [](const Scenario& s, double* v) {
                                const Result r = evaluate(s);
                                const RequestResult q = evaluateRequest(s);
                                v[0] = r.totalEnergyJPerToken();
                                v[1] = r.totalLatencyS();
                                v[2] = q.metric(StudyMetric::EnergyPerRequest);
                                v[3] = q.metric(StudyMetric::Ttft);
                                v[4] = q.metric(StudyMetric::Tpot);
                                v[5] = tokenCost(s, r).usdPerMillionTokens();
                            } };

bool close(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)) + 1e-300;
}

} // namespace

void TestPricePlan::priceEqualsEvaluation_data()
{
    QTest::addColumn<QString>("scenario");
    // Copy from SSD over NVLink-C2C; tiered experts; a drive array; KV cache in CPU memory;
    // flash-offloaded dense weights; a phone's UFS; a bounce through host memory.
    for (const char* id : { "paper/maverick-ssd-nvlink5", "tiered/mixtral-hot-hbm-warm-ddr-cold-ssd",
             "hardware/mixtral-h200-nvme-gen5-1drive", "request/llama3.3-70b-kv-ddr",
             "paper/flash-opt6.7b-hybrid", "edge/qwen3-30b-a3b-ufs",
             "hardware/deepseek-r1-gb200-nvme-bounce" })
        QTest::newRow(id) << QString::fromLatin1(id);
}

void TestPricePlan::priceEqualsEvaluation()
{
    QFETCH(QString, scenario);
    Scenario s = preset(scenario.toStdString());
    s.workload.outputLength = 16; // a short request keeps the test fast; the sums are the same kind
    s.gpu.priceUsd = 25000; // priced, so that cost has electricity and capital parts
    s.cost.powerUsdPerKWh = 0.1;
    std::vector<std::string> paths;
    for (const auto& p : parampath::list(s))
        if (isPriceParam(p))
            paths.push_back(p.path);
    QVERIFY(paths.size() >= 5);
    std::vector<ParamRef> refs;
    for (const auto& p : paths)
        refs.push_back(*parampath::resolve(s, p));
    const PricePlan plan(s, refs, kAll);

    std::mt19937 rng(7);
    std::uniform_real_distribution<double> factor(0.0, 4.0);
    bool energyMoved = false;
    for (int draw = 0; draw < 6; ++draw) {
        // Every constant at once, anywhere from 0 to four times its value (or to 40 pJ from 0).
        Scenario moved = s;
        std::vector<double> values;
        for (const auto& r : refs) {
            const double v = r.get() > 0 ? r.get() * factor(rng) : 10 * factor(rng);
            values.push_back(v);
        }
        for (std::size_t i = 0; i < paths.size(); ++i)
            QVERIFY(parampath::set(moved, paths[i], values[i]));
        double expected[6], priced[6];
        kAll.of(moved, expected);
        plan.price(values.data(), priced);
        for (int k = 0; k < 6; ++k)
            QVERIFY2(close(priced[k], expected[k]),
                qPrintable(QStringLiteral("metric %1: priced %2, evaluated %3")
                               .arg(k)
                               .arg(priced[k], 0, 'g', 17)
                               .arg(expected[k], 0, 'g', 17)));
        double own[6];
        kAll.of(s, own);
        energyMoved = energyMoved || !close(expected[0], own[0]);
        // Times do not depend on an energy constant.
        QCOMPARE(expected[1], own[1]);
        QCOMPARE(expected[3], own[3]);
    }
    QVERIFY(energyMoved);
}

void TestPricePlan::energyConstantsAreThePriceParams()
{
    const Scenario s = preset("paper/maverick-ssd-nvlink5");
    std::vector<std::string> price, other;
    for (const auto& p : parampath::list(s))
        (isPriceParam(p) ? price : other).push_back(p.path);
    for (const char* path : { "tiers.ssd.read_pj_per_bit", "links.nvlink-c2c-gen5.pj_per_bit",
             "gpu.hbm_read_pj_per_bit", "gpu.hbm_write_pj_per_bit" })
        QVERIFY2(std::find(price.begin(), price.end(), path) != price.end(), path);
    // Bandwidths, powers, sizes and prices move times, choices or cost, not only energy.
    for (const char* path : { "tiers.ssd.bandwidth_gb_s", "links.nvlink-c2c-gen5.bandwidth_gb_s",
             "gpu.idle_power_w", "workload.batch" })
        QVERIFY2(std::find(other.begin(), other.end(), path) != other.end(), path);
}

void TestPricePlan::gridEqualsEachPointsOwnScenario_data()
{
    QTest::addColumn<unsigned>("threads");
    QTest::newRow("one thread") << 1u;
    QTest::newRow("three threads") << 3u;
}

void TestPricePlan::gridEqualsEachPointsOwnScenario()
{
    QFETCH(unsigned, threads);
    const Scenario s = preset("paper/maverick-ssd-nvlink5");
    // Structural and price axes interleaved, one scaled, and one the scenario lacks.
    const std::vector<StudyAxis> axes { { "workload.batch", {}, { 1, 8, 64 }, false },
        { "tiers.ssd.read_pj_per_bit", {}, { 0.5, 1 }, true },
        { "tiers.nope.read_pj_per_bit", {}, { 1, 2 }, false },
        { "links.nvlink-c2c-gen5.bandwidth_gb_s", {}, { 450, 900 }, false },
        { "gpu.hbm_read_pj_per_bit", {}, { 2, 4, 8 }, false } };
    const std::size_t n = gridPointCount(axes);
    QCOMPARE(n, std::size_t(3 * 2 * 2 * 2 * 3));
    std::vector<double> energy(n, -1), latency(n, -1);
    std::vector<int> calls(n, 0);
    const ScenarioMetrics m { 2, [](const Scenario& sc, double* v) {
                                 const Result r = evaluate(sc);
                                 v[0] = r.totalEnergyJPerToken();
                                 v[1] = r.totalLatencyS();
                             } };
    StudyControl control;
    QVERIFY(runGrid(
        s, axes, m,
        [&](std::size_t i, const double* v) {
            energy[i] = v[0];
            latency[i] = v[1];
            ++calls[i];
        },
        &control, threads));
    QCOMPARE(control.done.load(), n);
    const double ssd = s.findTier("ssd")->readPjPerBit;
    for (std::size_t i = 0; i < n; ++i) {
        QCOMPARE(calls[i], 1);
        // The point's scenario from its index, written out by hand.
        const std::size_t batch = i / 24, scale = (i / 12) % 2, link = (i / 3) % 2, hbm = i % 3;
        Scenario p = s;
        p.workload.batch = std::array { 1, 8, 64 }[batch];
        p.findTier("ssd")->readPjPerBit = ssd * (scale ? 1.0 : 0.5);
        p.findLink("nvlink-c2c-gen5")->bandwidthGBs = link ? 900 : 450;
        p.gpu.hbmReadPjPerBit = std::array { 2.0, 4.0, 8.0 }[hbm];
        const Result r = evaluate(p);
        QVERIFY2(close(energy[i], r.totalEnergyJPerToken()), qPrintable(QString::number(i)));
        QCOMPARE(latency[i], r.totalLatencyS());
    }
}

void TestPricePlan::stoppedGridSendsNothing()
{
    const Scenario s = preset("paper/maverick-ssd-nvlink5");
    const std::vector<StudyAxis> axes { { "workload.batch", {}, { 1, 2, 4 }, false } };
    StudyControl control;
    control.stop = true;
    int calls = 0;
    const bool whole = runGrid(
        s, axes, { 1, [](const Scenario&, double* v) { *v = 1; } },
        [&](std::size_t, const double*) { ++calls; }, &control, 2);
    QVERIFY(!whole);
    QCOMPARE(calls, 0);
}

QTEST_APPLESS_MAIN(TestPricePlan)
#include "tst_priceplan.moc"
