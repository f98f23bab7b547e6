// The window's analysis views: the Pareto scatter loads a design as one undo step, a pinned
// baseline is listed against the current scenario and drawn beside it, the roofline follows the
// selected step.
#include "app/mainwindow.h"
#include "core/io/presetlibrary.h"
#include "core/model/evaluator.h"
#include "core/study/paretostudy.h"
#include "document/workspacedocument.h"
#include "tests/support/testsupport.h"
#include "widgets/views/breakdownview.h"
#include "widgets/views/compareview.h"
#include "widgets/views/paretoview.h"
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
    void rooflineFollowsTheScenario();

private:
    void settle() { QApplication::processEvents(); }
    MainWindow* w_ = nullptr;
};

void TestAnalysisViews::init()
{
    QApplication::setOrganizationName(QStringLiteral("Tierlens-test"));
    w_ = new MainWindow;
    w_->setInteractive(false);
    w_->resize(1400, 900);
    w_->show();
    settle();
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

QTEST_MAIN(TestAnalysisViews)
#include "tst_analysisviews.moc"
