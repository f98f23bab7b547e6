// The window's files: new, open, save, crash recovery, recent files, drag and drop, model configs
// to import, and the unsaved-changes prompt on close.
#include "app/mainwindow.h"

#include "app/recoverymanager.h"
#include "app/workspacefile.h"
#include "bundle/bundlereader.h"
#include "core/io/presetlibrary.h"
#include "document/problemtext.h"
#include "document/workspacedocument.h"
#include "widgets/dialogs/modelimportdialog.h"

#include <QAction>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>

namespace tierlens {

namespace {
constexpr int kMaxRecent = 8;
const QString kFileFilter
    = QStringLiteral("Tierlens scenarios and bundles (*.tierlens.json *.json *.tierlens.zip);;All files (*)");
} // namespace

void MainWindow::newWorkspace()
{
    if (!maybeSave())
        return;
    auto ws = loadWorkspace(lib_.find(PresetKind::Scenario, "default")->json, lib_);
    doc_->reset(ws.value, {});
}

void MainWindow::open()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), {}, kFileFilter);
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::openFile(const QString& path)
{
    const bool bundle = BundleReader::isBundlePath(path);
    auto loaded = bundle ? BundleReader::loadWorkspace(path, lib_) : WorkspaceFile::load(path, lib_);
    if (!loaded.ok()) {
        message(tr("Cannot open %1").arg(QFileInfo(path).fileName()),
            tr("Nothing was changed. The file has these problems:\n\n%1").arg(problemText(loaded.problems)));
        return false;
    }
    // A bundle is a record to share, not where edits go: its workspace opens untitled.
    const QString absolute = QFileInfo(path).absoluteFilePath();
    doc_->reset(loaded.value, bundle ? QString() : absolute);
    addRecent(absolute);
    return true;
}

bool MainWindow::save()
{
    if (doc_->filePath().isEmpty())
        return saveAs();
    return saveTo(doc_->filePath());
}

bool MainWindow::saveAs()
{
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save scenario"), QStringLiteral("scenario.tierlens.json"), kFileFilter);
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".json")))
        path += QStringLiteral(".tierlens.json");
    return saveTo(path);
}

bool MainWindow::saveTo(const QString& path)
{
    const QString error = WorkspaceFile::save(path, doc_->workspace());
    if (!error.isEmpty()) {
        message(
            tr("Cannot save"), tr("%1 was not written (any earlier version is intact): %2").arg(path, error));
        return false;
    }
    doc_->setFilePath(QFileInfo(path).absoluteFilePath());
    doc_->markSaved();
    addRecent(doc_->filePath());
    statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    return true;
}

bool MainWindow::offerRecovery()
{
    for (const auto& orphan : recovery_->orphans()) {
        const auto choice = interactive_ ? RecoveryManager::ask(this, orphan) : RecoveryManager::Choice::Keep;
        if (choice == RecoveryManager::Choice::Restore && restoreRecovery(orphan.path))
            return true;
        if (choice == RecoveryManager::Choice::Discard)
            RecoveryManager::remove(orphan.path);
    }
    return false;
}

bool MainWindow::restoreRecovery(const QString& recoveryPath)
{
    auto r = recovery_->read(recoveryPath, lib_);
    if (!r.ok()) {
        message(tr("Cannot restore unsaved work"), problemText(r.problems));
        return false;
    }
    doc_->reset(r.value.workspace, r.value.originalFile);
    doc_->undoStack()->resetClean(); // restored work is not saved anywhere yet
    // This run now holds the work: its own recovery file replaces the old one.
    if (recovery_->flush())
        RecoveryManager::remove(recoveryPath);
    return true;
}

bool MainWindow::maybeSave()
{
    if (!doc_->isModified() || !interactive_)
        return true;
    const auto answer = QMessageBox::warning(this, tr("Unsaved changes"),
        tr("The scenario has changes that are not saved. Save them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    recovery_->discard();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.front().isLocalFile())
        return;
    const QString path = urls.front().toLocalFile();
    if (ModelImportDialog::looksLikeHfConfig(path))
        importModelConfig(path); // an undoable edit of the model, not a new file
    else if (maybeSave())
        openFile(path);
    event->acceptProposedAction();
}

void MainWindow::updateTitle()
{
    const QString name = doc_->filePath().isEmpty() ? tr("Untitled") : QFileInfo(doc_->filePath()).fileName();
    setWindowTitle(tr("%1[*] — Tierlens").arg(name));
    setWindowModified(doc_->isModified());
}

void MainWindow::addRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    recentMenu_->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& path : recent)
        recentMenu_
            ->addAction(QFileInfo(path).fileName(), this,
                [this, path] {
                    if (maybeSave())
                        openFile(path);
                })
            ->setToolTip(path);
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::importModelConfigFromDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import Model Config"), {}, tr("Hugging Face config (config.json *.json);;All files (*)"));
    if (!path.isEmpty())
        importModelConfig(path);
}

bool MainWindow::importModelConfig(const QString& path)
{
    const HfConfigImport imported = ModelImportDialog::read(path);
    const QString name = QFileInfo(path).fileName();
    if (!imported.ok()) {
        message(tr("Cannot import %1").arg(name),
            tr("The model was not changed. The config has these problems:\n\n%1")
                .arg(problemText(imported.model.problems)));
        return false;
    }
    if (interactive_) {
        ModelImportDialog dialog(name, imported, this);
        if (dialog.exec() != QDialog::Accepted)
            return false;
    }
    ModelImportDialog::apply(*doc_, imported.model.value);
    statusBar()->showMessage(
        tr("Imported %1 from %2").arg(QString::fromStdString(imported.model.value.name), name), 5000);
    return true;
}

} // namespace tierlens
