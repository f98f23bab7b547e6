#pragma once

#include "core/data/study.h"
#include "core/study/studycontrol.h"
#include "render/paretopainter.h"
#include "widgets/views/chartwidget.h"

#include <QList>
#include <QTimer>

#include <memory>

class QThread;

namespace tierlens {

/// The Pareto scatter of a Pareto study. The study runs on its own thread (on every core), so the
/// window never waits for it; a newer study stops the run it supersedes. While it runs the view
/// says how far it got. Hovering a point shows its settings; a click asks to load it.
class ParetoView : public ChartWidget {
    Q_OBJECT
public:
    explicit ParetoView(QWidget* parent = nullptr);
    ~ParetoView() override;

    /// Starts evaluating `st` (none: the view says how to get a Pareto study).
    void setStudy(std::shared_ptr<const Study> st);
    const std::shared_ptr<const Study>& study() const { return study_; }
    bool running() const { return bool(run_); }
    const ChartPainter& chartPainter() const override { return painter_; }
    const ParetoPainter& painter() const { return painter_; }

signals:
    /// A point was clicked: the scenario of that design.
    void pointActivated(std::size_t index);
    /// The run of the current study finished (also when it was empty).
    void finished();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    QString toolTipAt(const QPointF& pos) const override;
    void clickedAt(const QPointF& pos) override;

private:
    struct Run;
    std::shared_ptr<const Study> study_;
    std::shared_ptr<Run> run_; ///< the run being waited for
    QList<QThread*> threads_; ///< every thread still running, superseded ones included
    QTimer progress_;
    ParetoPainter painter_;
};

} // namespace tierlens
