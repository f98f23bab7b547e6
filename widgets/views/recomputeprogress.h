#pragma once

#include <QTimer>
#include <QWidget>

class QProgressBar;

namespace tierlens {

class Recomputer;

/// The status-bar face of a background evaluation: how far it is, and a button that stops it.
/// Hidden while nothing runs in the background.
class RecomputeProgress : public QWidget {
    Q_OBJECT
public:
    explicit RecomputeProgress(Recomputer* recomputer, QWidget* parent = nullptr);

private:
    void showState(bool busy);

    Recomputer* recomputer_;
    QProgressBar* bar_;
    QTimer poll_;
};

} // namespace tierlens
