#include "document/workspacedocument.h"

#include "core/data/parampath.h"
#include "document/replaceworkspacecommand.h"
#include "document/setvaluecommand.h"

namespace tierlens {

WorkspaceDocument::WorkspaceDocument(QObject* parent)
    : QObject(parent)
{
}

bool WorkspaceDocument::setValue(const QString& path, double value, QString* error)
{
    const std::string p = path.toStdString();
    std::string why;
    Scenario probe = workspace_.scenario;
    const auto old = parampath::get(probe, p, &why);
    if (!old || !parampath::set(probe, p, value, &why)) {
        if (error)
            *error = QString::fromStdString(why);
        return false;
    }
    if (*old == value)
        return true;
    undo_.push(new SetValueCommand(this, p, *old, value));
    return true;
}

void WorkspaceDocument::edit(const QString& text, const std::function<void(Workspace&)>& change)
{
    Workspace next = workspace_;
    change(next);
    undo_.push(new ReplaceWorkspaceCommand(this, workspace_, std::move(next), text));
}

void WorkspaceDocument::reset(const Workspace& w, const QString& filePath)
{
    undo_.clear();
    setFilePath(filePath);
    applyWorkspace(w, WorkspaceChange::whole());
}

void WorkspaceDocument::setFilePath(const QString& path)
{
    if (path == filePath_)
        return;
    filePath_ = path;
    emit filePathChanged(path);
}

void WorkspaceDocument::applyWorkspace(const Workspace& w, const WorkspaceChange& change)
{
    workspace_ = w;
    emit changed(change);
}

void WorkspaceDocument::applyValue(const std::string& path, double value)
{
    parampath::set(workspace_.scenario, path, value);
    emit changed(WorkspaceChange::value(path));
}

} // namespace tierlens
