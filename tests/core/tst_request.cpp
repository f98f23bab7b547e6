// Whole requests: prefill, the decode of L_out tokens, request totals and the KV cache off HBM,
// against first principles and against the sum of the evaluator's own steps.

#include "core/data/parampath.h"
#include "core/explain/explainrequest.h"
#include "core/io/scenariojson.h"
#include "core/model/evaluator.h"
#include "core/model/requestmodel.h"
#include "core/validation/validator.h"
#include "tests/support/testsupport.h"

#include <algorithm>

using namespace tierlens;
using test::preset;

class TestRequest : public QObject {
    Q_OBJECT
private slots:
    void prefillOfLlamaIsComputeBound();
    void prefillActivatesTheExpertsOfEveryPromptToken();
    void shortOutputTpotIsTheFirstStep();
    void tpotGrowsWithContextWhenKvDominates();
    void oneTokenWithoutPrefillIsTodaysStep();
    void decodeIsTheSumOfItsSteps();
    void totalsFollowFromTimeAndEnergy();
    void kvOnCpuMemoryReadsOverItsPath();
    void kvBudgetKeepsPartInHbm();
    void moreTierBandwidthNeverSlowsAStep();
    void maxBatchFromHbmLessWeights();
    void jsonKeepsOutputLengthAndKvPlacement();
    void unknownKvTierIsNamed();
    void everyRequestNumberExplainsItself();
};

namespace {
constexpr double kGiB = 1024.0 * 1024 * 1024;

// Llama 3.3 70B on 1 × 8 H100, TP 8 (the reference's Fig. 6 denominator).
Scenario llama()
{
    return preset("paper/llama3.3-70b-hbm");
}

// Weights of one Llama layer's linear layers: QKV, output projection, SwiGLU FFN.
double llamaLayerParams(const ModelSpec& m)
{
    const double h = m.hidden;
    return h * m.headDim * (m.heads + 2.0 * m.kvHeads) + double(m.headDim) * m.heads * h + 3.0 * h * m.ffnDim;
}

MemoryTier cpuMemory(double bandwidthGBs)
{
    MemoryTier t;
    t.id = "cpu";
    t.name = "CPU memory";
    t.kind = MemoryTier::Kind::HostDram;
    t.readPjPerBit = 9.2;
    t.writePjPerBit = 9.2;
    t.bandwidthGBs = bandwidthGBs;
    t.capacityGiB = 512;
    return t;
}

Interconnect c2c(double bandwidthGBs)
{
    Interconnect l;
    l.id = "c2c";
    l.name = "NVLink-C2C";
    l.bandwidthGBs = bandwidthGBs;
    l.pjPerBit = 1.3;
    return l;
}

Scenario llamaWithKvOnCpu(double tierGBs, double linkGBs)
{
    Scenario s = llama();
    s.tiers.push_back(cpuMemory(tierGBs));
    s.links.push_back(c2c(linkGBs));
    s.placement.kvCache.tier = "cpu";
    s.placement.kvCache.path = { "c2c" };
    return s;
}

double sum(const std::array<double, kEnergyPartCount>& a)
{
    double t = 0;
    for (double v : a)
        t += v;
    return t;
}
} // namespace

void TestRequest::prefillOfLlamaIsComputeBound()
{
    Scenario s = llama();
    s.workload.promptLength = 1024;
    const ModelSpec& m = s.model;
    const double L = 1024, gpus = 8, peak = s.gpu.peakTflops * 1e12;
    QCOMPARE(s.cluster.gpus(), 8);
    // 2 FLOPs per weight per token, spread over 8 GPUs: ≈ 2 · 70e9 · 1024 / (8 · 989 TFLOP/s).
    const double linearBound = 2 * m.layers * llamaLayerParams(m) * L / (gpus * peak);
    QVERIFY(linearBound > 0.017 && linearBound < 0.019);
    // Causal attention: scores and context, 2 · 2 · hd · H FLOPs per (query, key) pair, L(L+1)/2 pairs.
    const double attentionFlops = m.layers * 4.0 * m.headDim * m.heads * L * (L + 1) / 2;
    const double bound = linearBound + attentionFlops / (gpus * peak);

    const RequestResult r = evaluateRequest(s, 1);
    QVERIFY(r.hasPrefill);
    const Result& p = r.prefill;
    // The linear layers are compute-bound at m = 1024: their time is the FLOP bound to 2 %.
    QVERIFY(p.latency(LatencyPart::Fc) >= linearBound * (1 - 1e-12));
    TL_COMPARE_REL(p.latency(LatencyPart::Fc), linearBound, 0.02);
    // Without communication the prefill is never below the bound and within 10 % of it.
    const double compute = r.prefillS - p.latency(LatencyPart::Communication);
    QVERIFY(compute >= bound * (1 - 1e-12));
    QVERIFY2(compute <= 1.10 * bound, qPrintable(QStringLiteral("%1 vs bound %2").arg(compute).arg(bound)));
    // Communication: two ring AllReduces per layer of 1024 tokens × h at 2 bytes over NVLink4.
    const Interconnect* link = s.findLink(s.cluster.intraLink);
    QVERIFY(link);
    const double bytes = L * m.hidden * m.bytesPerParam;
    const double ring = 2 * 7 * (link->latencyUs * 1e-6 + bytes / 8 / (link->bandwidthGBs * 1e9));
    TL_COMPARE_REL(p.latency(LatencyPart::Communication), 2 * m.layers * ring, 1e-9);
    QCOMPARE(r.ttftS, r.prefillS + r.firstStep.totalLatencyS());
}

void TestRequest::prefillActivatesTheExpertsOfEveryPromptToken()
{
    Scenario s = preset("paper/deepseek-r1-hbm");
    s.placement.expertTier = "ssd";
    s.placement.path = { "nvlink-c2c-gen5" };
    const int E = s.model.moe->experts, k = s.model.moe->topK;
    for (int L : { 1, 4, 64 }) {
        const int batch = 4;
        const Result p = evaluatePrefill(s, batch, L);
        // Distinct experts hit by B · L_in · k routed choices.
        const double expected = E * (1 - std::pow(1 - double(k) / E, double(batch) * L));
        TL_COMPARE_REL(p.activeExpertsPerLayer, expected, 1e-9);
        // Each is copied from the SSD once per MoE layer, with the router of every GPU.
        const double copied = s.model.moeLayerCount()
            * (expected * s.model.expertBytes() + s.cluster.gpus() * double(s.model.hidden) * E * 2);
        TL_COMPARE_REL(p.copiedBytes, copied, 1e-9);
    }
    // A prefill of one token is one decode step's worth of work: the same active experts as a
    // decode step of the same batch.
    TL_COMPARE_REL(
        evaluatePrefill(s, 16, 1).activeExpertsPerLayer, evaluate(s, 16).activeExpertsPerLayer, 1e-12);
}

void TestRequest::shortOutputTpotIsTheFirstStep()
{
    Scenario s = llama();
    s.workload.outputLength = 8;
    const RequestResult r = evaluateRequest(s, 1);
    const double first = evaluate(s, 1).totalLatencyS();
    TL_COMPARE_REL(r.tpotMeanS, first, 0.01);
    TL_COMPARE_REL(r.tpotFirstS, first, 1e-12);
}

void TestRequest::tpotGrowsWithContextWhenKvDominates()
{
    Scenario s = llama();
    s.workload.promptLength = 8192;
    s.workload.outputLength = 256;
    const int batch = 64;
    const RequestResult r = evaluateRequest(s, batch, { false });
    QVERIFY(r.tpotLastS > r.tpotFirstS);
    QVERIFY(r.tpotMeanS > r.tpotFirstS && r.tpotMeanS < r.tpotLastS);
    // The KV cache dominates: the last step's attention outweighs its linear layers.
    QVERIFY(r.lastStep.latency(LatencyPart::Attention) > r.lastStep.latency(LatencyPart::Fc));
    // Every extra token of context adds its K and V to what each GPU must read from HBM: the growth
    // is at least those bytes at HBM bandwidth, and at most 30 % more (scores and softmax).
    const ModelSpec& m = s.model;
    const double kvPerToken = m.layers * 2.0 * (m.kvHeads / 8) * m.headDim * m.bytesPerParam; // per GPU
    const double grown = (s.workload.outputLength - 1) * kvPerToken * batch / (s.gpu.hbmBandwidthGBs * 1e9);
    const double growth = r.tpotLastS - r.tpotFirstS;
    QVERIFY2(growth >= grown && growth <= 1.3 * grown,
        qPrintable(QStringLiteral("%1 vs %2").arg(growth).arg(grown)));
}

void TestRequest::oneTokenWithoutPrefillIsTodaysStep()
{
    for (const char* id :
        { "paper/llama3.3-70b-hbm", "paper/deepseek-r1-hbm", "paper/maverick-ssd-nvlink5" }) {
        Scenario s = preset(id);
        s.workload.outputLength = 1;
        const Result today = evaluate(s);
        const RequestResult r = evaluateRequest(s, s.workload.batch, { false });
        QVERIFY(!r.hasPrefill);
        QCOMPARE(r.ttftS, today.totalLatencyS());
        QCOMPARE(r.tpotMeanS, today.totalLatencyS());
        TL_COMPARE_REL(r.energyJPerRequest, today.totalEnergyJPerToken(), 1e-12);
        TL_COMPARE_REL(r.jPerOutputToken, today.totalEnergyJPerToken(), 1e-12);
        QCOMPARE(r.prefillJPerRequest, 0.0);
        for (int i = 0; i < kEnergyPartCount; ++i)
            TL_COMPARE_REL(r.decodeEnergyJ[i], today.energyJPerToken[i] * s.workload.batch, 1e-12);
        TL_COMPARE_REL(r.tokensPerS, s.workload.batch / today.totalLatencyS(), 1e-12);
    }
}

void TestRequest::decodeIsTheSumOfItsSteps()
{
    Scenario s = preset("paper/deepseek-r1-hbm");
    s.workload.promptLength = 300;
    s.workload.outputLength = 37;
    const int batch = 16;
    const RequestResult r = evaluateRequest(s, batch);
    // Brute force: step i attends over L_in + i tokens, i = 1 … L_out.
    double time = 0, energy = 0, attention = 0;
    for (int i = 1; i <= s.workload.outputLength; ++i) {
        Scenario at = s;
        at.workload.promptLength = s.workload.promptLength + i - 1;
        const Result e = evaluate(at, batch);
        time += e.totalLatencyS();
        energy += e.totalEnergyJPerToken() * batch;
        attention += e.latency(LatencyPart::Attention);
    }
    TL_COMPARE_REL(r.decodeS, time, 1e-12);
    TL_COMPARE_REL(r.decodeEnergyTotalJ(), energy, 1e-12);
    TL_COMPARE_REL(r.decodeLatencyS[int(LatencyPart::Attention)], attention, 1e-12);
    Scenario last = s;
    last.workload.promptLength = s.workload.promptLength + s.workload.outputLength - 1;
    QCOMPARE(r.tpotLastS, evaluate(last, batch).totalLatencyS());
}

void TestRequest::totalsFollowFromTimeAndEnergy()
{
    Scenario s = preset("paper/deepseek-r1-hbm");
    s.workload.outputLength = 16;
    const int batch = 64;
    const RequestResult r = evaluateRequest(s, batch);
    const double prefillJ = evaluatePrefill(s, batch, s.workload.promptLength).totalEnergyJPerToken();
    TL_COMPARE_REL(r.prefillJPerRequest, prefillJ, 1e-12);
    const double total = sum(r.prefillEnergyJ) + sum(r.decodeEnergyJ);
    TL_COMPARE_REL(r.energyJPerRequest, total / batch, 1e-12);
    TL_COMPARE_REL(r.jPerOutputToken, total / batch / 16, 1e-12);
    const double seconds = r.prefillS + r.decodeS;
    TL_COMPARE_REL(r.tokensPerS, batch * 16 / seconds, 1e-12);
    TL_COMPARE_REL(r.tokensPerSPerGpu, batch * 16 / seconds / 32, 1e-12);
    TL_COMPARE_REL(r.avgPowerW, total / seconds, 1e-12);
    TL_COMPARE_REL(r.avgPowerWPerGpu, total / seconds / 32, 1e-12);
    // Idle power alone: every GPU draws at least its idle power on average.
    QVERIFY(r.avgPowerWPerGpu > s.gpu.idlePowerW);
}

void TestRequest::kvOnCpuMemoryReadsOverItsPath()
{
    const int batch = 8;
    for (auto [tierGBs, linkGBs] : { std::pair { 200.0, 900.0 }, std::pair { 900.0, 120.0 } }) {
        const Scenario s = llamaWithKvOnCpu(tierGBs, linkGBs);
        const Result hbm = evaluate(llama(), batch);
        const Result cpu = evaluate(s, batch);
        // Llama: 80 layers, 8 KV heads over TP 8 = one per GPU, K and V of 128 at 2 bytes, over
        // L_in + 1 tokens, 8 sequences in the one DP group.
        const double kvBytes = 80 * 2 * 1 * 128 * 2.0 * (s.workload.promptLength + 1) * batch;
        const double t = kvBytes / (std::min(tierGBs, linkGBs) * 1e9);
        TL_COMPARE_REL(cpu.q.kvOffHbmBytesPerGpu, kvBytes, 1e-12);
        TL_COMPARE_REL(cpu.q.kvTransferS, t, 1e-12);
        TL_COMPARE_REL(cpu.latency(LatencyPart::Attention) - hbm.latency(LatencyPart::Attention), t, 1e-9);
        // Energy: tier read + HBM write of every GPU's bytes, and the link's pJ/bit.
        const double bits = kvBytes * 8 * 8;
        TL_COMPARE_REL(
            (cpu.energy(EnergyPart::AttentionOffchip) - hbm.energy(EnergyPart::AttentionOffchip)) * batch,
            bits * (9.2 + s.gpu.hbmWritePjPerBit) * 1e-12, 1e-9);
        TL_COMPARE_REL(
            (cpu.energy(EnergyPart::Link) - hbm.energy(EnergyPart::Link)) * batch, bits * 1.3e-12, 1e-9);
        TL_COMPARE_REL(cpu.bytesPerStep.at("cpu"), kvBytes * 8, 1e-12);
        // The request reports the tier's share of what each step reads.
        Scenario one = s;
        one.workload.outputLength = 1;
        const RequestResult r = evaluateRequest(one, batch, { false });
        TL_COMPARE_REL(r.kvBytesPerStep.at("cpu"), kvBytes * 8, 1e-12);
    }
}

void TestRequest::kvBudgetKeepsPartInHbm()
{
    Scenario s = llamaWithKvOnCpu(900, 450);
    s.placement.kvCache.hbmBudgetGiB = 0.5;
    const int batch = 16;
    const Result r = evaluate(s, batch);
    const double kvBytes = 80 * 2 * 128 * 2.0 * (s.workload.promptLength + 1) * batch;
    QVERIFY(kvBytes > 0.5 * kGiB);
    TL_COMPARE_REL(r.q.kvOffHbmBytesPerGpu, kvBytes - 0.5 * kGiB, 1e-12);
    TL_COMPARE_REL(r.q.kvTransferS, (kvBytes - 0.5 * kGiB) / 450e9, 1e-12);
    // A budget larger than the KV cache leaves it all in HBM: the step is the HBM one.
    s.placement.kvCache.hbmBudgetGiB = 1000;
    test::compareResults(evaluate(s, batch), evaluate(llama(), batch));
}

void TestRequest::moreTierBandwidthNeverSlowsAStep()
{
    double previous = 1e300;
    for (double gbs : { 10.0, 50.0, 100.0, 400.0, 900.0, 3000.0 }) {
        Scenario s = llamaWithKvOnCpu(gbs, 900);
        s.workload.promptLength = 4096;
        const double t = evaluate(s, 32).totalLatencyS();
        QVERIFY2(t <= previous,
            qPrintable(QStringLiteral("%1 GB/s: %2 s after %3 s").arg(gbs).arg(t).arg(previous)));
        previous = t;
    }
    // Experts on a tier too.
    previous = 1e300;
    for (double gbs : { 10.0, 100.0, 450.0, 900.0 }) {
        Scenario s = preset("paper/maverick-ssd-nvlink5");
        QVERIFY(parampath::set(s, "tiers.ssd.bandwidth_gb_s", gbs));
        const double t = evaluateRequest(s, 2).tpotMeanS;
        QVERIFY(t <= previous);
        previous = t;
    }
}

void TestRequest::maxBatchFromHbmLessWeights()
{
    Scenario s = llama();
    s.workload.promptLength = 1024;
    s.workload.outputLength = 256;
    const ModelSpec& m = s.model;
    // Weights per GPU: every linear layer and the embedding and LM head, split over TP 8.
    const double weights = (m.layers * llamaLayerParams(m) + 2.0 * m.vocab * m.hidden) / 8 * 2;
    const double kvPerSeq = 80 * 2 * 128 * 2.0 * (1024 + 256);
    const int expected = int(std::floor((s.gpu.hbmCapacityGiB * kGiB - weights) / kvPerSeq));
    const RequestResult r = evaluateRequest(s, 1);
    QVERIFY(!r.maxBatch.empty());
    QCOMPARE(r.maxBatch.front().placement, std::string("hbm"));
    QCOMPARE(r.maxBatch.front().maxBatch, expected);
    // KV on CPU memory with no HBM budget: the tier's capacity holds it all.
    Scenario cpu = llamaWithKvOnCpu(900, 900);
    const auto fits = evaluateRequest(cpu, 1).maxBatch;
    const auto it
        = std::find_if(fits.begin(), fits.end(), [](const auto& f) { return f.placement == "cpu"; });
    QVERIFY(it != fits.end());
    QCOMPARE(it->maxBatch, int(std::floor(512 * kGiB / kvPerSeq)));
}

void TestRequest::jsonKeepsOutputLengthAndKvPlacement()
{
    Scenario s = llamaWithKvOnCpu(300, 900);
    s.workload.outputLength = 77;
    s.placement.kvCache.hbmBudgetGiB = 2.5;
    Scenario back;
    Problems problems;
    fromJson(toJson(s), back, "", problems);
    for (const auto& p : problems)
        qWarning("%s", p.toString().c_str());
    QVERIFY(problems.empty());
    QCOMPARE(back.workload.outputLength, 77);
    QCOMPARE(back.placement.kvCache.tier, std::string("cpu"));
    QCOMPARE(back.placement.kvCache.path, std::vector<std::string> { "c2c" });
    QCOMPARE(back.placement.kvCache.hbmBudgetGiB, 2.5);
    QVERIFY(parampath::set(s, "workload.output_length", 12));
    QCOMPARE(s.workload.outputLength, 12);
    QVERIFY(parampath::set(s, "placement.kv_cache.hbm_budget_gib", 4));
    QCOMPARE(s.placement.kvCache.hbmBudgetGiB, 4.0);
}

void TestRequest::unknownKvTierIsNamed()
{
    Scenario s = llama();
    s.placement.kvCache.tier = "tape";
    s.workload.outputLength = 0;
    bool tier = false, length = false;
    for (const auto& p : validateScenario(s)) {
        tier = tier || (p.path == "placement.kv_cache.tier" && p.message.find("tape") != std::string::npos);
        length = length || p.path == "workload.output_length";
    }
    QVERIFY(tier);
    QVERIFY(length);
}

void TestRequest::everyRequestNumberExplainsItself()
{
    Scenario s = llamaWithKvOnCpu(300, 900);
    s.workload.outputLength = 20;
    const RequestResult r = evaluateRequest(s, 8);
    const double reported[kRequestQuantityCount] = { r.ttftS, r.tpotMeanS, r.tokensPerS, r.tokensPerSPerGpu,
        r.energyJPerRequest, r.prefillJPerRequest, r.decodeJPerRequest, r.jPerOutputToken, r.avgPowerW,
        r.avgPowerWPerGpu, r.firstStep.q.kvTransferS, 0 };
    for (int i = 0; i < kRequestQuantityCount; ++i) {
        const auto q = RequestQuantity(i);
        const Explanation ex = explainRequest(s, r, q);
        QVERIFY(!ex.empty());
        QVERIFY2(ex.note.find("Warning") == std::string::npos, ex.note.c_str());
        if (q != RequestQuantity::MaxBatch)
            TL_COMPARE_REL(ex.value, reported[i], 1e-9);
    }
    // The largest batch of this placement (KV in CPU memory) closes its explanation.
    const auto fit = std::find_if(
        r.maxBatch.begin(), r.maxBatch.end(), [](const auto& f) { return f.placement == "cpu"; });
    QVERIFY(fit != r.maxBatch.end());
    QCOMPARE(explainRequest(s, r, RequestQuantity::MaxBatch).value, double(fit->maxBatch));
    // The step's own explanations count the KV cache read from its tier.
    const Result& step = r.firstStep;
    QVERIFY(step.q.kvTransferS > 0);
    const Explanation attention = explainLatency(s, step, LatencyPart::Attention);
    QVERIFY2(attention.note.find("Warning") == std::string::npos, attention.note.c_str());
    TL_COMPARE_REL(attention.value, step.latency(LatencyPart::Attention), 1e-9);
    for (EnergyPart p : { EnergyPart::AttentionOffchip, EnergyPart::Link }) {
        const Explanation energy = explainEnergy(s, step, p);
        QVERIFY2(energy.note.find("Warning") == std::string::npos, energy.note.c_str());
        TL_COMPARE_REL(energy.value, step.energy(p), 1e-9);
    }
    // Energy sums: the prefill's terms add up to what the request reports.
    const Explanation e = explainRequest(s, r, RequestQuantity::PrefillEnergy);
    double terms = 0;
    for (const auto& t : e.steps.back().terms)
        terms += t.value;
    TL_COMPARE_REL(terms, r.prefillJPerRequest, 1e-9);
}

QTEST_APPLESS_MAIN(TestRequest)
#include "tst_request.moc"
