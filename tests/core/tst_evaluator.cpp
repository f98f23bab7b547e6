#include "core/data/parampath.h"
#include "core/model/evaluator.h"
#include "tests/support/testsupport.h"

#include <numeric>

using namespace tierlens;
using test::preset;

class TestEvaluator : public QObject {
    Q_OBJECT
private slots:
    void copyEnergyPerBit_data();
    void copyEnergyPerBit();
    void linkEnergyAddsUp();
    void backgroundIsStaticPowerTimesLatency();
    void energyIsSumOfOperations();
    void latencyComponentsSumToTotal();
    void offloadLowersHbmBandwidth();
    void overlapRule();
    void copyOnlyRule();
    void gqaShapesFollowTensorParallelism();
    void dataParallelSplitsTheBatch();
    void idleDataParallelGroupsReadNothing();
    void expertsScaleWithActiveCount();
    void denseModelHasNoMoe();
    void slowestHopSetsCopyBandwidth();
};

static Scenario mixtralOn(const std::string& tier)
{
    Scenario s = preset("paper/mixtral-hbm");
    s.placement.expertTier = tier;
    s.placement.path
        = tier == "hbm" ? std::vector<std::string> {} : std::vector<std::string> { "nvlink-c2c-gen5" };
    return s;
}

void TestEvaluator::copyEnergyPerBit_data()
{
    QTest::addColumn<QString>("tier");
    QTest::addColumn<double>("pjPerBit");
    // MODEL.md §3: tier read + link (0 in the reference) + HBM write.
    QTest::newRow("cpu memory") << "ddr" << 9.2 + 4.2;
    QTest::newRow("ssd") << "ssd" << 102.4 + 4.2;
}

void TestEvaluator::copyEnergyPerBit()
{
    QFETCH(QString, tier);
    QFETCH(double, pjPerBit);
    const Scenario s = mixtralOn(tier.toStdString());
    const Result r = evaluate(s, 1);
    // Batch 1, top-2: exactly two experts per layer, and each GPU copies the router.
    const double expert = 3.0 * 4096 * 14336 * 2, router = 4096.0 * 8 * 2;
    const double copied = 32 * (2 * expert + 4 * router);
    TL_COMPARE_REL(r.copiedBytes, copied, 1e-9);
    TL_COMPARE_REL(r.energy(EnergyPart::MoeOffload), copied * 8 * pjPerBit * 1e-12, 1e-9);
    QCOMPARE(r.bytesPerStep.at(tier.toStdString()), r.copiedBytes);
    // Prefetching hides latency but not energy: the HBM read for compute is paid as well.
    TL_COMPARE_REL(
        r.energy(EnergyPart::MoeOffchip), evaluate(mixtralOn("hbm"), 1).energy(EnergyPart::MoeOffchip), 1e-9);

    Scenario noRouter = s;
    noRouter.placement.copyRouterWeights = false;
    TL_COMPARE_REL(evaluate(noRouter, 1).copiedBytes, 32 * 2 * expert, 1e-9);
}

void TestEvaluator::linkEnergyAddsUp()
{
    Scenario s = mixtralOn("ssd");
    const Result before = evaluate(s, 4);
    QVERIFY(parampath::set(s, "links.nvlink-c2c-gen5.pj_per_bit", 1.3));
    const Result after = evaluate(s, 4);
    // The link's share is its own component; the tier read and HBM write stay in the offload.
    TL_COMPARE_REL(after.energy(EnergyPart::Link) - before.energy(EnergyPart::Link),
        before.copiedBytes * 8 * 1.3e-12 / 4, 1e-9);
    QCOMPARE(after.energy(EnergyPart::MoeOffload), before.energy(EnergyPart::MoeOffload));
}

void TestEvaluator::backgroundIsStaticPowerTimesLatency()
{
    const Scenario s = mixtralOn("ssd");
    const Result r = evaluate(s, 16);
    // 4 GPUs × (70 W idle + 57 W CPU memory + 0 W SSD) for the whole step, per token.
    TL_COMPARE_REL(r.energy(EnergyPart::Background), r.totalLatencyS() * 4 * 127 / 16, 1e-12);
}

void TestEvaluator::energyIsSumOfOperations()
{
    const Scenario s = preset("paper/deepseek-r1-hbm");
    const Result r = evaluate(s, 64);
    double ops = 0;
    for (const auto& op : r.operations)
        ops += op.stepEnergyJ();
    TL_COMPARE_REL(r.totalEnergyJPerToken() * 64, ops + r.energy(EnergyPart::Background) * 64, 1e-9);
}

void TestEvaluator::latencyComponentsSumToTotal()
{
    for (const char* tier : { "hbm", "ssd" }) {
        const Result r = evaluate(mixtralOn(tier), 64);
        const double sum = std::accumulate(r.latencyS.begin(), r.latencyS.end(), 0.0);
        QCOMPARE(r.totalLatencyS(), sum);
        QVERIFY(r.totalLatencyS() > 0);
    }
}

void TestEvaluator::offloadLowersHbmBandwidth()
{
    QCOMPARE(evaluate(mixtralOn("hbm"), 1).effectiveHbmBandwidthGBs, 3352.0);
    TL_COMPARE_REL(evaluate(mixtralOn("ssd"), 1).effectiveHbmBandwidthGBs, 3352.0 - 900, 1e-12);
    Scenario s = mixtralOn("ssd");
    s.options.copyStealsHbmBandwidth = false;
    QCOMPARE(evaluate(s, 1).effectiveHbmBandwidthGBs, 3352.0);
    // A link as fast as HBM leaves compute a floor and says so.
    QVERIFY(parampath::set(s, "links.nvlink-c2c-gen5.bandwidth_gb_s", 5000));
    QVERIFY(parampath::set(s, "tiers.ssd.bandwidth_gb_s", 5000));
    s.options.copyStealsHbmBandwidth = true;
    const Result r = evaluate(s, 1);
    QVERIFY(!r.warnings.empty());
    QVERIFY(r.effectiveHbmBandwidthGBs > 0);
}

void TestEvaluator::overlapRule()
{
    // T = T_nonexpert + max(T_expert, T_copy - T_nonexpert in MoE layers) (MODEL.md §5).
    const Scenario s = mixtralOn("ssd");
    for (int batch : { 1, 1024 }) {
        const Result r = evaluate(s, batch);
        double expert = 0, nonExpert = 0;
        for (const auto& op : r.operations)
            (op.timePart == LatencyPart::Moe ? expert : nonExpert) += op.stepTimeS();
        // Mixtral: every layer is MoE, so all non-expert work overlaps the copy.
        const double expected = nonExpert + std::max(expert, r.copyS - nonExpert);
        TL_COMPARE_REL(r.totalLatencyS(), expected, 1e-12);
        TL_COMPARE_REL(r.copyHiddenS, std::min(r.copyS, nonExpert + expert), 1e-9);
    }
    // At batch 1 the copy dominates; at 1024 over NVLink5 compute hides it (the reference's case).
    QVERIFY(evaluate(s, 1).copyHiddenS < evaluate(s, 1).copyS);
    TL_COMPARE_REL(evaluate(s, 1024).copyHiddenS, evaluate(s, 1024).copyS, 1e-12);
}

void TestEvaluator::copyOnlyRule()
{
    Scenario s = mixtralOn("ssd");
    s.options.latencyRule = Options::LatencyRule::CopyOnly;
    const Result r = evaluate(s, 4);
    QVERIFY(r.copyS > 0);
    QCOMPARE(r.totalLatencyS(), r.copyS);
    // Busiest GPU's experts and its router copy, per MoE layer, over 900 GB/s.
    const double perLayer = 4096.0 * 8 * 2 + r.busiestGpuExpertsPerLayer * 3.0 * 4096 * 14336 * 2;
    TL_COMPARE_REL(r.copyS, 32 * perLayer / 900e9, 1e-9);
}

void TestEvaluator::gqaShapesFollowTensorParallelism()
{
    const Result r = evaluate(mixtralOn("hbm"), 1);
    auto find = [&](const std::string& name) -> const OperationRow* {
        for (const auto& op : r.operations)
            if (op.name == name)
                return &op;
        return nullptr;
    };
    const OperationRow* qkv = find("attn.qkv");
    QVERIFY(qkv);
    QCOMPARE(qkv->shape.n, 128.0 * (32 + 2 * 8) / 4); // column-parallel
    QCOMPARE(qkv->instancesPerGpu, 32.0);
    const OperationRow* out = find("attn.out");
    QCOMPARE(out->shape.k, 128.0 * 32 / 4); // row-parallel
    const OperationRow* score = find("attn.score");
    QCOMPARE(score->shape.m, 4.0); // g = H/KV query heads per KV head
    QCOMPARE(score->shape.n, 1025.0); // L_in + 1
    QCOMPARE(score->instancesPerGpu, 32.0 * 2); // layers × KV heads per GPU × sequences
    const OperationRow* up = find("expert.up");
    QCOMPARE(up->shape.m, 1.0);
    QCOMPARE(up->instancesTotal, 32.0 * 2); // two active experts in each of 32 layers
}

void TestEvaluator::idleDataParallelGroupsReadNothing()
{
    // Batch 1 over DP = 4: one TP group of 8 GPUs works, three sit idle (but draw idle power).
    const Result r = evaluate(preset("paper/deepseek-r1-hbm"), 1);
    QCOMPARE(r.q.activeGroups, 1);
    QCOMPARE(r.q.tokensPerGpu, 1.0);
    for (const auto& op : r.operations)
        if (op.name == "mla.q_down") {
            QCOMPARE(op.shape.m, 1.0);
            QCOMPARE(op.instancesTotal, 60.0 * 8);
        }
    TL_COMPARE_REL(r.energy(EnergyPart::Background), r.totalLatencyS() * 32 * 127, 1e-12);
}

void TestEvaluator::dataParallelSplitsTheBatch()
{
    const Result r = evaluate(preset("paper/deepseek-r1-hbm"), 64);
    for (const auto& op : r.operations)
        if (op.name == "mla.q_down") {
            QCOMPARE(op.shape.m, 16.0); // 64 sequences over DP = 32 / 8 = 4 groups
            QCOMPARE(op.instancesTotal, 60.0 * 32);
            return;
        }
    QFAIL("no mla.q_down row");
}

void TestEvaluator::expertsScaleWithActiveCount()
{
    const Scenario s = mixtralOn("hbm");
    const Result r = evaluate(s, 4);
    for (const auto& op : r.operations)
        if (op.name == "expert.down") {
            TL_COMPARE_REL(op.instancesTotal, 32 * r.activeExpertsPerLayer, 1e-12);
            TL_COMPARE_REL(op.instancesPerGpu, 32 * r.busiestGpuExpertsPerLayer, 1e-12);
            TL_COMPARE_REL(op.shape.m, 4.0 * 2 / r.activeExpertsPerLayer, 1e-12);
            return;
        }
    QFAIL("no expert.down row");
}

void TestEvaluator::denseModelHasNoMoe()
{
    const Result r = evaluate(preset("paper/llama3.3-70b-hbm"), 2);
    QCOMPARE(r.energy(EnergyPart::MoeOffchip), 0.0);
    QCOMPARE(r.energy(EnergyPart::MoeOffload), 0.0);
    QCOMPARE(r.latency(LatencyPart::Moe), 0.0);
    QVERIFY(r.energy(EnergyPart::FcOffchip) > 0);
}

void TestEvaluator::slowestHopSetsCopyBandwidth()
{
    Scenario s = mixtralOn("ssd");
    s.placement.path = { "pcie-gen5-x16", "nvlink-c2c-gen5" };
    QVERIFY(parampath::set(s, "links.pcie-gen5-x16.pj_per_bit", 5));
    s.options.latencyRule = Options::LatencyRule::CopyOnly;
    const Result r = evaluate(s, 1);
    TL_COMPARE_REL(r.effectiveHbmBandwidthGBs, 3352.0 - 64, 1e-12);
    // Latencies add along the chain: PCIe's 1 µs per MoE layer.
    const double bytes = 4096.0 * 8 * 2 + r.busiestGpuExpertsPerLayer * 3.0 * 4096 * 14336 * 2;
    TL_COMPARE_REL(r.copyS, 32 * (1e-6 + bytes / 64e9), 1e-9);
    TL_COMPARE_REL(r.energy(EnergyPart::MoeOffload), r.copiedBytes * 8 * (102.4 + 4.2) * 1e-12, 1e-9);
    TL_COMPARE_REL(r.energy(EnergyPart::Link), r.copiedBytes * 8 * 5 * 1e-12, 1e-9);
}

QTEST_APPLESS_MAIN(TestEvaluator)
#include "tst_evaluator.moc"
