// Link energy, the HBM expert cache and the prefetch predictor, against hand-computed numbers.

#include "core/data/parampath.h"
#include "core/explain/explainer.h"
#include "core/model/capacitycheck.h"
#include "core/model/evaluator.h"
#include "tests/support/testsupport.h"

using namespace tierlens;
using test::compareResults;
using test::preset;

class TestMoeOffload : public QObject {
    Q_OBJECT
private slots:
    void copyLinkEnergyIsItsOwnComponent();
    void communicationPaysItsLinks();
    void perfectPredictorWithoutCacheIsTheReference();
    void cacheOfAllExpertsRemovesTheCopy();
    void uniformCacheHitsCapacityOverExperts();
    void temporalLocalityRaisesTheHitRate();
    void imprecisePredictorWastesBytes();
    void missedExpertsStall();
    void capacityWarnings();
    void explanationsMatchTheModel_data();
    void explanationsMatchTheModel();
};

namespace {
constexpr double kExpert = 3.0 * 4096 * 14336 * 2; // Mixtral: gate, up, down at 16 bit
constexpr double kRouter = 4096.0 * 8 * 2;

Scenario mixtralOnSsd()
{
    Scenario s = preset("paper/mixtral-hbm");
    s.placement.expertTier = "ssd";
    s.placement.path = { "nvlink-c2c-gen5" };
    return s;
}

} // namespace

void TestMoeOffload::copyLinkEnergyIsItsOwnComponent()
{
    Scenario s = mixtralOnSsd();
    const Result before = evaluate(s, 1);
    QCOMPARE(before.energy(EnergyPart::Link), 0.0); // the reference's links cost nothing
    QVERIFY(parampath::set(s, "links.nvlink-c2c-gen5.pj_per_bit", 1.3));
    const Result after = evaluate(s, 1);
    // Batch 1, top-2: two experts per layer, every GPU copies the router; 32 MoE layers.
    const double copied = 32 * (2 * kExpert + 4 * kRouter);
    TL_COMPARE_REL(after.energy(EnergyPart::Link), copied * 8 * 1.3e-12, 1e-12);
    // The tier read and HBM write stay where they were.
    QCOMPARE(after.energy(EnergyPart::MoeOffload), before.energy(EnergyPart::MoeOffload));
    TL_COMPARE_REL(after.energy(EnergyPart::MoeOffload), copied * 8 * (102.4 + 4.2) * 1e-12, 1e-12);
}

void TestMoeOffload::communicationPaysItsLinks()
{
    Scenario s = preset("paper/mixtral-hbm"); // 1 node × 4 GPUs, TP 4, experts in HBM
    QVERIFY(parampath::set(s, "links.nvlink4.pj_per_bit", 2));
    const Result r = evaluate(s, 4);
    // DP 1: 4 tokens per GPU. AllReduce of 4 × 4096 × 2 B after attention and after the FFN of each
    // of 32 layers; a ring sends 2 × 3/4 of it from each of the 4 GPUs.
    const double allReduce = 2.0 * 32 * 4 * (1.5 * 4 * 4096 * 2);
    // Dispatch and combine per MoE layer: 4 tokens × top-2 × 3/4 remote × 4096 × 2 B / TP 4.
    const double dispatch = 2.0 * 32 * 4 * (4 * 2 * 0.75 * 4096 * 2 / 4.0);
    TL_COMPARE_REL(r.energy(EnergyPart::Link), (allReduce + dispatch) * 8 * 2e-12 / 4, 1e-12);
    QCOMPARE(evaluate(preset("paper/mixtral-hbm"), 4).energy(EnergyPart::Link), 0.0);
}

void TestMoeOffload::perfectPredictorWithoutCacheIsTheReference()
{
    const Scenario s = mixtralOnSsd();
    Scenario explicitLimits = s;
    explicitLimits.placement.cache = { 0, -1, 0.7, 1.0, 1.0 }; // locality needs a cache to act on
    for (int batch : { 1, 16, 256 }) {
        const Result ref = evaluate(s, batch);
        compareResults(evaluate(explicitLimits, batch), ref);
        QCOMPARE(ref.energy(EnergyPart::PrefetchWaste), 0.0);
        QCOMPARE(ref.latency(LatencyPart::Stall), 0.0);
    }
    TL_COMPARE_REL(evaluate(explicitLimits, 1).copiedBytes, 32 * (2 * kExpert + 4 * kRouter), 1e-12);
}

void TestMoeOffload::cacheOfAllExpertsRemovesTheCopy()
{
    Scenario s = mixtralOnSsd();
    s.placement.cache.capacity = 8;
    s.placement.cache.recall = 0.5; // nothing misses, so nothing stalls
    s.placement.cache.precision = 0.5;
    const Result r = evaluate(s, 16);
    QCOMPARE(r.copiedBytes, 0.0);
    QCOMPARE(r.copyS, 0.0);
    QCOMPARE(r.energy(EnergyPart::MoeOffload), 0.0);
    QCOMPARE(r.energy(EnergyPart::PrefetchWaste), 0.0);
    QCOMPARE(r.latency(LatencyPart::Stall), 0.0);
    QCOMPARE(r.effectiveHbmBandwidthGBs, 3352.0); // no copy competes for HBM
    // Everything lives in HBM: the step is the HBM placement's (same tiers installed).
    Scenario hbm = s;
    hbm.placement.expertTier = "hbm";
    hbm.placement.path.clear();
    compareResults(r, evaluate(hbm, 16));
}

void TestMoeOffload::uniformCacheHitsCapacityOverExperts()
{
    Scenario s = mixtralOnSsd();
    s.placement.cache.capacity = 4;
    const Result r = evaluate(s, 1);
    QCOMPARE(r.q.flow.hitRate, 0.5); // c / E = 4 / 8
    TL_COMPARE_REL(r.copiedBytes, 32 * (4 * kRouter + 2 * 0.5 * kExpert), 1e-12);
    s.placement.cache.hitRate = 0.25; // set directly
    TL_COMPARE_REL(evaluate(s, 1).copiedBytes, 32 * (4 * kRouter + 2 * 0.75 * kExpert), 1e-12);
}

void TestMoeOffload::temporalLocalityRaisesTheHitRate()
{
    Scenario s = mixtralOnSsd();
    s.placement.cache.capacity = 4;
    s.placement.cache.temporalLocality = 0.5;
    // Batch 1: A = 2 active experts fit in the cache: h = 1/2 + 0.5 × (1 − 1/2) × 1.
    QCOMPARE(evaluate(s, 1).q.flow.hitRate, 0.75);
    // Batch 1024: A ≈ 8 > c: locality acts on c/A of the misses.
    const Result big = evaluate(s, 1024);
    TL_COMPARE_REL(big.q.flow.hitRate, 0.5 + 0.5 * 0.5 * 4 / big.activeExpertsPerLayer, 1e-12);
}

void TestMoeOffload::imprecisePredictorWastesBytes()
{
    Scenario s = mixtralOnSsd();
    s.placement.cache.precision = 0.5; // one wasted expert per useful one
    const Result ref = evaluate(mixtralOnSsd(), 1);
    const Result r = evaluate(s, 1);
    const double wasted = 32 * 2 * kExpert;
    TL_COMPARE_REL(r.q.wastedBytes, wasted, 1e-12);
    TL_COMPARE_REL(r.energy(EnergyPart::PrefetchWaste), wasted * 8 * (102.4 + 0 + 4.2) * 1e-12, 1e-12);
    QCOMPARE(r.energy(EnergyPart::MoeOffload), ref.energy(EnergyPart::MoeOffload));
    TL_COMPARE_REL(r.copiedBytes, ref.copiedBytes + wasted, 1e-12);
    // The wasted bytes share the prefetch stream: the busiest GPU would stage twice its active
    // experts (2 × 8/7), but it holds only 2 of the layer's 8: it stages both, and no more.
    QVERIFY(2 * r.busiestGpuExpertsPerLayer > 2);
    TL_COMPARE_REL(r.copyS, 32 * (kRouter + 2 * kExpert) / 900e9, 1e-12);
    QCOMPARE(r.latency(LatencyPart::Stall), 0.0);
}

void TestMoeOffload::missedExpertsStall()
{
    Scenario s = mixtralOnSsd();
    s.placement.cache.recall = 0.6;
    QVERIFY(parampath::set(s, "links.nvlink-c2c-gen5.latency_us", 2));
    const Result r = evaluate(s, 1);
    const double busiest = r.busiestGpuExpertsPerLayer;
    // 40 % of the experts arrive on demand: 2 µs of link latency plus their bytes at 900 GB/s.
    TL_COMPARE_REL(r.latency(LatencyPart::Stall), 32 * (2e-6 + busiest * 0.4 * kExpert / 900e9), 1e-12);
    TL_COMPARE_REL(r.copyS, 32 * (2e-6 + (kRouter + busiest * 0.6 * kExpert) / 900e9), 1e-12);
    // Every needed byte is still copied once: the energy is the reference's.
    TL_COMPARE_REL(r.copiedBytes, 32 * (2 * kExpert + 4 * kRouter), 1e-12);
    QCOMPARE(r.energy(EnergyPart::PrefetchWaste), 0.0);
    TL_COMPARE_REL(r.totalLatencyS() - r.latency(LatencyPart::Stall),
        r.latency(LatencyPart::Fc) + r.latency(LatencyPart::Attention) + r.latency(LatencyPart::Moe)
            + r.latency(LatencyPart::Communication),
        1e-12);
}

void TestMoeOffload::capacityWarnings()
{
    const Scenario hbm = preset("paper/mixtral-hbm"); // TP 4 on 4 GPUs
    const CapacityCheck c = CapacityCheck::of(hbm, 1);
    // Attention 4096 × 128 × (32 + 16) + 128 × 32 × 4096 per layer, 32 layers, embedding and LM head
    // 2 × 32000 × 4096, all over TP 4; the whole router; 2 of the 8 experts of each of 32 layers.
    const double sharded = (32 * (4096.0 * 128 * 48 + 128.0 * 32 * 4096) + 2 * 32000.0 * 4096) / 4 * 2;
    TL_COMPARE_REL(c.hbmWeightBytes, sharded + 32 * 4096.0 * 8 * 2 + 32 * 2 * kExpert, 1e-12);
    // KV: 32 layers × 2 × (8 KV heads / TP 4) × 128 × 1025 tokens × 1 sequence × 2 B.
    TL_COMPARE_REL(c.hbmKvBytes, 32 * 2 * 2 * 128 * 1025.0 * 2, 1e-12);
    QVERIFY(c.warnings.empty());
    QVERIFY(evaluate(hbm, 1024).warnings.empty());
    // About 1860 sequences of KV cache fill the 80 GiB beside the weights.
    const Result big = evaluate(hbm, 2048);
    QCOMPARE(big.warnings.size(), std::size_t(1));
    QVERIFY2(big.warnings.front().rfind("HBM does not fit at batch 2048: each GPU needs ", 0) == 0,
        big.warnings.front().c_str());

    Scenario ssd = mixtralOnSsd();
    QVERIFY(parampath::set(ssd, "tiers.ssd.capacity_gib", 1));
    const CapacityCheck t = CapacityCheck::of(ssd, 1);
    TL_COMPARE_REL(t.tierBytes, 32 * 2 * kExpert, 1e-12);
    TL_COMPARE_REL(t.hbmWeightBytes, c.hbmWeightBytes - 32 * 2 * kExpert, 1e-12); // no cache
    QCOMPARE(t.warnings.size(), std::size_t(1));
    QCOMPARE(t.warnings.front(),
        std::string("Tier \"ssd\" does not fit the routed experts: each GPU's share "
                    "is 21.0 GiB of its 1.0 GiB."));
    ssd.placement.cache.capacity = 4; // one cached expert per GPU and layer
    TL_COMPARE_REL(CapacityCheck::of(ssd, 1).hbmWeightBytes, t.hbmWeightBytes + 32 * kExpert, 1e-12);
}

void TestMoeOffload::explanationsMatchTheModel_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<double>("recall");
    QTest::addColumn<double>("precision");
    QTest::addColumn<int>("routing");
    QTest::newRow("reference") << 0 << 1.0 << 1.0 << 0;
    QTest::newRow("st-moe-like") << 2 << 0.85 << 0.85 << 0;
    QTest::newRow("zipf, cache") << 3 << 0.97 << 0.9 << 1;
    QTest::newRow("all cached") << 8 << 0.5 << 0.5 << 1;
}

void TestMoeOffload::explanationsMatchTheModel()
{
    QFETCH(int, capacity);
    QFETCH(double, recall);
    QFETCH(double, precision);
    QFETCH(int, routing);
    Scenario s = mixtralOnSsd();
    s.placement.cache.capacity = capacity;
    s.placement.cache.recall = recall;
    s.placement.cache.precision = precision;
    s.workload.routing.kind = static_cast<Routing::Kind>(routing);
    QVERIFY(parampath::set(s, "links.nvlink-c2c-gen5.pj_per_bit", 1.3));
    QVERIFY(parampath::set(s, "links.nvlink4.pj_per_bit", 2));
    for (int batch : { 1, 64 }) {
        const Result r = evaluate(s, batch);
        auto check = [&](const Explanation& ex, double reported) {
            QVERIFY2(ex.note.find("Warning") == std::string::npos, ex.note.c_str());
            TL_COMPARE_REL(ex.value + 1e-30, reported + 1e-30, 1e-9);
        };
        for (EnergyPart p :
            { EnergyPart::MoeOffload, EnergyPart::Link, EnergyPart::PrefetchWaste, EnergyPart::Background })
            check(explainEnergy(s, r, p), r.energy(p));
        for (LatencyPart p : { LatencyPart::Moe, LatencyPart::Stall })
            check(explainLatency(s, r, p), r.latency(p));
        check(explainTotalLatency(s, r), r.totalLatencyS());
        check(explainTotalEnergy(s, r), r.totalEnergyJPerToken());
        check(explainRouting(s, r), r.activeExpertsPerLayer);
    }
}

QTEST_APPLESS_MAIN(TestMoeOffload)
#include "tst_moeoffload.moc"
