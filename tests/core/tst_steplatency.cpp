// Physical invariants of one decode step: more bandwidth never makes it slower, a predictor
// stages only experts that exist, uneven data-parallel groups wait for the largest one, a
// scenario's system applies over its base, and HBM capacity counts what each GPU really holds.

#include "core/data/parampath.h"
#include "core/explain/explainer.h"
#include "core/model/capacitycheck.h"
#include "core/model/evaluator.h"
#include "tests/support/testsupport.h"

#include <algorithm>
#include <cmath>
#include <set>

using namespace tierlens;
using test::preset;

class TestStepLatency : public QObject {
    Q_OBJECT
private slots:
    void moreBandwidthNeverSlowsAnyPreset();
    void fasterLinkKeepsTheStepAtHbmSpeed();
    void linkBandwidthRuleStaysAvailable();
    void wastedPrefetchIsCappedByUncachedExperts();
    void unevenDataParallelGroupsWaitForTheLargest();
    void systemAppliesOverBase();
    void capacityCountsWholeMlaDownProjections();
};

namespace {

// Every bandwidth of a scenario as a parameter path.
std::vector<std::string> bandwidthPaths(const Scenario& s)
{
    std::vector<std::string> p { "gpu.hbm_bandwidth_gb_s" };
    for (const auto& t : s.tiers)
        p.push_back("tiers." + t.id + ".bandwidth_gb_s");
    for (const auto& l : s.links)
        p.push_back("links." + l.id + ".bandwidth_gb_s");
    return p;
}

// Mixtral 8x7B from its model card: one SwiGLU expert and the router of one layer, BF16.
constexpr double kMixtralExpertBytes = 3.0 * 4096 * 14336 * 2;
constexpr double kMixtralRouterBytes = 4096.0 * 8 * 2;

} // namespace

void TestStepLatency::moreBandwidthNeverSlowsAnyPreset()
{
    const auto scenarios = PresetLibrary::builtin().list(PresetKind::Scenario);
    QVERIFY(scenarios.size() >= 10);
    int checked = 0;
    for (const PresetEntry* e : scenarios) {
        const Scenario base = preset(e->id);
        std::set<int> batches(base.workload.batches.begin(), base.workload.batches.end());
        batches.insert(base.workload.batch);
        for (const std::string& path : bandwidthPaths(base)) {
            const double nominal = *parampath::get(base, path);
            for (int batch : batches) {
                double previous = INFINITY;
                for (double factor : { 0.25, 0.5, 1.0, 1.5, 2.0, 4.0, 16.0 }) {
                    Scenario s = base;
                    QVERIFY(parampath::set(s, path, nominal * factor));
                    const double t = evaluate(s, batch).totalLatencyS();
                    QVERIFY2(t <= previous * (1 + 1e-12),
                        qPrintable(QStringLiteral("%1, batch %2: %3 × %4 takes %5 s, less took %6 s")
                                       .arg(QString::fromStdString(e->id))
                                       .arg(batch)
                                       .arg(QString::fromStdString(path))
                                       .arg(factor)
                                       .arg(t)
                                       .arg(previous)));
                    previous = t;
                    ++checked;
                }
            }
        }
    }
    QVERIFY(checked > 1000);
}

void TestStepLatency::fasterLinkKeepsTheStepAtHbmSpeed()
{
    // Mixtral on 1 × 4 H100 (TP4, DP1), batch 1024, experts on a 4 TB/s SSD. Every expert is
    // active, so each GPU reads its 2 experts and its KV cache from HBM and writes the 2 copied
    // experts into it: HBM time alone is a floor no link speed can beat, and the copy, which
    // streams at most at the link's rate, is all a faster link can shorten.
    const int layers = 32, batch = 1024, tp = 4;
    const double context = 1024 + 1;
    const double kvBytes = double(batch) * context * layers * 2 * (8 / tp) * 128 * 2;
    const double expertsPerGpu = 8 / tp;
    const double writes = layers * (expertsPerGpu * kMixtralExpertBytes + kMixtralRouterBytes);
    const double reads = kvBytes + layers * expertsPerGpu * kMixtralExpertBytes;
    const double floor = (reads + writes) / 3352e9;

    std::vector<double> t;
    for (double link : { 900.0, 1800.0, 3000.0 }) {
        Scenario s = preset("default");
        QVERIFY(parampath::set(s, "tiers.ssd.bandwidth_gb_s", 4000));
        QVERIFY(parampath::set(s, "links.nvlink-c2c-gen5.bandwidth_gb_s", link));
        t.push_back(evaluate(s, batch).totalLatencyS());
        QVERIFY2(t.back() >= floor, qPrintable(QString::number(t.back())));
        // Weights, activations and communication add a few ms to the HBM floor; a link that
        // took its whole nominal bandwidth from compute would add tens.
        QVERIFY2(t.back() <= 1.25 * floor,
            qPrintable(QStringLiteral("%1 s at %2 GB/s, floor %3 s").arg(t.back()).arg(link).arg(floor)));
    }
    QVERIFY(t[1] <= t[0] && t[2] <= t[1]);

    // A cache of 7 of the 8 experts copies an eighth of the bytes: the step cannot be slower.
    Scenario s = preset("default");
    QVERIFY(parampath::set(s, "tiers.ssd.bandwidth_gb_s", 4000));
    QVERIFY(parampath::set(s, "links.nvlink-c2c-gen5.bandwidth_gb_s", 3000));
    const Result all = evaluate(s, batch);
    s.placement.cache.capacity = 7;
    const Result cached = evaluate(s, batch);
    QVERIFY(cached.copiedBytes < all.copiedBytes / 4);
    QVERIFY(cached.totalLatencyS() <= all.totalLatencyS());
}

void TestStepLatency::linkBandwidthRuleStaysAvailable()
{
    // The reference's rule: compute sees B_HBM − B_link however little is copied. The paper's
    // presets keep it so that its figures reproduce.
    for (const char* id : { "paper/mixtral-hbm", "paper/deepseek-r1-hbm", "paper/llama3.3-70b-hbm",
             "paper/maverick-ssd-nvlink5" })
        QVERIFY2(preset(id).options.hbmContention == Options::HbmContention::LinkBandwidth, id);
    Scenario s = preset("default");
    QCOMPARE(s.options.hbmContention, Options::HbmContention::CopyTraffic);
    QCOMPARE(evaluate(s, 16).effectiveHbmBandwidthGBs, 3352.0);
    s.options.hbmContention = Options::HbmContention::LinkBandwidth;
    TL_COMPARE_REL(evaluate(s, 16).effectiveHbmBandwidthGBs, 3352.0 - 900, 1e-12);
}

void TestStepLatency::wastedPrefetchIsCappedByUncachedExperts()
{
    // Mixtral on SSD, batch 1: 2 experts needed per layer. A predictor of precision 0.1 would
    // stage 9 useless experts for each useful one, but only 6 others exist: it stages all 8.
    Scenario s = preset("default");
    s.placement.cache.precision = 0.1;
    const int layers = 32, gpus = 4;
    const double router = layers * gpus * kMixtralRouterBytes;
    const Result r = evaluate(s, 1);
    TL_COMPARE_REL(r.copiedBytes - router, layers * 8 * kMixtralExpertBytes, 1e-9);
    TL_COMPARE_REL(r.q.wastedBytes, layers * 6 * kMixtralExpertBytes, 1e-9);
    // Each GPU holds 2 experts of a layer: it copies at most those two and the router.
    const Interconnect* link = s.findLink("nvlink-c2c-gen5");
    QVERIFY(link);
    const double perLayer = link->latencyUs * 1e-6 + (kMixtralRouterBytes + 2 * kMixtralExpertBytes) / 900e9;
    QVERIFY2(r.copyS <= layers * perLayer * (1 + 1e-9), qPrintable(QString::number(r.copyS)));

    // With 4 experts cached, only the 4 others can be staged, needed or not.
    s.placement.cache.capacity = 4;
    const Result c = evaluate(s, 1);
    QVERIFY2(c.copiedBytes - router <= layers * 4 * kMixtralExpertBytes * (1 + 1e-9),
        qPrintable(QString::number(c.copiedBytes)));
    // A precise predictor is not capped: 1/q of the needed misses.
    s.placement.cache.precision = 0.9;
    const Result p = evaluate(s, 1);
    TL_COMPARE_REL(p.q.wastedBytes, layers * 2 * 0.5 * (1 - 0.9) / 0.9 * kMixtralExpertBytes, 1e-9);
}

void TestStepLatency::unevenDataParallelGroupsWaitForTheLargest()
{
    // DeepSeek-R1 on 32 GPUs, TP8: 4 DP groups. At batch 5 one group decodes 2 sequences, as
    // every group does at batch 8; everything but the routed experts is per group.
    const Scenario s = preset("paper/deepseek-r1-hbm");
    const Result five = evaluate(s, 5), eight = evaluate(s, 8), four = evaluate(s, 4);
    for (LatencyPart p : { LatencyPart::Fc, LatencyPart::Attention, LatencyPart::Communication })
        TL_COMPARE_REL(five.latency(p), eight.latency(p), 1e-12);
    QVERIFY(five.latency(LatencyPart::Attention) > four.latency(LatencyPart::Attention));
    // The explanation shows the largest group's 2 sequences and rebuilds each part.
    QCOMPARE(five.q.tokensPerGpu, 2.0);
    for (LatencyPart p : { LatencyPart::Fc, LatencyPart::Attention, LatencyPart::Communication })
        TL_COMPARE_REL(explainLatency(s, five, p).value, five.latency(p), 1e-9);
    // Energy counts the sequences there are: 5 × 60 layers, each on the 8 GPUs of its group.
    const int layers = 60, tp = 8;
    bool found = false;
    for (const auto& op : five.operations)
        if (op.name == "mla.score_latent") {
            QCOMPARE(op.instancesPerGpu, 2.0 * layers);
            QCOMPARE(op.instancesTotal, 5.0 * layers * tp);
            found = true;
        }
    QVERIFY(found);
    // Attention over the KV cache grows by one sequence's worth from batch 4 to 5.
    auto coreEnergy = [](const Result& r) {
        double e = 0;
        for (const auto& op : r.operations)
            if (op.name == "mla.score_latent" || op.name == "mla.score_rope" || op.name == "mla.context"
                || op.name == "attn.softmax")
                e += op.stepEnergyJ();
        return e;
    };
    TL_COMPARE_REL(coreEnergy(five) - coreEnergy(four), (coreEnergy(eight) - coreEnergy(four)) / 4, 1e-9);
}

void TestStepLatency::systemAppliesOverBase()
{
    const PresetLibrary& lib = PresetLibrary::builtin();
    auto moved = lib.loadScenario(
        nlohmann::json { { "base", "paper/deepseek-r1-hbm" }, { "system", "dgx-h100-1x8" } });
    QVERIFY(moved.ok());
    QCOMPARE(moved.value.cluster.gpus(), 8);
    QCOMPARE(moved.value.model.id, std::string("deepseek-r1"));
    QCOMPARE(moved.value.placement.expertTier, std::string("hbm"));
    // The file's own keys still win over both.
    auto own = lib.loadScenario(nlohmann::json { { "base", "paper/deepseek-r1-hbm" },
        { "system", "dgx-h100-1x8" }, { "cluster", { { "nodes", 2 } } } });
    QVERIFY(own.ok());
    QCOMPARE(own.value.cluster.gpus(), 16);
    // Without a system the base's hardware stays.
    QCOMPARE(preset("paper/deepseek-r1-hbm").cluster.gpus(), 32);
}

void TestStepLatency::capacityCountsWholeMlaDownProjections()
{
    // DeepSeek-R1 from its config, on 32 GPUs with TP8 and its experts in HBM.
    const Scenario s = preset("paper/deepseek-r1-hbm");
    const double h = 7168, layers = 60, dense = 3, moeLayers = 57, heads = 128, b = 2;
    const double qLora = 1536, kvLora = 512, nope = 128, rope = 64, v = 128;
    const double whole = layers * h * (qLora + kvLora + rope); // down-projections: every head needs them
    const double sharded
        = layers * (qLora * heads * (nope + rope) + kvLora * heads * (nope + v) + heads * v * h)
        + dense * 3 * h * 18432 // dense FFN
        + moeLayers * 3 * h * 2048 // one shared expert
        + 2 * 129280 * h; // embedding table and LM head
    const double router = moeLayers * h * 256;
    const double experts = moeLayers * (256 / 32) * 3 * h * 2048;
    const double expected = (sharded / 8 + whole + router + experts) * b;
    TL_COMPARE_REL(CapacityCheck::of(s, 4).hbmWeightBytes, expected, 1e-12);
}

QTEST_GUILESS_MAIN(TestStepLatency)
#include "tst_steplatency.moc"
