#include "document/setvaluecommand.h"

#include "document/paramlabel.h"
#include "document/workspacedocument.h"

namespace tierlens {

SetValueCommand::SetValueCommand(WorkspaceDocument* doc, std::string path, double oldValue, double newValue)
    : doc_(doc)
    , path_(std::move(path))
    , old_(oldValue)
    , new_(newValue)
{
    // The Undo menu reads "Undo Change SSD read energy (pJ/bit)", not the JSON path.
    setText(QObject::tr("Change %1").arg(ParamLabel::text(doc_->scenario(), path_)));
    lastEdit_.start();
}

void SetValueCommand::undo()
{
    doc_->applyValue(path_, old_);
}

void SetValueCommand::redo()
{
    doc_->applyValue(path_, new_);
}

bool SetValueCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = static_cast<const SetValueCommand*>(other);
    if (o->path_ != path_ || lastEdit_.elapsed() > kMergeWindowMs)
        return false;
    new_ = o->new_;
    lastEdit_.start();
    setObsolete(new_ == old_); // dragged back to where it started: nothing to undo
    return true;
}

} // namespace tierlens
