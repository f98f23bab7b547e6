// The flash-offload editor: its tier picker switches the path on and off as one undo step, and its
// form shows every flash_offload number.
#include "document/workspacedocument.h"
#include "tests/support/editortestsupport.h"
#include "widgets/common/idcombobox.h"
#include "widgets/editors/flashoffloadeditor.h"
#include "widgets/editors/paramform.h"
#include "widgets/editors/scenarioeditorpanel.h"

#include <QDir>
#include <QtTest/QTest>
#include <QUndoStack>

#include <memory>

using namespace tierlens;

class TestFlashOffloadEditor : public QObject {
    Q_OBJECT
private slots:
    void init();
    void formShowsEveryField();
    void tierPickerSwitchesUndoably();
    void shownOnThePlacementPage();

private:
    std::unique_ptr<WorkspaceDocument> doc_;
};

void TestFlashOffloadEditor::init()
{
    test::loadPresetDocument(doc_, "paper/flash-opt6.7b-bundling");
}

void TestFlashOffloadEditor::formShowsEveryField()
{
    FlashOffloadEditor editor(doc_.get());
    const QStringList paths = editor.form()->paths();
    QCOMPARE(paths.size(), qsizetype(FlashOffload::fields().size()));
    QVERIFY(paths.contains(QStringLiteral("flash_offload.window_tokens")));
    QVERIFY(editor.form()->isEnabled());
    QCOMPARE(editor.tier()->currentId(), QStringLiteral("flash"));
    QVERIFY(doc_->setValue(QStringLiteral("flash_offload.sparsity"), 0.9));
    QCOMPARE(doc_->scenario().flash.sparsity, 0.9);
}

void TestFlashOffloadEditor::tierPickerSwitchesUndoably()
{
    FlashOffloadEditor editor(doc_.get());
    QVERIFY(editor.tier()->choose(QString()));
    QVERIFY(!doc_->scenario().flash.enabled());
    QVERIFY(!editor.form()->isEnabled());
    doc_->undoStack()->undo();
    QCOMPARE(doc_->scenario().flash.tier, std::string("flash"));
    QVERIFY(editor.form()->isEnabled());
}

// With TIERLENS_SCREENSHOT_DIR set, the page is also saved for a look.
void TestFlashOffloadEditor::shownOnThePlacementPage()
{
    ScenarioEditorPanel panel(doc_.get(), PresetLibrary::builtin());
    panel.resize(380, 1100);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setCurrentSection(ScenarioEditorPanel::Section::PlacementWorkload);
    QTest::qWait(50);
    QVERIFY(panel.flashOffloadEditor()->isVisible());
    QVERIFY(panel.flashOffloadEditor()->form()->spinBox(QStringLiteral("flash_offload.bundling")));
    const QString dir = qEnvironmentVariable("TIERLENS_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(panel.grab().save(dir + QStringLiteral("/editors-flash-offload.png")));
    }
}

QTEST_MAIN(TestFlashOffloadEditor)
#include "tst_flashoffloadeditor.moc"
