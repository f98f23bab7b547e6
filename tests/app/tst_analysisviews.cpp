// The window's analysis views: the Pareto scatter loads a design as one undo step, a pinned
// baseline is listed against the current scenario and drawn beside it, the roofline follows the
// selected step.
#include "app/mainwindow.h"
#include "core/data/parampath.h"
#include "core/io/presetlibrary.h"
#include "core/model/evaluator.h"
#include "core/model/requestmodel.h"
#include "core/study/paretostudy.h"
#include "core/study/studyrunner.h"
#include "document/recomputer.h"
#include "document/workspacedocument.h"
#include "tests/support/mainwindowtestsupport.h"
#include "tests/support/testsupport.h"
#include "widgets/views/breakdownview.h"
#include "widgets/views/compareview.h"
#include "widgets/views/heatmapview.h"
#include "widgets/views/heatmapwidget.h"
#include "widgets/views/paretoview.h"
#include "widgets/views/requestview.h"
#include "widgets/views/rooflineview.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTableWidget>
#include <QUndoStack>

using namespace tierlens;

class TestAnalysisViews : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void paretoPointLoadsAsOneUndoStep();
    void pinnedBaselineIsComparedAndDrawn();
    void requestStudyIsComparedInTheWindow();
    void rooflineFollowsTheScenario();

private:
    void settle() { QApplication::processEvents(); }
    MainWindow* w_ = nullptr;
};

void TestAnalysisViews::init()
{
    w_ = test::newShownWindow();
}

void TestAnalysisViews::cleanup()
{
    delete w_;
    w_ = nullptr;
}

void TestAnalysisViews::paretoPointLoadsAsOneUndoStep()
{
    ParetoView* view = w_->paretoView();
    QSignalSpy done(view, &ParetoView::finished);
    QVERIFY(w_->loadPreset(PresetKind::Study, QStringLiteral("pareto/mixtral-placements"), 0));
    settle();
    QVERIFY(view->study());
    if (view->running())
        QVERIFY(done.wait(30000));
    const Study& st = *view->study();
    const ParetoChartData& data = view->painter().data();
    QCOMPARE(data.points.size(), paretoPointCount(st));
    QVERIFY(data.best.has_value());

    // A point of the SSD placement, so that loading it changes where the experts live.
    std::size_t pick = data.points.size();
    for (std::size_t i = 0; i < data.points.size() && pick == data.points.size(); ++i)
        if (st.series[paretoSettings(st, i).series].placement == "ssd")
            pick = i;
    QVERIFY(pick < data.points.size());
    QUndoStack* undo = w_->document()->undoStack();
    const int before = undo->count();
    const Scenario old = w_->document()->workspace().scenario;
    emit view->pointActivated(pick);
    settle();
    QCOMPARE(undo->count(), before + 1);
    const Result r = evaluate(w_->document()->workspace().scenario);
    QCOMPARE(r.totalEnergyJPerToken(), data.points[pick].value);
    QCOMPARE(r.totalLatencyS() * 1e3, data.points[pick].latencyMs);
    QCOMPARE(w_->document()->workspace().scenario.placement.expertTier, std::string("ssd"));
    undo->undo();
    settle();
    QCOMPARE(w_->document()->workspace().scenario.placement.expertTier, old.placement.expertTier);
    // The study is not run again for an edit of the scenario.
    QVERIFY(!view->running());
}

void TestAnalysisViews::pinnedBaselineIsComparedAndDrawn()
{
    const std::size_t barsBefore = w_->energyView()->current().data.bars.size();
    QVERIFY(barsBefore > 0);
    // The heatmap's own baseline would take precedence over the pinned one: none here.
    w_->document()->edit(
        QStringLiteral("No heatmap baseline"), [](Workspace& w) { w.heatmap.baseline.reset(); });
    settle();
    const Scenario pinned = w_->document()->scenario();
    const HeatmapSpec heat = w_->document()->workspace().heatmap;
    QAction* pin = nullptr;
    for (QAction* a : w_->findChildren<QAction*>())
        if (a->text() == QStringLiteral("&Pin as Baseline"))
            pin = a;
    QVERIFY(pin);
    pin->trigger();
    settle();
    // Nothing changed yet: the compare table is empty, each bar has its pinned twin.
    QCOMPARE(w_->compareView()->table()->rowCount(), 0);
    QCOMPARE(w_->energyView()->current().data.bars.size(), 2 * barsBefore);

    QVERIFY(w_->document()->setValue(QStringLiteral("tiers.ssd.read_pj_per_bit"), 51.2));
    settle();
    QStringList keys;
    for (int r = 0; r < w_->compareView()->table()->rowCount(); ++r)
        if (auto* item = w_->compareView()->table()->item(r, 0))
            keys << item->text();
    QVERIFY2(
        keys.contains(QStringLiteral("tiers.ssd.read_pj_per_bit")), qPrintable(keys.join(QLatin1Char(','))));
    QVERIFY(keys.contains(QStringLiteral("energy.total")));
    QVERIFY(!keys.contains(QStringLiteral("latency.total"))); // read energy does not change time
    QCOMPARE(w_->energyView()->current().data.bars.size(), 2 * barsBefore);

    // The heatmap is now a ratio to the pinned scenario, cell by cell: each cell's point set by
    // hand on the current and the pinned scenario, evaluated and divided here.
    const auto point = [&](Scenario s, std::size_t row, std::size_t col) {
        for (const auto& [axis, i] : { std::pair { &heat.x, col }, std::pair { &heat.y, row } }) {
            const double own = *parampath::get(s, axis->path);
            parampath::set(s, axis->path, axis->scale ? own * axis->values[i] : axis->values[i]);
        }
        return evaluate(s).totalEnergyJPerToken();
    };
    QCOMPARE(heat.metric, StudyMetric::EnergyPerToken);
    const auto& cells = w_->recomputer()->result()->cells;
    QCOMPARE(cells.size(), heat.y.values.size());
    const Scenario current = w_->document()->scenario();
    bool differs = false;
    for (std::size_t r = 0; r < cells.size(); r += std::max<std::size_t>(1, cells.size() / 3))
        for (std::size_t c = 0; c < cells[r].size(); c += std::max<std::size_t>(1, cells[r].size() / 3)) {
            const double want = point(current, r, c) / point(pinned, r, c);
            QVERIFY2(std::abs(cells[r][c] - want) <= 1e-9 * want,
                qPrintable(QStringLiteral("%1 %2").arg(r).arg(c)));
            differs = differs || std::abs(want - 1) > 1e-6;
        }
    QVERIFY(differs); // the SSD edit moved some cell
    QVERIFY(w_->heatmapView()->chart()->painter().data().valueLabel.contains(QStringLiteral("Pinned")));
    QVERIFY(!w_->document()->workspace().heatmap.baseline); // the document is not changed

    // Unpinned, the cells are plain values again.
    for (QAction* a : w_->findChildren<QAction*>())
        if (a->text() == QStringLiteral("C&lear Baseline") || a->text() == QStringLiteral("&Clear Baseline"))
            a->trigger();
    settle();
    QCOMPARE(w_->recomputer()->result()->cells[0][0], point(current, 0, 0));
}

void TestAnalysisViews::rooflineFollowsTheScenario()
{
    const RooflineData& d = w_->rooflineView()->painter().data();
    QVERIFY(!d.points.empty());
    const double before = d.peakFlopsPerS;
    QVERIFY(w_->document()->setValue(QStringLiteral("gpu.peak_tflops"), 500));
    settle();
    QCOMPARE(w_->rooflineView()->painter().data().peakFlopsPerS, 500e12);
    QVERIFY(before != 500e12);
}

// A request study opened in the window lists its placements under the Request view: the numbers
// the CLI prints for the study, then, after an edit, each placement applied by hand to the edited
// scenario and evaluated here.
void TestAnalysisViews::requestStudyIsComparedInTheWindow()
{
    const QString id = QStringLiteral("request/llama3.3-70b-ttft");
    QVERIFY(w_->loadPreset(PresetKind::Study, id, 0));
    w_->tabs()->setCurrentWidget(w_->requestView());
    settle();
    QTableWidget* t = w_->requestView()->comparisonTable();
    QVERIFY(t->isVisible());
    const auto loaded = loadStudy(
        PresetLibrary::builtin().find(PresetKind::Study, id.toStdString())->json, PresetLibrary::builtin());
    QVERIFY(loaded.ok());
    const Study& st = loaded.value;
    const StudyResult cli = runStudy(st);
    QCOMPARE(t->rowCount(), int(st.series.size()));
    QCOMPARE(t->columnCount(), int(st.x.values.size()));
    for (int r = 0; r < t->rowCount(); ++r)
        for (int c = 0; c < t->columnCount(); ++c)
            QCOMPARE(t->item(r, c)->text(),
                QString::number(cli.lines[std::size_t(r)].values[std::size_t(c)], 'f', 2));

    QVERIFY(w_->document()->setValue(QStringLiteral("gpu.hbm_bandwidth_gb_s"), 2000));
    settle();
    const Scenario edited = w_->document()->scenario();
    for (int r = 0; r < t->rowCount(); ++r) {
        Scenario s = edited;
        s.placement.kvCache = st.series[std::size_t(r)].scenario.placement.kvCache;
        s.placement.expertTier = st.series[std::size_t(r)].scenario.placement.expertTier;
        s.placement.path = st.series[std::size_t(r)].scenario.placement.path;
        s.workload.promptLength = int(st.x.values.back());
        QCOMPARE(t->item(r, t->columnCount() - 1)->text(),
            QString::number(evaluateRequest(s).ttftS * 1e3, 'f', 2));
    }
    QVERIFY(t->item(0, 0)->text() != QString::number(cli.lines[0].values[0], 'f', 2)); // it followed
}

QTEST_MAIN(TestAnalysisViews)
#include "tst_analysisviews.moc"
