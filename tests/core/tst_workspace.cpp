#include "core/data/workspace.h"
#include "core/explain/explainer.h"
#include "core/io/presetlibrary.h"
#include "core/model/evaluator.h"
#include "core/study/studyrunner.h"
#include "tests/support/testsupport.h"

#include <algorithm>

using namespace tierlens;
using nlohmann::json;

class TestWorkspace : public QObject {
    Q_OBJECT
private slots:
    void plainScenarioGetsDefaults();
    void studyBecomesWorkspace_data();
    void studyBecomesWorkspace();
    void evaluationMatchesCore();
    void breakdownBarsMatchTheStudy();
    void roundTrip();
    void invalidScenarioReportsProblems();
    void badWorkspaceSection();
    void defaultHeatmapChangesTheResult_data();
    void defaultHeatmapChangesTheResult();
    void heatmapAxisNamesItsUnit();
    void heatmapTitleFollowsTheScenario();
};

static const PresetLibrary& lib()
{
    return PresetLibrary::builtin();
}

static Workspace fromStudy(const char* id, int caseIndex = 0)
{
    auto st = loadStudy(lib().find(PresetKind::Study, id)->json, lib());
    if (!st.ok())
        qFatal("study %s did not load", id);
    return workspaceFromStudy(st.value, caseIndex);
}

void TestWorkspace::plainScenarioGetsDefaults()
{
    const auto w = loadWorkspace(lib().find(PresetKind::Scenario, "default")->json, lib());
    QVERIFY(w.ok());
    // HBM plus each installed tier, reached over the scenario's own path.
    const auto p = w.value.effectivePlacements();
    QCOMPARE(p.size(), std::size_t(3));
    QCOMPARE(p[0].expertTier, std::string("hbm"));
    QCOMPARE(p[2].expertTier, std::string("ssd"));
    QCOMPARE(p[2].path, std::vector<std::string> { "nvlink-c2c-gen5" });
    QCOMPARE(w.value.heatmap.x.path, std::string("tiers.ssd.read_pj_per_bit"));
    QVERIFY(w.value.heatmap.x.scale);
    QCOMPARE(w.value.heatmap.y.path, std::string("workload.batch"));
}

void TestWorkspace::studyBecomesWorkspace_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("caseIndex");
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("placements");
    QTest::newRow("fig4 mixtral") << "paper/fig4-mixtral" << 0 << "Mixtral 8x7B" << 3;
    QTest::newRow("fig5 deepseek") << "paper/fig5" << 1 << "DeepSeek-R1" << 3;
    QTest::newRow("fig6") << "paper/fig6" << 0 << "Llama 4 Maverick" << 0;
}

void TestWorkspace::studyBecomesWorkspace()
{
    QFETCH(QString, id);
    QFETCH(int, caseIndex);
    QFETCH(QString, model);
    QFETCH(int, placements);
    const Workspace w = fromStudy(id.toLatin1().constData(), caseIndex);
    QCOMPARE(QString::fromStdString(w.scenario.model.name), model);
    QCOMPARE(int(w.placements.size()), placements);
    QCOMPARE(QString::fromStdString(w.sourceStudy), id);
}

void TestWorkspace::evaluationMatchesCore()
{
    // The window's numbers are the CLI's: the fig6 workspace's heatmap equals the study's cells,
    // and every bar equals a direct evaluation.
    const Workspace w = fromStudy("paper/fig6");
    const WorkspaceResult r = evaluateWorkspace(w);
    QVERIFY(r.problems.empty());
    auto st = loadStudy(lib().find(PresetKind::Study, "paper/fig6")->json, lib());
    QVERIFY(r.cells == runStudy(st.value).cells);
    for (const auto& bar : r.bars) {
        const Result direct = evaluate(w.placed(r.placements[std::size_t(bar.placement)]), bar.batch);
        QCOMPARE(bar.result.totalEnergyJPerToken(), direct.totalEnergyJPerToken());
    }
    QCOMPARE(r.bars.size(), std::size_t(2 * 4)); // HBM and SSD × batch 1…4
    QVERIFY(!r.coverageBatches.empty());
    QCOMPARE(r.coverageActive.front(), 1.0); // top-1 at batch 1
}

// Every breakdown study preset, opened in the window, shows the numbers its study computes: each
// (placement, batch) bar of each case equals the study runner's bar.
void TestWorkspace::breakdownBarsMatchTheStudy()
{
    int compared = 0;
    for (const PresetEntry* e : lib().list(PresetKind::Study)) {
        auto st = loadStudy(e->json, lib());
        QVERIFY2(st.ok(), e->id.c_str());
        if (st.value.kind != Study::Kind::Breakdown)
            continue;
        const StudyResult sr = runStudy(st.value);
        std::vector<std::string> cases;
        for (const auto& series : st.value.series)
            if (std::find(cases.begin(), cases.end(), series.model) == cases.end())
                cases.push_back(series.model);
        for (int c = 0; c < int(cases.size()); ++c) {
            const WorkspaceResult r = evaluateWorkspace(workspaceFromStudy(st.value, c));
            for (const auto& bar : r.bars) {
                const std::string& id = r.placements[std::size_t(bar.placement)].id;
                const auto match = std::find_if(sr.bars.begin(), sr.bars.end(), [&](const BarResult& b) {
                    return b.series->model == cases[std::size_t(c)] && b.series->placement == id
                        && b.batch == bar.batch;
                });
                QVERIFY2(match != sr.bars.end(), (e->id + ": " + id).c_str());
                const std::string where
                    = e->id + ": " + cases[std::size_t(c)] + " · " + id + " B=" + std::to_string(bar.batch);
                QVERIFY2(
                    bar.result.totalEnergyJPerToken() == match->result.totalEnergyJPerToken(), where.c_str());
                QVERIFY2(bar.result.totalLatencyS() == match->result.totalLatencyS(), where.c_str());
                ++compared;
            }
        }
    }
    QVERIFY2(compared > 60, std::to_string(compared).c_str());
}

void TestWorkspace::roundTrip()
{
    Workspace w = fromStudy("paper/fig6");
    w.heatmap.x.values = { 1.0, 0.5 };
    const json j = toJson(w);
    const auto back = loadWorkspace(json::parse(j.dump()), lib());
    for (const auto& p : back.problems)
        qWarning("%s", p.toString().c_str());
    QVERIFY(back.ok());
    QVERIFY(toJson(back.value) == j);
    QVERIFY(back.value.heatmap.baseline.has_value());
}

void TestWorkspace::invalidScenarioReportsProblems()
{
    Workspace w = fromStudy("paper/fig4-mixtral");
    w.scenario.links[0].bandwidthGBs = -1;
    const WorkspaceResult r = evaluateWorkspace(w);
    QVERIFY(!r.problems.empty());
    QVERIFY(r.bars.empty());
}

void TestWorkspace::badWorkspaceSection()
{
    json j = toJson(fromStudy("paper/fig6"));
    j["workspace"]["heatmap"]["x"]["values"] = json::array({ 1, "x" });
    j["workspace"]["placements"] = 3;
    const auto r = loadWorkspace(j, lib());
    QCOMPARE(r.problems.size(), std::size_t(2));
    QCOMPARE(r.problems[0].path, std::string("workspace.placements"));
    QCOMPARE(r.problems[1].path, std::string("workspace.heatmap.x.values"));
}

void TestWorkspace::defaultHeatmapChangesTheResult_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("caseIndex");
    for (const PresetEntry* e : lib().list(PresetKind::Study)) {
        const auto st = loadStudy(e->json, lib());
        QVERIFY(st.ok());
        for (int c = 0; c < std::max<int>(1, int(st.value.series.size())); ++c)
            QTest::addRow("%s #%d", e->id.c_str(), c) << QString::fromStdString(e->id) << c;
    }
}

// Every study opens on a heatmap whose every column and every row says something: a sweep of a
// parameter the scenario never reads (CPU-memory read energy with the experts in HBM) gives
// identical columns and a picture that tells nothing.
void TestWorkspace::defaultHeatmapChangesTheResult()
{
    QFETCH(QString, id);
    QFETCH(int, caseIndex);
    const Workspace w = fromStudy(id.toLatin1().constData(), caseIndex);
    const WorkspaceResult r = evaluateWorkspace(w);
    QVERIFY(r.problems.empty());
    const auto& cells = r.cells;
    QVERIFY(!cells.empty());
    const std::size_t rows = cells.size(), cols = cells.front().size();
    const auto differ
        = [](double a, double b) { return std::fabs(a - b) > 1e-9 * std::max(std::fabs(a), std::fabs(b)); };
    for (std::size_t c = 1; c < cols; ++c) {
        bool any = false;
        for (std::size_t row = 0; row < rows; ++row)
            any = any || differ(cells[row][c], cells[row][c - 1]);
        QVERIFY2(any,
            qPrintable(QStringLiteral("columns %1 and %2 of %3 are identical")
                           .arg(c - 1)
                           .arg(c)
                           .arg(QString::fromStdString(w.heatmap.x.path))));
    }
    for (std::size_t row = 1; row < rows; ++row) {
        bool any = false;
        for (std::size_t c = 0; c < cols; ++c)
            any = any || differ(cells[row][c], cells[row - 1][c]);
        QVERIFY2(any,
            qPrintable(QStringLiteral("rows %1 and %2 of %3 are identical")
                           .arg(row - 1)
                           .arg(row)
                           .arg(QString::fromStdString(w.heatmap.y.path))));
    }
}

// A preset axis label written for a scale ("× 102.4 pJ/b") must not survive switching the axis
// to absolute values: the columns are then pJ/bit, and the caption, the cells' tooltips and the
// Explain panel (all read the study's label) must say so.
void TestWorkspace::heatmapAxisNamesItsUnit()
{
    Workspace w = fromStudy("paper/fig4-mixtral");
    w.scenario.placement.expertTier = "ssd";
    const double ssdPj = w.scenario.findTier("ssd")->readPjPerBit;
    w.heatmap.x = { "tiers.ssd.read_pj_per_bit", "Flash read energy (× 102.4 pJ/b)", { 1.0, 0.5 }, true };
    const std::string scaled = w.heatmapStudy().x.label;
    QCOMPARE(QString::fromStdString(scaled), QStringLiteral("Flash read energy (× %1 pJ/bit)").arg(ssdPj));
    w.heatmap.x.scale = false;
    w.heatmap.x.values = { 100, 50 };
    const Study st = w.heatmapStudy();
    QCOMPARE(QString::fromStdString(st.x.label), QStringLiteral("Flash read energy (pJ/bit)"));
    QVERIFY2(
        st.y.label.rfind("Batch", 0) == 0 && st.y.label.find("×") == std::string::npos, st.y.label.c_str());
    const Explanation ex = explainHeatmapCell(st, 0, 1);
    QVERIFY2(ex.context.find("Flash read energy (pJ/bit) = 50") != std::string::npos, ex.context.c_str());
    QVERIFY(ex.context.find("×") == std::string::npos);
}

// Titles name what is computed now, not the preset the workspace was opened from.
void TestWorkspace::heatmapTitleFollowsTheScenario()
{
    Workspace w = fromStudy("paper/fig6");
    const std::string opened = w.scenario.name;
    const Scenario qwen = test::preset("edge/qwen3-30b-a3b-ufs");
    w.scenario.model = qwen.model;
    std::string title = w.heatmapStudy().name;
    QVERIFY2(title.find(qwen.model.name) != std::string::npos, title.c_str());
    QVERIFY2(title.find(opened) == std::string::npos, title.c_str());
    w.scenario.placement.tiers.clear();
    w.scenario.placement.expertTier = "hbm";
    title = w.heatmapStudy().name;
    QVERIFY2(title.find("experts in HBM") != std::string::npos, title.c_str());
    w.scenario.placement.expertTier = "ssd";
    title = w.heatmapStudy().name;
    QVERIFY2(
        title.find("experts on " + w.scenario.findTier("ssd")->name) != std::string::npos, title.c_str());
    QVERIFY2(title.find("HBM") == std::string::npos, title.c_str());
}

QTEST_APPLESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
