#pragma once

#include "core/data/workspace.h"
#include "document/workspacechange.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <functional>

namespace tierlens {

/// The workspace being edited, with its undo history and file. Every edit goes through an undo
/// command; views listen to changed(), which says what changed, and never mutate the workspace
/// themselves. What is selected on screen is not the document's: a click that only selects
/// changes nothing here.
class WorkspaceDocument : public QObject {
    Q_OBJECT
public:
    explicit WorkspaceDocument(QObject* parent = nullptr);

    const Workspace& workspace() const { return workspace_; }
    const Scenario& scenario() const { return workspace_.scenario; }
    QUndoStack* undoStack() { return &undo_; }

    /// Sets one number by ParamPath as an undoable step. Consecutive edits of the same path within
    /// a short time merge into one step (a slider drag or typing is one undo). Returns false, with
    /// the reason, when the path does not exist or the value is not acceptable for the field.
    bool setValue(const QString& path, double value, QString* error = nullptr);

    /// A structural edit (add a tier, change the placement, load a preset) as one undoable step:
    /// `change` edits a copy of the workspace, which then replaces the current one.
    void edit(const QString& text, const std::function<void(Workspace&)>& change);

    /// New or opened file: replaces the workspace and clears the undo history.
    void reset(const Workspace& w, const QString& filePath);

    QString filePath() const { return filePath_; }
    void setFilePath(const QString& path);
    bool isModified() const { return !undo_.isClean(); }
    void markSaved() { undo_.setClean(); }

    /// Used by the undo commands only.
    void applyWorkspace(const Workspace& w, const WorkspaceChange& change);
    void applyValue(const std::string& path, double value);

signals:
    void changed(const tierlens::WorkspaceChange& change);
    void filePathChanged(const QString& path);

private:
    Workspace workspace_;
    QUndoStack undo_;
    QString filePath_;
};

} // namespace tierlens
