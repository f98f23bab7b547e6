// The heatmap's axis picker: it lists the scenario's parameters, keeps its list (and an open popup)
// across recomputes, follows a scenario whose parameters changed, and parses value lists.
#include "widgets/editors/heatmapaxiseditor.h"

#include "tests/support/testsupport.h"

#include "core/data/scenario.h"
#include "core/io/presetlibrary.h"

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
    const StudyAxis axis { "tiers.ssd.read_pj_per_bit", "", { 1, 0.5 }, true };
    editor.setAxis(axis, s);
    const int count = combo->count();
    QVERIFY(count > 20);
    // People read names with units; the JSON path is the item's data and tooltip.
    QCOMPARE(combo->currentData().toString(), QStringLiteral("tiers.ssd.read_pj_per_bit"));
    const auto ssd
        = std::find_if(s.tiers.begin(), s.tiers.end(), [](const MemoryTier& t) { return t.id == "ssd"; });
    QVERIFY(ssd != s.tiers.end() && !ssd->name.empty());
    QCOMPARE(combo->currentText(),
        QStringLiteral("%1 read energy (pJ/bit)").arg(QString::fromStdString(ssd->name)));
    QCOMPARE(combo->itemData(combo->currentIndex(), Qt::ToolTipRole).toString(),
        QStringLiteral("tiers.ssd.read_pj_per_bit"));
    QVERIFY(combo->findData(QStringLiteral("model.moe.top_k")) >= 0);
    QCOMPARE(combo->itemText(combo->findData(QStringLiteral("workload.batch"))),
        QStringLiteral("Evaluated batch (sequences)"));
    for (int i = 0; i < combo->count(); ++i)
        QVERIFY2(
            !combo->itemText(i).contains(QLatin1Char('.')) || combo->itemText(i).contains(QLatin1Char(' ')),
            qPrintable(combo->itemText(i))); // no bare JSON path shown

    QSignalSpy inserted(combo->model(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(combo->model(), &QAbstractItemModel::rowsRemoved);
    s.gpu.idlePowerW += 1; // a recompute after an edit: same parameters
    editor.setAxis(axis, s);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(combo->count(), count);

    s.model.moe.reset(); // a dense model has no model.moe.* paths
    editor.setAxis(axis, s);
    QVERIFY(inserted.count() > 0);
    QCOMPARE(combo->findData(QStringLiteral("model.moe.top_k")), -1);
    QCOMPARE(combo->currentData().toString(), QStringLiteral("tiers.ssd.read_pj_per_bit"));

    // A new parameter picked by the user is captioned by its name and unit, not its path.
    std::vector<StudyAxis> edited;
    connect(&editor, &HeatmapAxisEditor::edited, this, [&](const StudyAxis& a) { edited.push_back(a); });
    const int batch = combo->findData(QStringLiteral("workload.batch"));
    combo->setCurrentIndex(batch);
    emit combo->activated(batch);
    QCOMPARE(edited.size(), std::size_t(1));
    const StudyAxis next = edited.front();
    QCOMPARE(next.path, std::string("workload.batch"));
    QCOMPARE(next.label, std::string("Evaluated batch (sequences)"));
}

void TestHeatmapAxisEditor::parsesValues()
{
    std::vector<double> v;
    QString why;
    QVERIFY(HeatmapAxisEditor::parseValues(QStringLiteral("1, 0.5,0.25"), v, &why));
    QCOMPARE(v, (std::vector<double> { 1, 0.5, 0.25 }));
    QVERIFY(!HeatmapAxisEditor::parseValues(QStringLiteral("1, x"), v, &why));
    QVERIFY(why.contains(QStringLiteral("\"x\"")));
    QCOMPARE(v.size(), std::size_t(3)); // kept on failure
    QVERIFY(!HeatmapAxisEditor::parseValues(QString(), v, &why));
}

QTEST_MAIN(TestHeatmapAxisEditor)
#include "tst_heatmapaxiseditor.moc"
