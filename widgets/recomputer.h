#pragma once

#include "workspace.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace tierlens {

class ScenarioDocument;

/// Turns document changes into results. Edits arriving in one event-loop pass are coalesced by a
/// zero-delay single-shot timer; the views repaint from the immutable snapshot it publishes.
class Recomputer : public QObject {
    Q_OBJECT
public:
    explicit Recomputer(ScenarioDocument* doc, QObject* parent = nullptr);

    std::shared_ptr<const WorkspaceResult> result() const { return result_; }
    /// Milliseconds the last evaluation took.
    double lastComputeMs() const { return lastMs_; }
    /// Evaluates at once (tests, benchmarks, start-up).
    void recomputeNow();

signals:
    void resultReady(std::shared_ptr<const tierlens::WorkspaceResult> result);

private:
    ScenarioDocument* doc_;
    QTimer timer_;
    std::shared_ptr<const WorkspaceResult> result_;
    double lastMs_ = 0;
};

} // namespace tierlens
