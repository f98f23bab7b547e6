// The Goal Seek dialog, offscreen: the fig6 break-even found and applied as one undo step.
#include "core/data/parampath.h"
#include "core/data/workspace.h"
#include "core/io/presetlibrary.h"
#include "core/model/evaluator.h"
#include "document/workspacedocument.h"
#include "tests/support/testsupport.h"
#include "widgets/dialogs/goalseekdialog.h"

#include <QComboBox>
#include <QPushButton>
#include <QUndoStack>

#include <cmath>

using namespace tierlens;

class TestGoalSeekDialog : public QObject {
    Q_OBJECT
private slots:
    void init();
    void fig6BreakEvenIsFoundAndApplied();
    void noCrossingSaysSo();
    void badInputIsReported();

private:
    WorkspaceDocument doc_;
};

namespace {
const QString kFlash = QStringLiteral("tiers.ssd.read_pj_per_bit");
}

void TestGoalSeekDialog::init()
{
    const auto& lib = PresetLibrary::builtin();
    auto st = loadStudy(lib.find(PresetKind::Study, "paper/fig6")->json, lib);
    QVERIFY(st.ok());
    doc_.reset(workspaceFromStudy(st.value), {});
}

void TestGoalSeekDialog::fig6BreakEvenIsFoundAndApplied()
{
    GoalSeekDialog dialog(&doc_);
    // Opened on the fig6 workspace it proposes the expert tier's read energy and the ratio to the
    // heatmap's baseline, with a target of 1.
    QCOMPARE(dialog.parameterBox()->currentData().toString(), kFlash);
    // Shown by name and unit; the JSON path is the tooltip.
    QVERIFY2(dialog.parameterBox()->currentText().endsWith(QStringLiteral(" read energy (pJ/bit)")),
        qPrintable(dialog.parameterBox()->currentText()));
    QVERIFY(!dialog.parameterBox()->currentText().contains(kFlash));
    QCOMPARE(
        dialog.parameterBox()->itemData(dialog.parameterBox()->currentIndex(), Qt::ToolTipRole).toString(),
        kFlash);
    QCOMPARE(GoalMetric(dialog.metricBox()->currentData().toInt()), GoalMetric::Ratio);
    dialog.setRange(1, 102.4);
    dialog.setBatch(1);
    QVERIFY(!dialog.applyButton()->isEnabled());
    QVERIFY(dialog.solve());
    QVERIFY(dialog.result().found());
    QVERIFY(dialog.applyButton()->isEnabled());
    const double x = dialog.result().crossings.front().value;

    // The answer makes the two scenarios cost the same per token at batch 1.
    Scenario moe = doc_.scenario(), dense = *doc_.workspace().heatmap.baseline;
    moe.workload.batch = dense.workload.batch = 1;
    parampath::set(moe, kFlash.toStdString(), x);
    TL_COMPARE_REL(evaluate(moe).totalEnergyJPerToken() / evaluate(dense).totalEnergyJPerToken(), 1.0, 1e-6);
    QVERIFY(dialog.resultText().contains(QString::number(x, 'g', 6)));
    QVERIFY(dialog.resultText().contains(dialog.parameterBox()->currentText()));

    const double before = *parampath::get(doc_.scenario(), kFlash.toStdString());
    const int steps = doc_.undoStack()->count();
    QVERIFY(dialog.applyResult());
    // Applied as shown: six significant digits, no more than the field's six decimals, within
    // half a unit of the last kept digit of the crossing.
    const double applied = *parampath::get(doc_.scenario(), kFlash.toStdString());
    const QString appliedText = QString::number(applied, 'g', 17);
    QVERIFY2(QString::number(applied, 'g', 6).toDouble() == applied, qPrintable(appliedText));
    QVERIFY2(std::fabs(applied * 1e6 - std::round(applied * 1e6)) < 1e-6, qPrintable(appliedText));
    const double unit = std::pow(10.0, std::floor(std::log10(std::fabs(x))) - 5); // last of six digits
    QVERIFY(std::fabs(applied - x) <= 0.5 * unit * (1 + 1e-9));
    QVERIFY2(applied != x, "the crossing has more than six significant digits");
    // The Undo menu names the field as the form does.
    QCOMPARE(
        doc_.undoStack()->undoText(), QStringLiteral("Change %1").arg(dialog.parameterBox()->currentText()));
    QCOMPARE(doc_.undoStack()->count(), steps + 1);
    doc_.undoStack()->undo();
    QCOMPARE(*parampath::get(doc_.scenario(), kFlash.toStdString()), before);
}

void TestGoalSeekDialog::noCrossingSaysSo()
{
    GoalSeekDialog dialog(&doc_);
    dialog.setParameter(kFlash);
    dialog.setRange(1, 102.4);
    dialog.setTarget(0.01);
    QVERIFY(dialog.solve());
    QVERIFY(!dialog.result().found());
    QVERIFY(!dialog.applyButton()->isEnabled());
    QVERIFY(!dialog.applyResult());
    const QString text = dialog.resultText();
    QVERIFY2(text.contains(QStringLiteral("no crossing")), qPrintable(text));
    QVERIFY2(text.contains(QString::number(dialog.result().minMetric, 'g', 6)), qPrintable(text));
}

void TestGoalSeekDialog::badInputIsReported()
{
    GoalSeekDialog dialog(&doc_);
    dialog.setParameter(kFlash);
    dialog.setRange(50, 10); // low above high
    QVERIFY(!dialog.solve());
    QVERIFY2(dialog.resultText().contains(QStringLiteral("range")), qPrintable(dialog.resultText()));
    QVERIFY(!dialog.applyButton()->isEnabled());
}

QTEST_MAIN(TestGoalSeekDialog)
#include "tst_goalseekdialog.moc"
