#pragma once

#include "core/data/problem.h"
#include "core/data/workspace.h"

#include <QDateTime>
#include <QList>
#include <QLockFile>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

class QWidget;

namespace tierlens {

class PresetLibrary;
class WorkspaceDocument;

/// Keeps unsaved work safe across a crash: while the document has unsaved changes it is written to
/// a recovery file a few seconds after the last edit (and at least every half minute of editing);
/// a save, a return to the saved state or an orderly exit removes the file. A recovery file whose
/// run is gone (its lock file is stale) is an orphan that the next start offers to restore.
class RecoveryManager : public QObject {
    Q_OBJECT
public:
    /// A recovery file an earlier run left behind.
    struct Orphan {
        QString path;
        QDateTime saved;
        QString originalFile; ///< empty when the work was never saved to a file
    };
    struct Recovered {
        Workspace workspace;
        QString originalFile;
    };
    enum class Choice { Restore, Discard, Keep };

    /// `directory` holds the recovery files and the lock files that mark their runs as alive.
    RecoveryManager(WorkspaceDocument* doc, const QString& directory, QObject* parent = nullptr);
    ~RecoveryManager() override;

    /// The application's recovery directory under its data location.
    static QString defaultDirectory();
    void setDelays(int idleMs, int maxMs);
    /// This run's recovery file (it exists only while there are unsaved changes).
    QString recoveryPath() const { return path_; }
    /// Writes (or removes, when nothing is unsaved) the recovery file now. False when writing failed.
    bool flush();
    /// Removes this run's recovery file: a clean quit.
    void discard();

    /// Recovery files of runs that ended without a clean quit, newest first.
    QList<Orphan> orphans() const;
    /// Reads an orphan. A file that cannot be read is renamed to `<name>.bad`, so it is neither
    /// offered again nor lost; the problems name it and where it was kept.
    Loaded<Recovered> read(const QString& orphanPath, const PresetLibrary& lib) const;
    /// Deletes an orphan once restored or declined.
    static void remove(const QString& orphanPath);
    /// Asks whether to restore an orphan, naming when it was saved and which file it belonged to.
    static Choice ask(QWidget* parent, const Orphan& orphan);

signals:
    void writeFailed(const QString& reason);

private:
    void schedule();

    WorkspaceDocument* doc_;
    QString dir_;
    QString path_;
    std::unique_ptr<QLockFile> lock_;
    QTimer idle_;
    QTimer max_;
};

} // namespace tierlens
