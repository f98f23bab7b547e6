// The ranges editor and the tornado view, offscreen: each add, edit and removal of a range is one
// undo step; a wrong edit is not made and its message names the field; the tornado follows.
#include "core/data/parampath.h"
#include "core/data/provenance.h"
#include "core/data/workspace.h"
#include "core/io/presetlibrary.h"
#include "document/workspacedocument.h"
#include "tests/support/testsupport.h"
#include "widgets/dialogs/rangeseditor.h"
#include "widgets/views/tornadoview.h"

#include <QTableWidget>
#include <QtTest/QTest>
#include <QUndoStack>

using namespace tierlens;

class TestRangesEditor : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        Workspace w;
        w.scenario = test::preset("paper/maverick-ssd-nvlink5");
        w.heatmap = Workspace::defaultHeatmap(w.scenario);
        doc_.reset(w, {});
    }

    void eachEditIsOneUndoStep()
    {
        RangesEditor editor(&doc_);
        QUndoStack* undo = doc_.undoStack();
        QCOMPARE(undo->count(), 0);
        editor.addRange();
        QCOMPARE(undo->count(), 1);
        QCOMPARE(int(doc_.workspace().ranges.size()), 1);
        QCOMPARE(editor.table()->rowCount(), 1);
        // The heatmap's x axis is ranged first, ±20 % around its value.
        const RangedConstant added = doc_.workspace().ranges[0];
        QCOMPARE(added.path, doc_.workspace().heatmap.x.path);
        const double v = *parampath::get(doc_.scenario(), added.path);
        QCOMPARE(added.low, 0.8 * v);
        QCOMPARE(added.high, 1.2 * v);

        editor.table()->item(0, 2)->setText(QStringLiteral("%1").arg(2 * v));
        QCOMPARE(undo->count(), 2);
        QCOMPARE(doc_.workspace().ranges[0].high, 2 * v);

        // Low above high: not made, and the message names the field.
        editor.table()->item(0, 1)->setText(QStringLiteral("%1").arg(3 * v));
        QCOMPARE(undo->count(), 2);
        QCOMPARE(doc_.workspace().ranges[0].low, 0.8 * v);
        QVERIFY2(editor.message().contains(QStringLiteral("ranges[0].low")), qPrintable(editor.message()));
        // A path the scenario lacks: likewise.
        editor.table()->item(0, 0)->setText(QStringLiteral("tiers.nope.read_pj_per_bit"));
        QCOMPARE(undo->count(), 2);
        QVERIFY2(editor.message().contains(QStringLiteral("tiers.nope.read_pj_per_bit")),
            qPrintable(editor.message()));
        QCOMPARE(editor.table()->item(0, 0)->text(), QString::fromStdString(added.path));

        editor.removeRange(0);
        QCOMPARE(undo->count(), 3);
        QVERIFY(doc_.workspace().ranges.empty());
        undo->undo();
        QCOMPARE(int(doc_.workspace().ranges.size()), 1);
        QCOMPARE(editor.table()->rowCount(), 1);
    }

    // The tornado view ranks the document's ranges after each edit while shown, and on being
    // shown after edits made while hidden.
    void tornadoFollowsTheDocument()
    {
        TornadoView view(&doc_);
        view.show();
        // The scenario's own ranges (its constants' sources) are ranked from the start; those that
        // do not move the result are counted, not drawn.
        const std::size_t own = rangedConstants(doc_.workspace().scenario).size();
        QVERIFY(!view.chart()->painter().data().rows.empty());
        QVERIFY(view.chart()->painter().data().rows.size() <= own);
        doc_.edit(QStringLiteral("no sources"),
            [](Workspace& w) { w.scenario = test::withoutSources(w.scenario); });
        QTRY_VERIFY(view.chart()->painter().data().rows.empty());
        doc_.edit(QStringLiteral("ranges"), [](Workspace& w) {
            w.ranges = { { "gpu.hbm_read_pj_per_bit", "HBM read", 3, 5, "" },
                { "tiers.ssd.read_pj_per_bit", "SSD read", 50, 150, "" } };
        });
        QTRY_COMPARE(int(view.chart()->painter().data().rows.size()), 2);
        // The SSD's 100 pJ/bit on every copied byte outweighs HBM's 2 pJ/bit on the weights read.
        QVERIFY(view.chart()->painter().data().rows[0].label.startsWith(QStringLiteral("SSD read")));
        view.hide();
        doc_.edit(QStringLiteral("one range"), [](Workspace& w) { w.ranges.pop_back(); });
        view.show();
        QCOMPARE(int(view.chart()->painter().data().rows.size()), 1);
        QVERIFY(view.chart()->painter().data().rows[0].label.startsWith(QStringLiteral("HBM read")));
    }

private:
    WorkspaceDocument doc_;
};

QTEST_MAIN(TestRangesEditor)
#include "tst_rangeseditor.moc"
