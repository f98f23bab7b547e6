// The explainer: every explanation must rebuild the very number the model reports, from the
// scenario's own numbers, and show those numbers in its substituted formulas.

#include "evaluator.h"
#include "explainer.h"
#include "parampath.h"
#include "presetlibrary.h"
#include "studyrunner.h"
#include "testsupport.h"
#include "workspace.h"

#include <cmath>
#include <string>

using namespace tierlens;
using test::preset;

Q_DECLARE_METATYPE(std::string)

namespace {

const char* const kScenarios[] = { "default", "paper/mixtral-hbm", "paper/deepseek-r1-hbm",
    "paper/maverick-ssd-nvlink5", "paper/llama3.3-70b-hbm" };
const int kBatches[] = { 1, 4, 64, 1024 };

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

// Relative 1e-9, or exactly zero when the model says zero.
bool same(double actual, double expected)
{
    if (expected == 0)
        return actual == 0;
    return test::near(actual, expected, 1e-9);
}

// The invariants every explanation keeps; returns the first violation, empty when none.
QString checkShape(const Explanation& ex)
{
    if (ex.title.empty())
        return QStringLiteral("no title");
    if (ex.steps.empty())
        return QStringLiteral("no steps");
    if (ex.value != ex.steps.back().value || ex.unit != ex.steps.back().unit)
        return QStringLiteral("value is not the last step's");
    if (contains(ex.note, "Warning"))
        return QStringLiteral("the explanation disagrees with the model: ") + q(ex.note);
    for (const auto& s : ex.steps) {
        if (s.what.empty() || s.formula.empty() || s.substituted.empty())
            return QStringLiteral("empty text in step '%1'").arg(q(s.what));
        if (!std::isfinite(s.value))
            return QStringLiteral("non-finite value in step '%1'").arg(q(s.what));
        if (!s.terms.empty()) {
            double sum = 0;
            for (const auto& t : s.terms)
                sum += t.value;
            if (!test::near(sum, s.value, 1e-9) && !(s.value == 0 && sum == 0))
                return QStringLiteral("terms of '%1' add up to %2, not %3")
                    .arg(q(s.what))
                    .arg(sum)
                    .arg(s.value);
        }
    }
    return {};
}

// checkShape, and the value and unit are the model's.
QString checkPart(const Explanation& ex, double reported, const std::string& unit)
{
    if (QString problem = checkShape(ex); !problem.isEmpty())
        return problem;
    if (!same(ex.value, reported))
        return QStringLiteral("%1 explained as %2, result %3")
            .arg(q(ex.title))
            .arg(ex.value, 0, 'g', 12)
            .arg(reported, 0, 'g', 12);
    if (ex.unit != unit)
        return QStringLiteral("unit %1, not %2").arg(q(ex.unit), q(unit));
    return {};
}

void addScenarioRows(int parts)
{
    QTest::addColumn<std::string>("id");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("part");
    for (const char* id : kScenarios)
        for (int b : kBatches)
            for (int p = 0; p < parts; ++p)
                QTest::addRow("%s B=%d part %d", id, b, p) << std::string(id) << b << p;
}

// The data row of a part test: its scenario evaluated at its batch, and the part's number.
struct PartRow {
    Scenario s;
    Result r;
    int part = 0;
};

PartRow fetchPartRow()
{
    QFETCH(std::string, id);
    QFETCH(int, batch);
    QFETCH(int, part);
    PartRow row { preset(id), {}, part };
    row.r = evaluate(row.s, batch);
    return row;
}

const ExplainStep* findStep(const Explanation& ex, const std::string& formulaStart)
{
    for (const auto& s : ex.steps)
        if (s.formula.rfind(formulaStart, 0) == 0)
            return &s;
    return nullptr;
}

} // namespace

class TestExplainer : public QObject {
    Q_OBJECT
private slots:
    void energyPartsRebuildTheResult_data();
    void energyPartsRebuildTheResult();
    void latencyPartsRebuildTheResult_data();
    void latencyPartsRebuildTheResult();
    void totalsRebuildTheResult_data();
    void totalsRebuildTheResult();
    void offloadShowsTheScenarioNumbers();
    void backgroundShowsTheScenarioNumbers();
    void latencyShowsBandwidthAndRouting();
    void idleDataParallelGroups();
    void changingTheScenarioChangesTheText();
    void overlapRuleShowsHiddenCopy();
    void copyOnlyRule();
    void largestOperationsAreListed();
    void heatmapCellEqualsTheCell_data();
    void heatmapCellEqualsTheCell();
    void heatmapCellWithoutBaseline();
    void heatmapCellOutOfRange();
    void emptyBatch();
    void disagreementIsReported();
    void formatting_data();
    void formatting();
    void plainText();
};

void TestExplainer::energyPartsRebuildTheResult_data()
{
    addScenarioRows(kEnergyPartCount);
}

void TestExplainer::energyPartsRebuildTheResult()
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

void TestExplainer::latencyPartsRebuildTheResult_data()
{
    addScenarioRows(kLatencyPartCount);
}

void TestExplainer::latencyPartsRebuildTheResult()
{
    const PartRow row = fetchPartRow();
    const Result& r = row.r;
    const auto p = static_cast<LatencyPart>(row.part);
    const Explanation ex = explainLatency(row.s, r, p);
    const QString problem = checkPart(ex, r.latency(p), "s");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // The sequences per GPU are the evaluator's.
    if (const ExplainStep* tokens = findStep(ex, "tokens = B /"))
        QCOMPARE(tokens->value, r.q.tokensPerGpu);
    // The roofline of the slowest operation is worked out and matches its row.
    for (const auto& st : ex.steps) {
        if (st.what.rfind("Time of one ", 0) != 0)
            continue;
        const std::string name = st.what.substr(12, st.what.find(' ', 12) - 12);
        const OperationRow* row = nullptr;
        for (const auto& op : r.operations)
            if (op.name == name)
                row = &op;
        QVERIFY2(row, name.c_str());
        QVERIFY2(same(st.value, row->timeS), qPrintable(q(st.what)));
        // Its arithmetic is written out, not replaced by the reported time ...
        QVERIFY2(st.formula != "t", qPrintable(q(st.what)));
        // ... and a roofline's larger side is the row's time.
        const auto outcome = st.substituted.rfind("= max(");
        if (row->timePart != LatencyPart::Communication) {
            QVERIFY2(outcome != std::string::npos, st.substituted.c_str());
            QVERIFY2(contains(st.substituted.substr(outcome), formatQuantity(row->timeS, "s")),
                st.substituted.c_str());
        }
    }
}

void TestExplainer::totalsRebuildTheResult_data()
{
    QTest::addColumn<std::string>("id");
    QTest::addColumn<int>("batch");
    for (const char* id : kScenarios)
        for (int b : kBatches)
            QTest::addRow("%s B=%d", id, b) << std::string(id) << b;
}

void TestExplainer::totalsRebuildTheResult()
{
    QFETCH(std::string, id);
    QFETCH(int, batch);
    const Scenario s = preset(id);
    const Result r = evaluate(s, batch);

    const Explanation e = explainTotalEnergy(s, r);
    QVERIFY2(checkShape(e).isEmpty(), qPrintable(checkShape(e)));
    TL_COMPARE_REL(e.value, r.totalEnergyJPerToken(), 1e-9);
    QCOMPARE(e.steps.back().terms.size(), std::size_t(kEnergyPartCount));

    const Explanation t = explainTotalLatency(s, r);
    QVERIFY2(checkShape(t).isEmpty(), qPrintable(checkShape(t)));
    TL_COMPARE_REL(t.value, r.totalLatencyS(), 1e-9);

    const Explanation a = explainRouting(s, r);
    QVERIFY2(checkShape(a).isEmpty(), qPrintable(checkShape(a)));
    QVERIFY(same(a.value, r.activeExpertsPerLayer));
    if (s.model.moe) {
        const ExplainStep* busiest = findStep(a, "A_max");
        const ExplainStep* tokens = findStep(a, "m = B·k");
        QVERIFY(busiest && tokens);
        QVERIFY(same(busiest->value, r.busiestGpuExpertsPerLayer));
        QVERIFY(same(tokens->value, r.tokensPerActiveExpert));
        const ExplainStep* p = findStep(a, "p = ");
        QVERIFY(p);
        QVERIFY2(contains(p->substituted, "^" + formatNumber(batch)), p->substituted.c_str());
    }
}

void TestExplainer::offloadShowsTheScenarioNumbers()
{
    const Scenario s = preset("default");
    const Result r = evaluate(s, 16);
    const Explanation ex = explainEnergy(s, r, EnergyPart::MoeOffload);
    const MemoryTier* ssd = s.findTier("ssd");
    QVERIFY(ssd);
    const Interconnect* link = s.findLink(s.placement.path.front());
    QVERIFY(link);
    const std::string& last = ex.steps.back().substituted;
    const std::string expected = "(" + formatNumber(ssd->readPjPerBit) + " + " + formatNumber(link->pjPerBit)
        + " + " + formatNumber(s.gpu.hbmWritePjPerBit) + ") pJ/bit / 16";
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

void TestExplainer::backgroundShowsTheScenarioNumbers()
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

void TestExplainer::latencyShowsBandwidthAndRouting()
{
    const Scenario s = preset("default");
    const Result r = evaluate(s, 16);
    const Explanation ex = explainLatency(s, r, LatencyPart::Moe);
    const ExplainStep* bw = findStep(ex, "B_eff");
    QVERIFY(bw);
    TL_COMPARE_REL(bw->value, r.effectiveHbmBandwidthGBs * 1e9, 1e-12);
    QVERIFY2(contains(bw->substituted, formatQuantity(s.gpu.hbmBandwidthGBs * 1e9, "B/s") + " − "),
        bw->substituted.c_str());
    QCOMPARE(formatQuantity(bw->value, bw->unit), std::string("2.452 TB/s")); // MODEL.md §5

    const ExplainStep* p = findStep(ex, "p = ");
    QVERIFY(p);
    QCOMPARE(p->substituted, std::string("1 − (1 − 2/8)^16"));
    const ExplainStep* copy = findStep(ex, "t_copy");
    QVERIFY(copy);
    TL_COMPARE_REL(copy->value * s.model.moeLayerCount(), r.copyS, 1e-9);
    QVERIFY2(
        contains(copy->substituted,
            formatNumber(r.busiestGpuExpertsPerLayer) + " × " + formatQuantity(s.model.expertBytes(), "B")),
        copy->substituted.c_str());

    // DeepSeek-R1: 32 GPUs in TP8 groups, so each GPU works on a quarter of the batch.
    const Scenario d = preset("paper/deepseek-r1-hbm");
    const Explanation att = explainLatency(d, evaluate(d, 64), LatencyPart::Attention);
    const ExplainStep* tokens = findStep(att, "tokens = B / DP");
    QVERIFY(tokens);
    QCOMPARE(tokens->substituted, std::string("64 / (32 / 8)"));
    QCOMPARE(tokens->value, 16.0);

    // Without offload the compute sees the whole HBM bandwidth.
    const Scenario hbm = preset("paper/mixtral-hbm");
    const Explanation fc = explainLatency(hbm, evaluate(hbm, 16), LatencyPart::Fc);
    const ExplainStep* full = findStep(fc, "B_eff = B_HBM");
    QVERIFY(full);
    QCOMPARE(full->value, hbm.gpu.hbmBandwidthGBs * 1e9);
}

void TestExplainer::idleDataParallelGroups()
{
    // DeepSeek-R1 on 32 GPUs in TP8: DP = 4 groups but one sequence, so three groups sit idle and
    // the busy one decodes the whole batch.
    const Scenario s = preset("paper/deepseek-r1-hbm");
    const Result r = evaluate(s, 1);
    QCOMPARE(r.q.dp, 4);
    QCOMPARE(r.q.activeGroups, 1);
    const std::string idle = "B = 1 sequence over DP = 4 groups: 3 groups idle";

    const Explanation comm = explainLatency(s, r, LatencyPart::Communication);
    QString problem = checkPart(comm, r.latency(LatencyPart::Communication), "s");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const ExplainStep* tokens = findStep(comm, "tokens = B / min(DP, B)");
    QVERIFY(tokens);
    QVERIFY2(contains(tokens->what, idle), tokens->what.c_str());
    QCOMPARE(tokens->substituted, std::string("1 / min(32 / 8, 1)"));
    QCOMPARE(tokens->value, 1.0);

    // The AllReduce carries the busy group's one token, and takes the Result's time.
    const ExplainStep* allReduce = findStep(comm, "t = 2(p−1)");
    QVERIFY(allReduce);
    const OperationRow* row = nullptr;
    for (const auto& op : r.operations)
        if (allReduce->what.rfind("Time of one " + op.name + " ", 0) == 0)
            row = &op;
    QVERIFY2(row, allReduce->what.c_str());
    QCOMPARE(row->name.rfind("allreduce", 0), std::size_t(0));
    QCOMPARE(allReduce->value, row->timeS);
    QVERIFY2(contains(allReduce->substituted, "(1 × " + formatNumber(s.model.hidden) + " × "),
        allReduce->substituted.c_str());

    // The idle groups are named wherever they matter: the other latency parts, the total, the
    // background energy (their GPUs still draw idle power).
    QVERIFY(contains(findStep(explainLatency(s, r, LatencyPart::Fc), "tokens = B / min")->what, idle));
    QVERIFY(contains(explainLatency(s, r, LatencyPart::Moe).note, idle));
    const Explanation total = explainTotalLatency(s, r);
    QVERIFY2(contains(total.note, idle), total.note.c_str());
    problem = checkPart(total, r.totalLatencyS(), "s");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const Explanation bg = explainEnergy(s, r, EnergyPart::Background);
    QVERIFY2(contains(bg.note, idle), bg.note.c_str());

    // Every group busy: no idle groups mentioned.
    const Result full = evaluate(s, 4);
    QCOMPARE(full.q.activeGroups, 4);
    QVERIFY(!contains(explainTotalLatency(s, full).note, "idle"));
    QVERIFY(findStep(explainLatency(s, full, LatencyPart::Communication), "tokens = B / DP"));
}

void TestExplainer::changingTheScenarioChangesTheText()
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
    QVERIFY2(contains(b.steps.back().substituted, "(51.2 + 1.3 + 4.2) pJ/bit / 4"),
        b.steps.back().substituted.c_str());
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

void TestExplainer::overlapRuleShowsHiddenCopy()
{
    const Scenario s = preset("default");
    for (int batch : { 16, 1024 }) {
        const Result r = evaluate(s, batch);
        const Explanation t = explainTotalLatency(s, r);
        const ExplainStep* copy = findStep(t, "T_copy = L_MoE");
        const ExplainStep* hidden = findStep(t, "T_hidden");
        const ExplainStep* moe = findStep(t, "T_MoE = max");
        QVERIFY(copy && hidden && moe);
        TL_COMPARE_REL(copy->value, r.copyS, 1e-9);
        TL_COMPARE_REL(hidden->value, r.copyHiddenS, 1e-9);
        TL_COMPARE_REL(moe->value, r.latency(LatencyPart::Moe), 1e-9);
        QVERIFY(contains(t.note, formatQuantity(r.copyHiddenS, "s")));
        // Copy-bound at 16 (the step waits), compute hides the whole copy at 1024.
        if (batch == 16) {
            QVERIFY(r.copyHiddenS < r.copyS);
            QVERIFY(contains(moe->what, "waits"));
        } else {
            TL_COMPARE_REL(r.copyHiddenS, r.copyS, 1e-9);
            QVERIFY(contains(moe->what, "hides"));
        }
    }
}

void TestExplainer::copyOnlyRule()
{
    const Scenario s = preset("paper/maverick-ssd-nvlink5");
    QVERIFY(s.options.latencyRule == Options::LatencyRule::CopyOnly);
    const Result r = evaluate(s, 2);
    const Explanation t = explainTotalLatency(s, r);
    TL_COMPARE_REL(t.value, r.copyS, 1e-9);
    QCOMPARE(t.steps.back().formula, std::string("T_step = T_copy"));
    const Explanation fc = explainLatency(s, r, LatencyPart::Fc);
    QCOMPARE(fc.value, 0.0);
    QVERIFY(contains(fc.steps.back().substituted, "copy only"));
    const Explanation bg = explainEnergy(s, r, EnergyPart::Background);
    QCOMPARE(bg.steps.front().formula, std::string("T_step = T_copy"));
}

void TestExplainer::largestOperationsAreListed()
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

void TestExplainer::heatmapCellEqualsTheCell_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    for (int row : { 0, 1, 3 })
        for (int column : { 0, 4, 9 })
            QTest::addRow("row %d column %d", row, column) << row << column;
}

void TestExplainer::heatmapCellEqualsTheCell()
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

void TestExplainer::heatmapCellWithoutBaseline()
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

void TestExplainer::heatmapCellOutOfRange()
{
    const auto& lib = PresetLibrary::builtin();
    const Study st = loadStudy(lib.find(PresetKind::Study, "paper/fig6")->json, lib).value;
    QVERIFY(explainHeatmapCell(st, 4, 0).empty());
    QVERIFY(explainHeatmapCell(st, 0, 10).empty());
    QVERIFY(explainHeatmapCell(st, -1, 0).empty());
}

void TestExplainer::emptyBatch()
{
    const Scenario s = preset("default");
    const Result r = evaluate(s, 0);
    for (int p = 0; p < kEnergyPartCount; ++p)
        QCOMPARE(explainEnergy(s, r, static_cast<EnergyPart>(p)).value, 0.0);
    QCOMPARE(explainTotalEnergy(s, r).value, 0.0);
    // Latency is explained as the model computes it (AllReduce latencies remain with no tokens).
    for (int p = 0; p < kLatencyPartCount; ++p) {
        const Explanation ex = explainLatency(s, r, static_cast<LatencyPart>(p));
        QVERIFY2(checkShape(ex).isEmpty(), qPrintable(checkShape(ex)));
        QVERIFY(same(ex.value, r.latency(static_cast<LatencyPart>(p))));
    }
    QVERIFY(same(explainTotalLatency(s, r).value, r.totalLatencyS()));
}

void TestExplainer::disagreementIsReported()
{
    // An explanation that no longer adds up to the model's number says so instead of hiding it.
    const Scenario s = preset("default");
    Result r = evaluate(s, 16);
    r.energyJPerToken[static_cast<int>(EnergyPart::MoeOffload)] *= 1.01;
    const Explanation ex = explainEnergy(s, r, EnergyPart::MoeOffload);
    QVERIFY(contains(ex.note, "Warning"));
    QVERIFY(!checkShape(ex).isEmpty());
}

void TestExplainer::formatting_data()
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

void TestExplainer::formatting()
{
    QFETCH(double, value);
    QFETCH(QString, unit);
    QFETCH(QString, text);
    QCOMPARE(q(formatQuantity(value, unit.toStdString())), text);
}

void TestExplainer::plainText()
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

QTEST_APPLESS_MAIN(TestExplainer)
#include "tst_explainer.moc"
