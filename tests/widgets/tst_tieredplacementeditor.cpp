// The placement editor's tier list: rows edit placement.tiers through undoable commands.

#include "document/workspacedocument.h"
#include "tests/support/editortestsupport.h"
#include "widgets/common/idcombobox.h"
#include "widgets/editors/placementeditor.h"
#include "widgets/editors/tieredplacementeditor.h"

#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest/QTest>
#include <QUndoStack>

#include <memory>

using namespace tierlens;

class TestTieredPlacementEditor : public QObject {
    Q_OBJECT
private slots:
    void init() { test::loadPresetDocument(doc_, "paper/mixtral-hbm"); }
    void editsAreUndoable();
    void rowsFollowTheDocument();

private:
    std::unique_ptr<WorkspaceDocument> doc_;
};

void TestTieredPlacementEditor::editsAreUndoable()
{
    PlacementEditor placement(doc_.get());
    TieredPlacementEditor& editor = *placement.tieredPlacementEditor();
    const auto& tiers
        = [this]() -> const std::vector<ExpertTierShare>& { return doc_->scenario().placement.tiers; };
    QVERIFY(tiers().empty());
    QVERIFY(placement.expertTier()->isEnabled());

    editor.addTier(QStringLiteral("hbm"));
    editor.setExperts(0, 2);
    editor.addTier(QStringLiteral("ssd"));
    editor.setPath(1, QStringLiteral("pcie-gen5-x16 → nvlink-c2c-gen5"));
    const std::vector<ExpertTierShare> expected { { "hbm", 2, {} },
        { "ssd", -1, { "pcie-gen5-x16", "nvlink-c2c-gen5" } } };
    QVERIFY(tiers() == expected);
    QCOMPARE(doc_->undoStack()->count(), 4);
    QVERIFY(doc_->scenario().expertsOffloaded());
    QVERIFY(!placement.expertTier()->isEnabled()); // the list replaces the single tier

    // Adding a tier after "the rest" freezes what that row held: 6 of 8 experts.
    editor.addTier(QStringLiteral("ddr"));
    QCOMPARE(tiers()[1].experts, 6);
    QCOMPARE(tiers()[2].experts, -1);
    editor.setTier(2, QStringLiteral("hbm"));
    QCOMPARE(tiers()[2].tier, std::string("hbm"));
    editor.removeTier(0);
    QCOMPARE(tiers().size(), std::size_t(2));

    for (int i = 0; i < 3; ++i)
        doc_->undoStack()->undo();
    QVERIFY(tiers() == expected);
    while (doc_->undoStack()->canUndo())
        doc_->undoStack()->undo();
    QVERIFY(tiers().empty());
    QCOMPARE(editor.table()->rowCount(), 0);
}

void TestTieredPlacementEditor::rowsFollowTheDocument()
{
    TieredPlacementEditor editor(doc_.get());
    doc_->edit(QStringLiteral("tiers"), [](Workspace& w) {
        w.scenario.placement.tiers
            = { { "hbm", 2, {} }, { "ddr", 2, { "nvlink-c2c-gen5" } }, { "ssd", -1, { "pcie-gen5-x16" } } };
    });
    QCOMPARE(editor.table()->rowCount(), 3);
    auto* tier = qobject_cast<IdComboBox*>(editor.table()->cellWidget(1, 0));
    auto* count = qobject_cast<QSpinBox*>(editor.table()->cellWidget(2, 1));
    auto* path = qobject_cast<QLineEdit*>(editor.table()->cellWidget(1, 2));
    QVERIFY(tier && count && path);
    QCOMPARE(tier->currentId(), QStringLiteral("ddr"));
    QCOMPARE(count->text(), QStringLiteral("the rest"));
    QCOMPARE(path->text(), QStringLiteral("nvlink-c2c-gen5"));
    QVERIFY(!qobject_cast<QLineEdit*>(editor.table()->cellWidget(0, 2))->isEnabled()); // HBM copies nothing
    // Typing in the table is an edit like any other.
    path->setText(QStringLiteral("pcie-gen5-x16, nvlink-c2c-gen5"));
    emit path->editingFinished();
    QCOMPARE(doc_->scenario().placement.tiers[1].path.size(), std::size_t(2));
    QVERIFY(tier->choose(QStringLiteral("ssd")));
    QCOMPARE(doc_->scenario().placement.tiers[1].tier, std::string("ssd"));
    doc_->undoStack()->undo();
    QCOMPARE(tier->currentId(), QStringLiteral("ddr"));
}

QTEST_MAIN(TestTieredPlacementEditor)
#include "tst_tieredplacementeditor.moc"
