// The window's recompute: a small workspace is evaluated at once; one too large for a frame is
// evaluated on a worker thread while the last result stays on screen, an edit during the run
// supersedes it (only the newest result is ever published), and cancel keeps the last result.
#include "core/study/studyrunner.h"
#include "document/recomputer.h"
#include "tests/support/editortestsupport.h"

#include <QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using namespace tierlens;
using namespace tierlens::test;

namespace {

// A heatmap of n × n cells over the default scenario's batch and SSD read energy.
Workspace withHeatmap(const Workspace& base, int n)
{
    Workspace w = base;
    // A structural axis: every cell is an evaluation of its own (an energy constant would be
    // re-priced, and a grid of them is cheap enough for the GUI thread).
    w.heatmap.x.path = "links.nvlink-c2c-gen5.bandwidth_gb_s";
    w.heatmap.x.values.clear();
    w.heatmap.y.values.clear();
    for (int i = 1; i <= n; ++i) {
        w.heatmap.x.values.push_back(0.01 * i);
        w.heatmap.y.values.push_back(i);
    }
    return w;
}

} // namespace

class TestRecomputer : public QObject {
    Q_OBJECT
private slots:
    void init() { loadDefaultDocument(doc_); }
    void smallWorkspaceIsEvaluatedAtOnce();
    void largeWorkspaceRunsInTheBackground();
    void editDuringARunSupersedesIt();
    void cancelKeepsTheLastResult();

private:
    std::unique_ptr<WorkspaceDocument> doc_;
};

void TestRecomputer::smallWorkspaceIsEvaluatedAtOnce()
{
    Recomputer rc(doc_.get());
    rc.recomputeNow();
    QVERIFY(workspaceWork(doc_->workspace()) <= Recomputer::kForegroundEvaluations);
    const auto before = rc.result();
    QVERIFY(doc_->setValue(QStringLiteral("tiers.ssd.read_pj_per_bit"), 50.0));
    QCoreApplication::processEvents(); // the coalescing timer fires
    QVERIFY(!rc.busy());
    QVERIFY(rc.result() != before);
}

void TestRecomputer::largeWorkspaceRunsInTheBackground()
{
    Recomputer rc(doc_.get());
    rc.recomputeNow();
    const auto before = rc.result();
    QSignalSpy ready(&rc, &Recomputer::resultReady);
    const int n = 120;
    doc_->reset(withHeatmap(doc_->workspace(), n), {});
    QVERIFY(workspaceWork(doc_->workspace()) > Recomputer::kForegroundEvaluations);
    QCoreApplication::processEvents();
    QVERIFY(rc.busy());
    QCOMPARE(rc.result(), before); // the last result stays on screen meanwhile
    QCOMPARE(rc.progressTotal(), workspaceEvaluations(doc_->workspace()));
    QTRY_VERIFY_WITH_TIMEOUT(!rc.busy(), 120000);
    QCOMPARE(ready.count(), 1);
    const auto& cells = rc.result()->cells;
    QCOMPARE(cells.size(), std::size_t(n));
    QCOMPARE(cells.back().size(), std::size_t(n));
    // The same numbers as the study evaluated directly.
    const Study st = doc_->workspace().heatmapStudy();
    QCOMPARE(cells[7][11], heatmapCell(st, 7, 11));
    QCOMPARE(cells[n - 1][n - 1], heatmapCell(st, n - 1, n - 1));
}

void TestRecomputer::editDuringARunSupersedesIt()
{
    Recomputer rc(doc_.get());
    rc.recomputeNow();
    QSignalSpy ready(&rc, &Recomputer::resultReady);
    doc_->reset(withHeatmap(doc_->workspace(), 120), {});
    QCoreApplication::processEvents();
    QVERIFY(rc.busy());
    QVERIFY(doc_->setValue(QStringLiteral("tiers.ssd.read_pj_per_bit"), 51.2));
    QTRY_VERIFY_WITH_TIMEOUT(!rc.busy(), 120000);
    // Only the newest workspace's numbers were published.
    QCOMPARE(ready.count(), 1);
    const Study st = doc_->workspace().heatmapStudy();
    QCOMPARE(rc.result()->cells[3][5], heatmapCell(st, 3, 5));
}

void TestRecomputer::cancelKeepsTheLastResult()
{
    Recomputer rc(doc_.get());
    rc.recomputeNow();
    const auto before = rc.result();
    QSignalSpy ready(&rc, &Recomputer::resultReady);
    QSignalSpy busy(&rc, &Recomputer::busyChanged);
    doc_->reset(withHeatmap(doc_->workspace(), 400), {});
    QCoreApplication::processEvents();
    QVERIFY(rc.busy());
    rc.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!rc.busy(), 120000);
    QCOMPARE(ready.count(), 0);
    QCOMPARE(rc.result(), before);
    QCOMPARE(busy.count(), 2); // busy, then idle again
    QCOMPARE(busy.at(0).at(0).toBool(), true);
    QCOMPARE(busy.at(1).at(0).toBool(), false);
}

QTEST_MAIN(TestRecomputer)
#include "tst_recomputer.moc"
