#include "recomputer.h"

#include "scenariodocument.h"

#include <QElapsedTimer>

namespace tierlens {

Recomputer::Recomputer(ScenarioDocument* doc, QObject* parent)
    : QObject(parent)
    , doc_(doc)
{
    timer_.setSingleShot(true);
    timer_.setInterval(0);
    connect(&timer_, &QTimer::timeout, this, &Recomputer::recomputeNow);
    connect(doc_, &ScenarioDocument::changed, &timer_, qOverload<>(&QTimer::start));
}

void Recomputer::recomputeNow()
{
    timer_.stop();
    QElapsedTimer t;
    t.start();
    // A whole workspace evaluates in well under a millisecond (see the README's Speed section),
    // so it runs on the GUI thread and every view repaints within the same frame.
    result_ = std::make_shared<const WorkspaceResult>(evaluateWorkspace(doc_->workspace()));
    lastMs_ = double(t.nsecsElapsed()) / 1e6;
    emit resultReady(result_);
}

} // namespace tierlens
