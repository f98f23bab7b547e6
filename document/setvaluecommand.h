#pragma once

#include <QElapsedTimer>
#include <QUndoCommand>

#include <string>

namespace tierlens {

class WorkspaceDocument;

/// Changes one number of the scenario. Consecutive changes of the same path within a short
/// pause merge, so a slider drag or typing a value is a single undo step.
class SetValueCommand : public QUndoCommand {
public:
    static constexpr int kId = 0x7417;
    static constexpr qint64 kMergeWindowMs = 1500;

    SetValueCommand(WorkspaceDocument* doc, std::string path, double oldValue, double newValue);

    void undo() override;
    void redo() override;
    int id() const override { return kId; }
    bool mergeWith(const QUndoCommand* other) override;

    const std::string& path() const { return path_; }

private:
    WorkspaceDocument* doc_;
    std::string path_;
    double old_;
    double new_;
    QElapsedTimer lastEdit_;
};

} // namespace tierlens
