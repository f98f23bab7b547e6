// File → Import Model Config… and dropping a config.json on the window, offscreen.
#include "app/mainwindow.h"
#include "core/io/scenariojson.h"
#include "core/model/modelparams.h"
#include "document/workspacedocument.h"
#include "tests/support/testsupport.h"
#include "widgets/dialogs/modelimportdialog.h"

#include <QApplication>
#include <QDropEvent>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QTemporaryDir>
#include <QUrl>

using namespace tierlens;

class TestModelImport : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void importReplacesTheModelInOneUndoStep();
    void dialogListsTheModelAndTheUnmappedKeys();
    void brokenConfigsChangeNothing_data();
    void brokenConfigsChangeNothing();
    void droppedConfigIsImported();
    void scenarioIsNotTakenForAConfig();

private:
    static QString data(const char* name)
    {
        return QStringLiteral(TIERLENS_TEST_DATA_DIR "/hf/") + QLatin1String(name);
    }
    MainWindow* w_ = nullptr;
};

void TestModelImport::init()
{
    QApplication::setOrganizationName(QStringLiteral("Tierlens-test"));
    w_ = new MainWindow;
    w_->setInteractive(false);
    w_->show();
    QApplication::processEvents();
}

void TestModelImport::cleanup()
{
    delete w_;
    w_ = nullptr;
}

void TestModelImport::importReplacesTheModelInOneUndoStep()
{
    WorkspaceDocument* doc = w_->document();
    const nlohmann::json before = toJson(doc->scenario());
    const int steps = doc->undoStack()->count();
    QVERIFY(w_->importModelConfig(data("qwen3-30b-a3b.json")));
    const ModelSpec& m = doc->scenario().model;
    QCOMPARE(m.moe->experts, 128);
    QCOMPARE(m.moe->topK, 8);
    QCOMPARE(m.layers, 48);
    // Only the model changed, and in one step.
    nlohmann::json after = toJson(doc->scenario());
    after["model"] = before["model"];
    QVERIFY(after == before);
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    doc->undoStack()->undo();
    QVERIFY(toJson(doc->scenario()) == before);
    doc->undoStack()->redo();
    QCOMPARE(doc->scenario().model.moe->experts, 128);
}

void TestModelImport::dialogListsTheModelAndTheUnmappedKeys()
{
    // Llama 4 Maverick: experts under text_config, and chunked attention the model leaves out.
    const HfConfigImport imported = ModelImportDialog::read(data("llama4-maverick.json"));
    QVERIFY(imported.ok());
    QVERIFY(!imported.notes.empty());
    ModelImportDialog dialog(QStringLiteral("llama4-maverick.json"), imported);
    const QStringList lines = dialog.summaryLines();
    QVERIFY(lines.contains(QStringLiteral("Layers: 48")));
    QVERIFY2(lines.filter(QStringLiteral("Experts: 128 routed, top-1, 1 shared")).size() == 1,
        qPrintable(lines.join(u'|')));
    // Its size, as the CLI counts it: the summary line and the table by class.
    const ModelParams p = countModelParams(imported.model.value);
    const QString total = QString::fromStdString(paramCountText(p.totalParams()));
    const QString active = QString::fromStdString(paramCountText(p.activePerToken()));
    QVERIFY2(lines.filter(QStringLiteral("Parameters: ") + total + QStringLiteral(" total")).size() == 1,
        qPrintable(lines.join(u'|')));
    QVERIFY2(
        lines.filter(active + QStringLiteral(" active per token")).size() == 1, qPrintable(lines.join(u'|')));
    for (const auto& r : modelParamsRows(p)) {
        QVERIFY2(dialog.paramsLabel()->text().contains(QString::fromStdString(r.label)), r.label.c_str());
        QVERIFY2(dialog.paramsLabel()->text().contains(QString::fromStdString(r.total)), r.total.c_str());
        QVERIFY2(dialog.paramsLabel()->text().contains(QString::fromStdString(r.activeBytes)),
            r.activeBytes.c_str());
    }
    // Maverick: about 400 B in all, 17 B active (its model card's numbers).
    TL_COMPARE_REL(p.totalParams(), 400e9, 0.02);
    TL_COMPARE_REL(p.activePerToken(), 17e9, 0.03);
    QCOMPARE(dialog.notesList()->count(), int(imported.notes.size()));
    for (int i = 0; i < dialog.notesList()->count(); ++i)
        QCOMPARE(dialog.notesList()->item(i)->text().toStdString(), imported.notes[std::size_t(i)]);
}

void TestModelImport::brokenConfigsChangeNothing_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::newRow("syntax") << "broken-malformed.json"
                            << "line 7, column 1";
    QTest::newRow("top-k") << "broken-topk-above-experts.json"
                           << "num_experts_per_tok";
    QTest::newRow("type") << "broken-wrong-type.json"
                          << "num_hidden_layers";
    QTest::newRow("missing") << "broken-missing-hidden-size.json"
                             << "hidden_size";
    QTest::newRow("no such file") << "no-such-config.json"
                                  << "cannot be opened";
}

void TestModelImport::brokenConfigsChangeNothing()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    WorkspaceDocument* doc = w_->document();
    const nlohmann::json before = toJson(doc->scenario());
    const int steps = doc->undoStack()->count();
    QVERIFY(!w_->importModelConfig(data(file.toLatin1().constData())));
    QVERIFY(toJson(doc->scenario()) == before);
    QCOMPARE(doc->undoStack()->count(), steps);
    const QString msg = w_->lastMessage();
    QVERIFY2(msg.contains(file), qPrintable(msg)); // names the file
    QVERIFY2(msg.contains(expected), qPrintable(msg)); // and where the problem is
}

void TestModelImport::droppedConfigIsImported()
{
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(data("mixtral-8x7b.json")) });
    // A dense model first, so the drop visibly brings the experts back.
    QVERIFY(w_->importModelConfig(data("llama3.3-70b.json")));
    QVERIFY(!w_->document()->scenario().model.moe);
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    // Qt delivers a drop only to a widget that accepted the drag's entry.
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w_, &enter);
    QVERIFY(enter.isAccepted());
    QApplication::sendEvent(w_, &drop);
    QVERIFY2(drop.isAccepted(), qPrintable(w_->lastMessage()));
    const ModelSpec& m = w_->document()->scenario().model;
    QVERIFY(m.moe);
    QCOMPARE(m.moe->experts, 8);
    QVERIFY(w_->document()->filePath().isEmpty()); // imported into the scenario, not opened as a file
}

void TestModelImport::scenarioIsNotTakenForAConfig()
{
    QTemporaryDir dir;
    const QString scenario = dir.filePath(QStringLiteral("s.json"));
    QFile f(scenario);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(toJson(test::preset("paper/mixtral-hbm")).dump().c_str());
    f.close();
    QVERIFY(!ModelImportDialog::looksLikeHfConfig(scenario));
    QVERIFY(ModelImportDialog::looksLikeHfConfig(data("deepseek-v3.json")));
    QVERIFY(!ModelImportDialog::looksLikeHfConfig(data("broken-malformed.json")));
}

QTEST_MAIN(TestModelImport)
#include "tst_modelimport.moc"
