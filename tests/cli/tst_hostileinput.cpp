// Hostile and huge inputs: each must end in a clear message, fast, never a crash, a hang or an
// allocation that exhausts memory.
#include "cli/cliapp.h"
#include "core/data/study.h"
#include "core/data/workspace.h"
#include "core/io/inputlimits.h"
#include "core/io/jsontext.h"
#include "core/io/presetlibrary.h"
#include "core/io/routingtrace.h"
#include "core/validation/finitecheck.h"
#include "core/validation/validator.h"
#include "tests/support/clitestsupport.h"
#include "tests/support/testsupport.h"

#include <QProcess>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <thread>

#include <sys/stat.h>

using namespace tierlens;
using nlohmann::json;

class TestHostileInput : public QObject {
    Q_OBJECT
private slots:
    void deepNestingIsAProblem();
    void nestingUpToTheLimitParses();
    void bracketsInStringsDoNotNest();
    void deepFilesFailEveryCommand();
    void studyAxisValuesAreValidated();
    void workspaceAxesAreValidated();
    void hugeAxesAreRefusedBeforeReading();
    void tooManyCellsAreRefused();
    void nonFiniteResultNamesTheInput();
    void absurdMagnitudesAreOutOfRange();
    void traceCountsAreCapped();
    void traceIdsAreCheckedAgainstTheModel();
    void traceMemoryStaysBounded();
    void traceWithBomAndSignedNumbers();
    void traceErrorExitsOneWithLineAndColumn();
    void fullDiskIsAnError_data();
    void fullDiskIsAnError();
    void repeatedTiersAreReportedOncePerRepeat();
    void problemListsAreCapped();
    void batchesAreCapped();
    void devZeroIsCappedWhileReading();
    void pipedInputIsRead();
    void rangeMessagesShowEveryDigit();
    void subnormalSetIsANumber();
};

namespace {

using Run = tierlens::test::CliRun;

Run run(std::vector<std::string> args)
{
    return tierlens::test::runCli(std::move(args));
}

std::string writeTemp(QTemporaryDir& dir, const char* name, const std::string& text)
{
    const std::string path = dir.filePath(QString::fromLatin1(name)).toStdString();
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

std::string nested(std::size_t depth, char open, char close, const std::string& inner = "")
{
    return std::string(depth, open) + inner + std::string(depth, close);
}

std::size_t count(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
        ++n;
    return n;
}

// A study whose heatmap axis x is `x` and y a single batch; "default" as the scenario.
json heatmap(const json& x)
{
    return { { "id", "t/h" }, { "kind", "heatmap" }, { "scenario", { { "base", "default" } } }, { "x", x },
        { "y", { { "path", "workload.batch" }, { "values", { 16 } } } } };
}

} // namespace

void TestHostileInput::deepNestingIsAProblem()
{
    for (const char opener : { '[', '{' }) {
        // Objects need keys: {"a":{"a":...}}; arrays nest bare.
        std::string text;
        if (opener == '[') {
            text = nested(300000, '[', ']');
        } else {
            for (int i = 0; i < 100000; ++i)
                text += "{\"a\":";
            text += "1" + std::string(100000, '}');
        }
        const auto r = parseJsonText(text, "deep.json");
        QVERIFY(!r.ok());
        QCOMPARE(r.problems.front().path, std::string("deep.json"));
        // The first bracket past the limit: the (limit + 1)-th opening one, found by counting here.
        std::size_t at = 0, seen = 0;
        for (; at < text.size(); ++at)
            if (text[at] == opener && ++seen == std::size_t(limits::kMaxJsonDepth) + 1)
                break;
        const std::string where = "line 1, column " + std::to_string(at + 1) + ": nested more than "
            + std::to_string(limits::kMaxJsonDepth);
        QVERIFY2(r.problems.front().message.rfind(where, 0) == 0, r.problems.front().message.c_str());
    }
}

void TestHostileInput::nestingUpToTheLimitParses()
{
    const auto ok = parseJsonText(nested(limits::kMaxJsonDepth, '[', ']', "7"), "ok.json");
    QVERIFY(ok.ok());
    json v = ok.value;
    for (int i = 0; i < limits::kMaxJsonDepth; ++i) {
        QVERIFY(v.is_array());
        v = json(v[0]);
    }
    QCOMPARE(v.get<int>(), 7);
    QVERIFY(!parseJsonText(nested(limits::kMaxJsonDepth + 1, '[', ']', "7"), "no.json").ok());
}

void TestHostileInput::bracketsInStringsDoNotNest()
{
    // 10 000 brackets inside a string, with an escaped quote that must not end it early.
    const std::string text = "{\"a\": \"\\\"" + std::string(10000, '[') + "\"}";
    const auto r = parseJsonText(text, "s.json");
    QVERIFY(r.ok());
    QCOMPARE(r.value["a"].get<std::string>().size(), std::size_t(10001));
}

void TestHostileInput::deepFilesFailEveryCommand()
{
    QTemporaryDir dir;
    const std::string deep = writeTemp(dir, "deep.json", "{\"x\": " + nested(200000, '[', ']') + "}");
    for (const char* cmd : { "eval", "validate", "study" }) {
        const Run r = run({ cmd, deep });
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.find("nested more than") != std::string::npos, r.err.c_str());
    }
}

void TestHostileInput::studyAxisValuesAreValidated()
{
    const auto& lib = PresetLibrary::builtin();
    struct Case {
        const char* path;
        double bad;
        const char* says; // a word of the validator's message for this field
    };
    // default: Mixtral (8 experts, 32 heads) on 4 GPUs.
    const Case cases[] = { { "tiers.ssd.read_pj_per_bit", -1, "must be >= 0" },
        { "tiers.ssd.bandwidth_gb_s", 0, "must be > 0" }, { "model.moe.top_k", 1000, "must not exceed" },
        { "parallelism.tp", 3, "must divide" } };
    for (const Case& c : cases) {
        const auto r = loadStudy(heatmap({ { "path", c.path }, { "values", { 1, c.bad } } }), lib);
        QVERIFY2(!r.ok(), c.path);
        QCOMPARE(r.problems.size(), std::size_t(1));
        QCOMPARE(r.problems[0].path, std::string("x.values[1]"));
        QVERIFY2(r.problems[0].message.find(c.says) != std::string::npos, r.problems[0].message.c_str());
    }
    // A line study and negative batches in y.
    json line = { { "id", "t/l" }, { "kind", "line" },
        { "cases", { { { "label", "m" }, { "scenario", { { "base", "default" } } } } } },
        { "x", { { "path", "workload.batch" }, { "values", { -5, 4 } } } } };
    const auto l = loadStudy(line, lib);
    QVERIFY(!l.ok());
    QCOMPARE(l.problems[0].path, std::string("x.values[0]"));
    // A scale axis is checked at base × value: 0 × the SSD's bandwidth is no bandwidth.
    const auto scaled = loadStudy(
        heatmap({ { "path", "tiers.ssd.bandwidth_gb_s" }, { "scale", true }, { "values", { 1, 0 } } }), lib);
    QVERIFY(!scaled.ok());
    QCOMPARE(scaled.problems[0].path, std::string("x.values[1]"));
    // In range: no problem at all.
    QVERIFY(loadStudy(heatmap({ { "path", "tiers.ssd.read_pj_per_bit" }, { "values", { 0, 5, 40 } } }), lib)
                .ok());
}

void TestHostileInput::workspaceAxesAreValidated()
{
    const auto& lib = PresetLibrary::builtin();
    json w = { { "schemaVersion", 1 }, { "scenario", lib.find(PresetKind::Scenario, "default")->json },
        { "workspace",
            { { "heatmap",
                { { "x", { { "path", "tiers.ssd.bandwidth_gb_s" }, { "values", { 100, 0 } } } },
                    { "y", { { "path", "workload.batch" }, { "values", { -5, 1, 2 } } } } } } } } };
    const auto r = loadWorkspace(w, lib);
    QCOMPARE(r.problems.size(), std::size_t(2));
    QCOMPARE(r.problems[0].path, std::string("workspace.heatmap.x.values[1]"));
    QCOMPARE(r.problems[1].path, std::string("workspace.heatmap.y.values[0]"));
    w["workspace"]["heatmap"]["x"]["values"] = { 100, 200 };
    w["workspace"]["heatmap"]["y"]["values"] = { 1, 2 };
    QVERIFY(loadWorkspace(w, lib).ok());
}

void TestHostileInput::hugeAxesAreRefusedBeforeReading()
{
    // 10^6 × 10^6 written as text, as a file would hold it, then parsed and loaded.
    std::string values = "[";
    for (int i = 0; i < 1000000; ++i)
        values += i ? ",1" : "1";
    values += "]";
    const std::string text = R"({"id": "t/h", "kind": "heatmap", "scenario": {"base": "default"},
        "x": {"path": "tiers.ssd.read_pj_per_bit", "scale": true, "values": )"
        + values + R"(}, "y": {"path": "gpu.hbm_read_pj_per_bit", "scale": true, "values": )" + values + "}}";
    const auto j = parseJsonText(text, "h.json");
    QVERIFY(j.ok());
    const auto r = loadStudy(j.value, PresetLibrary::builtin());
    QCOMPARE(r.problems.size(), std::size_t(2));
    for (const auto& p : r.problems)
        QVERIFY2(p.message.find(
                     "has 1000000 values; an axis holds at most " + std::to_string(limits::kMaxAxisValues))
                != std::string::npos,
            p.toString().c_str());
}

void TestHostileInput::tooManyCellsAreRefused()
{
    // Both axes within their own cap, their product not.
    const std::size_t n = limits::kMaxAxisValues;
    QVERIFY(n * n > limits::kMaxStudyCells);
    json x = { { "path", "tiers.ssd.read_pj_per_bit" }, { "scale", true },
        { "values", std::vector<double>(n, 1.0) } };
    json st = heatmap(x);
    st["y"] = { { "path", "gpu.hbm_read_pj_per_bit" }, { "scale", true },
        { "values", std::vector<double>(n, 1.0) } };
    const auto r = loadStudy(st, PresetLibrary::builtin());
    QCOMPARE(r.problems.size(), std::size_t(1));
    QVERIFY2(r.problems[0].message.find(std::to_string(n * n) + " cells") != std::string::npos,
        r.problems[0].message.c_str());
}

void TestHostileInput::nonFiniteResultNamesTheInput()
{
    Scenario s = test::preset("default");
    Result r;
    QVERIFY(nonFiniteResults(s, r).empty()); // all zero is finite
    r.energyJPerToken[int(EnergyPart::MoeOffload)] = std::numeric_limits<double>::infinity();
    r.latencyS[int(LatencyPart::Moe)] = std::nan("");
    s.tiers.back().bandwidthGBs = 1e-305;
    const Problems p = nonFiniteResults(s, r);
    QCOMPARE(p.size(), std::size_t(2));
    QCOMPARE(p[0].path, "energy." + std::string(energyPartKey(EnergyPart::MoeOffload)));
    QCOMPARE(p[1].path, "latency." + std::string(latencyPartKey(LatencyPart::Moe)));
    for (const auto& q : p)
        QVERIFY2(
            q.message.find("tiers." + s.tiers.back().id + ".bandwidth_gb_s = 1e-305") != std::string::npos,
            q.message.c_str());
    // Finite parts whose sum overflows are caught too.
    Result sum;
    sum.energyJPerToken[0] = sum.energyJPerToken[1] = std::numeric_limits<double>::max();
    QCOMPARE(nonFiniteResults(s, sum).size(), std::size_t(1));
}

void TestHostileInput::absurdMagnitudesAreOutOfRange()
{
    for (const char* set : { "gpu.peak_tflops=5e-324", "gpu.hbm_bandwidth_gb_s=1e-305" }) {
        const Run r = run({ "eval", "default", "--set", set });
        QCOMPARE(r.code, 1);
        const std::string path = std::string(set).substr(0, std::string(set).find('='));
        QVERIFY2(r.err.find(path + ": must be >=") != std::string::npos, r.err.c_str());
        QVERIFY(r.out.empty());
    }
    // An SSD of 1e-305 GB/s is in range, but the step it gives is not finite: an error naming it
    // instead of inf or null in the output.
    const Run tiny
        = run({ "eval", "default", "--format", "json", "--set", "tiers.ssd.bandwidth_gb_s=1e-305" });
    QCOMPARE(tiny.code, 1);
    QVERIFY(tiny.out.empty());
    QVERIFY2(tiny.err.find("tiers.ssd.bandwidth_gb_s = 1e-305") != std::string::npos, tiny.err.c_str());
}

void TestHostileInput::traceCountsAreCapped()
{
    QTemporaryDir dir;
    json s = PresetLibrary::builtin().find(PresetKind::Scenario, "default")->json;
    s["workload"]["routing"] = { { "kind", "trace" }, { "counts", { { 1e308, 1e308, 1, 1, 1, 1, 1, 1 } } } };
    const Run r = run({ "eval", writeTemp(dir, "t.json", s.dump()) });
    QCOMPARE(r.code, 1);
    QVERIFY2(
        r.err.find("workload.routing.counts[0][0]: must be a count between 0 and 1e15") != std::string::npos,
        r.err.c_str());
    // The same through the validator, for scenarios built in code.
    Scenario sc = test::preset("default");
    sc.workload.routing.kind = Routing::Kind::Trace;
    sc.workload.routing.layerCounts = { { 1e308, 1e308 } };
    bool found = false;
    for (const auto& p : validateScenario(sc))
        found = found || p.path == "workload.routing.counts[0]";
    QVERIFY(found);
}

void TestHostileInput::traceIdsAreCheckedAgainstTheModel()
{
    const auto r = RoutingTrace::parse("0,0,1\n0,1,1000000000\n", "t.csv", 8);
    QVERIFY(!r.ok());
    QCOMPARE(r.problems.size(), std::size_t(1));
    QCOMPARE(r.problems[0].path, std::string("t.csv:2:5"));
    QVERIFY2(
        r.problems[0].message.find("model's 8 experts") != std::string::npos, r.problems[0].message.c_str());
    // Id 7 is the last of 8 experts; 8 is one too many.
    QVERIFY(RoutingTrace::parse("0,0,7\n", "t.csv", 8).ok());
    QVERIFY(!RoutingTrace::parse("0,0,8\n", "t.csv", 8).ok());
    // Without a model, the largest model there can be.
    QVERIFY(!RoutingTrace::parse("0,0," + std::to_string(limits::kMaxTraceExperts) + "\n", "t.csv").ok());
}

void TestHostileInput::traceMemoryStaysBounded()
{
    // A 20 MB line of commas: one problem counting the columns, no cell kept per comma.
    const std::string commas(20'000'000, ',');
    const auto c = RoutingTrace::parse(commas, "c.csv");
    QCOMPARE(c.problems.size(), std::size_t(1));
    QCOMPARE(c.problems[0].message,
        "expected 3 columns layer,token,expert; found " + std::to_string(commas.size() + 1));
    // Many layers each naming a high id: dense rows would need layers × (id + 1) counts.
    const long id = limits::kMaxTraceExperts - 1;
    const std::size_t layers = limits::kMaxTraceCounts / std::size_t(id + 1) + 1;
    std::string csv;
    for (std::size_t l = 0; l < layers; ++l)
        csv += std::to_string(l) + ",0," + std::to_string(id) + "\n";
    const auto d = RoutingTrace::parse(csv, "d.csv");
    QCOMPARE(d.problems.size(), std::size_t(1));
    QVERIFY2(d.problems[0].message.find(std::to_string(layers * std::size_t(id + 1)) + " counts")
            != std::string::npos,
        d.problems[0].message.c_str());
}

void TestHostileInput::traceWithBomAndSignedNumbers()
{
    // Without a header, the first row is data even after a byte-order mark.
    const auto bom = RoutingTrace::parse("\xEF\xBB\xBF"
                                         "0,0,1\n0,1,2\n",
        "b.csv");
    QVERIFY(bom.ok());
    QCOMPARE(bom.value, (std::vector<std::vector<double>> { { 0, 1, 1 } }));
    // A BOM before a header: the header is still recognised as one.
    QVERIFY(RoutingTrace::parse("\xEF\xBB\xBF"
                                "layer,token,expert\n0,0,1\n",
        "h.csv")
                .ok());
    // "+1" is a number, not a header word.
    const auto plus = RoutingTrace::parse("+1,0,+2\n1,1,0\n", "p.csv");
    QVERIFY(plus.ok());
    QCOMPARE(plus.value, (std::vector<std::vector<double>> { { 1, 0, 1 } }));
    const auto minus = RoutingTrace::parse("0,0,+-1\n", "m.csv");
    QVERIFY(!minus.ok());
}

void TestHostileInput::traceErrorExitsOneWithLineAndColumn()
{
    QTemporaryDir dir;
    const std::string path = writeTemp(dir, "t.csv", "0,0,1000000000\n");
    const Run r = run({ "eval", "default", "--routing-trace", path });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.rfind(path + ":1:5: ", 0) == 0, r.err.c_str());
}

void TestHostileInput::fullDiskIsAnError_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("eval") << QStringList { QStringLiteral("eval"), QStringLiteral("default") };
    QTest::newRow("study") << QStringList { QStringLiteral("study"), QStringLiteral("paper/fig6") };
    QTest::newRow("list") << QStringList { QStringLiteral("list") };
    QTest::newRow("import-model") << QStringList { QStringLiteral("import-model"),
        QStringLiteral(TIERLENS_TEST_DATA_DIR "/hf/mixtral-8x7b.json") };
}

void TestHostileInput::fullDiskIsAnError()
{
    QFETCH(QStringList, args);
    QVERIFY(QFile::exists(QStringLiteral("/dev/full")));
    QProcess p;
    p.setStandardOutputFile(QStringLiteral("/dev/full"));
    p.start(QStringLiteral(TIERLENS_CLI_PATH), args);
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(p.readAllStandardError().contains("could not write the output"));
}

void TestHostileInput::repeatedTiersAreReportedOncePerRepeat()
{
    Scenario s = test::preset("default");
    const std::size_t n = 200;
    s.placement.tiers.assign(n, ExpertTierShare {});
    for (auto& t : s.placement.tiers) {
        t.tier = "ssd";
        t.experts = 0;
    }
    std::size_t repeats = 0;
    for (const auto& p : validateScenario(s))
        repeats += p.message.find("is already listed at placement.tiers[0]") != std::string::npos;
    QCOMPARE(repeats, n - 1); // every later entry repeats the first, and is told once
    // Far past the cap: one message, whatever the length.
    s.placement.tiers.resize(10000, s.placement.tiers.front());
    const Problems many = validateScenario(s);
    QCOMPARE(many.size(), std::size_t(1));
    QCOMPARE(many[0].path, std::string("placement.tiers"));
}

void TestHostileInput::problemListsAreCapped()
{
    QTemporaryDir dir;
    json s = PresetLibrary::builtin().find(PresetKind::Scenario, "default")->json;
    json tiers = json::array();
    for (std::size_t i = 0; i < limits::kMaxListEntries; ++i)
        tiers.push_back({ { "tier", "tape" + std::to_string(i) }, { "experts", 0 } });
    s["placement"] = { { "tiers", tiers } };
    const Run r = run({ "validate", writeTemp(dir, "s.json", s.dump()) });
    QCOMPARE(r.code, 1);
    // Each entry names an unknown tier: at least that many problems, of which only the first are shown.
    const std::size_t lines = count(r.err, "\n");
    QCOMPARE(lines, limits::kMaxProblemsShown + 2); // the problems shown, "… and N more", the count
    QVERIFY(r.err.find("… and ") != std::string::npos);
}

void TestHostileInput::batchesAreCapped()
{
    Scenario s = test::preset("default");
    s.workload.batches.assign(limits::kMaxBatches, 1);
    QVERIFY(validateScenario(s).empty());
    s.workload.batches.assign(100000, 1);
    const Problems p = validateScenario(s);
    QCOMPARE(p.size(), std::size_t(1));
    QCOMPARE(p[0].path, std::string("workload.batches"));
    QVERIFY(p[0].message.find("100000 entries") != std::string::npos);
}

void TestHostileInput::devZeroIsCappedWhileReading()
{
    const auto r = readTextFile("/dev/zero", std::size_t(1) << 20);
    QVERIFY(!r.ok());
    QCOMPARE(r.problems[0].message, std::string("is larger than 1 MiB"));
    const Run eval = run({ "eval", "/dev/zero" });
    QCOMPARE(eval.code, 1);
    QVERIFY2(eval.err.find("larger than 64 MiB") != std::string::npos, eval.err.c_str());
}

void TestHostileInput::pipedInputIsRead()
{
    QTemporaryDir dir;
    const std::string fifo = dir.filePath(QStringLiteral("pipe")).toStdString();
    QCOMPARE(mkfifo(fifo.c_str(), 0600), 0);
    const std::string text = "{\"kind\": \"nope\"}\n"; // 19 bytes, as a shell pipe would hand them
    std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << text; });
    const auto r = readTextFile(fifo);
    writer.join();
    QVERIFY(r.ok());
    QCOMPARE(r.value, text);
}

void TestHostileInput::rangeMessagesShowEveryDigit()
{
    Scenario s = test::preset("default");
    s.workload.batch = (1 << 24) + 1;
    const Problems p = validateScenario(s);
    QCOMPARE(p.size(), std::size_t(1));
    QCOMPARE(p[0].toString(), std::string("workload.batch: must be at most 16777216, got 16777217"));
}

void TestHostileInput::subnormalSetIsANumber()
{
    const Run r = run({ "eval", "default", "--set", "gpu.peak_tflops=4.9e-324" });
    QCOMPARE(r.code, 1); // a range problem, not a usage error
    QVERIFY2(r.err.find("gpu.peak_tflops: must be >= 0.001, got 5e-324") != std::string::npos, r.err.c_str());
}

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
