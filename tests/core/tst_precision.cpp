// Data types per weight class (core/data/datatype.h, ModelSpec::precision): bits per element from
// the formats' definitions, bytes of every class following its type through the step, the copy and
// the capacity check, GEMMs at the type's peak, and models without types costed as before.
#include "core/data/datatype.h"
#include "core/data/study.h"
#include "core/import/hfconfigimporter.h"
#include "core/io/presetlibrary.h"
#include "core/io/scenariojson.h"
#include "core/model/capacitycheck.h"
#include "core/model/costmodel.h"
#include "core/model/evaluator.h"
#include "core/model/modelparams.h"
#include "tests/support/testsupport.h"

#include <nlohmann/json.hpp>

#include <QTest>

#include <cmath>

using namespace tierlens;
using nlohmann::json;

class TestPrecision : public QObject {
    Q_OBJECT
private slots:
    void bitsFromTheFormats();
    void namesRoundTrip();
    void unknownNameNamesTheField();
    void unknownClassNamesTheField();
    void jsonRoundTrip();
    void deepSeekFp8HalvesTheExpertCopy();
    void mxfp4ExpertBytes();
    void fp8GemmAtTheFp8Peak();
    void fp4FallsBackToFp8ThenBf16();
    void weightOnlyIntRunsAtBf16Peak();
    void stepUsesTheFp8Peak();
    void denseWeightsAtTheirType();
    void kvCacheAtItsType();
    void embeddingsAtTheirType();
    void absentPrecisionReproducesToday_data();
    void absentPrecisionReproducesToday();
    void presetsAreTheImportersOutput_data();
    void presetsAreTheImportersOutput();
    void studyCarriesThePrecision();
};

namespace {

std::string dataFile(const std::string& name)
{
    return std::string(TIERLENS_TEST_DATA_DIR) + "/hf/" + name;
}

ModelSpec importModel(const std::string& file)
{
    const auto r = importHfConfigFile(dataFile(file));
    for (const auto& p : r.model.problems)
        qWarning("%s", p.toString().c_str());
    if (!r.ok())
        qFatal("%s did not import", file.c_str());
    return r.model.value;
}

// DeepSeek-R1's paper scenario with its experts on SSD over NVLink-C2C, and the router left in
// HBM so that the copy is experts only.
Scenario onSsd(const ModelSpec& m)
{
    Scenario s = test::preset("paper/deepseek-r1-hbm");
    s.model = m;
    s.placement.expertTier = "ssd";
    s.placement.path = { "nvlink-c2c-gen5" };
    s.placement.copyRouterWeights = false;
    return s;
}

const OperationRow* row(const Result& r, std::string_view name)
{
    for (const auto& op : r.operations)
        if (op.name == name)
            return &op;
    return nullptr;
}

ModelPrecision allOf(DataType t)
{
    ModelPrecision p;
    for (int i = 0; i < kWeightClassCount; ++i)
        p.set(static_cast<WeightClass>(i), t);
    return p;
}

GpuSpec h100WithFp8()
{
    GpuSpec g;
    g.peakTflops = 989.4;
    g.peakTflopsFp8 = 1978.9;
    return g;
}

} // namespace

void TestPrecision::bitsFromTheFormats()
{
    // MXFP4 (OCP MX spec): 32 E2M1 values share one E8M0 scale. NVFP4: 16 share one E4M3 scale.
    // INT4 with 128-element groups and a 16-bit scale per group.
    QCOMPARE(bitsPerElement(DataType::Mxfp4), (32 * 4 + 8) / 32.0);
    QCOMPARE(bitsPerElement(DataType::Nvfp4), (16 * 4 + 8) / 16.0);
    QCOMPARE(bitsPerElement(DataType::Int4G128), (128 * 4 + 16) / 128.0);
    QCOMPARE(bytesPerElement(DataType::Fp8E4m3), 1.0);
    QCOMPARE(bytesPerElement(DataType::Fp8E5m2), 1.0);
    QCOMPARE(bytesPerElement(DataType::Int8), 1.0);
    QCOMPARE(bytesPerElement(DataType::Bf16), 2.0);
    QCOMPARE(bytesPerElement(DataType::Fp16), 2.0);
    QCOMPARE(bytesPerElement(DataType::Fp32), 4.0);
}

void TestPrecision::namesRoundTrip()
{
    QCOMPARE(int(allDataTypes().size()), 9);
    for (DataType t : allDataTypes()) {
        const auto back = dataTypeFromName(dataTypeName(t));
        QVERIFY(back.has_value());
        QCOMPARE(int(*back), int(t));
    }
    QCOMPARE(int(*dataTypeFromName("fp8-e4m3")), int(DataType::Fp8E4m3));
    QCOMPARE(std::string(dataTypeName(DataType::Int4G128)), std::string("int4-g128"));
    QVERIFY(!dataTypeFromName("FP8").has_value());
}

void TestPrecision::unknownNameNamesTheField()
{
    json j = toJson(ModelSpec {});
    j["precision"] = { { "experts", "fp7" } };
    ModelSpec m;
    Problems out;
    fromJson(j, m, "model", out);
    QCOMPARE(int(out.size()), 1);
    QCOMPARE(out[0].path, std::string("model.precision.experts"));
    QVERIFY(out[0].message.find("\"fp7\"") != std::string::npos);
    QVERIFY(out[0].message.find("\"mxfp4\"") != std::string::npos);
    QVERIFY(!m.precision.of(WeightClass::Experts).has_value());

    j["precision"] = { { "kv_cache", 8 } };
    out.clear();
    fromJson(j, m, "model", out);
    QCOMPARE(int(out.size()), 1);
    QCOMPARE(out[0].path, std::string("model.precision.kv_cache"));
}

void TestPrecision::unknownClassNamesTheField()
{
    json j = toJson(ModelSpec {});
    j["precision"] = { { "attention", "fp8" } };
    ModelSpec m;
    Problems out;
    fromJson(j, m, "model", out);
    QCOMPARE(int(out.size()), 1);
    QCOMPARE(out[0].path, std::string("model.precision.attention"));
}

void TestPrecision::jsonRoundTrip()
{
    ModelSpec m;
    QVERIFY(!toJson(m).contains("precision")); // files without types stay as they are
    m.precision.set(WeightClass::Experts, DataType::Mxfp4);
    m.precision.set(WeightClass::KvCache, DataType::Fp8E4m3);
    const json j = toJson(m);
    QCOMPARE(j["precision"].size(), std::size_t(2));
    QCOMPARE(j["precision"]["experts"].get<std::string>(), std::string("mxfp4"));
    ModelSpec back;
    Problems out;
    fromJson(j, back, "model", out);
    QVERIFY(out.empty());
    QVERIFY(back.precision == m.precision);
}

void TestPrecision::deepSeekFp8HalvesTheExpertCopy()
{
    const ModelSpec fp8 = importModel("deepseek-v3.json");
    QCOMPARE(int(*fp8.precision.of(WeightClass::Experts)), int(DataType::Fp8E4m3));
    const double h = 7168, ie = 2048, experts = 256, k = 8;
    QCOMPARE(fp8.expertBytes(), 3 * h * ie * 1.0);

    ModelSpec bf16 = fp8;
    bf16.precision.set(WeightClass::Experts, DataType::Bf16);
    QCOMPARE(bf16.expertBytes(), 3 * h * ie * 2.0);

    const int batch = 64;
    const Scenario a = onSsd(fp8), b = onSsd(bf16);
    const Result ra = evaluate(a, batch), rb = evaluate(b, batch);
    // Copied per step: every MoE layer's distinct active experts, E·(1 − (1 − k/E)^B) of them.
    const double moeLayers = 61 - 3;
    const double distinct = experts * (1 - std::pow(1 - k / experts, batch));
    TL_COMPARE_REL(ra.copiedBytes, moeLayers * distinct * 3 * h * ie * 1.0, 1e-9);
    TL_COMPARE_REL(rb.copiedBytes, moeLayers * distinct * 3 * h * ie * 2.0, 1e-9);
    TL_COMPARE_REL(ra.copiedBytes, rb.copiedBytes / 2, 1e-12);
    // Its energy: each copied bit pays the SSD read and the HBM write.
    const double pjPerBit = a.findTier("ssd")->readPjPerBit + a.gpu.hbmWritePjPerBit;
    TL_COMPARE_REL(
        ra.energyJPerToken[int(EnergyPart::MoeOffload)] * batch, ra.copiedBytes * 8 * pjPerBit * 1e-12, 1e-9);
    TL_COMPARE_REL(ra.energyJPerToken[int(EnergyPart::MoeOffload)],
        rb.energyJPerToken[int(EnergyPart::MoeOffload)] / 2, 1e-12);
    // Its time: per MoE layer the path's latency plus the busiest GPU's experts over the path.
    QCOMPARE(int(ra.q.tierCopies.size()), 1);
    const TierCopy& t = ra.q.tierCopies.front();
    const auto copyTime = [&](double bytesPerParam) {
        return moeLayers
            * (t.latencyS + ra.busiestGpuExpertsPerLayer * 3 * h * ie * bytesPerParam / t.bandwidthBytesPerS);
    };
    TL_COMPARE_REL(ra.copyS, copyTime(1), 1e-9);
    TL_COMPARE_REL(rb.copyS, copyTime(2), 1e-9);
    QVERIFY(ra.copyS < rb.copyS);
}

void TestPrecision::mxfp4ExpertBytes()
{
    const ModelSpec m = importModel("gpt-oss-20b.json");
    QCOMPARE(int(*m.precision.of(WeightClass::Experts)), int(DataType::Mxfp4));
    QCOMPARE(int(*m.precision.of(WeightClass::Dense)), int(DataType::Bf16));
    const double h = 2880, ie = 2880, experts = 32, layers = 24;
    const double routedParams = layers * experts * 3 * h * ie;
    TL_COMPARE_REL(m.expertBytes(), 3 * h * ie * 4.25 / 8, 1e-15);
    const ModelParams p = countModelParams(m);
    QCOMPARE(p.of(ParamClass::RoutedExperts), routedParams);
    TL_COMPARE_REL(p.of(ParamClass::RoutedExperts) * p.bytesOf(ParamClass::RoutedExperts),
        routedParams * 4.25 / 8, 1e-15);
    // Attention stays BF16: 2 bytes per parameter.
    QCOMPARE(p.bytesOf(ParamClass::Attention), 2.0);
}

void TestPrecision::fp8GemmAtTheFp8Peak()
{
    const GpuSpec gpu = h100WithFp8();
    const double bw = gpu.hbmBandwidthGBs * 1e9;
    QCOMPARE(peakTflopsFor(gpu, ComputeKind::Fp8), 1978.9);
    QCOMPARE(peakTflopsFor(gpu, ComputeKind::Bf16), 989.4);

    // Compute-bound (m = 8192 tokens): the FP8 GEMM takes FLOPs / FP8 peak, the BF16 one
    // FLOPs / BF16 peak.
    GemmShape bf16 { 8192, 7168, 2048, 2 };
    GemmShape fp8 = bf16;
    fp8.weightBytesPerElement = 1;
    fp8.peakTflops = peakTflopsFor(gpu, ComputeKind::Fp8);
    const double flops = 2.0 * 8192 * 7168 * 2048;
    const OpCost cb = gemmCost(bf16, gpu, bw), cf = gemmCost(fp8, gpu, bw);
    QVERIFY(cb.computeBound && cf.computeBound);
    TL_COMPARE_REL(cb.timeS, flops / 989.4e12, 1e-12);
    TL_COMPARE_REL(cf.timeS, flops / 1978.9e12, 1e-12);
    QVERIFY(cf.timeS < cb.timeS);

    // Memory-bound (one token): the peak makes no difference; the same FP8 weights on a GPU
    // without an FP8 peak take the same time, set by the bytes alone.
    GemmShape one = fp8;
    one.m = 1;
    GemmShape oneNoPeak = one;
    oneNoPeak.peakTflops = 0;
    const OpCost m1 = gemmCost(one, gpu, bw), m0 = gemmCost(oneNoPeak, gpu, bw);
    QVERIFY(!m1.computeBound && !m0.computeBound);
    QCOMPARE(m1.timeS, m0.timeS);
    const double bytes = (1.0 * 7168 + 1.0 * 2048) * 2 + 7168.0 * 2048 * 1;
    TL_COMPARE_REL(m1.timeS, bytes / bw, 1e-12);
    QCOMPARE(m1.bytes, bytes);
}

void TestPrecision::fp4FallsBackToFp8ThenBf16()
{
    GpuSpec g = h100WithFp8();
    QCOMPARE(peakTflopsFor(g, ComputeKind::Fp4), 1978.9); // no FP4: FP8
    g.peakTflopsFp4 = 9000;
    QCOMPARE(peakTflopsFor(g, ComputeKind::Fp4), 9000.0);
    g.peakTflopsFp4 = 0;
    g.peakTflopsFp8 = 0;
    QCOMPARE(peakTflopsFor(g, ComputeKind::Fp4), 989.4); // neither: BF16
    QCOMPARE(peakTflopsFor(g, ComputeKind::Fp8), 989.4);
}

void TestPrecision::weightOnlyIntRunsAtBf16Peak()
{
    QCOMPARE(int(computeKind(DataType::Int4G128)), int(ComputeKind::Bf16));
    QCOMPARE(int(computeKind(DataType::Int8)), int(ComputeKind::Bf16));
    QCOMPARE(int(computeKind(DataType::Mxfp4)), int(ComputeKind::Fp4));
    QCOMPARE(int(computeKind(DataType::Nvfp4)), int(ComputeKind::Fp4));
    QCOMPARE(int(computeKind(DataType::Fp8E5m2)), int(ComputeKind::Fp8));
}

void TestPrecision::stepUsesTheFp8Peak()
{
    // At batch 1024 DeepSeek's experts see ~32 tokens each; the routed-expert GEMMs on a GPU with
    // an FP8 peak run at it.
    Scenario s = test::preset("paper/deepseek-r1-hbm");
    s.gpu = h100WithFp8();
    s.model.precision.set(WeightClass::Experts, DataType::Fp8E4m3);
    const Result r = evaluate(s, 1024);
    const OperationRow* up = row(r, "expert.up");
    QVERIFY(up);
    QCOMPARE(up->shape.peakTflops, 1978.9);
    const double flops = 2 * up->shape.m * up->shape.k * up->shape.n;
    const double bytes = (up->shape.m * (up->shape.k + up->shape.n)) * 2 + up->shape.k * up->shape.n * 1.0;
    TL_COMPARE_REL(up->timeS, std::max(flops / 1978.9e12, bytes / (r.effectiveHbmBandwidthGBs * 1e9)), 1e-12);
    // The attention projections stay BF16 at the BF16 peak.
    const OperationRow* qDown = row(r, "mla.q_down");
    QVERIFY(qDown);
    QCOMPARE(qDown->shape.peakTflops, 0.0);
    QCOMPARE(qDown->shape.weightBytes(), 2.0);
}

void TestPrecision::denseWeightsAtTheirType()
{
    Scenario s = test::preset("paper/mixtral-hbm");
    s.model.precision.set(WeightClass::Dense, DataType::Fp8E4m3);
    const Result r = evaluate(s, 4);
    const OperationRow* qkv = row(r, "attn.qkv");
    QVERIFY(qkv);
    // 4 GPUs at TP4: one data-parallel group holding all 4 sequences.
    const double h = 4096, n = 128 * (32 + 2 * 8) / 4.0, m = 4;
    QCOMPARE(qkv->shape.m, m);
    QCOMPARE(qkv->bytes, (m * h + m * n) * 2 + h * n * 1);
    // Routed experts stay at bytes_per_param.
    const OperationRow* up = row(r, "expert.up");
    QVERIFY(up);
    QCOMPARE(up->shape.weightBytes(), 2.0);
}

void TestPrecision::kvCacheAtItsType()
{
    Scenario s = test::preset("paper/mixtral-hbm");
    const CapacityCheck before = CapacityCheck::of(s, 64);
    const Result rb = evaluate(s, 64);
    s.model.precision.set(WeightClass::KvCache, DataType::Fp8E4m3);
    const CapacityCheck after = CapacityCheck::of(s, 64);
    const Result ra = evaluate(s, 64);
    // KV cache per GPU: layers × 2 (K and V) × KV heads per GPU × head dim × tokens × sequences × b.
    const double perGpu = 32 * 2 * (8 / 4.0) * 128 * (1024 + 1.0) * 64 * 1.0;
    TL_COMPARE_REL(after.hbmKvBytes, perGpu, 1e-12);
    TL_COMPARE_REL(before.hbmKvBytes, 2 * perGpu, 1e-12);
    QCOMPARE(after.hbmWeightBytes, before.hbmWeightBytes);
    // The attention score GEMM reads the K cache (k × n = head dim × L) at one byte.
    const OperationRow* score = row(ra, "attn.score");
    const OperationRow* scoreBefore = row(rb, "attn.score");
    QVERIFY(score && scoreBefore);
    const double g = 32 / 8.0, hd = 128, L = 1025;
    QCOMPARE(score->bytes, (g * hd + g * L) * 2 + hd * L * 1);
    QCOMPARE(scoreBefore->bytes, (g * hd + g * L + hd * L) * 2);
}

void TestPrecision::embeddingsAtTheirType()
{
    Scenario s = test::preset("paper/mixtral-hbm");
    const CapacityCheck before = CapacityCheck::of(s, 1);
    s.model.precision.set(WeightClass::Embeddings, DataType::Fp8E4m3);
    const CapacityCheck after = CapacityCheck::of(s, 1);
    // Embedding table and LM head, vocabulary-parallel over TP4: one byte less per parameter.
    TL_COMPARE_REL(before.hbmWeightBytes - after.hbmWeightBytes, 2.0 * 32000 * 4096 / 4 * 1.0, 1e-9);
    const ModelParams p = countModelParams(s.model);
    QCOMPARE(p.bytesOf(ParamClass::LmHead), 1.0);
    QCOMPARE(p.bytesOf(ParamClass::Embeddings), 1.0);
    QCOMPARE(p.bytesOf(ParamClass::DenseFfn), 2.0);
}

void TestPrecision::absentPrecisionReproducesToday_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("tier");
    QTest::addColumn<int>("batch");
    QTest::newRow("Mixtral HBM, B=16") << "paper/mixtral-hbm"
                                       << "hbm" << 16;
    QTest::newRow("Mixtral SSD, B=1024") << "paper/mixtral-hbm"
                                         << "ssd" << 1024;
    QTest::newRow("DeepSeek-R1 SSD, B=64") << "paper/deepseek-r1-hbm"
                                           << "ssd" << 64;
    QTest::newRow("Maverick SSD, B=3") << "paper/maverick-ssd-nvlink5"
                                       << "" << 3;
    QTest::newRow("Llama 3.3 70B, B=2") << "paper/llama3.3-70b-hbm"
                                        << "" << 2;
}

void TestPrecision::absentPrecisionReproducesToday()
{
    QFETCH(QString, scenario);
    QFETCH(QString, tier);
    QFETCH(int, batch);
    Scenario s = test::preset(scenario.toStdString());
    if (!tier.isEmpty()) {
        s.placement.expertTier = tier.toStdString();
        s.placement.path = tier == QLatin1String("hbm") ? std::vector<std::string> {}
                                                        : std::vector<std::string> { "nvlink-c2c-gen5" };
    }
    QVERIFY(!s.model.precision.any());
    QCOMPARE(s.model.bytesPerParam, 2.0);
    Scenario explicitBf16 = s;
    explicitBf16.model.precision = allOf(DataType::Bf16);
    const Result a = evaluate(s, batch), b = evaluate(explicitBf16, batch);
    test::compareResults(a, b);
    QCOMPARE(a.operations.size(), b.operations.size());
    for (std::size_t i = 0; i < a.operations.size(); ++i) {
        QCOMPARE(a.operations[i].bytes, b.operations[i].bytes);
        QCOMPARE(a.operations[i].timeS, b.operations[i].timeS);
        QCOMPARE(a.operations[i].energyOffchipJ, b.operations[i].energyOffchipJ);
        QCOMPARE(a.operations[i].energyOnchipJ, b.operations[i].energyOnchipJ);
    }
    const CapacityCheck ca = CapacityCheck::of(s, batch), cb = CapacityCheck::of(explicitBf16, batch);
    QCOMPARE(ca.hbmWeightBytes, cb.hbmWeightBytes);
    QCOMPARE(ca.hbmKvBytes, cb.hbmKvBytes);
    QCOMPARE(ca.tierBytes, cb.tierBytes);
    // Any other type does change the result: the comparison above can fail.
    Scenario fp8 = s;
    fp8.model.precision = allOf(DataType::Fp8E4m3);
    QVERIFY(evaluate(fp8, batch).totalEnergyJPerToken() < a.totalEnergyJPerToken());
}

void TestPrecision::presetsAreTheImportersOutput_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("config");
    QTest::newRow("DeepSeek-V3") << "deepseek-v3"
                                 << "deepseek-v3.json";
    QTest::newRow("Qwen3-235B-A22B") << "qwen3-235b-a22b"
                                     << "qwen3-235b-a22b.json";
    QTest::newRow("gpt-oss-120b") << "gpt-oss-120b"
                                  << "gpt-oss-120b/config.json";
    QTest::newRow("Kimi-K2") << "kimi-k2"
                             << "kimi-k2/config.json";
    QTest::newRow("GLM-4.5") << "glm-4.5"
                             << "glm-4.5/config.json";
    QTest::newRow("Mixtral-8x22B") << "mixtral-8x22b"
                                   << "mixtral-8x22b.json";
    QTest::newRow("Llama-4-Scout") << "llama4-scout"
                                   << "llama-4-scout/config.json";
}

void TestPrecision::presetsAreTheImportersOutput()
{
    QFETCH(QString, preset);
    QFETCH(QString, config);
    const PresetEntry* e = PresetLibrary::builtin().find(PresetKind::Model, preset.toStdString());
    QVERIFY2(e, qPrintable(preset));
    ModelSpec fromPreset;
    Problems out;
    fromJson(e->json, fromPreset, "", out);
    QVERIFY(out.empty());
    QVERIFY(e->json.value("description", std::string()).find("huggingface.co/") != std::string::npos);
    const ModelSpec imported = importModel(config.toStdString());
    // Every field the step reads, as the importer wrote it (the preset adds its source).
    json a = toJson(fromPreset), b = toJson(imported);
    for (auto* j : { &a, &b })
        for (const char* meta : { "id", "name", "sources" })
            j->erase(meta);
    QCOMPARE(QString::fromStdString(a.dump()), QString::fromStdString(b.dump()));
}

void TestPrecision::studyCarriesThePrecision()
{
    const PresetEntry* e = PresetLibrary::builtin().find(PresetKind::Study, "precision/ssd-experts-energy");
    QVERIFY(e);
    const auto st = loadStudy(e->json, PresetLibrary::builtin());
    for (const auto& p : st.problems)
        qWarning("%s", p.toString().c_str());
    QVERIFY(st.ok());
    QCOMPARE(int(st.value.series.size()), 3);
    const DataType expected[] = { DataType::Bf16, DataType::Fp8E4m3, DataType::Mxfp4 };
    std::vector<double> offload;
    for (std::size_t i = 0; i < 3; ++i) {
        const Scenario& s = st.value.series[i].scenario;
        QCOMPARE(int(*s.model.precision.of(WeightClass::Experts)), int(expected[i]));
        QCOMPARE(s.placement.expertTier, std::string("ssd"));
        const Result r = evaluate(s, 64);
        offload.push_back(r.energyJPerToken[int(EnergyPart::MoeOffload)]);
    }
    // Only the experts change: the copy's energy scales with their bits, 16 → 8 → 4.25.
    TL_COMPARE_REL(offload[1], offload[0] * 8 / 16, 1e-12);
    TL_COMPARE_REL(offload[2], offload[0] * 4.25 / 16, 1e-12);
}

QTEST_GUILESS_MAIN(TestPrecision)
#include "tst_precision.moc"
