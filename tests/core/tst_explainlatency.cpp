// The explainer: every explanation must rebuild the very number the model reports, from the
// scenario's own numbers, and show those numbers in its substituted formulas.
// Here: latency parts, the totals and routing, the latency rules and data-parallel groups.

#include "core/explain/explainer.h"
#include "core/model/evaluator.h"
#include "tests/support/explaintestsupport.h"

#include <string>

using namespace tierlens;
using namespace tierlens::test;

class TestExplainLatency : public QObject {
    Q_OBJECT
private slots:
    void latencyPartsRebuildTheResult_data();
    void latencyPartsRebuildTheResult();
    void totalsRebuildTheResult_data();
    void totalsRebuildTheResult();
    void latencyShowsBandwidthAndRouting();
    void idleDataParallelGroups();
    void overlapRuleShowsHiddenCopy();
    void copyOnlyRule();
    void emptyBatch();
};

void TestExplainLatency::latencyPartsRebuildTheResult_data()
{
    addScenarioRows(kLatencyPartCount);
}

void TestExplainLatency::latencyPartsRebuildTheResult()
{
    const PartRow row = fetchPartRow();
    const Result& r = row.r;
    const auto p = static_cast<LatencyPart>(row.part);
    const Explanation ex = explainLatency(row.s, r, p);
    const QString problem = checkPart(ex, r.latency(p), "s");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // The sequences per GPU are the evaluator's.
    if (const ExplainStep* tokens = findStep(ex, "tokens = B /"))
        QCOMPARE(tokens->value, r.q.tokensPerGpu);
    // The roofline of the slowest operation is worked out and matches its row.
    for (const auto& st : ex.steps) {
        if (st.what.rfind("Time of one ", 0) != 0)
            continue;
        const std::string name = st.what.substr(12, st.what.find(' ', 12) - 12);
        const OperationRow* opRow = nullptr;
        for (const auto& op : r.operations)
            if (op.name == name)
                opRow = &op;
        QVERIFY2(opRow, name.c_str());
        QVERIFY2(same(st.value, opRow->timeS), qPrintable(q(st.what)));
        // Its arithmetic is written out, not replaced by the reported time ...
        QVERIFY2(st.formula != "t", qPrintable(q(st.what)));
        // ... and a roofline's larger side is the row's time.
        const auto outcome = st.substituted.rfind("= max(");
        if (opRow->timePart != LatencyPart::Communication) {
            QVERIFY2(outcome != std::string::npos, st.substituted.c_str());
            QVERIFY2(contains(st.substituted.substr(outcome), formatQuantity(opRow->timeS, "s")),
                st.substituted.c_str());
        }
    }
}

void TestExplainLatency::totalsRebuildTheResult_data()
{
    QTest::addColumn<std::string>("id");
    QTest::addColumn<int>("batch");
    for (const char* id : kScenarios)
        for (int b : kBatches)
            QTest::addRow("%s B=%d", id, b) << std::string(id) << b;
}

void TestExplainLatency::totalsRebuildTheResult()
{
    QFETCH(std::string, id);
    QFETCH(int, batch);
    const Scenario s = preset(id);
    const Result r = evaluate(s, batch);

    const Explanation e = explainTotalEnergy(s, r);
    QVERIFY2(checkShape(e).isEmpty(), qPrintable(checkShape(e)));
    TL_COMPARE_REL(e.value, r.totalEnergyJPerToken(), 1e-9);
    // The reference's eight parts always; flash, link and waste only when the scenario has them.
    std::size_t parts = std::size_t(EnergyPart::Background) + 1;
    for (auto p : { EnergyPart::FcOffload, EnergyPart::Link, EnergyPart::PrefetchWaste })
        parts += r.energy(p) != 0;
    QCOMPARE(e.steps.back().terms.size(), parts);
    QCOMPARE(e.steps.back().formula.find("E_waste") != std::string::npos,
        r.energy(EnergyPart::PrefetchWaste) != 0);

    const Explanation t = explainTotalLatency(s, r);
    QVERIFY2(checkShape(t).isEmpty(), qPrintable(checkShape(t)));
    TL_COMPARE_REL(t.value, r.totalLatencyS(), 1e-9);

    const Explanation a = explainRouting(s, r);
    QVERIFY2(checkShape(a).isEmpty(), qPrintable(checkShape(a)));
    QVERIFY(same(a.value, r.activeExpertsPerLayer));
    if (s.model.moe) {
        const ExplainStep* busiest = findStep(a, "A_max");
        const ExplainStep* tokens = findStep(a, "m = B·");
        QVERIFY(busiest && tokens);
        QVERIFY(same(busiest->value, r.busiestGpuExpertsPerLayer));
        QVERIFY(same(tokens->value, r.tokensPerActiveExpert));
        const ExplainStep* p = findStep(a, "p = ");
        QVERIFY(p);
        if (s.workload.routing.kind == Routing::Kind::Uniform) // p = 1 − (1 − k/E)^B
            QVERIFY2(contains(p->substituted, "^" + formatNumber(batch)), p->substituted.c_str());
    }
}

void TestExplainLatency::latencyShowsBandwidthAndRouting()
{
    // The reference's contention rule; the default charges the copy's bytes and leaves compute
    // all of HBM.
    Scenario s = preset("default");
    const Explanation byTraffic = explainLatency(s, evaluate(s, 16), LatencyPart::Moe);
    const ExplainStep* all = findStep(byTraffic, "B_eff");
    QVERIFY(all);
    QCOMPARE(all->value, s.gpu.hbmBandwidthGBs * 1e9);
    s.options.hbmContention = Options::HbmContention::LinkBandwidth;
    const Result r = evaluate(s, 16);
    const Explanation ex = explainLatency(s, r, LatencyPart::Moe);
    const ExplainStep* bw = findStep(ex, "B_eff");
    QVERIFY(bw);
    TL_COMPARE_REL(bw->value, r.effectiveHbmBandwidthGBs * 1e9, 1e-12);
    QVERIFY2(contains(bw->substituted, formatQuantity(s.gpu.hbmBandwidthGBs * 1e9, "B/s") + " − "),
        bw->substituted.c_str());
    QCOMPARE(formatQuantity(bw->value, bw->unit), std::string("2.452 TB/s")); // MODEL.md §5

    const ExplainStep* p = findStep(ex, "p = ");
    QVERIFY(p);
    QCOMPARE(p->substituted, std::string("1 − (1 − 2/8)^16"));
    const ExplainStep* copy = findStep(ex, "t_copy");
    QVERIFY(copy);
    TL_COMPARE_REL(copy->value * s.model.moeLayerCount(), r.copyS, 1e-9);
    QVERIFY2(
        contains(copy->substituted,
            formatNumber(r.busiestGpuExpertsPerLayer) + " × " + formatQuantity(s.model.expertBytes(), "B")),
        copy->substituted.c_str());

    // DeepSeek-R1: 32 GPUs in TP8 groups, so each GPU works on a quarter of the batch.
    const Scenario d = preset("paper/deepseek-r1-hbm");
    const Explanation att = explainLatency(d, evaluate(d, 64), LatencyPart::Attention);
    const ExplainStep* tokens = findStep(att, "tokens = B / DP");
    QVERIFY(tokens);
    QCOMPARE(tokens->substituted, std::string("64 / (32 / 8)"));
    QCOMPARE(tokens->value, 16.0);

    // Without offload the compute sees the whole HBM bandwidth.
    const Scenario hbm = preset("paper/mixtral-hbm");
    const Explanation fc = explainLatency(hbm, evaluate(hbm, 16), LatencyPart::Fc);
    const ExplainStep* full = findStep(fc, "B_eff = B_HBM");
    QVERIFY(full);
    QCOMPARE(full->value, hbm.gpu.hbmBandwidthGBs * 1e9);
}

void TestExplainLatency::idleDataParallelGroups()
{
    // DeepSeek-R1 on 32 GPUs in TP8: DP = 4 groups but one sequence, so three groups sit idle and
    // the busy one decodes the whole batch.
    const Scenario s = preset("paper/deepseek-r1-hbm");
    const Result r = evaluate(s, 1);
    QCOMPARE(r.q.dp, 4);
    QCOMPARE(r.q.activeGroups, 1);
    const std::string idle = "B = 1 sequence over DP = 4 groups: 3 groups idle";

    const Explanation comm = explainLatency(s, r, LatencyPart::Communication);
    QString problem = checkPart(comm, r.latency(LatencyPart::Communication), "s");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const ExplainStep* tokens = findStep(comm, "tokens = B / min(DP, B)");
    QVERIFY(tokens);
    QVERIFY2(contains(tokens->what, idle), tokens->what.c_str());
    QCOMPARE(tokens->substituted, std::string("1 / min(32 / 8, 1)"));
    QCOMPARE(tokens->value, 1.0);

    // The AllReduce carries the busy group's one token, and takes the Result's time.
    const ExplainStep* allReduce = findStep(comm, "t = 2(p−1)");
    QVERIFY(allReduce);
    const OperationRow* row = nullptr;
    for (const auto& op : r.operations)
        if (allReduce->what.rfind("Time of one " + op.name + " ", 0) == 0)
            row = &op;
    QVERIFY2(row, allReduce->what.c_str());
    QCOMPARE(row->name.rfind("allreduce", 0), std::size_t(0));
    QCOMPARE(allReduce->value, row->timeS);
    QVERIFY2(contains(allReduce->substituted, "(1 × " + formatNumber(s.model.hidden) + " × "),
        allReduce->substituted.c_str());

    // The idle groups are named wherever they matter: the other latency parts, the total, the
    // background energy (their GPUs still draw idle power).
    QVERIFY(contains(findStep(explainLatency(s, r, LatencyPart::Fc), "tokens = B / min")->what, idle));
    QVERIFY(contains(explainLatency(s, r, LatencyPart::Moe).note, idle));
    const Explanation total = explainTotalLatency(s, r);
    QVERIFY2(contains(total.note, idle), total.note.c_str());
    problem = checkPart(total, r.totalLatencyS(), "s");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const Explanation bg = explainEnergy(s, r, EnergyPart::Background);
    QVERIFY2(contains(bg.note, idle), bg.note.c_str());

    // Every group busy: no idle groups mentioned.
    const Result full = evaluate(s, 4);
    QCOMPARE(full.q.activeGroups, 4);
    QVERIFY(!contains(explainTotalLatency(s, full).note, "idle"));
    QVERIFY(findStep(explainLatency(s, full, LatencyPart::Communication), "tokens = B / DP"));
}

void TestExplainLatency::overlapRuleShowsHiddenCopy()
{
    // Under the copy-traffic rule a last step adds the wait for HBM, when there is one.
    Scenario s = preset("default");
    for (int batch : { 16, 1024 }) {
        const Result r = evaluate(s, batch);
        const Explanation t = explainTotalLatency(s, r);
        const ExplainStep* moe = findStep(t, "T_MoE = max");
        const ExplainStep* hbm = findStep(t, "T_MoE' =");
        QVERIFY(moe && hbm);
        TL_COMPARE_REL(hbm->value, r.latency(LatencyPart::Moe), 1e-9);
        QVERIFY(moe->value <= hbm->value);
    }
    // The reference's rule (MODEL.md §5): copy-bound except at batch 1024 on NVLink5.
    s.options.hbmContention = Options::HbmContention::LinkBandwidth;
    for (int batch : { 16, 1024 }) {
        const Result r = evaluate(s, batch);
        const Explanation t = explainTotalLatency(s, r);
        const ExplainStep* copy = findStep(t, "T_copy = L_MoE");
        const ExplainStep* hidden = findStep(t, "T_hidden");
        const ExplainStep* moe = findStep(t, "T_MoE = max");
        QVERIFY(copy && hidden && moe);
        TL_COMPARE_REL(copy->value, r.copyS, 1e-9);
        TL_COMPARE_REL(hidden->value, r.copyHiddenS, 1e-9);
        TL_COMPARE_REL(moe->value, r.latency(LatencyPart::Moe), 1e-9);
        QVERIFY(contains(t.note, formatQuantity(r.copyHiddenS, "s")));
        // Copy-bound at 16 (the step waits), compute hides the whole copy at 1024.
        if (batch == 16) {
            QVERIFY(r.copyHiddenS < r.copyS);
            QVERIFY(contains(moe->what, "waits"));
        } else {
            TL_COMPARE_REL(r.copyHiddenS, r.copyS, 1e-9);
            QVERIFY(contains(moe->what, "hides"));
        }
    }
}

void TestExplainLatency::copyOnlyRule()
{
    const Scenario s = preset("paper/maverick-ssd-nvlink5");
    QVERIFY(s.options.latencyRule == Options::LatencyRule::CopyOnly);
    const Result r = evaluate(s, 2);
    const Explanation t = explainTotalLatency(s, r);
    TL_COMPARE_REL(t.value, r.copyS, 1e-9);
    QCOMPARE(t.steps.back().formula, std::string("T_step = T_copy"));
    const Explanation fc = explainLatency(s, r, LatencyPart::Fc);
    QCOMPARE(fc.value, 0.0);
    QVERIFY(contains(fc.steps.back().substituted, "copy only"));
    const Explanation bg = explainEnergy(s, r, EnergyPart::Background);
    QCOMPARE(bg.steps.front().formula, std::string("T_step = T_copy"));
}

void TestExplainLatency::emptyBatch()
{
    const Scenario s = preset("default");
    const Result r = evaluate(s, 0);
    for (int p = 0; p < kEnergyPartCount; ++p)
        QCOMPARE(explainEnergy(s, r, static_cast<EnergyPart>(p)).value, 0.0);
    QCOMPARE(explainTotalEnergy(s, r).value, 0.0);
    // Latency is explained as the model computes it (AllReduce latencies remain with no tokens).
    for (int p = 0; p < kLatencyPartCount; ++p) {
        const Explanation ex = explainLatency(s, r, static_cast<LatencyPart>(p));
        QVERIFY2(checkShape(ex).isEmpty(), qPrintable(checkShape(ex)));
        QVERIFY(same(ex.value, r.latency(static_cast<LatencyPart>(p))));
    }
    QVERIFY(same(explainTotalLatency(s, r).value, r.totalLatencyS()));
}

QTEST_APPLESS_MAIN(TestExplainLatency)
#include "tst_explainlatency.moc"
