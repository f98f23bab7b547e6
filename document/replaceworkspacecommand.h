#pragma once

#include "core/data/workspace.h"
#include "document/workspacechange.h"

#include <QUndoCommand>

namespace tierlens {

class WorkspaceDocument;

/// Swaps the whole workspace: structural edits and preset loads. Workspaces are small plain data,
/// so keeping both copies is simpler and safer than diffing.
class ReplaceWorkspaceCommand : public QUndoCommand {
public:
    ReplaceWorkspaceCommand(WorkspaceDocument* doc, Workspace before, Workspace after, const QString& text);

    void undo() override;
    void redo() override;

private:
    WorkspaceDocument* doc_;
    Workspace before_;
    Workspace after_;
    WorkspaceChange change_; ///< the same both ways: what differs between the two
};

} // namespace tierlens
