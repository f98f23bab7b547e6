// Routed experts spread over HBM, CPU memory and SSD by popularity: shares, copy time over
// shared links, capacity, JSON and validation, against hand-computed numbers.

#include "core/data/study.h"
#include "core/data/workspace.h"
#include "core/explain/explainer.h"
#include "core/io/scenariojson.h"
#include "core/model/capacitycheck.h"
#include "core/model/evaluator.h"
#include "core/model/tieredplacement.h"
#include "core/study/studyrunner.h"
#include "core/validation/validator.h"
#include "tests/support/testsupport.h"

#include <nlohmann/json.hpp>

#include <cmath>

using namespace tierlens;
using test::compareResults;
using test::preset;

class TestTieredPlacement : public QObject {
    Q_OBJECT
private slots:
    void uniformShareIsExpertsOverE();
    void zipfShareIsTheHottestActiveProbabilities();
    void singleEntryEqualsTheExpertTier();
    void allInHbmEqualsTheHbmPlacement();
    void sharedLinkCarriesTheSum();
    void cacheServesTheOffloadedExperts();
    void capacityNamesTheTier();
    void explanationsSplitByTier();
    void jsonRoundTrip();
    void studyComparesThePlacements();
    void windowComparesThePlacements();
    void badInputIsNamed_data();
    void badInputIsNamed();
};

namespace {
constexpr double kExpert = 3.0 * 4096 * 14336 * 2; // Mixtral: gate, up, down at 16 bit
constexpr double kRouter = 4096.0 * 8 * 2;
constexpr double kC2c = 900e9, kPcie = 64e9;

// 2 experts in HBM, 2 in CPU memory over NVLink-C2C, 4 on SSD over PCIe then NVLink-C2C.
Scenario threeTiers()
{
    Scenario s = preset("paper/mixtral-hbm");
    s.placement.tiers = { { "hbm", 2, {} }, { "ddr", 2, { "nvlink-c2c-gen5" } },
        { "ssd", -1, { "pcie-gen5-x16", "nvlink-c2c-gen5" } } };
    return s;
}

// Beyond the shared comparison: where bytes go, the bandwidth left to compute and the warnings.
void compareAll(const Result& a, const Result& b)
{
    compareResults(a, b);
    QCOMPARE(a.effectiveHbmBandwidthGBs, b.effectiveHbmBandwidthGBs);
    QCOMPARE(a.bytesPerStep, b.bytesPerStep);
    QCOMPARE(a.warnings, b.warnings);
}
} // namespace

void TestTieredPlacement::uniformShareIsExpertsOverE()
{
    const Scenario s = threeTiers();
    const Result r = evaluate(s, 1); // batch 1, top-2: 2 active experts per layer
    QCOMPARE(r.q.tierCopies.size(), std::size_t(3));
    QCOMPARE(r.q.tierCopies[0].share, 2.0 / 8);
    QCOMPARE(r.q.tierCopies[1].share, 2.0 / 8);
    QCOMPARE(r.q.tierCopies[2].share, 4.0 / 8);
    // HBM experts are never copied; the router rides with the SSD copy (4 GPUs, 32 MoE layers).
    const double ddr = 32 * 2 * 0.25 * kExpert, ssd = 32 * (4 * kRouter + 2 * 0.5 * kExpert);
    TL_COMPARE_REL(r.bytesPerStep.at("ddr"), ddr, 1e-12);
    TL_COMPARE_REL(r.bytesPerStep.at("ssd"), ssd, 1e-12);
    TL_COMPARE_REL(r.bytesPerStep.at("pcie-gen5-x16"), ssd, 1e-12);
    TL_COMPARE_REL(r.bytesPerStep.at("nvlink-c2c-gen5"), ddr + ssd, 1e-12);
    TL_COMPARE_REL(r.copiedBytes, ddr + ssd, 1e-12);
    // Tier read (DDR 9.2, SSD 102.4 pJ/bit) and HBM write (4.2 pJ/bit), per token at batch 1.
    TL_COMPARE_REL(
        r.energy(EnergyPart::MoeOffload), (ddr * (9.2 + 4.2) + ssd * (102.4 + 4.2)) * 8e-12, 1e-12);
}

void TestTieredPlacement::zipfShareIsTheHottestActiveProbabilities()
{
    Scenario s = threeTiers();
    s.workload.routing.kind = Routing::Kind::Zipf;
    s.workload.routing.zipfExponent = 1;
    const int batch = 4;
    // p_i = (1/(i+1)) / H_8. Two draws without replacement choose expert i with
    // pi_i = p_i + sum_{j != i} p_j p_i / (1 - p_j); it is active with 1 - (1 - pi_i)^4.
    double harmonic = 0;
    for (int i = 1; i <= 8; ++i)
        harmonic += 1.0 / i;
    double pi[8], P[8], total = 0;
    for (int i = 0; i < 8; ++i) {
        const double p = 1.0 / (i + 1) / harmonic;
        pi[i] = p;
        for (int j = 0; j < 8; ++j)
            if (j != i)
                pi[i] += (1.0 / (j + 1) / harmonic) * p / (1 - 1.0 / (j + 1) / harmonic);
        P[i] = 1 - std::pow(1 - pi[i], batch);
        total += P[i];
    }
    const Result r = evaluate(s, batch);
    TL_COMPARE_REL(r.q.tierCopies[0].share, (P[0] + P[1]) / total, 1e-6);
    TL_COMPARE_REL(r.q.tierCopies[1].share, (P[2] + P[3]) / total, 1e-6);
    TL_COMPARE_REL(r.q.tierCopies[2].share, (P[4] + P[5] + P[6] + P[7]) / total, 1e-6);
    TL_COMPARE_REL(r.activeExpertsPerLayer, total, 1e-6);
    TL_COMPARE_REL(r.bytesPerStep.at("ddr"), 32 * (P[2] + P[3]) * kExpert, 1e-6);
    // A trace that records those choices backwards (shares pi_i / 2) puts the same probabilities
    // on the other ids.
    Scenario trace = s;
    trace.workload.routing.kind = Routing::Kind::Trace;
    trace.workload.routing.layerCounts = { { pi[7], pi[6], pi[5], pi[4], pi[3], pi[2], pi[1], pi[0] } };
    TL_COMPARE_REL(evaluate(trace, batch).q.tierCopies[0].share, (P[0] + P[1]) / total, 1e-6);
}

void TestTieredPlacement::singleEntryEqualsTheExpertTier()
{
    Scenario single = preset("paper/mixtral-hbm");
    single.placement.expertTier = "ssd";
    single.placement.path = { "pcie-gen5-x16", "nvlink-c2c-gen5" };
    Scenario listed = preset("paper/mixtral-hbm");
    listed.placement.tiers = { { "ssd", -1, single.placement.path } };
    for (auto kind : { Routing::Kind::Uniform, Routing::Kind::Zipf }) {
        single.workload.routing.kind = listed.workload.routing.kind = kind;
        for (const ExpertCache& cache : { ExpertCache {}, ExpertCache { 3, -1, 0.5, 0.8, 0.85 } }) {
            single.placement.cache = listed.placement.cache = cache;
            for (int batch : { 1, 16, 256 })
                compareAll(evaluate(listed, batch), evaluate(single, batch));
        }
    }
}

void TestTieredPlacement::allInHbmEqualsTheHbmPlacement()
{
    const Scenario hbm = preset("paper/mixtral-hbm");
    Scenario listed = hbm;
    listed.placement.tiers = { { "hbm", -1, {} } };
    QVERIFY(!listed.expertsOffloaded());
    Scenario emptySsd = hbm; // a tier that holds no expert copies nothing
    emptySsd.placement.tiers = { { "hbm", 8, {} }, { "ssd", -1, { "nvlink-c2c-gen5" } } };
    QVERIFY(!emptySsd.expertsOffloaded());
    for (int batch : { 1, 64 }) {
        compareAll(evaluate(listed, batch), evaluate(hbm, batch));
        compareAll(evaluate(emptySsd, batch), evaluate(hbm, batch));
    }
}

void TestTieredPlacement::sharedLinkCarriesTheSum()
{
    Scenario s = threeTiers();
    s.placement.tiers[2].path = { "pcie-gen5-x16" }; // distinct paths first: the slower stream sets the time
    s.options.copyStealsHbmBandwidth = false;
    Result r = evaluate(s, 1);
    const double busiest = r.busiestGpuExpertsPerLayer * kExpert;
    const double ddrPerGpu = 0.25 * busiest, ssdPerGpu = kRouter + 0.5 * busiest;
    TL_COMPARE_REL(r.q.copyPerLayerS, std::max(ddrPerGpu / kC2c, 1e-6 + ssdPerGpu / kPcie), 1e-12);

    // A slow shared hop: DDR and SSD both cross a 50 GB/s link, which carries their sum.
    s.links.push_back({});
    s.links.back().id = "slow";
    s.links.back().name = "Slow shared hop";
    s.links.back().bandwidthGBs = 50;
    s.links.back().latencyUs = 2;
    s.placement.tiers[1].path = { "slow" };
    s.placement.tiers[2].path = { "pcie-gen5-x16", "slow" };
    r = evaluate(s, 1);
    const double alone = 3e-6 + ssdPerGpu / 50e9; // each stream alone is slower than it is shared
    const double shared = 3e-6 + (ddrPerGpu + ssdPerGpu) / 50e9;
    QVERIFY(shared > alone);
    TL_COMPARE_REL(r.q.copyPerLayerS, shared, 1e-12);
    TL_COMPARE_REL(r.copyS, 32 * shared, 1e-12);
    // Together the streams write into HBM no faster than the shared hop.
    TL_COMPARE_REL(TieredPlacement::bandwidth(s, r.q.tierCopies), 50e9, 1e-12);
}

void TestTieredPlacement::cacheServesTheOffloadedExperts()
{
    Scenario s = threeTiers();
    s.workload.routing.kind = Routing::Kind::Zipf;
    s.placement.cache.capacity = 2; // holds experts 3 and 4 by popularity, not the HBM ones
    const Result r = evaluate(s, 1);
    double h = 0;
    for (int i = 1; i <= 8; ++i)
        h += 1.0 / i;
    const double offloaded = (1.0 / 3 + 1.0 / 4 + 1.0 / 5 + 1.0 / 6 + 1.0 / 7 + 1.0 / 8) / h;
    TL_COMPARE_REL(r.q.cacheColdHitRate, (1.0 / 3 + 1.0 / 4) / h / offloaded, 1e-12);
    TL_COMPARE_REL(r.q.flow.hitRate, r.q.cacheColdHitRate, 1e-12);
    // The cache and the HBM experts share HBM: one block of each per GPU and MoE layer.
    Scenario allOnSsd = preset("paper/mixtral-hbm");
    allOnSsd.placement.tiers = { { "ssd", -1, { "nvlink-c2c-gen5" } } };
    const double none = CapacityCheck::of(allOnSsd, 1).hbmWeightBytes;
    TL_COMPARE_REL(CapacityCheck::of(s, 1).hbmWeightBytes - none, 32 * (1 + 1) * kExpert, 1e-12);
}

void TestTieredPlacement::capacityNamesTheTier()
{
    Scenario s = threeTiers();
    QVERIFY(CapacityCheck::of(s, 1).warnings.empty());
    // Each GPU holds one of DDR's 2 experts per layer: 32 × 1 expert = 10.5 GiB.
    TL_COMPARE_REL(CapacityCheck::of(s, 1).tierBytes, 32 * (1 + 1) * kExpert, 1e-12);
    s.findTier("ddr")->capacityGiB = 8;
    const auto w = CapacityCheck::of(s, 1).warnings;
    QCOMPARE(w.size(), std::size_t(1));
    QVERIFY2(w[0].find("\"ddr\"") != std::string::npos && w[0].find("2 routed experts") != std::string::npos
            && w[0].find("10.5 GiB of its 8.0 GiB") != std::string::npos,
        w[0].c_str());
    QCOMPARE(evaluate(s, 1).warnings, w);
}

void TestTieredPlacement::explanationsSplitByTier()
{
    Scenario s = preset("tiered/mixtral-hot-hbm-warm-ddr-cold-ssd");
    s.placement.cache = { 1, -1, 0.3, 0.8, 0.9 };
    s.findLink("nvlink-c2c-gen5")->pjPerBit = 1.3;
    s.findLink("pcie-gen5-x16")->pjPerBit = 4;
    for (int batch : { 1, 64 }) {
        const Result r = evaluate(s, batch);
        auto check = [&](const Explanation& ex, double reported) {
            QVERIFY2(ex.note.find("Warning") == std::string::npos, ex.note.c_str());
            TL_COMPARE_REL(ex.value + 1e-30, reported + 1e-30, 1e-9);
        };
        const Explanation energy = explainEnergy(s, r, EnergyPart::MoeOffload);
        check(energy, r.energy(EnergyPart::MoeOffload));
        // The last step sums the tiers: CPU memory and SSD, each with its own read pJ/bit.
        QCOMPARE(energy.steps.back().terms.size(), std::size_t(2));
        const Explanation moe = explainLatency(s, r, LatencyPart::Moe);
        check(moe, r.latency(LatencyPart::Moe));
        bool shared = false;
        for (const auto& st : moe.steps)
            shared = shared || st.what.find("is shared") != std::string::npos;
        QVERIFY(shared); // both copies cross NVLink-C2C
        for (EnergyPart p : { EnergyPart::Link, EnergyPart::PrefetchWaste })
            check(explainEnergy(s, r, p), r.energy(p));
        check(explainLatency(s, r, LatencyPart::Stall), r.latency(LatencyPart::Stall));
        check(explainTotalLatency(s, r), r.totalLatencyS());
        check(explainTotalEnergy(s, r), r.totalEnergyJPerToken());
        QVERIFY2(energy.context.find("2 in HBM") != std::string::npos, energy.context.c_str());
    }
}

void TestTieredPlacement::jsonRoundTrip()
{
    const Scenario s = preset("tiered/mixtral-hot-hbm-warm-ddr-cold-ssd");
    QCOMPARE(s.placement.tiers.size(), std::size_t(3));
    QCOMPARE(s.placement.tiers[2].experts, -1);
    QVERIFY(validateScenario(s).empty());
    const nlohmann::json j = toJson(s.placement);
    QVERIFY(!j["tiers"][2].contains("experts"));
    QVERIFY(!j["tiers"][0].contains("path"));
    Placement back;
    Problems problems;
    fromJson(j, back, "placement", problems);
    QVERIFY(problems.empty());
    QVERIFY(back.tiers == s.placement.tiers);
    // Without a list the JSON is what it always was.
    QVERIFY(!toJson(preset("paper/mixtral-hbm").placement).contains("tiers"));
    QVERIFY(evaluate(s, 1).copiedBytes > 0);
}

void TestTieredPlacement::studyComparesThePlacements()
{
    const auto* entry = PresetLibrary::builtin().find(PresetKind::Study, "tiered/mixtral-tiers-energy");
    QVERIFY(entry);
    const auto loaded = loadStudy(entry->json, PresetLibrary::builtin());
    for (const auto& p : loaded.problems)
        qWarning("%s", p.toString().c_str());
    QVERIFY(loaded.ok());
    const Study& st = loaded.value;
    QCOMPARE(st.series.size(), std::size_t(3));
    // The patches leave one expert tier, the tier list, and HBM alone.
    const Scenario& ssd = st.series[0].scenario;
    const Scenario& tiered = st.series[1].scenario;
    const Scenario& hbm = st.series[2].scenario;
    QVERIFY(ssd.placement.tiers.empty() && ssd.placement.expertTier == "ssd");
    QCOMPARE(tiered.placement.tiers.size(), std::size_t(3));
    QVERIFY(!hbm.expertsOffloaded());
    for (int batch : { 1, 64 }) {
        const Result a = evaluate(ssd, batch), b = evaluate(tiered, batch), c = evaluate(hbm, batch);
        // Hot experts in HBM and warm ones in CPU memory read less from the 102.4 pJ/bit SSD.
        QVERIFY(a.energy(EnergyPart::MoeOffload) > b.energy(EnergyPart::MoeOffload));
        QVERIFY(b.energy(EnergyPart::MoeOffload) > c.energy(EnergyPart::MoeOffload));
        QVERIFY(a.copiedBytes > b.copiedBytes);
    }
    QCOMPARE(runStudy(st).bars.size(), std::size_t(3 * 6)); // three placements at six batches
}

void TestTieredPlacement::windowComparesThePlacements()
{
    Workspace w;
    w.scenario = preset("tiered/mixtral-hot-hbm-warm-ddr-cold-ssd");
    const auto options = w.effectivePlacements();
    QCOMPARE(options.back().id, std::string("tiered"));
    QCOMPARE(w.placed(options.back()).placement.tiers.size(), std::size_t(3));
    // Every other option puts all experts on one tier, as without a list.
    const Scenario ssd = w.placed(options[2]);
    QCOMPARE(ssd.placement.expertTier, std::string("ssd"));
    QVERIFY(ssd.placement.tiers.empty());
    QVERIFY(evaluate(ssd, 1).copiedBytes > evaluate(w.placed(options.back()), 1).copiedBytes);
    QVERIFY(!w.placed(options[0]).expertsOffloaded());
}

void TestTieredPlacement::badInputIsNamed_data()
{
    QTest::addColumn<QString>("tiers");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << "[]"
                           << "placement.tiers"
                           << "non-empty list";
    QTest::newRow("negative") << R"([{"tier": "ssd", "experts": -2}])"
                              << "placement.tiers[0].experts"
                              << ">= 0";
    QTest::newRow("unknown tier") << R"([{"tier": "tape"}])"
                                  << "placement.tiers[0].tier"
                                  << "unknown tier \"tape\"";
    QTest::newRow("unknown link") << R"([{"tier": "ssd", "path": ["wire"]}])"
                                  << "placement.tiers[0].path[0]"
                                  << "unknown link \"wire\"";
    QTest::newRow("over E") << R"([{"tier": "hbm", "experts": 6}, {"tier": "ssd", "experts": 3}])"
                            << "placement.tiers"
                            << "hold 9 experts per MoE layer; the model has 8";
    QTest::newRow("under E") << R"([{"tier": "ssd", "experts": 3}])"
                             << "placement.tiers"
                             << "hold 3 of the model's 8";
    QTest::newRow("rest not last") << R"([{"tier": "ssd"}, {"tier": "ddr", "experts": 1}])"
                                   << "placement.tiers[0].experts"
                                   << "only the last entry";
    QTest::newRow("twice") << R"([{"tier": "ssd", "experts": 1}, {"tier": "ssd"}])"
                           << "placement.tiers[1].tier"
                           << "already listed at placement.tiers[0]";
    QTest::newRow("unknown key") << R"([{"tier": "ssd", "count": 1}])"
                                 << "placement.tiers[0].count"
                                 << "not a known field";
}

void TestTieredPlacement::badInputIsNamed()
{
    QFETCH(QString, tiers);
    QFETCH(QString, path);
    QFETCH(QString, message);
    const Scenario base = preset("paper/mixtral-hbm");
    nlohmann::json j = toJson(base.placement);
    j["tiers"] = nlohmann::json::parse(tiers.toStdString());
    Scenario s = base;
    Problems problems;
    fromJson(j, s.placement, "placement", problems);
    for (const auto& p : validateScenario(s))
        problems.push_back(p);
    QString all;
    bool found = false;
    for (const auto& p : problems) {
        all += QString::fromStdString(p.toString());
        all += QLatin1Char('\n');
        found = found
            || (QString::fromStdString(p.path) == path
                && QString::fromStdString(p.message).contains(message));
    }
    QVERIFY2(found, qPrintable(all));
    evaluate(s, 4); // whatever was read, evaluating it does not crash
}

QTEST_APPLESS_MAIN(TestTieredPlacement)
#include "tst_tieredplacement.moc"
