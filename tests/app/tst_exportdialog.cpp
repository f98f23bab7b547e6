// The window's Export Figure, driven as a person would: the dialog's palette and legend become
// the workspace's view settings in one undo step, and the file written is the export function's
// figure of the workspace after that change.
#include "app/mainwindow.h"
#include "core/data/workspace.h"
#include "core/io/presetlibrary.h"
#include "document/recomputer.h"
#include "document/workspacedocument.h"
#include "render/figureexporter.h"
#include "render/workspacefigure.h"
#include "tests/support/mainwindowtestsupport.h"
#include "widgets/dialogs/figureexportdialog.h"
#include "widgets/views/breakdownview.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest/QTest>
#include <QUndoStack>

using namespace tierlens;

class TestExportDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void exportWritesTheWorkspaceFigure();
};

void TestExportDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("Tierlens-test"));
    QApplication::setApplicationName(QStringLiteral("tst_exportdialog"));
    QSettings().clear();
}

void TestExportDialog::exportWritesTheWorkspaceFigure()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MainWindow w;
    QVERIFY(test::showWindowWithStudy(w, QStringLiteral("paper/fig4-mixtral")));
    w.tabs()->setCurrentWidget(w.energyView());

    const ViewSettings before = w.document()->workspace().view;
    QCOMPARE(before.palette, ViewSettings::Palette::ColorBlindSafe);
    QVERIFY(before.legend);
    const int steps = w.document()->undoStack()->count();
    const QString file = dir.filePath(QStringLiteral("fig4-energy.png"));

    QAction* exportAction = nullptr;
    for (QAction* a : w.findChildren<QAction*>())
        if (a->text() == QStringLiteral("Export &Figure…"))
            exportAction = a;
    QVERIFY(exportAction);

    // The dialog is modal: fill it in from the event loop it runs.
    bool shown = false;
    ViewSettings shownSettings;
    FigureExportOptions chosen;
    QTimer poll;
    poll.setInterval(20);
    connect(&poll, &QTimer::timeout, this, [&] {
        auto* d = qobject_cast<FigureExportDialog*>(QApplication::activeModalWidget());
        if (!d)
            return;
        poll.stop();
        shown = true;
        shownSettings = d->viewSettings();
        auto* format = d->findChild<QComboBox*>(QStringLiteral("format"));
        format->setCurrentIndex(format->findData(int(FigureExportOptions::Format::Png)));
        d->findChild<QLineEdit*>(QStringLiteral("path"))->setText(file);
        auto* palette = d->findChild<QComboBox*>(QStringLiteral("palette"));
        palette->setCurrentIndex(palette->findText(QStringLiteral("Grayscale")));
        d->findChild<QCheckBox*>(QStringLiteral("legend"))->setChecked(false);
        chosen = d->options();
        d->accept();
    });
    poll.start();
    exportAction->trigger();
    QVERIFY(shown);
    QVERIFY(shownSettings == before);
    QVERIFY2(w.lastMessage().isEmpty(), qPrintable(w.lastMessage()));

    // One undoable step changed the palette and the legend, and nothing else.
    const ViewSettings& after = w.document()->workspace().view;
    QCOMPARE(after.palette, ViewSettings::Palette::Grayscale);
    QVERIFY(!after.legend);
    ViewSettings expected = before;
    expected.palette = ViewSettings::Palette::Grayscale;
    expected.legend = false;
    QVERIFY(after == expected);
    QCOMPARE(w.document()->undoStack()->count(), steps + 1);

    // The file is the export function's figure of the workspace with those settings, computed
    // here from the workspace itself.
    QVERIFY(QFile::exists(file));
    Workspace ws = w.document()->workspace();
    ws.view = expected;
    const WorkspaceResult r = evaluateWorkspace(ws);
    QVERIFY(r.problems.empty());
    const QString reference = dir.filePath(QStringLiteral("reference.png"));
    QCOMPARE(WorkspaceFigure::exportToFile(ws, r, "energy", reference, chosen), QString());
    const QImage written(file), want(reference);
    QVERIFY(!written.isNull());
    QCOMPARE(written.size(), want.size());
    QVERIFY2(written == want, "the exported file differs from WorkspaceFigure's figure");
    // …which the change did change: the figure with the old settings is another.
    ws.view = before;
    const QString old = dir.filePath(QStringLiteral("old.png"));
    QCOMPARE(WorkspaceFigure::exportToFile(ws, r, "energy", old, chosen), QString());
    QVERIFY(QImage(old) != written);

    // Undo gives the old settings back.
    w.document()->undoStack()->undo();
    QVERIFY(w.document()->workspace().view == before);
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
