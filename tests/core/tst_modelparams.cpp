// Parameter counts (core/modelparams.h) against published model cards and against a count of the
// checkpoints' weight matrices, module by module, for configs written from the real config.json.
#include "core/import/hfconfigimporter.h"
#include "core/model/modelparams.h"
#include "tests/support/testsupport.h"

#include <nlohmann/json.hpp>

#include <QTest>

#include <cmath>

using namespace tierlens;
using nlohmann::json;

class TestModelParams : public QObject {
    Q_OBJECT
private slots:
    void modelCards_data();
    void modelCards();
    void mixtralMatchesItsCheckpoint();
    void modulesOfTheCheckpoint_data();
    void modulesOfTheCheckpoint();
    void classesAddUp_data();
    void classesAddUp();
    void denseModelHasNoExperts();
    void jsonShape();
    void text();
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
    return r.model.value;
}

const char* const kConfigs[] = { "mixtral-8x7b.json", "mixtral-8x22b.json", "qwen3-235b-a22b.json",
    "deepseek-v3.json", "dbrx-base.json", "falcon-7b.json", "falcon-40b.json", "llama4-maverick.json",
    "qwen3-30b-a3b.json", "opt-6.7b.json" };

} // namespace

void TestModelParams::modelCards_data()
{
    // The totals and active parameters their authors publish. Cards round to two or three digits
    // and differ on small parts (norms, whether the input embedding, a lookup, counts as active):
    // 2 %.
    QTest::addColumn<QString>("file");
    QTest::addColumn<double>("total");
    QTest::addColumn<double>("active");
    QTest::newRow("Mixtral-8x7B") << "mixtral-8x7b.json" << 46.7e9 << 12.9e9;
    QTest::newRow("Mixtral-8x22B") << "mixtral-8x22b.json" << 141e9 << 39e9;
    QTest::newRow("Qwen3-235B-A22B") << "qwen3-235b-a22b.json" << 235e9 << 22e9;
    QTest::newRow("DeepSeek-V3") << "deepseek-v3.json" << 671e9 << 37e9;
    QTest::newRow("DBRX") << "dbrx-base.json" << 132e9 << 36e9;
    QTest::newRow("Qwen3-30B-A3B") << "qwen3-30b-a3b.json" << 30.5e9 << 3.3e9;
}

void TestModelParams::modelCards()
{
    QFETCH(QString, file);
    QFETCH(double, total);
    QFETCH(double, active);
    const ModelParams p = countModelParams(importModel(file.toStdString()));
    TL_COMPARE_REL(p.totalParams(), total, 0.02);
    TL_COMPARE_REL(p.activePerToken(), active, 0.02);
}

void TestModelParams::mixtralMatchesItsCheckpoint()
{
    // Mixtral-8x7B's safetensors hold 46,702,792,704 weights. Ours leaves out the RMSNorm weights:
    // two per layer and the final one, hidden_size each.
    const ModelSpec m = importModel("mixtral-8x7b.json");
    const double norms = (2.0 * m.layers + 1) * m.hidden;
    QCOMPARE(countModelParams(m).totalParams() + norms, 46702792704.0);
}

void TestModelParams::modulesOfTheCheckpoint_data()
{
    // Each model's weight matrices as its transformers modules name them, shapes written from the
    // config: (class, rows × columns × how many).
    QTest::addColumn<QString>("file");
    QTest::addColumn<QList<double>>("attention"); // per layer
    QTest::addColumn<double>("denseFfn"); // all layers
    QTest::addColumn<double>("shared");
    QTest::addColumn<double>("routed");
    QTest::addColumn<double>("router");
    QTest::addColumn<double>("embeddings");
    {
        // DeepSeek-V3: q_a_proj, q_b_proj, kv_a_proj_with_mqa, kv_b_proj, o_proj; 3 dense layers of
        // 18432, 58 MoE layers of 256 routed + 1 shared experts of 2048, a 256-way gate.
        const double h = 7168;
        QTest::newRow("DeepSeek-V3") << "deepseek-v3.json"
                                     << QList<double> { h * 1536, 1536.0 * 128 * (128 + 64), h * (512 + 64),
                                            512.0 * 128 * (128 + 128), 128.0 * 128 * h }
                                     << 3 * 3 * h * 18432 << 58 * 3 * h * 2048 << 58 * 256 * 3 * h * 2048
                                     << 58 * h * 256 << 129280 * h;
    }
    {
        // DBRX: Wqkv (6144 → (48 + 2·8)·128), out_proj; every layer 16 experts w1, v1, w2 of 10752.
        const double h = 6144;
        QTest::newRow("DBRX") << "dbrx-base.json" << QList<double> { h * (48 + 16) * 128, h * h } << 0.0
                              << 0.0 << 40 * 16 * 3 * h * 10752 << 40 * h * 16 << 100352 * h;
    }
    {
        // Falcon-7B: query_key_value (4544 → (71 + 2)·64, multi-query), dense; dense_h_to_4h, dense_4h_to_h.
        const double h = 4544;
        QTest::newRow("Falcon-7B") << "falcon-7b.json" << QList<double> { h * (71 + 2) * 64, h * h }
                                   << 32 * 2 * h * 4 * h << 0.0 << 0.0 << 0.0 << 65024 * h;
    }
    {
        // Falcon-40B: new decoder architecture, 8 key/value heads of 64.
        const double h = 8192;
        QTest::newRow("Falcon-40B") << "falcon-40b.json" << QList<double> { h * (128 + 16) * 64, h * h }
                                    << 60 * 2 * h * 4 * h << 0.0 << 0.0 << 0.0 << 65024 * h;
    }
    {
        // Llama 4 Maverick: 24 of 48 layers MoE (128 experts of 8192 + 1 shared), the others dense
        // of 16384; q, k, v, o with 40 heads, 8 KV heads of 128.
        const double h = 5120;
        QTest::newRow("Llama 4 Maverick")
            << "llama4-maverick.json"
            << QList<double> { h * 40 * 128, h * 8 * 128, h * 8 * 128, 40.0 * 128 * h } << 24 * 3 * h * 16384
            << 24 * 3 * h * 8192 << 24 * 128 * 3 * h * 8192 << 24 * h * 128 << 202048 * h;
    }
}

void TestModelParams::modulesOfTheCheckpoint()
{
    QFETCH(QString, file);
    QFETCH(QList<double>, attention);
    QFETCH(double, denseFfn);
    QFETCH(double, shared);
    QFETCH(double, routed);
    QFETCH(double, router);
    QFETCH(double, embeddings);
    const ModelSpec m = importModel(file.toStdString());
    const ModelParams p = countModelParams(m);
    double perLayer = 0;
    for (double a : attention)
        perLayer += a;
    TL_COMPARE_REL(p.of(ParamClass::Attention), perLayer * m.layers, 1e-12);
    QCOMPARE(p.of(ParamClass::DenseFfn), denseFfn);
    QCOMPARE(p.of(ParamClass::SharedExperts), shared);
    QCOMPARE(p.of(ParamClass::RoutedExperts), routed);
    QCOMPARE(p.of(ParamClass::Router), router);
    QCOMPARE(p.of(ParamClass::Embeddings), embeddings);
    QCOMPARE(p.of(ParamClass::LmHead), embeddings); // untied: its own vocab × hidden matrix
}

void TestModelParams::classesAddUp_data()
{
    QTest::addColumn<QString>("file");
    for (const char* f : kConfigs)
        QTest::newRow(f) << f;
}

void TestModelParams::classesAddUp()
{
    // Active per token: everything but the routed experts, of which top-k of E per MoE layer.
    QFETCH(QString, file);
    const ModelSpec m = importModel(file.toStdString());
    const ModelParams p = countModelParams(m);
    double total = 0, active = 0, totalBytes = 0;
    for (int i = 0; i < kParamClassCount; ++i) {
        const auto c = static_cast<ParamClass>(i);
        total += p.of(c);
        active += p.activeOf(c);
        // Each class at its weight class's data type (configs with quantization_config carry one).
        totalBytes += p.of(c) * m.bytesOf(weightClassOf(c));
        QVERIFY(p.activeOf(c) <= p.of(c));
        if (c != ParamClass::RoutedExperts)
            QCOMPARE(p.activeOf(c), p.of(c));
    }
    QCOMPARE(p.totalParams(), total);
    QCOMPARE(p.activePerToken(), active);
    if (m.moe)
        TL_COMPARE_REL(p.activeOf(ParamClass::RoutedExperts),
            p.of(ParamClass::RoutedExperts) * m.moe->topK / m.moe->experts, 1e-12);
    // One routed expert's bytes are the evaluator's expertBytes().
    if (m.moe)
        TL_COMPARE_REL(p.of(ParamClass::RoutedExperts) * p.bytesOf(ParamClass::RoutedExperts)
                / (m.moeLayerCount() * m.moe->experts),
            m.expertBytes(), 1e-12);
    TL_COMPARE_REL(p.totalBytes(), totalBytes, 1e-12);
    if (!m.precision.any())
        TL_COMPARE_REL(p.totalBytes(), total * m.bytesPerParam, 1e-12);
}

void TestModelParams::denseModelHasNoExperts()
{
    const ModelSpec m = importModel("opt-6.7b.json");
    const ModelParams p = countModelParams(m);
    QCOMPARE(p.of(ParamClass::RoutedExperts), 0.0);
    QCOMPARE(p.of(ParamClass::Router), 0.0);
    QCOMPARE(p.totalParams(), p.activePerToken());
    // OPT-6.7B ties its LM head to the embeddings: the checkpoint holds that matrix once, our
    // count lists it twice (and the importer says so).
    TL_COMPARE_REL(p.totalParams() - p.of(ParamClass::LmHead), 6.7e9, 0.02);
    const auto r = importHfConfigFile(dataFile("opt-6.7b.json"));
    bool noted = false;
    for (const auto& n : r.notes)
        noted = noted || n.rfind("tie_word_embeddings: ", 0) == 0;
    QVERIFY(noted);
}

void TestModelParams::jsonShape()
{
    const ModelSpec m = importModel("qwen3-235b-a22b.json");
    const ModelParams p = countModelParams(m);
    const json j = modelParamsToJson(p);
    QCOMPARE(j["total"].get<double>(), p.totalParams());
    QCOMPARE(j["active_per_token"].get<double>(), p.activePerToken());
    double total = 0, bytes = 0;
    for (const char* key :
        { "attention", "dense_ffn", "shared_experts", "routed_experts", "router", "embeddings", "lm_head" }) {
        QVERIFY2(j["by_class"].contains(key), key);
        total += j["by_class"][key]["total"].get<double>();
        bytes += j["by_class"][key]["bytes"].get<double>();
        QCOMPARE(j["by_class"][key]["bytes"].get<double>(), j["by_class"][key]["total"].get<double>() * 2);
    }
    QCOMPARE(j["by_class"].size(), std::size_t(7));
    QCOMPARE(total, p.totalParams());
    QCOMPARE(bytes, j["total_bytes"].get<double>());
}

void TestModelParams::text()
{
    QCOMPARE(paramCountText(46702526464.0), std::string("46.7 B"));
    QCOMPARE(paramCountText(12.88e9), std::string("12.88 B"));
    QCOMPARE(paramCountText(131072000.0), std::string("131.1 M"));
    QCOMPARE(paramCountText(512.0), std::string("512"));
    QCOMPARE(paramBytesText(93.4e9), std::string("93.4 GB"));
    const std::string t = modelParamsText(countModelParams(importModel("mixtral-8x7b.json")));
    QVERIFY2(
        t.find("Routed experts") != std::string::npos && t.find("Total") != std::string::npos, t.c_str());
    QVERIFY2(t.find("Dense FFN") == std::string::npos, t.c_str()); // Mixtral has none: the row is left out
}

QTEST_APPLESS_MAIN(TestModelParams)
#include "tst_modelparams.moc"
