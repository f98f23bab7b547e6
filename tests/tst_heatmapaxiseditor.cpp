// The heatmap's axis picker: it lists the scenario's parameters, keeps its list (and an open popup)
// across recomputes, follows a scenario whose parameters changed, and parses value lists.
#include "heatmapaxiseditor.h"

#include "testsupport.h"

#include "presetlibrary.h"
#include "scenario.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QtTest>

using namespace tierlens;

class TestHeatmapAxisEditor : public QObject {
    Q_OBJECT
private slots:
    void listsParamsAndKeepsThemAcrossRecomputes();
    void parsesValues();
};

void TestHeatmapAxisEditor::listsParamsAndKeepsThemAcrossRecomputes()
{
    const auto& lib = PresetLibrary::builtin();
    auto loaded = lib.loadScenario(lib.find(PresetKind::Scenario, "default")->json);
    QVERIFY(loaded.ok());
    Scenario s = loaded.value;
    HeatmapAxisEditor editor(QStringLiteral("x"));
    auto* combo = editor.findChild<QComboBox*>();
    QVERIFY(combo);
    const StudyAxis axis{"tiers.ssd.read_pj_per_bit", "", {1, 0.5}, true};
    editor.setAxis(axis, s);
    const int count = combo->count();
    QVERIFY(count > 20);
    QCOMPARE(combo->currentText(), QStringLiteral("tiers.ssd.read_pj_per_bit"));
    QVERIFY(combo->findText(QStringLiteral("model.moe.top_k")) >= 0);

    QSignalSpy inserted(combo->model(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(combo->model(), &QAbstractItemModel::rowsRemoved);
    s.gpu.idlePowerW += 1;  // a recompute after an edit: same parameters
    editor.setAxis(axis, s);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(combo->count(), count);

    s.model.moe.reset();  // a dense model has no model.moe.* paths
    editor.setAxis(axis, s);
    QVERIFY(inserted.count() > 0);
    QCOMPARE(combo->findText(QStringLiteral("model.moe.top_k")), -1);
    QCOMPARE(combo->currentText(), QStringLiteral("tiers.ssd.read_pj_per_bit"));
}

void TestHeatmapAxisEditor::parsesValues()
{
    std::vector<double> v;
    QString why;
    QVERIFY(HeatmapAxisEditor::parseValues(QStringLiteral("1, 0.5,0.25"), v, &why));
    QCOMPARE(v, (std::vector<double>{1, 0.5, 0.25}));
    QVERIFY(!HeatmapAxisEditor::parseValues(QStringLiteral("1, x"), v, &why));
    QVERIFY(why.contains(QStringLiteral("\"x\"")));
    QCOMPARE(v.size(), std::size_t(3));  // kept on failure
    QVERIFY(!HeatmapAxisEditor::parseValues(QString(), v, &why));
}

QTEST_MAIN(TestHeatmapAxisEditor)
#include "tst_heatmapaxiseditor.moc"
