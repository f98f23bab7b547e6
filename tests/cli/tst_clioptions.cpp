// tierlens-cli's options: each command's --help, and the messages of a wrong command line.
#include "cli/cliargs.h"
#include "tests/support/clitestsupport.h"
#include "tests/support/testsupport.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

using namespace tierlens;
using Run = tierlens::test::CliRun;

namespace {

// The documented options of each command (docs/command-line.md), written out here rather than read
// from the table, so an option dropped from the table fails these tests. true: takes a value.
const std::map<std::string, std::vector<std::pair<std::string, bool>>>& documented()
{
    static const std::map<std::string, std::vector<std::pair<std::string, bool>>> options {
        { "list", { { "sources", false }, { "format", true } } },
        { "eval",
            { { "batch", true }, { "set", true }, { "format", true }, { "routing-trace", true },
                { "prompt", true }, { "output", true }, { "no-prefill", false }, { "range-mode", false },
                { "range", true } } },
        { "study", { { "set", true }, { "format", true }, { "range-mode", false }, { "range", true } } },
        { "diff", { { "batch", true }, { "format", true } } },
        { "validate", {} },
        { "export",
            { { "out", true }, { "view", true }, { "case", true }, { "width-in", true },
                { "height-in", true }, { "dpi", true }, { "font-pt", true }, { "font-family", true },
                { "palette", true }, { "title", true }, { "no-title", false }, { "legend", false },
                { "no-legend", false }, { "values", false }, { "no-values", false }, { "axis", true },
                { "absolute", false }, { "log", false }, { "range-mode", false }, { "range", true } } },
        { "bundle", { { "out", true } } },
        { "render", { { "out", true } } },
        { "import-model", { { "id", true }, { "format", true } } },
        { "solve",
            { { "param", true }, { "range", true }, { "target", true }, { "metric", true },
                { "baseline", true }, { "batch", true }, { "points", true }, { "set", true },
                { "format", true } } },
        { "validate-paper", { { "format", true } } },
        { "tornado",
            { { "metric", true }, { "range", true }, { "batch", true }, { "set", true },
                { "format", true } } },
    };
    return options;
}

// A command line of `command` that is complete but for what a test adds.
std::vector<std::string> base(const std::string& command)
{
    if (command == "list" || command == "validate-paper")
        return { command };
    if (command == "export")
        return { command, "paper/fig6", "--out", "x.svg" };
    if (command == "bundle")
        return { command, "paper/fig6", "--out", "x.tierlens.zip" };
    if (command == "render")
        return { command, "x.tierlens.zip", "--out", "dir" };
    if (command == "solve")
        return { command, "paper/fig6", "--param", "workload.batch", "--range", "1:2", "--target", "1" };
    return { command, "default" };
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

class TestCliOptions : public QObject {
    Q_OBJECT
private slots:
    void everyCommandIsDocumentedHere();
    void helpListsEveryOption();
    void helpAfterOtherArguments();
    void unknownOptionNamesItself();
    void missingValueNamesTheOption();
    void badNumberNamesTheOption_data();
    void badNumberNamesTheOption();
    void badChoiceNamesTheOption();
    void repeatedSetsAllApply();
    void lastOfOpposingFlagsWins();
    void valueAfterEqualsSign();
};

void TestCliOptions::everyCommandIsDocumentedHere()
{
    // A new command must be added to documented() too, or the tests below would skip it.
    QCOMPARE(cli::cliCommands().size(), documented().size());
    for (const auto& c : cli::cliCommands())
        QVERIFY2(documented().count(c.name) == 1, c.name.c_str());
}

void TestCliOptions::helpListsEveryOption()
{
    for (const auto& [command, options] : documented()) {
        for (const char* help : { "--help", "-h" }) {
            const Run r = test::runCli({ command, help });
            QVERIFY2(r.code == 0, (command + ": " + r.err).c_str());
            QVERIFY2(r.err.empty(), r.err.c_str());
            QVERIFY2(contains(r.out, "usage: tierlens-cli " + command), r.out.c_str());
            for (const auto& [name, takesValue] : options) {
                // Each option on a line of its own, then its value name (if any) and its help.
                const std::string line = "\n  --" + name + (takesValue ? " " : "");
                QVERIFY2(
                    contains(r.out, line), (command + " --help lacks --" + name + ":\n" + r.out).c_str());
            }
        }
        // `help <command>` prints the same.
        QCOMPARE(test::runCli({ "help", command }).out, test::runCli({ command, "--help" }).out);
    }
    // The overall help names every command.
    const Run all = test::runCli({ "--help" });
    QCOMPARE(all.code, 0);
    for (const auto& [command, options] : documented())
        QVERIFY2(contains(all.out, "\n  " + command), command.c_str());
}

void TestCliOptions::helpAfterOtherArguments()
{
    // --help wins over an otherwise wrong command line: it is how the user finds the right one.
    const Run r = test::runCli({ "solve", "--points", "x", "--help" });
    QCOMPARE(r.code, 0);
    QVERIFY(contains(r.out, "--points N"));
}

void TestCliOptions::unknownOptionNamesItself()
{
    for (const auto& [command, options] : documented()) {
        for (const std::string bad : { "--frobnicate", "-frobnicate" }) {
            auto args = base(command);
            args.push_back(bad);
            const Run r = test::runCli(args);
            QVERIFY2(r.code == 2, (command + " " + bad).c_str());
            QVERIFY2(contains(r.err, "unknown option " + bad + "\n"), r.err.c_str());
        }
        auto args = base(command);
        args.push_back("--frobnicate=3");
        const Run r = test::runCli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(contains(r.err, "unknown option --frobnicate\n"), r.err.c_str());
    }
    // An option of another command is unknown here.
    const Run r = test::runCli({ "study", "paper/fig6", "--routing-trace", "t.csv" });
    QCOMPARE(r.code, 2);
    QVERIFY2(contains(r.err, "unknown option --routing-trace"), r.err.c_str());
}

void TestCliOptions::missingValueNamesTheOption()
{
    for (const auto& [command, options] : documented())
        for (const auto& [name, takesValue] : options) {
            if (!takesValue)
                continue;
            auto args = base(command);
            args.push_back("--" + name);
            const Run r = test::runCli(args);
            QVERIFY2(r.code == 2, (command + " --" + name).c_str());
            QVERIFY2(contains(r.err, "--" + name + " needs a value"), r.err.c_str());
        }
}

void TestCliOptions::badNumberNamesTheOption_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("kind"); // what the message says the value must be
    const auto row = [](const char* command, const char* option, const char* value, const char* kind) {
        QTest::addRow("%s %s %s", command, option, value)
            << QString::fromLatin1(command) << QString::fromLatin1(option) << QString::fromLatin1(value)
            << QString::fromLatin1(kind);
    };
    row("eval", "batch", "x", "a whole number >= 1");
    row("eval", "batch", "0", "a whole number >= 1");
    row("eval", "batch", "2.5", "a whole number >= 1");
    row("eval", "batch", "99999999999", "a whole number >= 1");
    row("solve", "batch", "-3", "a whole number >= 1");
    row("solve", "points", "1", "a whole number from 2 to 100000");
    row("solve", "points", "ten", "a whole number from 2 to 100000");
    row("solve", "target", "one", "a number");
    row("solve", "target", "nan", "a number");
    row("export", "case", "1.5", "a whole number from 0 to 1000");
    row("export", "dpi", "x", "a number from 10 to 2400");
    row("export", "width-in", "0.05", "a number from 0.1 to 100");
    row("export", "height-in", "inf", "a number from 0.1 to 100");
    row("export", "font-pt", "100", "a number from 2 to 72");
}

void TestCliOptions::badNumberNamesTheOption()
{
    QFETCH(QString, command);
    QFETCH(QString, option);
    QFETCH(QString, value);
    QFETCH(QString, kind);
    auto args = base(command.toStdString());
    args.push_back("--" + option.toStdString());
    args.push_back(value.toStdString());
    const Run r = test::runCli(args);
    QCOMPARE(r.code, 2);
    const std::string expected = "tierlens-cli: --" + option.toStdString() + " must be " + kind.toStdString()
        + ", got \"" + value.toStdString() + "\"\n";
    QVERIFY2(r.err.rfind(expected, 0) == 0, r.err.c_str());
    QVERIFY(r.out.empty());
}

void TestCliOptions::badChoiceNamesTheOption()
{
    const Run r = test::runCli({ "export", "paper/fig6", "--out", "x.svg", "--view", "pie" });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.rfind("tierlens-cli: --view must be energy, latency, heatmap, tornado, roofline or "
                         "pareto, got \"pie\"\n",
                 0)
            == 0,
        r.err.c_str());
    const Run s = test::runCli({ "eval", "default", "--set", "gpu.peak_tflops" });
    QCOMPARE(s.code, 2);
    QVERIFY2(contains(s.err, "--set takes path=value, got \"gpu.peak_tflops\""), s.err.c_str());
}

void TestCliOptions::repeatedSetsAllApply()
{
    // Two --set options both change the scenario: the evaluation with both differs from each alone,
    // and equals the one with the same two in the other order.
    const std::string a = "tiers.ssd.read_pj_per_bit=40", b = "workload.prompt_length=4096";
    const auto eval = [](std::vector<std::string> sets) {
        std::vector<std::string> args { "eval", "default", "--format", "json" };
        for (const auto& s : sets) {
            args.push_back("--set");
            args.push_back(s);
        }
        const Run r = test::runCli(args);
        if (r.code != 0)
            qWarning("%s", r.err.c_str());
        return r.out;
    };
    const std::string onlyA = eval({ a }), onlyB = eval({ b }), both = eval({ a, b });
    QVERIFY(!both.empty());
    QVERIFY(both != onlyA);
    QVERIFY(both != onlyB);
    QVERIFY(onlyA != eval({}));
    QCOMPARE(both, eval({ b, a }));
}

void TestCliOptions::lastOfOpposingFlagsWins()
{
    const cli::CommandSpec* exportCommand = cli::findCommand("export");
    QVERIFY(exportCommand);
    const auto args = cli::CliArgs::parse(*exportCommand,
        { "export", "paper/fig6", "--legend", "--out", "a.svg", "--no-legend", "--axis", "log",
            "--absolute" });
    QVERIFY2(args.ok(), args.error().c_str());
    QCOMPARE(args.target(), std::string("paper/fig6"));
    std::vector<std::string> order;
    for (const auto& g : args.given())
        order.push_back(g.first);
    const std::vector<std::string> expected { "legend", "out", "no-legend", "axis", "absolute" };
    QVERIFY(order == expected);
    QCOMPARE(args.text("axis"), std::string("log"));
}

void TestCliOptions::valueAfterEqualsSign()
{
    const cli::CommandSpec* evalCommand = cli::findCommand("eval");
    QVERIFY(evalCommand);
    const auto args = cli::CliArgs::parse(*evalCommand,
        { "eval", "--batch=8", "default", "--set=gpu.peak_tflops=100", "--set", "model.moe.top_k=2" });
    QVERIFY2(args.ok(), args.error().c_str());
    QCOMPARE(args.number("batch", 0), 8.0);
    const auto sets = args.assignments("set");
    QCOMPARE(sets.size(), std::size_t(2));
    QCOMPARE(sets[0].first, std::string("gpu.peak_tflops"));
    QCOMPARE(sets[0].second, 100.0);
    QCOMPARE(sets[1].first, std::string("model.moe.top_k"));
    QCOMPARE(sets[1].second, 2.0);
    QCOMPARE(args.text("format"), std::string("table")); // the default when absent
}

QTEST_APPLESS_MAIN(TestCliOptions)
#include "tst_clioptions.moc"
