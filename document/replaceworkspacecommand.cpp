#include "document/replaceworkspacecommand.h"

#include "document/workspacedocument.h"

namespace tierlens {

ReplaceWorkspaceCommand::ReplaceWorkspaceCommand(
    WorkspaceDocument* doc, Workspace before, Workspace after, const QString& text)
    : QUndoCommand(text)
    , doc_(doc)
    , before_(std::move(before))
    , after_(std::move(after))
    , change_(WorkspaceChange::between(before_, after_))
{
}

void ReplaceWorkspaceCommand::undo()
{
    doc_->applyWorkspace(before_, change_);
}

void ReplaceWorkspaceCommand::redo()
{
    doc_->applyWorkspace(after_, change_);
}

} // namespace tierlens
