#include "core/data/parampath.h"
#include "core/io/presetlibrary.h"
#include "core/io/resultjson.h"
#include "core/model/evaluator.h"
#include "core/study/studyrunner.h"
#include "tests/support/testsupport.h"

using namespace tierlens;
using nlohmann::json;

class TestStudy : public QObject {
    Q_OBJECT
private slots:
    void breakdownHasEveryBar();
    void heatmapCellsAreRatiosOfEvaluations();
    void controlCountsAndStops();
    void prefetchStudies();
    void lineSweep();
    void badAxisIsReported();
    void csvIsTidy();
};

static Study load(const json& j)
{
    auto r = loadStudy(j, PresetLibrary::builtin());
    for (const auto& p : r.problems)
        qWarning("%s", p.toString().c_str());
    if (!r.ok())
        qFatal("study did not load");
    return std::move(r.value);
}

static Study preset(const char* id)
{
    return load(PresetLibrary::builtin().find(PresetKind::Study, id)->json);
}

void TestStudy::breakdownHasEveryBar()
{
    const Study st = preset("paper/fig5");
    const StudyResult r = runStudy(st);
    QCOMPARE(r.bars.size(), std::size_t(3 * 6 + 3 * 5)); // placements × batches per model
    const json j = studyResultToJson(r);
    QVERIFY(j["kind"] == "breakdown");
    const json& bar = j["bars"][0];
    for (const char* key : { "label", "model", "placement", "batch", "energy_j_per_token", "latency_ms" })
        QVERIFY2(bar.contains(key), key);
    for (const char* key : { "fc", "attention", "moe", "communication", "total" })
        QVERIFY2(bar["latency_ms"].contains(key), key);
    for (const char* key : { "fc_offchip", "fc_onchip", "attention_offchip", "attention_onchip",
             "moe_offchip", "moe_offload", "moe_onchip", "background", "total" })
        QVERIFY2(bar["energy_j_per_token"].contains(key), key);
}

void TestStudy::heatmapCellsAreRatiosOfEvaluations()
{
    const Study st = preset("paper/fig6");
    const StudyResult r = runStudy(st);
    QCOMPARE(r.cells.size(), st.y.values.size());
    // Cell (row 2, column 7): batch 3, flash at 0.3 × 102.4 pJ/b, over the dense model at batch 3.
    Scenario moe = st.series.front().scenario;
    moe.workload.batch = 3;
    QVERIFY(parampath::set(moe, "tiers.ssd.read_pj_per_bit", 0.3 * 102.4));
    Scenario dense = *st.baseline;
    dense.workload.batch = 3;
    const double expected = evaluate(moe).totalEnergyJPerToken() / evaluate(dense).totalEnergyJPerToken();
    TL_COMPARE_REL(r.cells[2][7], expected, 1e-12);
    QCOMPARE(heatmapCell(st, 2, 7), r.cells[2][7]);
    const json j = studyResultToJson(r);
    QVERIFY(j["x"]["path"] == "tiers.ssd.read_pj_per_bit");
    QCOMPARE(j["y"]["values"].size(), std::size_t(4));
    QCOMPARE(j["cells"][2][7].get<double>(), r.cells[2][7]);
}

// A control counts one point per cell of the study and one of its baseline, and a run told to
// stop returns before evaluating.
void TestStudy::controlCountsAndStops()
{
    const Study st = preset("paper/fig6");
    const std::size_t cells = st.x.values.size() * st.y.values.size();
    StudyControl counted;
    const StudyResult full = runStudy(st, &counted);
    QVERIFY(!full.stopped);
    QVERIFY(st.baseline.has_value());
    QCOMPARE(counted.done.load(), 2 * cells);
    QCOMPARE(full.cells, runStudy(st).cells);

    StudyControl stopped;
    stopped.stop = true;
    const StudyResult none = runStudy(st, &stopped);
    QVERIFY(none.stopped);
    QCOMPARE(stopped.done.load(), std::size_t(0));

    const Study bars = preset("paper/fig4-mixtral");
    StudyControl barsStopped;
    barsStopped.stop = true;
    const StudyResult noBars = runStudy(bars, &barsStopped);
    QVERIFY(noBars.stopped);
    QVERIFY(noBars.bars.empty());
}

void TestStudy::prefetchStudies()
{
    const Study energy = preset("prefetch/accuracy-x-cache-energy");
    const StudyResult e = runStudy(energy);
    QCOMPARE(e.cells.size(), std::size_t(6));
    QCOMPARE(e.cells.front().size(), std::size_t(9));
    // No cache: a more precise predictor wastes fewer bytes, so every step right costs less.
    for (std::size_t c = 1; c < e.cells.front().size(); ++c)
        QVERIFY(e.cells[0][c] < e.cells[0][c - 1]);
    // 8 cached experts hold the whole layer: nothing is copied, precision no longer matters.
    QCOMPARE(e.cells[5][0], e.cells[5][8]);
    Scenario all = energy.series.front().scenario;
    all.placement.cache.capacity = 8;
    QCOMPARE(evaluate(all).copiedBytes, 0.0);
    TL_COMPARE_REL(e.cells[5][0], evaluate(all).totalEnergyJPerToken(), 1e-12);

    const Study latency = preset("prefetch/accuracy-x-cache-latency");
    const StudyResult l = runStudy(latency);
    // Recall 1 (last column) stalls nothing; row 0 has no cache.
    Scenario s = latency.series.front().scenario;
    s.placement.cache.recall = 1;
    s.placement.cache.capacity = 0;
    QCOMPARE(evaluate(s).latency(LatencyPart::Stall), 0.0);
    TL_COMPARE_REL(l.cells[0][8], evaluate(s).totalLatencyS() * 1e3, 1e-9);
    // With a precise predictor, missing experts only adds stalls. With precision 0.85 the study's
    // higher recall also streams more wasted bytes, so its rows need not fall.
    s.placement.cache.precision = 1;
    Scenario half = s;
    half.placement.cache.recall = 0.5;
    QVERIFY(evaluate(half).latency(LatencyPart::Stall) > 0);
    // Here the copy outlasts compute, so bytes moved from the hidden copy into stalls leave the
    // step as long as it was; it can never get shorter.
    QVERIFY(evaluate(half).totalLatencyS() >= evaluate(s).totalLatencyS() * (1 - 1e-12));
}

void TestStudy::lineSweep()
{
    const Study st = load(json::parse(R"({
        "id": "test/line", "kind": "line", "metric": "latency",
        "cases": [{"label": "Mixtral", "scenario": {"base": "default"}}],
        "x": {"path": "links.nvlink-c2c-gen5.bandwidth_gb_s", "values": [100, 200, 400, 800]}})"));
    const StudyResult r = runStudy(st);
    QCOMPARE(r.lines.size(), std::size_t(1));
    QCOMPARE(r.lines[0].values.size(), std::size_t(4));
    for (std::size_t i = 1; i < 4; ++i)
        QVERIFY(r.lines[0].values[i] < r.lines[0].values[i - 1]); // a faster link shortens the step
}

void TestStudy::badAxisIsReported()
{
    const auto r = loadStudy(json::parse(R"({
        "id": "test/bad", "kind": "heatmap", "scenario": {"base": "default"},
        "x": {"path": "tiers.tape.read_pj_per_bit", "values": [1]},
        "y": {"path": "workload.batch", "values": [1.5]}})"),
        PresetLibrary::builtin());
    QVERIFY(!r.ok());
    QCOMPARE(r.problems.size(), std::size_t(2));
    QCOMPARE(r.problems[0].path, std::string("x.path"));
    QVERIFY(r.problems[0].message.find("no tier with id \"tape\"") != std::string::npos);
    QCOMPARE(r.problems[1].path, std::string("y.values[0]"));
}

void TestStudy::csvIsTidy()
{
    const Study st = preset("paper/fig4-mixtral");
    const std::string csv = studyResultToCsv(runStudy(st));
    QVERIFY(csv.rfind("study,x,y,batch,placement,component,value,unit\r\n", 0) == 0);
    // 18 bars × (every energy component + total + every latency component + total), plus the header.
    QCOMPARE(
        std::count(csv.begin(), csv.end(), '\n'), 1 + 18 * (kEnergyPartCount + 1 + kLatencyPartCount + 1));
    QVERIFY(csv.find(",energy.link_energy,") != std::string::npos);
    QVERIFY(csv.find(",energy.moe_prefetch_waste,") != std::string::npos);
    QVERIFY(csv.find(",latency.stall,") != std::string::npos);
}

QTEST_APPLESS_MAIN(TestStudy)
#include "tst_study.moc"
