#pragma once

#include "core/data/workspace.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>
#include <thread>

namespace tierlens {

class WorkspaceDocument;

/// Turns document changes into results. Edits arriving in one event-loop pass are coalesced by a
/// zero-delay single-shot timer; the views repaint from the immutable snapshot it publishes.
/// A workspace too large to evaluate within a frame (a big heatmap) is evaluated on a worker
/// thread: the last result stays on screen meanwhile, an edit during the run stops it and starts
/// over, and cancel() stops it and keeps the last result.
class Recomputer : public QObject {
    Q_OBJECT
public:
    /// Above this many evaluations (workspaceWork: a heatmap over an energy constant costs one
    /// plan per row, not one evaluation per cell) a workspace is evaluated off the GUI thread.
    /// One evaluation takes about 2 µs here (docs/testing.md, Speed), so this many fit in a 16 ms
    /// frame with room to draw.
    static constexpr std::size_t kForegroundEvaluations = 2048;

    explicit Recomputer(WorkspaceDocument* doc, QObject* parent = nullptr);
    ~Recomputer() override;

    std::shared_ptr<const WorkspaceResult> result() const { return result_; }
    /// Why the workspace cannot be evaluated, from the last result: the one check of each edit,
    /// read by the editor panel and the window's banner alike (with problemLine()).
    const Problems& problems() const { return problems_; }
    /// Milliseconds the last evaluation took.
    double lastComputeMs() const { return lastMs_; }
    /// Evaluates at once on this thread, whatever the size (tests, benchmarks, start-up); a run
    /// in the background is abandoned.
    void recomputeNow();

    bool busy() const { return control_ != nullptr; }
    /// Evaluations done so far by the background run, and how many it has in all.
    std::size_t progressDone() const;
    std::size_t progressTotal() const { return total_; }
    /// Stops the background run; the last result stays.
    void cancel();

    /// A scenario pinned for comparison (A/B): while the heatmap has no baseline of its own, its
    /// cells are ratios to this one's at the same point. None unpins; either recomputes.
    void setPinnedBaseline(std::optional<Scenario> pinned);
    /// What is evaluated: the document's workspace, with the pinned scenario as the heatmap's
    /// baseline when it has none of its own. Views and explanations read the result against it.
    const Workspace& evaluated() const;

signals:
    void resultReady(std::shared_ptr<const tierlens::WorkspaceResult> result);
    void busyChanged(bool busy);
    /// The problems differ from the last result's.
    void problemsChanged(const tierlens::Problems& problems);

private:
    void recompute();
    void startBackground();
    void backgroundFinished(const std::shared_ptr<const WorkspaceResult>& r,
        const std::shared_ptr<StudyControl>& control, double ms);
    void abandonBackground();
    void publish(std::shared_ptr<const WorkspaceResult> r, double ms);

    WorkspaceDocument* doc_;
    QTimer timer_;
    std::shared_ptr<const WorkspaceResult> result_;
    Problems problems_;
    double lastMs_ = 0;
    std::shared_ptr<StudyControl> control_; ///< the background run's; null when idle
    std::thread worker_;
    std::size_t total_ = 0;
    bool pending_ = false; ///< an edit arrived during the run: evaluate again when it ends
    std::optional<Scenario> pinned_;
    mutable Workspace withPinned_; ///< evaluated() when a pinned baseline applies
};

} // namespace tierlens
