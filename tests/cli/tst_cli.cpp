#include "cli/cliapp.h"
#include "core/io/scenariojson.h"
#include "tests/support/clitestsupport.h"
#include "tests/support/testsupport.h"

#include <QProcess>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace tierlens;
using nlohmann::json;

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void exitCodes_data();
    void exitCodes();
    void evalJsonShape();
    void evalJsonOperationsSumToTotal();
    void evalNamesTheTierSplit();
    void setOverridesChangeTheNumbers();
    void routingTraceDrivesEval();
    void validateListsEveryProblem();
    void heatmapJsonShape();
    void importModelJsonReadsBack_data();
    void importModelJsonReadsBack();
    void importModelTable();
    void importModelReportsItsSize();
    void evalJsonHasTheModelSize();
    void realBinaryNeverCrashes();
};

using Run = tierlens::test::CliRun;

static Run run(std::vector<std::string> args)
{
    return tierlens::test::runCli(std::move(args));
}

static QString hfConfig(const char* name)
{
    return QStringLiteral(TIERLENS_TEST_DATA_DIR "/hf/") + QString::fromLatin1(name);
}

static QString writeTemp(QTemporaryDir& dir, const char* name, const std::string& text)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    std::ofstream(path.toStdString()) << text;
    return path;
}

void TestCli::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::newRow("no command") << QStringList {} << 2;
    QTest::newRow("unknown command") << QStringList { QStringLiteral("frobnicate") } << 2;
    QTest::newRow("help") << QStringList { QStringLiteral("--help") } << 0;
    QTest::newRow("list") << QStringList { QStringLiteral("list") } << 0;
    QTest::newRow("eval preset") << QStringList { QStringLiteral("eval"), QStringLiteral("default") } << 0;
    QTest::newRow("eval unknown preset")
        << QStringList { QStringLiteral("eval"), QStringLiteral("nope") } << 1;
    QTest::newRow("eval missing file")
        << QStringList { QStringLiteral("eval"), QStringLiteral("/nonexistent/x.json") } << 1;
    QTest::newRow("bad format") << QStringList { QStringLiteral("eval"), QStringLiteral("default"),
        QStringLiteral("--format"), QStringLiteral("xml") }
                                << 2;
    QTest::newRow("bad batch") << QStringList { QStringLiteral("eval"), QStringLiteral("default"),
        QStringLiteral("--batch"), QStringLiteral("-1") }
                               << 2;
    QTest::newRow("set not a number") << QStringList { QStringLiteral("eval"), QStringLiteral("default"),
        QStringLiteral("--set"), QStringLiteral("gpu.peak_tflops=fast") }
                                      << 2;
    QTest::newRow("set unknown path") << QStringList { QStringLiteral("eval"), QStringLiteral("default"),
        QStringLiteral("--set"), QStringLiteral("gpu.warp=1") }
                                      << 1;
    QTest::newRow("set out of range") << QStringList { QStringLiteral("eval"), QStringLiteral("default"),
        QStringLiteral("--set"), QStringLiteral("tiers.ssd.bandwidth_gb_s=-5") }
                                      << 1;
    QTest::newRow("study preset") << QStringList { QStringLiteral("study"), QStringLiteral("paper/fig6") }
                                  << 0;
    QTest::newRow("study unknown") << QStringList { QStringLiteral("study"), QStringLiteral("paper/fig99") }
                                   << 1;
    QTest::newRow("validate no file") << QStringList { QStringLiteral("validate") } << 2;
    const QString mixtral = hfConfig("mixtral-8x7b.json");
    const QString importModel = QStringLiteral("import-model");
    QTest::newRow("import-model") << QStringList { importModel, mixtral } << 0;
    QTest::newRow("import-model table")
        << QStringList { importModel, mixtral, QStringLiteral("--format"), QStringLiteral("table") } << 0;
    QTest::newRow("import-model id") << QStringList { importModel, QStringLiteral("--id"),
        QStringLiteral("m"), mixtral }
                                     << 0;
    QTest::newRow("import-model missing file")
        << QStringList { importModel, QStringLiteral("/nonexistent/config.json") } << 1;
    QTest::newRow("import-model malformed")
        << QStringList { importModel, hfConfig("broken-malformed.json") } << 1;
    QTest::newRow("import-model top-k above experts")
        << QStringList { importModel, hfConfig("broken-topk-above-experts.json") } << 1;
    QTest::newRow("import-model no file") << QStringList { importModel } << 2;
    QTest::newRow("import-model two files") << QStringList { importModel, mixtral, mixtral } << 2;
    QTest::newRow("import-model csv")
        << QStringList { importModel, mixtral, QStringLiteral("--format"), QStringLiteral("csv") } << 2;
    QTest::newRow("import-model set")
        << QStringList { importModel, mixtral, QStringLiteral("--set"), QStringLiteral("hidden=1") } << 2;
    QTest::newRow("import-model id without value")
        << QStringList { importModel, mixtral, QStringLiteral("--id") } << 2;
}

void TestCli::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    std::vector<std::string> a;
    for (const auto& s : args)
        a.push_back(s.toStdString());
    const Run r = run(a);
    QCOMPARE(r.code, code);
    if (code != 0)
        QVERIFY(!r.err.empty()); // every failure says why
}

void TestCli::evalJsonShape()
{
    const Run r = run({ "eval", "default", "--batch", "4", "--format", "json" });
    QCOMPARE(r.code, 0);
    const json j = json::parse(r.out);
    QVERIFY(j["scenario"] == "default");
    QVERIFY(j["batch"] == 4);
    QVERIFY(j["energy_j_per_token"]["total"].get<double>() > 0);
    QVERIFY(j["latency_ms"]["total"].get<double>() > 0);
    QVERIFY(j["active_experts_per_layer"].get<double>() > 5.4);
    QVERIFY(j["bytes_per_step"]["ssd"].get<double>() > 0);
}

void TestCli::evalJsonOperationsSumToTotal()
{
    // Experts on SSD: most of the bar is the copy, its links and the background, not operations.
    const Run r = run({ "eval", "default", "--batch", "1", "--format", "json" });
    QCOMPARE(r.code, 0);
    const json j = json::parse(r.out);
    QVERIFY(j["operations"].is_array());
    double sum = 0;
    bool copy = false;
    for (const auto& op : j["operations"]) {
        for (const char* key :
            { "name", "component", "count", "flops", "bytes", "time_ms", "energy_j_per_token" })
            QVERIFY2(op.contains(key), key);
        sum += op["energy_j_per_token"].get<double>();
        copy = copy || op["component"] == "moe_offload";
    }
    QVERIFY(copy);
    const double total = j["energy_j_per_token"]["total"].get<double>();
    QVERIFY(std::fabs(sum - total) <= 1e-9 * total);
}

void TestCli::evalNamesTheTierSplit()
{
    const Run r = run({ "eval", "tiered/mixtral-hot-hbm-warm-ddr-cold-ssd", "--batch", "16" });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.find("experts: 2 in hbm, 2 in ddr, 4 in ssd") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("Bytes per step, pcie-gen5-x16") != std::string::npos, r.out.c_str());
    QVERIFY(run({ "eval", "paper/mixtral-hbm" }).out.find("experts in hbm") != std::string::npos);
}

void TestCli::routingTraceDrivesEval()
{
    QTemporaryDir dir;
    // Every token of both layers picks experts 0 and 1 (Mixtral: top-2 of 8).
    const QString good
        = writeTemp(dir, "trace.csv", "layer,token,expert\n0,0,0\n0,0,1\n1,0,0\n1,0,1\n1,1,1\n1,1,0\n");
    const Run r = run(
        { "eval", "default", "--batch", "64", "--routing-trace", good.toStdString(), "--format", "json" });
    QCOMPARE(r.code, 0);
    const json j = json::parse(r.out);
    QCOMPARE(j["active_experts_per_layer"].get<double>(), 2.0);
    QVERIFY(j["energy_j_per_token"].contains("link_energy"));
    QVERIFY(j["latency_ms"].contains("stall"));
    const QString bad = writeTemp(dir, "bad.csv", "0,0,1\n0,0,one\n");
    const Run e = run({ "eval", "default", "--routing-trace", bad.toStdString() });
    QCOMPARE(e.code, 1);
    QVERIFY2(e.err.find("bad.csv:2:5: expected a whole number >= 0, got \"one\"") != std::string::npos,
        e.err.c_str());
    QCOMPARE(run({ "study", "paper/fig6", "--routing-trace", good.toStdString() }).code, 2); // eval only
}

void TestCli::setOverridesChangeTheNumbers()
{
    const json a = json::parse(run({ "eval", "default", "--format", "json" }).out);
    const json b = json::parse(
        run({ "eval", "default", "--format", "json", "--set", "tiers.ssd.read_pj_per_bit=10.24" }).out);
    QVERIFY(b["energy_j_per_token"]["moe_offload"].get<double>()
        < a["energy_j_per_token"]["moe_offload"].get<double>() / 5);
    QVERIFY(b["latency_ms"]["total"] == a["latency_ms"]["total"]); // energy per bit does not change time
}

void TestCli::validateListsEveryProblem()
{
    QTemporaryDir dir;
    const QString bad = writeTemp(dir, "bad.json", R"({"system": "dgx-h100-1x4", "model": "mixtral-8x7b",
        "tiers": ["ssd"], "parallelism": {"tp": 3},
        "placement": {"expert_tier": "tape"}, "workload": {"batch": 1, "prompt_length": -2}})");
    const Run r = run({ "validate", bad.toStdString() });
    QCOMPARE(r.code, 1);
    for (const char* expected :
        { "parallelism.tp", "placement.expert_tier", "workload.prompt_length", "4 problems" })
        QVERIFY2(r.err.find(expected) != std::string::npos, r.err.c_str());
    const QString broken = writeTemp(dir, "broken.json", "{\"a\": [1, 2,, 3]}");
    const Run s = run({ "validate", broken.toStdString() });
    QCOMPARE(s.code, 1);
    QVERIFY2(s.err.find("line 1, column") != std::string::npos, s.err.c_str());
    const QString good = writeTemp(dir, "good.json", R"({"base": "default"})");
    QCOMPARE(run({ "validate", good.toStdString() }).code, 0);
}

void TestCli::heatmapJsonShape()
{
    const Run r = run({ "study", "paper/fig6", "--format", "json" });
    QCOMPARE(r.code, 0);
    const json j = json::parse(r.out);
    QVERIFY(j["study"] == "paper/fig6");
    QVERIFY(j["kind"] == "heatmap");
    QVERIFY(j["metric"] == "energy_per_token");
    QCOMPARE(j["x"]["values"].size(), std::size_t(10));
    QVERIFY(j["y"]["label"] == "Batch");
    QCOMPARE(j["cells"].size(), std::size_t(4));
    QCOMPARE(j["cells"][0].size(), std::size_t(10));
}

void TestCli::importModelJsonReadsBack_data()
{
    QTest::addColumn<QString>("file");
    for (const char* f : { "mixtral-8x7b.json", "deepseek-v3.json", "qwen3-30b-a3b.json", "llama3.3-70b.json",
             "llama4-maverick.json", "olmoe-1b-7b.json", "gpt-oss-20b.json", "opt-6.7b.json" })
        QTest::newRow(f) << hfConfig(f);
}

void TestCli::importModelJsonReadsBack()
{
    // The output is a model preset: our reader takes it back without a single problem.
    QFETCH(QString, file);
    const Run r = run({ "import-model", file.toStdString(), "--id", "imported" });
    QCOMPARE(r.code, 0);
    ModelSpec m;
    Problems problems;
    fromJson(json::parse(r.out), m, "", problems);
    for (const auto& p : problems)
        qWarning("%s", p.toString().c_str());
    QVERIFY(problems.empty());
    QCOMPARE(m.id, std::string("imported"));
    // Notes, when there are any, go to stderr, one a line.
    std::istringstream err(r.err);
    for (std::string line; std::getline(err, line);)
        QVERIFY2(line.rfind("note: ", 0) == 0, line.c_str());
}

void TestCli::importModelTable()
{
    const Run r = run({ "import-model", hfConfig("deepseek-v3.json").toStdString(), "--format", "table" });
    QCOMPARE(r.code, 0);
    for (const char* expected :
        { "moe.expert_ffn_dim", "moe_intermediate_size", "mla.kv_lora_rank", "MoE layers 58 of 61" })
        QVERIFY2(r.out.find(expected) != std::string::npos, r.out.c_str());
    QVERIFY2(r.err.find("note: quantization_config") != std::string::npos, r.err.c_str());
}

void TestCli::importModelReportsItsSize()
{
    // Qwen3-235B-A22B: 235 B in all, 22 B active (its model card), split by class.
    const Run r = run({ "import-model", hfConfig("qwen3-235b-a22b.json").toStdString() });
    QCOMPARE(r.code, 0);
    const json params = json::parse(r.out)["params"];
    TL_COMPARE_REL(params["total"].get<double>(), 235e9, 0.01);
    TL_COMPARE_REL(params["active_per_token"].get<double>(), 22e9, 0.02);
    double total = 0;
    for (const auto& [key, c] : params["by_class"].items())
        total += c["total"].get<double>();
    TL_COMPARE_REL(total, params["total"].get<double>(), 1e-12);
    // The experts dominate: 128 of 1536 wide, 94 layers, 3 matrices of 4096.
    QCOMPARE(params["by_class"]["routed_experts"]["total"].get<double>(), 94.0 * 128 * 3 * 4096 * 1536);
    QCOMPARE(params["by_class"]["routed_experts"]["bytes"].get<double>(), 94.0 * 128 * 3 * 4096 * 1536 * 2);

    const Run t = run({ "import-model", hfConfig("mixtral-8x22b.json").toStdString(), "--format", "table" });
    QCOMPARE(t.code, 0);
    for (const char* expected :
        { "Attention", "Routed experts", "Router", "Embeddings", "LM head", "Total", "140.6 B", "39.15 B" })
        QVERIFY2(t.out.find(expected) != std::string::npos, t.out.c_str());
}

void TestCli::evalJsonHasTheModelSize()
{
    const Run r = run({ "eval", "default", "--format", "json" });
    QCOMPARE(r.code, 0);
    const json params = json::parse(r.out)["params"];
    // The default scenario runs Mixtral 8x7B: 46.7 B, 12.9 B active (its model card).
    TL_COMPARE_REL(params["total"].get<double>(), 46.7e9, 0.005);
    TL_COMPARE_REL(params["active_per_token"].get<double>(), 12.9e9, 0.005);
    QCOMPARE(params["by_class"].size(), std::size_t(7));
}

void TestCli::realBinaryNeverCrashes()
{
    // The shipped binary: a bad file gives a message and exit 1, not a crash or a trace.
    QTemporaryDir dir;
    const QString bad = writeTemp(dir, "bad.json", std::string("\xff\xfe garbage", 11));
    QProcess p;
    p.start(QStringLiteral(TIERLENS_CLI_PATH), { QStringLiteral("eval"), bad });
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(p.readAllStandardError().contains("bad.json"));
}

QTEST_APPLESS_MAIN(TestCli)
#include "tst_cli.moc"
