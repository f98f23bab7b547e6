// The explainer: every explanation must rebuild the very number the model reports, from the
// scenario's own numbers, and show those numbers in its substituted formulas.
// Here: energy parts, heatmap cells, and the text of explanations.

#include "core/data/parampath.h"
#include "core/data/workspace.h"
#include "core/explain/explainer.h"
#include "core/io/presetlibrary.h"
#include "core/model/evaluator.h"
#include "core/study/studyrunner.h"
#include "tests/support/explaintestsupport.h"

#include <string>

using namespace tierlens;
using namespace tierlens::test;

class TestExplainEnergy : public QObject {
    Q_OBJECT
private slots:
    void energyPartsRebuildTheResult_data();
    void energyPartsRebuildTheResult();
    void offloadShowsTheScenarioNumbers();
    void backgroundShowsTheScenarioNumbers();
    void changingTheScenarioChangesTheText();
    void largestOperationsAreListed();
    void heatmapCellEqualsTheCell_data();
    void heatmapCellEqualsTheCell();
    void heatmapCellWithoutBaseline();
    void heatmapCellOutOfRange();
    void disagreementIsReported();
    void formatting_data();
    void formatting();
    void plainText();
};

void TestExplainEnergy::energyPartsRebuildTheResult_data()
{
    addScenarioRows(kEnergyPartCount);
}

void TestExplainEnergy::energyPartsRebuildTheResult()
{
    const PartRow row = fetchPartRow();
    const auto p = static_cast<EnergyPart>(row.part);
    const Explanation ex = explainEnergy(row.s, row.r, p);
    const QString problem = checkPart(ex, row.r.energy(p), "J");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(contains(ex.title, std::string(energyPartLabel(p))));
    QVERIFY(contains(ex.context, "batch " + formatNumber(row.r.batch)));
    // A nonzero per-token energy is divided by this batch, visibly.
    if (row.r.energy(p) > 0) {
        const std::string& last = ex.steps.back().substituted;
        const std::string tail = "/ " + formatNumber(row.r.batch);
        QVERIFY2(
            last.size() >= tail.size() && last.compare(last.size() - tail.size(), tail.size(), tail) == 0,
            last.c_str());
    }
}

void TestExplainEnergy::offloadShowsTheScenarioNumbers()
{
    const Scenario s = preset("default");
    const Result r = evaluate(s, 16);
    const Explanation ex = explainEnergy(s, r, EnergyPart::MoeOffload);
    const MemoryTier* ssd = s.findTier("ssd");
    QVERIFY(ssd);
    const Interconnect* link = s.findLink(s.placement.path.front());
    QVERIFY(link);
    const std::string& last = ex.steps.back().substituted;
    // The links' pJ/bit are the Link component's; the offload is the tier read and HBM write.
    const std::string expected = "(" + formatNumber(ssd->readPjPerBit) + " + "
        + formatNumber(s.gpu.hbmWritePjPerBit) + ") pJ/bit / 16";
    QVERIFY2(contains(last, expected), (last + " lacks " + expected).c_str());
    QVERIFY2(contains(last, formatQuantity(r.copiedBytes * 8, "bit")), last.c_str());
    QCOMPARE(formatNumber(ssd->readPjPerBit), std::string("102.4")); // the preset's, as MODEL.md gives it

    const ExplainStep* copied = findStep(ex, "C = L_MoE");
    QVERIFY(copied);
    TL_COMPARE_REL(copied->value, r.copiedBytes, 1e-9);
    QVERIFY2(contains(copied->substituted,
                 formatNumber(s.model.moeLayerCount()) + " × (" + formatNumber(s.cluster.gpus())),
        copied->substituted.c_str());
    QVERIFY(contains(copied->substituted, formatNumber(r.activeExpertsPerLayer)));

    const ExplainStep* expert = findStep(ex, "S_e");
    QVERIFY(expert);
    TL_COMPARE_REL(expert->value, s.model.expertBytes(), 1e-12);
    QVERIFY(contains(expert->substituted, formatNumber(s.model.moe->expertFfnDim)));

    // Experts in HBM: nothing copied, and the explanation says so.
    const Scenario hbm = preset("paper/mixtral-hbm");
    const Explanation none = explainEnergy(hbm, evaluate(hbm, 16), EnergyPart::MoeOffload);
    QCOMPARE(none.value, 0.0);
    QVERIFY(contains(none.steps.back().what, "HBM"));
}

void TestExplainEnergy::backgroundShowsTheScenarioNumbers()
{
    const Scenario s = preset("paper/mixtral-hbm");
    const Result r = evaluate(s, 64);
    const Explanation ex = explainEnergy(s, r, EnergyPart::Background);
    const ExplainStep* power = findStep(ex, "P = P_idle");
    QVERIFY(power);
    QVERIFY(contains(power->substituted, formatQuantity(s.gpu.idlePowerW, "W")));
    double watts = s.gpu.idlePowerW;
    for (const auto& t : s.tiers) {
        QVERIFY2(contains(power->substituted, formatQuantity(t.staticPowerW, "W") + " (" + t.name + ")"),
            power->substituted.c_str());
        watts += t.staticPowerW;
    }
    QCOMPARE(power->value, watts);
    const std::string expected = formatQuantity(r.totalLatencyS(), "s") + " × "
        + formatNumber(s.cluster.gpus()) + " × " + formatQuantity(watts, "W") + " / 64";
    QCOMPARE(ex.steps.back().substituted, expected);
}

void TestExplainEnergy::changingTheScenarioChangesTheText()
{
    Scenario s = preset("default");
    const Result before = evaluate(s, 4);
    const Explanation a = explainEnergy(s, before, EnergyPart::MoeOffload);
    QVERIFY(contains(a.steps.back().substituted, "(102.4 + "));

    QVERIFY(parampath::set(s, "tiers.ssd.read_pj_per_bit", 51.2));
    QVERIFY(parampath::set(s, "links.nvlink-c2c-gen5.pj_per_bit", 1.3));
    QVERIFY(parampath::set(s, "gpu.idle_power_w", 100));
    const Result after = evaluate(s, 4);
    const Explanation b = explainEnergy(s, after, EnergyPart::MoeOffload);
    QVERIFY2(
        contains(b.steps.back().substituted, "(51.2 + 4.2) pJ/bit / 4"), b.steps.back().substituted.c_str());
    const Explanation link = explainEnergy(s, after, EnergyPart::Link);
    QVERIFY2(contains(link.steps.front().substituted, "1.3 pJ/bit"), link.steps.front().substituted.c_str());
    TL_COMPARE_REL(link.value, after.energy(EnergyPart::Link), 1e-9);
    QVERIFY(!contains(b.steps.back().substituted, "102.4"));
    TL_COMPARE_REL(b.value, after.energy(EnergyPart::MoeOffload), 1e-9);
    QVERIFY(!test::near(b.value, a.value, 1e-3));

    const Explanation bg = explainEnergy(s, after, EnergyPart::Background);
    QVERIFY(contains(findStep(bg, "P = P_idle")->substituted, "100 W (GPU idle)"));
    TL_COMPARE_REL(bg.value, after.energy(EnergyPart::Background), 1e-9);

    // The batch is the Result's, not the scenario's workload.batch.
    QVERIFY(s.workload.batch != 4);
    QVERIFY(contains(findStep(b, "p = ")->substituted, "^4"));
}

void TestExplainEnergy::largestOperationsAreListed()
{
    const Scenario s = preset("paper/llama3.3-70b-hbm");
    const Result r = evaluate(s, 4);
    const Explanation ex = explainEnergy(s, r, EnergyPart::FcOffchip);
    const auto& terms = ex.steps.back().terms;
    QVERIFY(terms.size() >= 5); // qkv, out, gate, up, down
    for (std::size_t i = 1; i < terms.size(); ++i)
        QVERIFY(terms[i - 1].value >= terms[i].value);
    // The biggest is the largest FC operation of the Result, with its shape and count.
    const OperationRow* big = nullptr;
    for (const auto& op : r.operations)
        if (op.offchipPart == EnergyPart::FcOffchip
            && (!big || op.energyOffchipJ * op.instancesTotal > big->energyOffchipJ * big->instancesTotal))
            big = &op;
    QVERIFY(big);
    QCOMPARE(terms.front().label, big->name);
    TL_COMPARE_REL(terms.front().value, big->energyOffchipJ * big->instancesTotal / 4, 1e-12);
    const std::string shape = "m×k×n = " + formatNumber(big->shape.m) + " × " + formatNumber(big->shape.k)
        + " × " + formatNumber(big->shape.n);
    QVERIFY2(contains(terms.front().detail, shape), terms.front().detail.c_str());
    QVERIFY(contains(terms.front().detail, "× " + formatNumber(big->instancesTotal) + " per step"));
    QVERIFY(contains(ex.steps.back().substituted, formatNumber(s.gpu.hbmReadPjPerBit) + " pJ/bit"));
}

void TestExplainEnergy::heatmapCellEqualsTheCell_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    for (int row : { 0, 1, 3 })
        for (int column : { 0, 4, 9 })
            QTest::addRow("row %d column %d", row, column) << row << column;
}

void TestExplainEnergy::heatmapCellEqualsTheCell()
{
    QFETCH(int, row);
    QFETCH(int, column);
    const auto& lib = PresetLibrary::builtin();
    const auto loaded = loadStudy(lib.find(PresetKind::Study, "paper/fig6")->json, lib);
    QVERIFY(loaded.ok());
    const Study& st = loaded.value;
    const Explanation ex = explainHeatmapCell(st, row, column);
    QVERIFY2(checkShape(ex).isEmpty(), qPrintable(checkShape(ex)));
    TL_COMPARE_REL(ex.value, heatmapCell(st, row, column), 1e-9);
    QCOMPARE(ex.unit, std::string("×"));

    // The axes at this cell: the scale factor and the flash energy it gives; the batch.
    const double factor = st.x.values[std::size_t(column)];
    const double flash = parampath::get(st.series.front().scenario, st.x.path).value() * factor;
    const std::string& x = ex.steps[0].substituted;
    QVERIFY2(contains(x, formatNumber(factor) + " × ") && contains(x, "= " + formatNumber(flash) + " pJ/bit"),
        x.c_str());
    const int batch = int(st.y.values[std::size_t(row)]);
    QVERIFY2(contains(ex.steps[1].substituted, "workload.batch = " + formatNumber(batch)),
        ex.steps[1].substituted.c_str());
    // Numerator and denominator are the two scenarios' energies at that batch.
    const Result num = evaluate(st.cellScenario(st.series.front().scenario, row, column));
    const Result den = evaluate(st.cellScenario(*st.baseline, row, column));
    QCOMPARE(num.batch, batch);
    TL_COMPARE_REL(ex.steps[2].value, num.totalEnergyJPerToken(), 1e-12);
    TL_COMPARE_REL(ex.steps[3].value, den.totalEnergyJPerToken(), 1e-12);
    QCOMPARE(ex.steps.back().substituted,
        formatQuantity(num.totalEnergyJPerToken(), "J") + " / "
            + formatQuantity(den.totalEnergyJPerToken(), "J"));
}

void TestExplainEnergy::heatmapCellWithoutBaseline()
{
    Workspace w;
    w.scenario = preset("default");
    w.heatmap = Workspace::defaultHeatmap(w.scenario);
    w.heatmap.metric = StudyMetric::Latency;
    const Study st = w.heatmapStudy();
    QVERIFY(!st.baseline);
    const Explanation ex = explainHeatmapCell(st, 2, 3);
    QVERIFY2(checkShape(ex).isEmpty(), qPrintable(checkShape(ex)));
    TL_COMPARE_REL(ex.value, heatmapCell(st, 2, 3), 1e-9);
    QCOMPARE(ex.unit, std::string("ms"));
}

void TestExplainEnergy::heatmapCellOutOfRange()
{
    const auto& lib = PresetLibrary::builtin();
    const Study st = loadStudy(lib.find(PresetKind::Study, "paper/fig6")->json, lib).value;
    QVERIFY(explainHeatmapCell(st, 4, 0).empty());
    QVERIFY(explainHeatmapCell(st, 0, 10).empty());
    QVERIFY(explainHeatmapCell(st, -1, 0).empty());
}

void TestExplainEnergy::disagreementIsReported()
{
    // An explanation that no longer adds up to the model's number says so instead of hiding it.
    const Scenario s = preset("default");
    Result r = evaluate(s, 16);
    r.energyJPerToken[static_cast<int>(EnergyPart::MoeOffload)] *= 1.01;
    const Explanation ex = explainEnergy(s, r, EnergyPart::MoeOffload);
    QVERIFY(contains(ex.note, "Warning"));
    QVERIFY(!checkShape(ex).isEmpty());
}

void TestExplainEnergy::formatting_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("text");
    QTest::newRow("mJ") << 0.027437 << QStringLiteral("J") << QStringLiteral("27.44 mJ");
    QTest::newRow("J") << 27.4 << QStringLiteral("J") << QStringLiteral("27.4 J");
    QTest::newRow("µs") << 3.5e-6 << QStringLiteral("s") << QStringLiteral("3.5 µs");
    QTest::newRow("no ks") << 1500.0 << QStringLiteral("s") << QStringLiteral("1500 s");
    QTest::newRow("ms unit") << 12.5 << QStringLiteral("ms") << QStringLiteral("12.5 ms");
    QTest::newRow("MB") << 352321536.0 << QStringLiteral("B") << QStringLiteral("352.3 MB");
    QTest::newRow("TB/s") << 2.452e12 << QStringLiteral("B/s") << QStringLiteral("2.452 TB/s");
    QTest::newRow("Gbit") << 3.048e11 << QStringLiteral("bit") << QStringLiteral("304.8 Gbit");
    QTest::newRow("rounds up a prefix") << 999.96 << QStringLiteral("J") << QStringLiteral("1 kJ");
    QTest::newRow("zero") << 0.0 << QStringLiteral("J") << QStringLiteral("0 J");
    QTest::newRow("pJ/bit") << 102.4 << QStringLiteral("pJ/bit") << QStringLiteral("102.4 pJ/bit");
    QTest::newRow("ratio") << 1.3257 << QStringLiteral("×") << QStringLiteral("1.326×");
    QTest::newRow("plain") << 0.98998 << QString() << QStringLiteral("0.99");
    QTest::newRow("whole") << 14336.0 << QString() << QStringLiteral("14336");
    QTest::newRow("large") << 3.048e11 << QString() << QStringLiteral("3.048e11");
    QTest::newRow("small") << 1.2e-5 << QString() << QStringLiteral("1.2e-5");
}

void TestExplainEnergy::formatting()
{
    QFETCH(double, value);
    QFETCH(QString, unit);
    QFETCH(QString, text);
    QCOMPARE(q(formatQuantity(value, unit.toStdString())), text);
}

void TestExplainEnergy::plainText()
{
    const Scenario s = preset("default");
    const Result r = evaluate(s, 16);
    const Explanation ex = explainEnergy(s, r, EnergyPart::MoeOffload);
    const std::string text = toPlainText(ex);
    QVERIFY(contains(text, ex.title));
    for (const auto& st : ex.steps)
        QVERIFY(contains(text, st.formula));
    QVERIFY(contains(text, "= " + formatQuantity(ex.value, "J")));
}

QTEST_APPLESS_MAIN(TestExplainEnergy)
#include "tst_explainenergy.moc"
