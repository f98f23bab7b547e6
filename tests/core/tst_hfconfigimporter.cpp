#include "core/import/hfconfigimporter.h"
#include "core/io/jsontext.h"
#include "core/io/presetlibrary.h"
#include "core/io/scenariojson.h"
#include "core/model/evaluator.h"
#include "core/validation/validator.h"
#include "tests/support/testsupport.h"

#include <cstdio>

using namespace tierlens;
using nlohmann::json;

// The configs under tests/data/hf/ are Hugging Face config.json files with their real field
// names and values; deepseek-v3.json is DeepSeek-V3's, whose architecture fields DeepSeek-R1 shares.
class TestHfConfigImporter : public QObject {
    Q_OBJECT
private slots:
    void shippedConfigs_data();
    void shippedConfigs();
    void matchesPresets_data();
    void matchesPresets();
    void notesSayWhatWasLeftOut_data();
    void notesSayWhatWasLeftOut();
    void brokenConfigsAreRejected_data();
    void brokenConfigsAreRejected();
    void layerPatterns_data();
    void layerPatterns();
    void dtypes_data();
    void dtypes();
    void idAndName();
    void unknownFamilies();
    void dbrxAndFalconProblemsNameTheKey();
    void importedModelsEvaluate_data();
    void importedModelsEvaluate();
    void quantizationSetsDataTypes_data();
    void quantizationSetsDataTypes();
    void unknownQuantizationIsANote();
    void newFamilies_data();
    void newFamilies();
};

namespace {

std::string dataFile(const QString& name)
{
    return std::string(TIERLENS_TEST_DATA_DIR) + "/hf/" + name.toStdString();
}

// Reads a file as the CLI and the window do.
HfConfigImport importFile(const std::string& path, const std::string& id = {})
{
    return importHfConfigFile(path, id);
}

json readConfig(const QString& name)
{
    const auto text = readTextFile(dataFile(name));
    if (!text.ok())
        qFatal("cannot read %s", name.toUtf8().constData());
    return json::parse(text.value);
}

// Imports a shipped file, failing the test with every problem when it does not import.
ModelSpec imported(const HfConfigImport& r)
{
    for (const auto& p : r.model.problems)
        qWarning("%s", p.toString().c_str());
    return r.model.value;
}

ModelSpec modelFromJson(const json& j)
{
    ModelSpec m;
    Problems problems;
    fromJson(j, m, "", problems);
    for (const auto& p : problems)
        qWarning("%s", p.toString().c_str());
    if (!problems.empty())
        qFatal("expected model JSON does not read");
    return m;
}

template <class S> void compareFields(const S& a, const S& b, const std::string& prefix, QStringList& out)
{
    for (const auto& f : S::fields()) {
        if (fieldValue(a, f) == fieldValue(b, f))
            continue;
        char line[160];
        std::snprintf(line, sizeof line, "%s%s: %g vs %g", prefix.c_str(), std::string(f.key).c_str(),
            fieldValue(a, f), fieldValue(b, f));
        out << QString::fromUtf8(line);
    }
}

// Every field that differs, named by our JSON keys; id and name are not compared.
QStringList differences(const ModelSpec& a, const ModelSpec& b)
{
    QStringList out;
    compareFields(a, b, "", out);
    if (a.ffnKind != b.ffnKind)
        out << QStringLiteral("ffn_kind");
    if (bool(a.moe) != bool(b.moe))
        out << QStringLiteral("moe: present in one only");
    else if (a.moe)
        compareFields(*a.moe, *b.moe, "moe.", out);
    if (bool(a.mla) != bool(b.mla))
        out << QStringLiteral("mla: present in one only");
    else if (a.mla)
        compareFields(*a.mla, *b.mla, "mla.", out);
    return out;
}

bool anyNoteContains(const HfConfigImport& r, const QString& fragment)
{
    for (const auto& n : r.notes)
        if (QString::fromStdString(n).contains(fragment))
            return true;
    return false;
}

QString allNotes(const HfConfigImport& r)
{
    QString out;
    for (const auto& n : r.notes)
        out += QString::fromStdString(n) + QLatin1Char('\n');
    return out;
}

} // namespace

void TestHfConfigImporter::shippedConfigs_data()
{
    // Each row: a config and the model it must give, in our preset JSON, by hand from the config.
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("expected");
    QTest::newRow("Mixtral 8x7B") << "mixtral-8x7b.json"
                                  << "mixtral"
                                  << R"({"id": "x",
        "hidden": 4096, "layers": 32, "heads": 32, "kv_heads": 8, "head_dim": 128, "ffn_dim": 14336,
        "bytes_per_param": 2, "vocab": 32000,
        "moe": {"experts": 8, "top_k": 2, "shared_experts": 0, "expert_ffn_dim": 14336, "first_dense_layers": 0, "layer_interval": 1}})";
    QTest::newRow("DeepSeek-V3/R1") << "deepseek-v3.json"
                                    << "deepseek_v3"
                                    << R"({"id": "x",
        "hidden": 7168, "layers": 61, "heads": 128, "kv_heads": 128, "head_dim": 128, "ffn_dim": 18432,
        "bytes_per_param": 2, "vocab": 129280,
        "moe": {"experts": 256, "top_k": 8, "shared_experts": 1, "expert_ffn_dim": 2048, "first_dense_layers": 3, "layer_interval": 1},
        "mla": {"q_lora_rank": 1536, "kv_lora_rank": 512, "qk_nope_head_dim": 128, "qk_rope_head_dim": 64, "v_head_dim": 128}})";
    QTest::newRow("Qwen3-30B-A3B") << "qwen3-30b-a3b.json"
                                   << "qwen3_moe"
                                   << R"({"id": "x",
        "hidden": 2048, "layers": 48, "heads": 32, "kv_heads": 4, "head_dim": 128, "ffn_dim": 6144,
        "bytes_per_param": 2, "vocab": 151936,
        "moe": {"experts": 128, "top_k": 8, "shared_experts": 0, "expert_ffn_dim": 768, "first_dense_layers": 0, "layer_interval": 1}})";
    QTest::newRow("Llama 3.3 70B") << "llama3.3-70b.json"
                                   << "llama"
                                   << R"({"id": "x",
        "hidden": 8192, "layers": 80, "heads": 64, "kv_heads": 8, "head_dim": 128, "ffn_dim": 28672,
        "bytes_per_param": 2, "vocab": 128256})";
    QTest::newRow("Llama 4 Maverick") << "llama4-maverick.json"
                                      << "llama4"
                                      << R"({"id": "x",
        "hidden": 5120, "layers": 48, "heads": 40, "kv_heads": 8, "head_dim": 128, "ffn_dim": 16384,
        "bytes_per_param": 2, "vocab": 202048,
        "moe": {"experts": 128, "top_k": 1, "shared_experts": 1, "expert_ffn_dim": 8192, "first_dense_layers": 0, "layer_interval": 2}})";
    QTest::newRow("OLMoE-1B-7B") << "olmoe-1b-7b.json"
                                 << "olmoe"
                                 << R"({"id": "x",
        "hidden": 2048, "layers": 16, "heads": 16, "kv_heads": 16, "head_dim": 128, "ffn_dim": 1024,
        "bytes_per_param": 4, "vocab": 50304,
        "moe": {"experts": 64, "top_k": 8, "shared_experts": 0, "expert_ffn_dim": 1024, "first_dense_layers": 0, "layer_interval": 1}})";
    QTest::newRow("gpt-oss-20b") << "gpt-oss-20b.json"
                                 << "gpt_oss"
                                 << R"({"id": "x",
        "hidden": 2880, "layers": 24, "heads": 64, "kv_heads": 8, "head_dim": 64, "ffn_dim": 2880,
        "bytes_per_param": 2, "vocab": 201088,
        "moe": {"experts": 32, "top_k": 4, "shared_experts": 0, "expert_ffn_dim": 2880, "first_dense_layers": 0, "layer_interval": 1}})";
    QTest::newRow("OPT-6.7B") << "opt-6.7b.json"
                              << "opt-6.7b"
                              << R"({"id": "x",
        "hidden": 4096, "layers": 32, "heads": 32, "kv_heads": 32, "head_dim": 128, "ffn_dim": 16384,
        "ffn_kind": "mlp", "bytes_per_param": 2, "vocab": 50272})";
    QTest::newRow("Mixtral 8x22B") << "mixtral-8x22b.json"
                                   << "mixtral"
                                   << R"({"id": "x",
        "hidden": 6144, "layers": 56, "heads": 48, "kv_heads": 8, "head_dim": 128, "ffn_dim": 16384,
        "bytes_per_param": 2, "vocab": 32000,
        "moe": {"experts": 8, "top_k": 2, "shared_experts": 0, "expert_ffn_dim": 16384, "first_dense_layers": 0, "layer_interval": 1}})";
    QTest::newRow("Qwen3-235B-A22B") << "qwen3-235b-a22b.json"
                                     << "qwen3_moe"
                                     << R"({"id": "x",
        "hidden": 4096, "layers": 94, "heads": 64, "kv_heads": 4, "head_dim": 128, "ffn_dim": 12288,
        "bytes_per_param": 2, "vocab": 151936,
        "moe": {"experts": 128, "top_k": 8, "shared_experts": 0, "expert_ffn_dim": 1536, "first_dense_layers": 0, "layer_interval": 1}})";
    // DBRX: sizes named d_model, n_heads, n_layers; key/value heads under attn_config, experts under
    // ffn_config.
    QTest::newRow("DBRX") << "dbrx-base.json"
                          << "dbrx"
                          << R"({"id": "x",
        "hidden": 6144, "layers": 40, "heads": 48, "kv_heads": 8, "head_dim": 128, "ffn_dim": 10752,
        "bytes_per_param": 2, "vocab": 100352,
        "moe": {"experts": 16, "top_k": 4, "shared_experts": 0, "expert_ffn_dim": 10752, "first_dense_layers": 0, "layer_interval": 1}})";
    // Falcon: a 4 × hidden GELU MLP; 7B has one key/value head (multi_query), 40B eight (num_kv_heads).
    QTest::newRow("Falcon-7B") << "falcon-7b.json"
                               << "falcon"
                               << R"({"id": "x",
        "hidden": 4544, "layers": 32, "heads": 71, "kv_heads": 1, "head_dim": 64, "ffn_dim": 18176,
        "ffn_kind": "mlp", "bytes_per_param": 2, "vocab": 65024})";
    QTest::newRow("Falcon-40B") << "falcon-40b.json"
                                << "falcon"
                                << R"({"id": "x",
        "hidden": 8192, "layers": 60, "heads": 128, "kv_heads": 8, "head_dim": 64, "ffn_dim": 32768,
        "ffn_kind": "mlp", "bytes_per_param": 2, "vocab": 65024})";
}

void TestHfConfigImporter::shippedConfigs()
{
    QFETCH(QString, file);
    QFETCH(QString, id);
    QFETCH(QString, expected);
    const auto r = importFile(dataFile(file));
    const ModelSpec m = imported(r);
    QVERIFY(r.ok());
    QCOMPARE(QString::fromStdString(m.id), id);
    const QStringList diff = differences(m, modelFromJson(json::parse(expected.toStdString())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff.join(QStringLiteral("; "))));
    QVERIFY2(
        !anyNoteContains(r, QStringLiteral("other keys")), qPrintable(allNotes(r))); // every key is known
    QVERIFY(r.origins.contains("hidden") && r.origins.contains("bytes_per_param"));
}

void TestHfConfigImporter::matchesPresets_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("preset");
    QTest::addColumn<int>("configLayers");
    QTest::addColumn<int>("presetLayers");
    QTest::newRow("Mixtral 8x7B") << "mixtral-8x7b.json"
                                  << "mixtral-8x7b" << 32 << 32;
    // The preset follows the reference study's 60 layers on purpose; the real config has 61.
    QTest::newRow("DeepSeek-R1") << "deepseek-v3.json"
                                 << "deepseek-r1" << 61 << 60;
    QTest::newRow("Llama 4 Maverick") << "llama4-maverick.json"
                                      << "llama4-maverick" << 48 << 48;
    QTest::newRow("Llama 3.3 70B") << "llama3.3-70b.json"
                                   << "llama3.3-70b" << 80 << 80;
}

void TestHfConfigImporter::matchesPresets()
{
    QFETCH(QString, file);
    QFETCH(QString, preset);
    QFETCH(int, configLayers);
    QFETCH(int, presetLayers);
    ModelSpec m = imported(importFile(dataFile(file)));
    const PresetEntry* e = PresetLibrary::builtin().find(PresetKind::Model, preset.toStdString());
    QVERIFY(e);
    const ModelSpec p = modelFromJson(e->json);
    QCOMPARE(m.layers, configLayers);
    QCOMPARE(p.layers, presetLayers);
    m.layers = p.layers;
    const QStringList diff = differences(m, p);
    QVERIFY2(diff.isEmpty(), qPrintable(diff.join(QStringLiteral("; "))));
}

void TestHfConfigImporter::notesSayWhatWasLeftOut_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("fragments");
    QTest::newRow("Mixtral") << "mixtral-8x7b.json"
                             << QStringList { QStringLiteral(
                                    "head_dim: not given: hidden_size / num_attention_heads = 128") };
    QTest::newRow("DeepSeek") << "deepseek-v3.json"
                              << QStringList { QStringLiteral("quantization_config: \"fp8\": routed experts"),
                                     QStringLiteral("rope_scaling: RoPE"),
                                     QStringLiteral("num_nextn_predict_layers: 1 multi-token-prediction"),
                                     QStringLiteral("n_group: group-limited routing (top 4 of 8"),
                                     QStringLiteral("head_dim: not given: set to v_head_dim = 128") };
    QTest::newRow("Llama 3.3") << "llama3.3-70b.json" << QStringList { QStringLiteral("rope_scaling: RoPE") };
    QTest::newRow("Llama 4")
        << "llama4-maverick.json"
        << QStringList { QStringLiteral("text_config.attention_chunk_size: chunked attention (8192"),
               QStringLiteral("vision_config: not modelled"),
               QStringLiteral("shared expert: Llama 4 has no key for it") };
    QTest::newRow("OLMoE") << "olmoe-1b-7b.json"
                           << QStringList { QStringLiteral("torch_dtype: \"float32\": 4 bytes per parameter"),
                                  QStringLiteral("head_dim: not given") };
    QTest::newRow("gpt-oss")
        << "gpt-oss-20b.json"
        << QStringList { QStringLiteral(
                             "sliding_window: sliding-window attention (128 tokens, 12 of 24 layers)"),
               QStringLiteral("attention sinks: "),
               QStringLiteral("quantization_config: \"mxfp4\": routed experts stored as MXFP4"),
               QStringLiteral("torch_dtype: not given: 2 bytes per parameter"),
               QStringLiteral("rope_scaling: RoPE") };
    QTest::newRow("OPT")
        << "opt-6.7b.json"
        << QStringList { QStringLiteral("num_key_value_heads: not given: multi-head attention assumed"),
               QStringLiteral("head_dim: not given: hidden_size / num_attention_heads = 128") };
    QTest::newRow("Falcon")
        << "falcon-7b.json"
        << QStringList { QStringLiteral("parallel_attn: attention and MLP run side by side"),
               QStringLiteral("tie_word_embeddings: not given (true by default): the LM head") };
    QTest::newRow("DBRX (nothing left out)") << "dbrx-base.json" << QStringList {};
    QTest::newRow("Qwen3 (nothing left out)") << "qwen3-30b-a3b.json" << QStringList {};
}

void TestHfConfigImporter::notesSayWhatWasLeftOut()
{
    QFETCH(QString, file);
    QFETCH(QStringList, fragments);
    const auto r = importFile(dataFile(file));
    QVERIFY(r.ok());
    for (const auto& f : fragments)
        QVERIFY2(anyNoteContains(r, f), qPrintable(f + QStringLiteral(" not in:\n") + allNotes(r)));
    if (fragments.isEmpty())
        QVERIFY2(r.notes.empty(), qPrintable(allNotes(r)));
}

void TestHfConfigImporter::brokenConfigsAreRejected_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::newRow("malformed") << "broken-malformed.json"
                               << "<file>"
                               << "line 7, column 1: syntax error";
    QTest::newRow("not an object") << "broken-not-an-object.json"
                                   << ""
                                   << "must be a JSON object (the contents of a config.json), got array";
    QTest::newRow("missing hidden_size") << "broken-missing-hidden-size.json"
                                         << "hidden_size"
                                         << "is missing (a whole number is required)";
    QTest::newRow("string for a number") << "broken-wrong-type.json"
                                         << "num_hidden_layers"
                                         << "must be a number, got string";
    QTest::newRow("top-k above experts") << "broken-topk-above-experts.json"
                                         << "num_experts_per_tok"
                                         << "(9) must not exceed num_local_experts (8)";
    QTest::newRow("negative size") << "broken-negative-size.json"
                                   << "moe_intermediate_size"
                                   << "must be a positive whole number, got -768";
    QTest::newRow("heads not divisible") << "broken-kv-heads.json"
                                         << "num_key_value_heads"
                                         << "(12) must divide num_attention_heads (64)";
    QTest::newRow("nested top-k") << "broken-nested-topk.json"
                                  << "text_config.num_experts_per_tok"
                                  << "(200) must not exceed num_local_experts (128)";
}

void TestHfConfigImporter::brokenConfigsAreRejected()
{
    QFETCH(QString, file);
    QFETCH(QString, path);
    QFETCH(QString, message);
    const std::string fullPath = dataFile(file);
    const auto r = importFile(fullPath);
    QVERIFY(!r.ok());
    // A file's problems name it; the importer's add the config key after it.
    const std::string expectedPath
        = path == QLatin1String("<file>") || path.isEmpty() ? fullPath : fullPath + ": " + path.toStdString();
    bool found = false;
    QString all;
    for (const auto& p : r.model.problems) {
        all += QString::fromStdString(p.toString()) + QLatin1Char('\n');
        found = found || (p.path == expectedPath && QString::fromStdString(p.message).contains(message));
    }
    QVERIFY2(found, qPrintable(all));
}

void TestHfConfigImporter::layerPatterns_data()
{
    // Each row patches a shipped config (JSON merge patch: null deletes a key) and names the layer
    // layout that must come out, the MoE layer count, and a fragment of the note, if one is due.
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("patch");
    QTest::addColumn<int>("firstDense");
    QTest::addColumn<int>("interval");
    QTest::addColumn<int>("moeLayers");
    QTest::addColumn<QString>("noteFragment");
    QTest::newRow("Qwen mlp_only_layers") << "qwen3-30b-a3b.json"
                                          << R"({"mlp_only_layers": [0, 47]})" << 2 << 1 << 46
                                          << "mlp_only_layers: MoE layers 1-46, dense layers 0, 47";
    QTest::newRow("Qwen sparse step 2") << "qwen3-30b-a3b.json"
                                        << R"({"decoder_sparse_step": 2})" << 0 << 2 << 24 << "";
    QTest::newRow("Qwen2-MoE shared expert")
        << "qwen3-30b-a3b.json"
        << R"({"model_type": "qwen2_moe", "shared_expert_intermediate_size": 1536})" << 0 << 1 << 48 << "";
    QTest::newRow("DeepSeek every other layer")
        << "deepseek-v3.json"
        << R"({"first_k_dense_replace": 1, "moe_layer_freq": 2})" << 1 << 2 << 30 << "";
    QTest::newRow("DeepSeek default dense layers") << "deepseek-v3.json"
                                                   << R"({"first_k_dense_replace": null})" << 3 << 1 << 58
                                                   << "first_k_dense_replace: not given: 3 assumed";
    QTest::newRow("DeepSeek all dense") << "deepseek-v3.json"
                                        << R"({"first_k_dense_replace": 61})" << -1 << -1 << 0
                                        << "no layer uses experts: imported as a dense model";
    QTest::newRow("Llama 4 listed layers") << "llama4-maverick.json"
                                           << R"({"text_config": {"moe_layers": [1, 3, 7]}})" << 45 << 1 << 3
                                           << "text_config.moe_layers: MoE layers 1, 3, 7";
    QTest::newRow("Llama 4 Scout-like")
        << "llama4-maverick.json"
        << R"({"text_config": {"interleave_moe_layer_step": 1}})" << 0 << 1 << 48 << "";
}

void TestHfConfigImporter::layerPatterns()
{
    QFETCH(QString, file);
    QFETCH(QString, patch);
    QFETCH(int, firstDense);
    QFETCH(int, interval);
    QFETCH(int, moeLayers);
    QFETCH(QString, noteFragment);
    json config = readConfig(file);
    config.merge_patch(json::parse(patch.toStdString()));
    const auto r = importHfConfig(config);
    const ModelSpec m = imported(r);
    QVERIFY(r.ok());
    QCOMPARE(m.moeLayerCount(), moeLayers);
    if (moeLayers == 0) {
        QVERIFY(!m.moe);
    } else {
        QCOMPARE(m.moe->firstDenseLayers, firstDense);
        QCOMPARE(m.moe->layerInterval, interval);
    }
    if (!noteFragment.isEmpty())
        QVERIFY2(anyNoteContains(r, noteFragment), qPrintable(allNotes(r)));
    else
        QVERIFY2(!anyNoteContains(r, QStringLiteral("MoE layers")), qPrintable(allNotes(r)));
    if (patch.contains(QLatin1String("shared_expert_intermediate_size"))) {
        QCOMPARE(m.moe->sharedExperts, 2); // 1536 wide = two experts of 768
        QCOMPARE(r.origins.at("moe.shared_experts"),
            std::string("shared_expert_intermediate_size / moe_intermediate_size"));
    }
}

void TestHfConfigImporter::dtypes_data()
{
    QTest::addColumn<QString>("patch");
    QTest::addColumn<double>("bytes");
    QTest::addColumn<QString>("noteFragment");
    QTest::newRow("bfloat16") << R"({"torch_dtype": "bfloat16"})" << 2.0 << "";
    QTest::newRow("float16") << R"({"torch_dtype": "float16"})" << 2.0 << "";
    QTest::newRow("float32") << R"({"torch_dtype": "float32"})" << 4.0 << "4 bytes per parameter, as stored";
    QTest::newRow("float8") << R"({"torch_dtype": "float8_e4m3fn"})" << 1.0 << "";
    QTest::newRow("unknown") << R"({"torch_dtype": "int4"})" << 2.0
                             << "\"int4\" is not a dtype Tierlens knows";
    QTest::newRow("missing") << R"({"torch_dtype": null})" << 2.0 << "torch_dtype: not given: 2 bytes";
    QTest::newRow("newer name") << R"({"torch_dtype": null, "dtype": "float32"})" << 4.0
                                << "dtype: \"float32\"";
}

void TestHfConfigImporter::dtypes()
{
    QFETCH(QString, patch);
    QFETCH(double, bytes);
    QFETCH(QString, noteFragment);
    json config = readConfig(QStringLiteral("llama3.3-70b.json"));
    config.merge_patch(json::parse(patch.toStdString()));
    const auto r = importHfConfig(config);
    QVERIFY(r.ok());
    QCOMPARE(r.model.value.bytesPerParam, bytes);
    if (!noteFragment.isEmpty())
        QVERIFY2(anyNoteContains(r, noteFragment), qPrintable(allNotes(r)));
}

void TestHfConfigImporter::idAndName()
{
    const auto opt = importFile(dataFile(QStringLiteral("opt-6.7b.json")));
    QCOMPARE(opt.model.value.id, std::string("opt-6.7b"));
    QCOMPARE(opt.model.value.name, std::string("facebook/opt-6.7b"));
    const auto mixtral = importFile(dataFile(QStringLiteral("mixtral-8x7b.json")));
    QCOMPARE(mixtral.model.value.id, std::string("mixtral"));
    QCOMPARE(mixtral.model.value.name, std::string("Mixtral from config.json"));
    const auto named = importFile(dataFile(QStringLiteral("mixtral-8x7b.json")), "my-mixtral");
    QCOMPARE(named.model.value.id, std::string("my-mixtral"));
}

void TestHfConfigImporter::unknownFamilies()
{
    // An unknown model_type is read by its field names, and says so.
    json config = readConfig(QStringLiteral("mixtral-8x7b.json"));
    config["model_type"] = "my_moe";
    config["architectures"] = { "MyMoeForCausalLM" };
    const auto r = importHfConfig(config);
    QVERIFY(r.ok());
    QCOMPARE(r.model.value.moe->experts, 8);
    QVERIFY2(anyNoteContains(r,
                 QStringLiteral(
                     "model_type: model_type \"my_moe\" is not a family Tierlens knows; read as Mixtral")),
        qPrintable(allNotes(r)));

    // Nothing to tell the FFN by: not importable.
    const auto bad = importHfConfig(json::parse(R"({"model_type": "bert", "hidden_size": 768})"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.model.problems.front().path, std::string("model_type"));
}

void TestHfConfigImporter::dbrxAndFalconProblemsNameTheKey()
{
    const auto firstPath = [](const json& config) {
        const auto r = importHfConfig(config);
        return r.ok() ? std::string("(imported)") : r.model.problems.front().path;
    };
    json dbrx = readConfig(QStringLiteral("dbrx-base.json"));
    dbrx["ffn_config"] = 5;
    QCOMPARE(firstPath(dbrx), std::string("ffn_config"));
    dbrx = readConfig(QStringLiteral("dbrx-base.json"));
    dbrx["ffn_config"]["moe_top_k"] = 20;
    QCOMPARE(firstPath(dbrx), std::string("ffn_config.moe_top_k"));
    dbrx = readConfig(QStringLiteral("dbrx-base.json"));
    dbrx["ffn_config"].erase("ffn_hidden_size");
    QCOMPARE(firstPath(dbrx), std::string("ffn_config.ffn_hidden_size"));
    dbrx = readConfig(QStringLiteral("dbrx-base.json"));
    dbrx["attn_config"]["kv_n_heads"] = 7;
    QCOMPARE(firstPath(dbrx), std::string("attn_config.kv_n_heads"));
    json falcon = readConfig(QStringLiteral("falcon-40b.json"));
    falcon["num_kv_heads"] = 7;
    QCOMPARE(firstPath(falcon), std::string("num_kv_heads"));
    // Without the new architecture and without multi-query, Falcon has one key/value head per query head.
    falcon = readConfig(QStringLiteral("falcon-7b.json"));
    falcon["multi_query"] = false;
    QCOMPARE(imported(importHfConfig(falcon)).kvHeads, 71);
}

void TestHfConfigImporter::importedModelsEvaluate_data()
{
    QTest::addColumn<QString>("file");
    for (const char* f : { "mixtral-8x7b.json", "deepseek-v3.json", "qwen3-30b-a3b.json", "llama3.3-70b.json",
             "llama4-maverick.json", "olmoe-1b-7b.json", "gpt-oss-20b.json", "opt-6.7b.json" })
        QTest::newRow(f) << f;
    for (const char* f : { "mixtral-8x22b.json", "qwen3-235b-a22b.json", "dbrx-base.json", "falcon-7b.json",
             "falcon-40b.json" })
        QTest::newRow(f) << f;
}

void TestHfConfigImporter::importedModelsEvaluate()
{
    // What the importer writes reads back as a model preset, passes the validator inside a
    // scenario and evaluates.
    QFETCH(QString, file);
    const ModelSpec m = imported(importFile(dataFile(file)));
    QVERIFY(validateModel(m).empty());
    ModelSpec back;
    Problems problems;
    fromJson(json::parse(toJson(m).dump()), back, "", problems);
    QVERIFY(problems.empty());
    QVERIFY(toJson(back) == toJson(m));

    Scenario s = test::preset("default");
    s.model = back;
    if (back.heads % s.parallelism.tp != 0)
        s.parallelism.tp = 1; // Falcon-7B's 71 heads split over no tensor-parallel group but 71
    const Problems scenarioProblems = validateScenario(s);
    for (const auto& p : scenarioProblems)
        qWarning("%s", p.toString().c_str());
    QVERIFY(scenarioProblems.empty());
    QVERIFY(evaluate(s).totalEnergyJPerToken() > 0);
}

void TestHfConfigImporter::quantizationSetsDataTypes_data()
{
    // Each row: a config (and a patch to it), then the expected type of experts, other weights,
    // embeddings and KV cache, as the checkpoints store them.
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QStringList>("types");
    const QStringList fp8 { QStringLiteral("fp8"), QStringLiteral("fp8"), QStringLiteral("bf16"),
        QStringLiteral("bf16") };
    QTest::newRow("DeepSeek-V3 FP8 blocks") << "deepseek-v3.json"
                                            << "{}" << fp8;
    QTest::newRow("Kimi-K2 FP8 blocks") << "kimi-k2/config.json"
                                        << "{}" << fp8;
    QTest::newRow("gpt-oss MXFP4 experts") << "gpt-oss-120b/config.json"
                                           << "{}"
                                           << QStringList { QStringLiteral("mxfp4"), QStringLiteral("bf16"),
                                                  QStringLiteral("bf16"), QStringLiteral("bf16") };
    QTest::newRow("GPTQ int4")
        << "qwen3-235b-a22b.json"
        << R"({"quantization_config": {"quant_method": "gptq", "bits": 4, "group_size": 128}})"
        << QStringList { QStringLiteral("int4-g128"), QStringLiteral("int4-g128"), QStringLiteral("bf16"),
               QStringLiteral("bf16") };
    QTest::newRow("compressed-tensors int4, experts only")
        << "kimi-k2/config.json"
        << R"({"quantization_config": {"quant_method": "compressed-tensors", "format": "pack-quantized",
              "config_groups": {"group_0": {"targets": ["Linear"], "weights": {"num_bits": 4, "type": "int", "group_size": 32}}},
              "ignore": ["lm_head", "re:.*self_attn.*", "re:.*shared_experts.*", "re:.*mlp.(gate|up|gate_up|down)_proj.*"]}})"
        << QStringList { QStringLiteral("int4-g128"), QStringLiteral("bf16"), QStringLiteral("bf16"),
               QStringLiteral("bf16") };
    QTest::newRow("compressed-tensors FP8")
        << "qwen3-235b-a22b.json"
        << R"({"quantization_config": {"quant_method": "compressed-tensors",
              "config_groups": {"group_0": {"weights": {"num_bits": 8, "type": "float"}}}, "ignore": ["lm_head"]}})"
        << fp8;
}

void TestHfConfigImporter::quantizationSetsDataTypes()
{
    QFETCH(QString, file);
    QFETCH(QString, patch);
    QFETCH(QStringList, types);
    json config = readConfig(file);
    config.merge_patch(json::parse(patch.toStdString()));
    const auto r = importHfConfig(config);
    QVERIFY2(r.ok(), qPrintable(allNotes(r)));
    const ModelSpec& m = r.model.value;
    for (int i = 0; i < kWeightClassCount; ++i) {
        const auto t = m.precision.of(static_cast<WeightClass>(i));
        QVERIFY(t.has_value());
        QCOMPARE(QString::fromLatin1(dataTypeName(*t)), types[i]);
    }
    QVERIFY2(anyNoteContains(r, QStringLiteral("quantization_config")), qPrintable(allNotes(r)));
    // Expert bytes from the type: matrices × hidden × expert FFN × bits / 8.
    const double bits = bitsPerElement(*m.precision.of(WeightClass::Experts));
    QCOMPARE(m.expertBytes(), 3.0 * m.hidden * m.moe->expertFfnDim * bits / 8);
}

void TestHfConfigImporter::unknownQuantizationIsANote()
{
    json config = readConfig(QStringLiteral("deepseek-v3.json"));
    config["quantization_config"] = { { "quant_method", "bitsandbytes" }, { "load_in_4bit", true } };
    const auto r = importHfConfig(config);
    QVERIFY(r.ok());
    QVERIFY(!r.model.value.precision.any());
    QCOMPARE(r.model.value.bytesPerParam, 2.0);
    QVERIFY2(anyNoteContains(r,
                 QStringLiteral("quantization_config.quant_method: \"bitsandbytes\" is not a quantization")),
        qPrintable(allNotes(r)));

    config["quantization_config"] = "fp8";
    const auto bad = importHfConfig(config);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.model.problems.front().path, std::string("quantization_config"));

    // A mistyped field in a compressed-tensors scheme is named, not an exception or a crash;
    // a scheme without group_size (FP8 checkpoints have none) is no problem.
    config["quantization_config"] = json::parse(R"({"quant_method": "compressed-tensors",
        "config_groups": {"group_0": {"weights": {"num_bits": "8", "type": "float"}}}})");
    const auto mistyped = importHfConfig(config);
    QVERIFY(!mistyped.ok());
    QCOMPARE(mistyped.model.problems.front().path,
        std::string("quantization_config.config_groups.group_0.weights.num_bits"));
    config["quantization_config"]["config_groups"]["group_0"]["weights"]["num_bits"] = 8;
    const auto fp8 = importHfConfig(config);
    QVERIFY2(fp8.ok(), qPrintable(allNotes(fp8)));
    QCOMPARE(*fp8.model.value.precision.of(WeightClass::Experts), DataType::Fp8E4m3);
}

void TestHfConfigImporter::newFamilies_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("note");
    QTest::newRow("Kimi-K2") << "kimi-k2/config.json"
                             << R"({"id": "x",
        "hidden": 7168, "layers": 61, "heads": 64, "kv_heads": 64, "head_dim": 128, "ffn_dim": 18432,
        "bytes_per_param": 2, "vocab": 163840,
        "moe": {"experts": 384, "top_k": 8, "shared_experts": 1, "expert_ffn_dim": 2048, "first_dense_layers": 1, "layer_interval": 1},
        "mla": {"q_lora_rank": 1536, "kv_lora_rank": 512, "qk_nope_head_dim": 128, "qk_rope_head_dim": 64, "v_head_dim": 128}})"
                             << "rope_scaling: RoPE";
    QTest::newRow("GLM-4.5") << "glm-4.5/config.json"
                             << R"({"id": "x",
        "hidden": 5120, "layers": 92, "heads": 96, "kv_heads": 8, "head_dim": 128, "ffn_dim": 12288,
        "bytes_per_param": 2, "vocab": 151552,
        "moe": {"experts": 160, "top_k": 8, "shared_experts": 1, "expert_ffn_dim": 1536, "first_dense_layers": 3, "layer_interval": 1}})"
                             << "num_nextn_predict_layers: 1 multi-token-prediction";
    QTest::newRow("gpt-oss-120b") << "gpt-oss-120b/config.json"
                                  << R"({"id": "x",
        "hidden": 2880, "layers": 36, "heads": 64, "kv_heads": 8, "head_dim": 64, "ffn_dim": 2880,
        "bytes_per_param": 2, "vocab": 201088,
        "moe": {"experts": 128, "top_k": 4, "shared_experts": 0, "expert_ffn_dim": 2880, "first_dense_layers": 0, "layer_interval": 1}})"
                                  << "sliding_window: sliding-window attention (128 tokens, 18 of 36 layers)";
    QTest::newRow("Llama-4-Scout") << "llama-4-scout/config.json"
                                   << R"({"id": "x",
        "hidden": 5120, "layers": 48, "heads": 40, "kv_heads": 8, "head_dim": 128, "ffn_dim": 16384,
        "bytes_per_param": 2, "vocab": 202048,
        "moe": {"experts": 16, "top_k": 1, "shared_experts": 1, "expert_ffn_dim": 8192, "first_dense_layers": 0, "layer_interval": 1}})"
                                   << "text_config.attention_chunk_size: chunked attention (8192";
}

void TestHfConfigImporter::newFamilies()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QFETCH(QString, note);
    const auto r = importFile(dataFile(file));
    const ModelSpec m = imported(r);
    QVERIFY(r.ok());
    const QStringList diff = differences(m, modelFromJson(json::parse(expected.toStdString())));
    QVERIFY2(diff.isEmpty(), qPrintable(diff.join(QStringLiteral("; "))));
    QVERIFY2(anyNoteContains(r, note), qPrintable(allNotes(r)));
}

QTEST_APPLESS_MAIN(TestHfConfigImporter)
#include "tst_hfconfigimporter.moc"
