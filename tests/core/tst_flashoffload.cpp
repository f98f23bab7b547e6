// The "LLM in a Flash" path: each piece against hand-computed numbers, LLM in a Flash's Table 2
// from the shipped study, and nothing changed while the path is off.
#include "core/data/parampath.h"
#include "core/explain/explainer.h"
#include "core/io/scenariojson.h"
#include "core/model/evaluator.h"
#include "core/model/flashoffloadmodel.h"
#include "core/study/studyrunner.h"
#include "core/validation/validator.h"
#include "tests/support/testsupport.h"

using namespace tierlens;
using tierlens::test::preset;

namespace {

// OPT-6.7B by hand: attention 4·h² per layer, FFN 2·h·I per layer, one tied embedding, 2 B each.
constexpr double kOptAttentionParams = 32.0 * 4 * 4096 * 4096; // 2 147 483 648
constexpr double kOptFfnParams = 32.0 * 2 * 4096 * 16384; // 4 294 967 296
constexpr double kOptEmbeddingParams = 50272.0 * 4096; //   205 914 112
constexpr double kOptFfnBytes = kOptFfnParams * 2;
constexpr double kOptTotalBytes = (kOptAttentionParams + kOptFfnParams + kOptEmbeddingParams) * 2;

MemoryTier laptopFlash()
{
    MemoryTier t;
    t.id = "flash";
    t.bandwidthGBs = 6.1;
    t.chunkThroughput = { { 8192, 1.25 }, { 16384, 2.25 }, { 1048576, 6.1 } };
    return t;
}

} // namespace

class TestFlashOffload : public QObject {
    Q_OBJECT
private slots:
    void throughputIsLogLinearInChunkSize();
    void weightBytesOfOpt67b();
    void predictedFractionCombinesSparsityAndErrors();
    void naiveAndHybridReadWholeWeightsSequentially();
    void predictorReadsFlaggedNeuronRows();
    void windowAndBundlingShrinkBytesAndGrowChunks();
    void flashEnergyIsReadPlusDramWrite();
    void readPowerSetsEnergyByChunkSize();
    void readEnergyGivenOnce();
    void predictorScalesFfnCompute();
    void smallDramBudgetWarns();
    void table2Reproduced_data();
    void table2Reproduced();
    void offByDefaultChangesNothing();
    void jsonRoundTripAndBackwardCompatibility();
    void badInputIsNamed();
    void paramPathReachesTheFields();
    void explanationsMatchTheModel();
};

void TestFlashOffload::throughputIsLogLinearInChunkSize()
{
    const MemoryTier t = laptopFlash();
    QCOMPARE(t.readThroughputGBs(8192), 1.25);
    QCOMPARE(t.readThroughputGBs(16384), 2.25);
    // Halfway in log(chunk) between 8 KiB and 16 KiB is 8192·√2.
    TL_COMPARE_REL(t.readThroughputGBs(8192 * std::sqrt(2.0)), 1.75, 1e-12);
    // 128 KiB is 3 of the 6 doublings from 16 KiB to 1 MiB: 2.25 + (6.1 − 2.25)/2.
    TL_COMPARE_REL(t.readThroughputGBs(131072), 4.175, 1e-12);
    QCOMPARE(t.readThroughputGBs(512), 1.25); // flat below the table
    QCOMPARE(t.readThroughputGBs(1e9), 6.1); // and above it
    MemoryTier plain;
    plain.bandwidthGBs = 3;
    QCOMPARE(plain.readThroughputGBs(8192), 3.0);
}

void TestFlashOffload::weightBytesOfOpt67b()
{
    const Scenario s = preset("paper/flash-opt6.7b-naive");
    QCOMPARE(FlashOffloadModel::ffnWeightBytes(s.model), kOptFfnBytes);
    QCOMPARE(FlashOffloadModel::totalWeightBytes(s.model), kOptTotalBytes);
    TL_COMPARE_REL(kOptTotalBytes, 13.4e9, 0.01); // the paper's 13.4 GB
}

void TestFlashOffload::predictedFractionCombinesSparsityAndErrors()
{
    FlashOffload f;
    f.sparsity = 0.97;
    f.falseNegativeRate = 0.05;
    f.falsePositiveRate = 0.08;
    // 0.03 × 0.95 + 0.97 × 0.08 = 0.0285 + 0.0776
    TL_COMPARE_REL(FlashOffloadModel::predictedFraction(f), 0.1061, 1e-12);
}

void TestFlashOffload::naiveAndHybridReadWholeWeightsSequentially()
{
    Scenario s = preset("paper/flash-opt6.7b-naive");
    Result r = evaluate(s);
    QCOMPARE(r.q.flash.flashBytes, kOptTotalBytes);
    QCOMPARE(r.q.flash.throughputGBs, 6.1);
    TL_COMPARE_REL(r.latency(LatencyPart::Io), kOptTotalBytes / 6.1e9, 1e-12);
    QCOMPARE(r.bytesPerStep.at("flash"), kOptTotalBytes);

    s.flash.dramFraction = 0.5;
    r = evaluate(s);
    TL_COMPARE_REL(r.latency(LatencyPart::Io), kOptTotalBytes / 2 / 6.1e9, 1e-12);
}

void TestFlashOffload::predictorReadsFlaggedNeuronRows()
{
    const Scenario s = preset("paper/flash-opt6.7b-predictor");
    const Result r = evaluate(s);
    TL_COMPARE_REL(r.q.flash.flashBytes, 0.1061 * kOptFfnBytes, 1e-12);
    QCOMPARE(r.q.flash.chunkBytes, 4096.0 * 2); // one row of h in 16-bit
    QCOMPARE(r.q.flash.throughputGBs, 1.25);
    TL_COMPARE_REL(r.latency(LatencyPart::Io), 0.1061 * kOptFfnBytes / 1.25e9, 1e-12);
}

void TestFlashOffload::windowAndBundlingShrinkBytesAndGrowChunks()
{
    const Result w = evaluate(preset("paper/flash-opt6.7b-windowing"));
    TL_COMPARE_REL(w.q.flash.flashBytes, 0.0235 * kOptFfnBytes, 1e-12);
    QCOMPARE(w.q.flash.throughputGBs, 1.25);
    const Result b = evaluate(preset("paper/flash-opt6.7b-bundling"));
    QCOMPARE(b.q.flash.flashBytes, w.q.flash.flashBytes);
    QCOMPARE(b.q.flash.chunkBytes, 2 * w.q.flash.chunkBytes); // up column + down row
    QCOMPARE(b.q.flash.throughputGBs, 2.25);
    TL_COMPARE_REL(b.latency(LatencyPart::Io), 0.0235 * kOptFfnBytes / 2.25e9, 1e-12);
}

void TestFlashOffload::flashEnergyIsReadPlusDramWrite()
{
    const Scenario s = preset("paper/flash-opt6.7b-naive");
    const Result r = evaluate(s);
    // Whole layers stream at 6.1 GB/s: 5 W over 6.1e9 B/s × 8 bit/B, plus the DRAM write's 5.
    const double pj = 5.0 / (6.1e9 * 8) * 1e12 + 5;
    QCOMPARE(s.gpu.hbmWritePjPerBit, 5.0);
    TL_COMPARE_REL(r.energy(EnergyPart::FcOffload), kOptTotalBytes * 8 * pj * 1e-12, 1e-12);
    QCOMPARE(r.energy(EnergyPart::MoeOffload), 0.0);
}

void TestFlashOffload::readPowerSetsEnergyByChunkSize()
{
    // The laptop SSD draws about 5 W reading: 5 W / (throughput × 8 bit/B) per bit. 8 KiB neuron
    // rows come at 1.25 GB/s (500 pJ/bit), 16 KiB bundles at 2.25 GB/s (278 pJ/bit).
    const struct {
        const char* id;
        double gbPerS;
    } cases[] = { { "paper/flash-opt6.7b-predictor", 1.25 }, { "paper/flash-opt6.7b-bundling", 2.25 } };
    for (const auto& c : cases) {
        const Scenario s = preset(c.id);
        const double pj = 5.0 / (c.gbPerS * 1e9 * 8) * 1e12;
        TL_COMPARE_REL(FlashOffloadModel::quantities(s).readPjPerBit, pj, 1e-9);
        // The same tier with that energy as a fixed pJ/bit gives the same evaluation.
        Scenario fixed = s;
        for (auto& t : fixed.tiers)
            if (t.id == "flash") {
                t.readPowerW = 0;
                t.readPjPerBit = pj;
            }
        TL_COMPARE_REL(
            evaluate(s).energy(EnergyPart::FcOffload), evaluate(fixed).energy(EnergyPart::FcOffload), 1e-12);
        const double bits = FlashOffloadModel::quantities(s).flashBytes * 8;
        TL_COMPARE_REL(evaluate(s).energy(EnergyPart::FcOffload), bits * (pj + 5) * 1e-12, 1e-9);
    }
    TL_COMPARE_REL(
        FlashOffloadModel::quantities(preset("paper/flash-opt6.7b-predictor")).readPjPerBit, 500.0, 1e-9);
    // Reference tiers keep their fixed read energy at any chunk size.
    const Scenario ref = preset("default");
    for (const auto& t : ref.tiers) {
        QCOMPARE(t.readPowerW, 0.0);
        QCOMPARE(t.readPjPerBitAt(8192), t.readPjPerBit);
    }
    // ParamPath reaches the power; twice the power, twice the energy per bit.
    Scenario s = preset("paper/flash-opt6.7b-predictor");
    std::string error;
    QVERIFY2(parampath::set(s, "tiers.flash.read_power_w", 10, &error), error.c_str());
    TL_COMPARE_REL(FlashOffloadModel::quantities(s).readPjPerBit, 1000.0, 1e-9);
}

void TestFlashOffload::readEnergyGivenOnce()
{
    nlohmann::json j = toJson(preset("paper/flash-opt6.7b-predictor"));
    QCOMPARE(j["tiers"][0]["read_power_w"].get<double>(), 5.0);
    auto problemsOf = [](const nlohmann::json& json) {
        Scenario s;
        Problems problems;
        fromJson(json, s, "scenario", problems);
        if (problems.empty())
            problems = validateScenario(s);
        return problems;
    };
    auto has = [](const Problems& problems, const std::string& path, const std::string& words) {
        for (const auto& p : problems)
            if (p.path == path && p.message.find(words) != std::string::npos)
                return true;
        return false;
    };
    QVERIFY(problemsOf(j).empty());
    nlohmann::json both = j;
    both["tiers"][0]["read_pj_per_bit"] = 102.4;
    QVERIFY(has(problemsOf(both), "tiers[0].read_power_w", "read_pj_per_bit"));
    nlohmann::json neither = j;
    neither["tiers"][0].erase("read_pj_per_bit");
    neither["tiers"][0].erase("read_power_w");
    QVERIFY(has(problemsOf(neither), "scenario.tiers[0].read_pj_per_bit", "read_power_w"));
    nlohmann::json negative = j;
    negative["tiers"][0]["read_power_w"] = -1;
    bool named = false;
    for (const auto& p : problemsOf(negative))
        named = named || p.path.find("read_power_w") != std::string::npos;
    QVERIFY(named);
}

void TestFlashOffload::predictorScalesFfnCompute()
{
    Scenario s = preset("paper/flash-opt6.7b-hybrid");
    const Result dense = evaluate(s);
    s = preset("paper/flash-opt6.7b-predictor");
    const Result sparse = evaluate(s);
    auto up = [](const Result& r) {
        for (const auto& op : r.operations)
            if (op.name == "ffn.up")
                return op.instancesPerGpu;
        return -1.0;
    };
    QVERIFY(up(dense) > 0);
    TL_COMPARE_REL(up(sparse), 0.1061 * up(dense), 1e-12);
    QVERIFY(sparse.latency(LatencyPart::Fc) < dense.latency(LatencyPart::Fc));
}

void TestFlashOffload::smallDramBudgetWarns()
{
    Scenario s = preset("paper/flash-opt6.7b-windowing");
    auto hasBudgetWarning = [](const Result& r) {
        for (const auto& w : r.warnings)
            if (w.find("DRAM budget") != std::string::npos)
                return true;
        return false;
    };
    QVERIFY(!hasBudgetWarning(evaluate(s)));
    s.flash.dramFraction = 0.3; // less than attention and embeddings alone (35 %)
    QVERIFY(hasBudgetWarning(evaluate(s)));
}

void TestFlashOffload::table2Reproduced_data()
{
    QTest::addColumn<int>("bar");
    QTest::addColumn<double>("publishedMs");
    QTest::addColumn<double>("tolerance");
    QTest::newRow("naive") << 0 << 2196.0 << 0.02;
    QTest::newRow("hybrid") << 1 << 1090.0 << 0.02;
    QTest::newRow("predictor") << 2 << 738.0 << 0.02;
    QTest::newRow("windowing") << 3 << 164.0 << 0.02;
    // The paper reads "0.2 GB" in both of the last rows, but 164 ms at 1.25 GB/s is 0.205 GB and
    // 87 ms at 2.25 GB/s 0.196 GB; with equal bytes no model meets both within 2 %.
    QTest::newRow("bundling") << 4 << 87.0 << 0.035;
}

void TestFlashOffload::table2Reproduced()
{
    QFETCH(int, bar);
    QFETCH(double, publishedMs);
    QFETCH(double, tolerance);
    const auto& lib = PresetLibrary::builtin();
    const PresetEntry* e = lib.find(PresetKind::Study, "paper/llm-in-a-flash-table2");
    QVERIFY(e);
    auto st = loadStudy(e->json, lib);
    QVERIFY(st.ok());
    const StudyResult res = runStudy(st.value);
    QCOMPARE(int(res.bars.size()), 5);
    TL_COMPARE_REL(res.bars[bar].result.latency(LatencyPart::Io) * 1e3, publishedMs, tolerance);
}

void TestFlashOffload::offByDefaultChangesNothing()
{
    for (const char* id : { "paper/mixtral-hbm", "paper/maverick-ssd-nvlink5", "default" }) {
        Scenario s = preset(id);
        QVERIFY(!s.flash.enabled());
        const Result off = evaluate(s, 16);
        QCOMPARE(off.energy(EnergyPart::FcOffload), 0.0);
        QCOMPARE(off.latency(LatencyPart::Io), 0.0);
        // Parameters without a tier stay inert.
        s.flash.sparsity = 0.9;
        s.flash.dramFraction = 0.1;
        const Result inert = evaluate(s, 16);
        QCOMPARE(inert.totalEnergyJPerToken(), off.totalEnergyJPerToken());
        QCOMPARE(inert.totalLatencyS(), off.totalLatencyS());
        QVERIFY(!toJson(preset(id)).contains("flash_offload"));
    }
}

void TestFlashOffload::jsonRoundTripAndBackwardCompatibility()
{
    const Scenario s = preset("paper/flash-opt6.7b-bundling");
    const nlohmann::json j = toJson(s);
    QCOMPARE(j["flash_offload"]["tier"].get<std::string>(), std::string("flash"));
    QCOMPARE(j["flash_offload"]["window_tokens"].get<int>(), 4);
    Scenario back;
    Problems problems;
    fromJson(j, back, "", problems);
    QVERIFY(problems.empty());
    QVERIFY(back.flash == s.flash);
    QCOMPARE(back.findTier("flash")->chunkThroughput.size(), std::size_t(3));
    QCOMPARE(evaluate(back).totalLatencyS(), evaluate(s).totalLatencyS());
}

void TestFlashOffload::badInputIsNamed()
{
    nlohmann::json j = toJson(preset("paper/flash-opt6.7b-naive"));
    j["tiers"][0]["chunk_throughput"][1]["chunk_bytes"] = 4096; // shrinks
    j["flash_offload"]["sparsity"] = "high";
    j["flash_offload"]["windw_tokens"] = 4;
    Scenario s;
    Problems problems;
    fromJson(j, s, "scenario", problems);
    auto has = [&](const std::string& path, const std::string& words) {
        for (const auto& p : problems)
            if (p.path == path && p.message.find(words) != std::string::npos)
                return true;
        return false;
    };
    QVERIFY(has("scenario.tiers[0].chunk_throughput[1].chunk_bytes", "must grow"));
    QVERIFY(has("scenario.flash_offload.sparsity", "must be a number"));
    QVERIFY(has("scenario.flash_offload.windw_tokens", "not a known field"));

    Scenario v = preset("paper/flash-opt6.7b-naive");
    v.flash.tier = "nvme";
    v.flash.falseNegativeRate = 1.5;
    const Problems vp = validateScenario(v);
    bool tier = false, range = false;
    for (const auto& p : vp) {
        tier = tier || (p.path == "flash_offload.tier" && p.message.find("nvme") != std::string::npos);
        range = range || p.path == "flash_offload.false_negative_rate";
    }
    QVERIFY(tier);
    QVERIFY(range);
}

void TestFlashOffload::paramPathReachesTheFields()
{
    Scenario s = preset("paper/flash-opt6.7b-predictor");
    std::string error;
    QVERIFY(parampath::set(s, "flash_offload.sparsity", 0.9, &error));
    QCOMPARE(s.flash.sparsity, 0.9);
    QCOMPARE(parampath::get(s, "flash_offload.window_tokens").value_or(-1), 0.0);
    bool listed = false;
    for (const auto& p : parampath::list(s))
        listed = listed || p.path == "flash_offload.bundling";
    QVERIFY(listed);
}

void TestFlashOffload::explanationsMatchTheModel()
{
    for (const char* id : { "paper/flash-opt6.7b-naive", "paper/flash-opt6.7b-bundling" }) {
        const Scenario s = preset(id);
        const Result r = evaluate(s);
        const Explanation io = explainLatency(s, r, LatencyPart::Io);
        QVERIFY(io.steps.size() >= 3);
        QCOMPARE(io.value, r.latency(LatencyPart::Io));
        QVERIFY(io.note.find("Warning") == std::string::npos);
        const Explanation e = explainEnergy(s, r, EnergyPart::FcOffload);
        QCOMPARE(e.value, r.energy(EnergyPart::FcOffload));
        QVERIFY(e.note.find("Warning") == std::string::npos);
        const Explanation total = explainTotalLatency(s, r);
        QVERIFY(total.note.find("Warning") == std::string::npos);
        const Explanation bg = explainEnergy(s, r, EnergyPart::Background);
        QVERIFY(bg.note.find("Warning") == std::string::npos);
    }
}

QTEST_APPLESS_MAIN(TestFlashOffload)
#include "tst_flashoffload.moc"
