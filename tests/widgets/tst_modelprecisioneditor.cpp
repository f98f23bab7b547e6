// The model's data types in the editor: one combo box per weight class, each choice one undo step
// through the document, and the boxes following the document (undo, preset loads).
#include "core/model/modelparams.h"
#include "document/presetloader.h"
#include "tests/support/editortestsupport.h"
#include "widgets/editors/modeleditor.h"
#include "widgets/editors/modelprecisioneditor.h"

#include <QComboBox>
#include <QLabel>
#include <QtTest/QTest>

#include <memory>

using namespace tierlens;
using namespace tierlens::test;

class TestModelPrecisionEditor : public QObject {
    Q_OBJECT
private slots:
    void init() { loadDefaultDocument(doc_); }
    void listsEveryType();
    void choiceIsOneUndoStep();
    void followsTheDocument();
    void modelEditorShowsIt();

private:
    std::unique_ptr<WorkspaceDocument> doc_;
};

void TestModelPrecisionEditor::listsEveryType()
{
    ModelPrecisionEditor editor(doc_.get());
    for (int i = 0; i < kWeightClassCount; ++i) {
        QComboBox* box = editor.combo(i);
        QCOMPARE(box->count(), int(allDataTypes().size()) + 1);
        QCOMPARE(box->currentIndex(), 0); // the default model has no types: bytes_per_param
        QVERIFY(box->findText(QStringLiteral("mxfp4")) > 0);
        QVERIFY(box->toolTip().contains(QStringLiteral("BF16 one")));
    }
}

void TestModelPrecisionEditor::choiceIsOneUndoStep()
{
    ModelPrecisionEditor editor(doc_.get());
    const double before = doc_->scenario().model.expertBytes();
    QComboBox* experts = editor.combo(int(WeightClass::Experts));
    const int row = experts->findText(QStringLiteral("fp8"));
    QVERIFY(row > 0);
    experts->setCurrentIndex(row);
    emit experts->activated(row);
    QCOMPARE(int(*doc_->scenario().model.precision.of(WeightClass::Experts)), int(DataType::Fp8E4m3));
    QCOMPARE(doc_->scenario().model.expertBytes(), before / 2);
    QVERIFY(!doc_->scenario().model.precision.of(WeightClass::Dense).has_value());
    QCOMPARE(doc_->undoStack()->count(), 1);
    // Choosing the same again changes nothing and adds no step.
    emit experts->activated(row);
    QCOMPARE(doc_->undoStack()->count(), 1);
    doc_->undoStack()->undo();
    QVERIFY(!doc_->scenario().model.precision.any());
    QCOMPARE(experts->currentIndex(), 0);
}

void TestModelPrecisionEditor::followsTheDocument()
{
    ModelPrecisionEditor editor(doc_.get());
    doc_->edit(QStringLiteral("KV cache in FP8"),
        [](Workspace& w) { w.scenario.model.precision.set(WeightClass::KvCache, DataType::Fp8E5m2); });
    QCOMPARE(editor.combo(int(WeightClass::KvCache))->currentText(), QStringLiteral("fp8-e5m2"));
    QCOMPARE(editor.combo(int(WeightClass::Experts))->currentIndex(), 0);
}

void TestModelPrecisionEditor::modelEditorShowsIt()
{
    ModelEditor editor(doc_.get(), PresetLibrary::builtin());
    auto* precision = editor.findChild<ModelPrecisionEditor*>();
    QVERIFY(precision);
    // Loading a preset that carries types shows them.
    QVERIFY(PresetLoader::load(
        *doc_, PresetLibrary::builtin(), { PresetKind::Model, QStringLiteral("gpt-oss-120b") }));
    QCOMPARE(precision->combo(int(WeightClass::Experts))->currentText(), QStringLiteral("mxfp4"));
    QCOMPARE(precision->combo(int(WeightClass::Dense))->currentText(), QStringLiteral("bf16"));
}

QTEST_MAIN(TestModelPrecisionEditor)
#include "tst_modelprecisioneditor.moc"
