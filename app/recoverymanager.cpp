#include "app/recoverymanager.h"

#include "app/workspacefile.h"
#include "core/io/presetlibrary.h"
#include "document/workspacedocument.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>

namespace tierlens {

namespace {
const QString kSuffix = QStringLiteral(".tierlens-recovery.json");
constexpr int kFormat = 1;

/// A string member of a JSON object; empty when it is missing or not a string.
std::string stringField(const nlohmann::json& j, const char* key)
{
    if (!j.is_object())
        return {};
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

QString lockPathOf(const QString& recoveryPath)
{
    return recoveryPath.left(recoveryPath.size() - kSuffix.size()) + QStringLiteral(".lock");
}
} // namespace

RecoveryManager::RecoveryManager(WorkspaceDocument* doc, const QString& directory, QObject* parent)
    : QObject(parent)
    , doc_(doc)
    , dir_(directory)
{
    QDir().mkpath(dir_);
    path_ = QDir(dir_).filePath(QUuid::createUuid().toString(QUuid::WithoutBraces) + kSuffix);
    // The lock says "this run is alive"; when the run dies the lock goes stale and its file is an orphan.
    lock_ = std::make_unique<QLockFile>(lockPathOf(path_));
    lock_->setStaleLockTime(0); // only a dead process makes a lock stale, never its age
    lock_->tryLock(0);
    // Runs that died with nothing unsaved leave only a lock; taking a stale lock and letting it go
    // removes it. A live run's lock is not taken.
    for (const QString& name : QDir(dir_).entryList({ QStringLiteral("*.lock") }, QDir::Files)) {
        QLockFile other(QDir(dir_).filePath(name));
        other.setStaleLockTime(0);
        other.tryLock(0);
    }
    idle_.setSingleShot(true);
    max_.setSingleShot(true);
    setDelays(5000, 30000);
    connect(&idle_, &QTimer::timeout, this, &RecoveryManager::flush);
    connect(&max_, &QTimer::timeout, this, &RecoveryManager::flush);
    connect(doc_, &WorkspaceDocument::changed, this, &RecoveryManager::schedule);
    connect(doc_, &WorkspaceDocument::filePathChanged, this, &RecoveryManager::schedule);
    connect(doc_->undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (clean)
            discard();
    });
}

RecoveryManager::~RecoveryManager()
{
    // Destruction is an orderly exit; a crash never gets here and leaves the file for the next run.
    discard();
}

QString RecoveryManager::defaultDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("recovery"));
}

void RecoveryManager::setDelays(int idleMs, int maxMs)
{
    idle_.setInterval(idleMs);
    max_.setInterval(maxMs);
}

void RecoveryManager::schedule()
{
    // Wait for a pause in editing, but never let a long editing session go unsaved for long.
    idle_.start();
    if (!max_.isActive())
        max_.start();
}

bool RecoveryManager::flush()
{
    idle_.stop();
    max_.stop();
    if (!doc_->isModified()) {
        QFile::remove(path_);
        return true;
    }
    const nlohmann::json j = {
        { "tierlens_recovery", kFormat },
        { "saved", QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString() },
        { "file", doc_->filePath().toStdString() },
        { "workspace", toJson(doc_->workspace()) },
    };
    QDir().mkpath(dir_);
    const QString error = WorkspaceFile::writeJson(path_, j);
    if (!error.isEmpty()) {
        emit writeFailed(tr("Cannot write the recovery file %1: %2").arg(path_, error));
        return false;
    }
    return true;
}

void RecoveryManager::discard()
{
    idle_.stop();
    max_.stop();
    QFile::remove(path_);
}

QList<RecoveryManager::Orphan> RecoveryManager::orphans() const
{
    QList<Orphan> found;
    const QDir dir(dir_);
    for (const QFileInfo& info : dir.entryInfoList({ QStringLiteral("*") + kSuffix }, QDir::Files)) {
        const QString path = info.absoluteFilePath();
        if (path == QFileInfo(path_).absoluteFilePath())
            continue;
        QLockFile lock(lockPathOf(path));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0))
            continue; // its run is still going, in another window
        Orphan o { path, info.lastModified().toUTC(), {} };
        // The header is informative only; a file that cannot be read is reported when restored.
        const auto j = WorkspaceFile::readJson(path);
        if (j.ok()) {
            const QDateTime saved
                = QDateTime::fromString(QString::fromStdString(stringField(j.value, "saved")), Qt::ISODate);
            if (saved.isValid())
                o.saved = saved;
            o.originalFile = QString::fromStdString(stringField(j.value, "file"));
        }
        found.push_back(o);
    }
    std::sort(found.begin(), found.end(), [](const Orphan& a, const Orphan& b) { return a.saved > b.saved; });
    return found;
}

Loaded<RecoveryManager::Recovered> RecoveryManager::read(
    const QString& orphanPath, const PresetLibrary& lib) const
{
    Loaded<Recovered> r;
    const std::string name = QFileInfo(orphanPath).fileName().toStdString();
    const auto j = WorkspaceFile::readJson(orphanPath);
    r.problems = j.problems;
    if (j.ok()) {
        const auto& v = j.value;
        if (!v.is_object() || v.value("tierlens_recovery", nlohmann::json()) != kFormat
            || !v.contains("workspace") || !v.value("file", nlohmann::json()).is_string()) {
            r.problems.push_back({ name,
                "is not a Tierlens recovery file (expected an object with "
                "\"tierlens_recovery\": 1, \"file\" and \"workspace\")" });
        } else {
            auto ws = loadWorkspace(v["workspace"], lib);
            for (auto& p : ws.problems)
                r.problems.push_back({ name + ": workspace", p.toString() });
            r.value = { std::move(ws.value), QString::fromStdString(stringField(v, "file")) };
        }
    }
    if (!r.ok()) {
        const QString bad = orphanPath + QStringLiteral(".bad");
        QFile::remove(bad);
        const bool kept = QFile::rename(orphanPath, bad);
        r.problems.push_back({ name,
            kept ? "kept as " + bad.toStdString() + " for inspection"
                 : "could not be moved aside; it stays at " + orphanPath.toStdString() });
    }
    return r;
}

void RecoveryManager::remove(const QString& orphanPath)
{
    QFile::remove(orphanPath);
    QFile::remove(lockPathOf(orphanPath));
}

RecoveryManager::Choice RecoveryManager::ask(QWidget* parent, const Orphan& orphan)
{
    const QString when = QLocale().toString(orphan.saved.toLocalTime(), QLocale::LongFormat);
    const QString what = orphan.originalFile.isEmpty()
        ? tr("an untitled scenario")
        : tr("<b>%1</b>").arg(QDir::toNativeSeparators(orphan.originalFile).toHtmlEscaped());
    QMessageBox box(QMessageBox::Question, tr("Recover unsaved work"),
        tr("Tierlens did not quit normally. Unsaved changes to %1 were saved automatically on %2.<br><br>"
           "Restore them?")
            .arg(what, when),
        QMessageBox::NoButton, parent);
    auto* restore = box.addButton(tr("Restore"), QMessageBox::AcceptRole);
    auto* discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box.addButton(tr("Keep for Later"), QMessageBox::RejectRole);
    box.setDefaultButton(restore);
    box.exec();
    if (box.clickedButton() == restore)
        return Choice::Restore;
    return box.clickedButton() == discard ? Choice::Discard : Choice::Keep;
}

} // namespace tierlens
