#include "core/data/parampath.h"
#include "core/model/evaluator.h"
#include "core/study/scenariodiff.h"
#include "tests/support/testsupport.h"

#include <set>

using namespace tierlens;

class TestScenarioDiff : public QObject {
    Q_OBJECT
private slots:
    void sameScenarioIsEmpty();
    void onePjPerBitListsItsInputAndEnergyOutputs();
    void nonNumericInputsAreListed();
    void tierOnlyOneSideHas();
};

void TestScenarioDiff::sameScenarioIsEmpty()
{
    for (const char* id : { "default", "paper/mixtral-hbm", "prefetch/st-moe-85", "paper/deepseek-r1-hbm" }) {
        const Scenario s = test::preset(id);
        const ScenarioDiff d = diffScenarios(s, s);
        QVERIFY2(d.empty(), id);
        // A copy with another id and name is still the same design.
        Scenario renamed = s;
        renamed.id = "copy";
        renamed.name = "Copy";
        QVERIFY2(diffScenarios(s, renamed).empty(), id);
    }
}

void TestScenarioDiff::onePjPerBitListsItsInputAndEnergyOutputs()
{
    // Experts on SSD, batch 1024 (uniform top-2 routing over 8 experts leaves none idle: the
    // chance one is unused is 0.75^1024), router weights not copied: each step copies every
    // routed expert of every MoE layer once.
    Scenario a = test::preset("default");
    a.workload.batch = 1024;
    a.placement.copyRouterWeights = false;
    Scenario b = a;
    const double pjA = a.findTier("ssd")->readPjPerBit, pjB = 40.0;
    b.findTier("ssd")->readPjPerBit = pjB;
    const ScenarioDiff d = diffScenarios(a, b);

    QCOMPARE(d.inputs.size(), std::size_t(1));
    QCOMPARE(d.inputs[0].key, std::string("tiers.ssd.read_pj_per_bit"));
    QCOMPARE(*d.inputs[0].a, pjA);
    QCOMPARE(*d.inputs[0].b, pjB);
    QCOMPARE(d.inputs[0].delta(), pjB - pjA);
    QCOMPARE(*d.inputs[0].ratio(), pjB / pjA);

    // Only energy moves, and only the copy's share of it (and the total): the read energy of a
    // tier changes neither time nor any other component.
    std::set<std::string> keys;
    for (const auto& r : d.outputs)
        keys.insert(r.key);
    const std::set<std::string> want { "energy.moe_offload", "energy.total" };
    QCOMPARE(keys, want);

    // First principles: Δ = Δe · bits copied per step / tokens per step.
    const ModelSpec& m = a.model;
    const double expertBytes = double(m.ffnMatrices()) * m.hidden * m.moe->expertFfnDim * m.bytesPerParam;
    const double bits = 8.0 * expertBytes * m.moe->experts * m.layers;
    const double want_ = (pjB - pjA) * 1e-12 * bits / a.workload.batch;
    for (const auto& r : d.outputs)
        QVERIFY2(test::near(r.delta(), want_, 1e-9),
            (r.key + ": " + std::to_string(r.delta()) + " vs " + std::to_string(want_)).c_str());
}

void TestScenarioDiff::nonNumericInputsAreListed()
{
    const Scenario a = test::preset("default");
    Scenario b = a;
    b.placement.expertTier = "ddr";
    const ScenarioDiff d = diffScenarios(a, b);
    bool tier = false;
    for (const auto& r : d.inputs)
        if (r.key == "placement.expert_tier") {
            tier = true;
            QCOMPARE(r.textA, std::string("ssd"));
            QCOMPARE(r.textB, std::string("ddr"));
            QVERIFY(!r.numeric());
        }
    QVERIFY(tier);
    QCOMPARE(d.inputs.size(), std::size_t(1));
    // CPU memory reads cost 9.2 pJ/bit, not 102.4: the offload energy falls.
    bool offload = false;
    for (const auto& r : d.outputs)
        if (r.key == "energy.moe_offload") {
            offload = true;
            QVERIFY(*r.b < *r.a);
        }
    QVERIFY(offload);
}

void TestScenarioDiff::tierOnlyOneSideHas()
{
    const Scenario a = test::preset("paper/mixtral-hbm");
    Scenario b = a;
    const std::size_t before = b.tiers.size();
    QVERIFY(before > 0);
    const std::string gone = b.tiers.back().id;
    b.tiers.pop_back();
    const ScenarioDiff d = diffScenarios(a, b);
    bool seen = false;
    for (const auto& r : d.inputs)
        if (r.key == "tiers." + gone + ".read_pj_per_bit") {
            seen = true;
            QVERIFY(r.a.has_value());
            QVERIFY(!r.b.has_value());
            QCOMPARE(r.textB, std::string("—"));
        }
    QVERIFY(seen);
}

QTEST_GUILESS_MAIN(TestScenarioDiff)
#include "tst_scenariodiff.moc"
