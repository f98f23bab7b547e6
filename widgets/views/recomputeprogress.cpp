#include "widgets/views/recomputeprogress.h"

#include "document/recomputer.h"

#include <QHBoxLayout>
#include <QProgressBar>
#include <QToolButton>

namespace tierlens {

RecomputeProgress::RecomputeProgress(Recomputer* recomputer, QWidget* parent)
    : QWidget(parent)
    , recomputer_(recomputer)
    , bar_(new QProgressBar(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    bar_->setFormat(tr("Computing %v of %m evaluations"));
    bar_->setMinimumWidth(fontMetrics().horizontalAdvance(bar_->format()) + 60);
    auto* cancel = new QToolButton(this);
    cancel->setText(tr("Cancel"));
    cancel->setToolTip(tr("Stop this computation; the views keep the last result"));
    layout->addWidget(bar_);
    layout->addWidget(cancel);
    connect(cancel, &QToolButton::clicked, recomputer_, &Recomputer::cancel);
    connect(recomputer_, &Recomputer::busyChanged, this, &RecomputeProgress::showState);
    // Progress is polled: the worker thread only counts, it never talks to widgets.
    poll_.setInterval(100);
    connect(&poll_, &QTimer::timeout, this, [this] { bar_->setValue(int(recomputer_->progressDone())); });
    showState(recomputer_->busy());
}

void RecomputeProgress::showState(bool busy)
{
    setVisible(busy);
    if (!busy) {
        poll_.stop();
        return;
    }
    bar_->setRange(0, int(recomputer_->progressTotal()));
    bar_->setValue(int(recomputer_->progressDone()));
    poll_.start();
}

} // namespace tierlens
