#include "document/recomputer.h"

#include "document/workspacedocument.h"

#include <QElapsedTimer>

#include <algorithm>

namespace tierlens {

Recomputer::Recomputer(WorkspaceDocument* doc, QObject* parent)
    : QObject(parent)
    , doc_(doc)
{
    timer_.setSingleShot(true);
    timer_.setInterval(0);
    connect(&timer_, &QTimer::timeout, this, &Recomputer::recompute);
    // How figures are drawn changes no number: the window redraws with the result it has.
    connect(doc_, &WorkspaceDocument::changed, this, [this](const WorkspaceChange& change) {
        if (change.affectsResults())
            timer_.start();
    });
}

Recomputer::~Recomputer()
{
    // Nobody listens any more: stop the run and wait for it, without signals.
    if (control_) {
        control_->stop = true;
        worker_.join();
    }
}

void Recomputer::recomputeNow()
{
    timer_.stop();
    abandonBackground();
    QElapsedTimer t;
    t.start();
    auto r = std::make_shared<const WorkspaceResult>(evaluateWorkspace(evaluated()));
    publish(std::move(r), double(t.nsecsElapsed()) / 1e6);
}

void Recomputer::setPinnedBaseline(std::optional<Scenario> pinned)
{
    pinned_ = std::move(pinned);
    recompute();
}

const Workspace& Recomputer::evaluated() const
{
    const Workspace& w = doc_->workspace();
    if (!pinned_ || w.heatmap.baseline)
        return w;
    withPinned_ = w;
    withPinned_.heatmap.baseline = *pinned_;
    return withPinned_;
}

void Recomputer::recompute()
{
    if (busy()) {
        // The run in progress computes a workspace that no longer exists: end it, and start
        // over when it has returned (it checks the stop before every evaluation).
        control_->stop = true;
        pending_ = true;
        return;
    }
    if (workspaceWork(evaluated()) <= kForegroundEvaluations)
        recomputeNow();
    else
        startBackground();
}

void Recomputer::startBackground()
{
    auto control = std::make_shared<StudyControl>();
    control_ = control;
    total_ = workspaceEvaluations(evaluated());
    auto workspace = std::make_shared<const Workspace>(evaluated());
    worker_ = std::thread([this, workspace, control] {
        QElapsedTimer t;
        t.start();
        auto r = std::make_shared<const WorkspaceResult>(evaluateWorkspace(*workspace, control.get()));
        const double ms = double(t.nsecsElapsed()) / 1e6;
        // Queued to this object: if it is gone by then, Qt drops the call.
        QMetaObject::invokeMethod(
            this, [this, r, control, ms] { backgroundFinished(r, control, ms); }, Qt::QueuedConnection);
    });
    emit busyChanged(true);
}

void Recomputer::backgroundFinished(
    const std::shared_ptr<const WorkspaceResult>& r, const std::shared_ptr<StudyControl>& control, double ms)
{
    if (control != control_)
        return; // a run abandoned by recomputeNow(), whose thread was joined there
    worker_.join();
    control_.reset();
    total_ = 0;
    if (pending_) {
        pending_ = false;
        recompute();
        if (busy())
            return; // the next run is under way: stay busy
    } else if (!r->stopped) {
        publish(r, ms);
    }
    emit busyChanged(false);
}

void Recomputer::cancel()
{
    if (!busy())
        return;
    control_->stop = true;
    pending_ = false;
}

std::size_t Recomputer::progressDone() const
{
    return control_ ? control_->done.load(std::memory_order_relaxed) : 0;
}

void Recomputer::abandonBackground()
{
    if (!busy())
        return;
    control_->stop = true;
    worker_.join();
    control_.reset();
    total_ = 0;
    pending_ = false;
    emit busyChanged(false);
}

void Recomputer::publish(std::shared_ptr<const WorkspaceResult> r, double ms)
{
    result_ = std::move(r);
    lastMs_ = ms;
    const auto same
        = [](const Problem& a, const Problem& b) { return a.path == b.path && a.message == b.message; };
    const bool differ = !std::equal(
        problems_.begin(), problems_.end(), result_->problems.begin(), result_->problems.end(), same);
    problems_ = result_->problems;
    emit resultReady(result_);
    if (differ)
        emit problemsChanged(problems_);
}

} // namespace tierlens
