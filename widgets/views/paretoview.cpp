#include "widgets/views/paretoview.h"

#include "render/chartaxis.h"

#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QThread>

#include <algorithm>

namespace tierlens {

struct ParetoView::Run {
    std::shared_ptr<const Study> study;
    StudyControl control;
    ParetoResult result;
    std::size_t total = 0;
};

ParetoView::ParetoView(QWidget* parent)
    : ChartWidget(parent)
{
    setMouseTracking(true);
    progress_.setInterval(100);
    connect(&progress_, &QTimer::timeout, this, qOverload<>(&QWidget::update));
}

ParetoView::~ParetoView()
{
    // Stop every run and wait: the threads write into runs this view shares.
    if (run_)
        run_->control.stop = true;
    for (QThread* t : threads_) {
        t->wait();
        delete t;
    }
}

void ParetoView::setStudy(std::shared_ptr<const Study> st)
{
    if (run_)
        run_->control.stop = true; // superseded: its result is dropped when it ends
    run_.reset();
    study_ = std::move(st);
    painter_.setData({});
    painter_.setHighlighted(std::nullopt);
    if (!study_ || study_->kind != Study::Kind::Pareto) {
        progress_.stop();
        update();
        emit finished();
        return;
    }
    auto run = std::make_shared<Run>();
    run->study = study_;
    run->total = paretoPointCount(*study_);
    run_ = run;
    QThread* t = QThread::create([run] { run->result = runParetoStudy(*run->study, &run->control); });
    threads_ << t;
    connect(t, &QThread::finished, this, [this, run, t] {
        threads_.removeOne(t);
        t->deleteLater();
        if (run != run_)
            return;
        run_.reset();
        progress_.stop();
        if (!run->result.stopped)
            painter_.setData(ParetoChartData::fromResult(run->result));
        update();
        emit finished();
    });
    progress_.start();
    t->start();
    update();
}

void ParetoView::paintEvent(QPaintEvent* event)
{
    ChartWidget::paintEvent(event);
    QString text;
    if (run_)
        text = tr("Evaluating %1 of %2 design points…")
                   .arg(QLocale().toString(qulonglong(run_->control.done.load())))
                   .arg(QLocale().toString(qulonglong(run_->total)));
    else if (!study_)
        text = tr("Open a Pareto study (Presets → Studies → pareto) to see its design space here.");
    if (text.isEmpty())
        return;
    QPainter p(this);
    p.setPen(QColor(30, 30, 30));
    p.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap, text);
}

void ParetoView::mouseMoveEvent(QMouseEvent* event)
{
    const auto i = painter_.hitTest(QRectF(rect()), renderOptions(), event->position(), this);
    painter_.setHighlighted(i);
    update();
    ChartWidget::mouseMoveEvent(event);
}

QString ParetoView::toolTipAt(const QPointF& pos) const
{
    const auto i = painter_.hitTest(QRectF(rect()), renderOptions(), pos, this);
    if (!i || !study_)
        return {};
    const ParetoPoint& p = painter_.data().points[*i];
    const auto& front = painter_.data().front;
    const bool onFront = std::find(front.begin(), front.end(), *i) != front.end();
    return tr("<b>Point %1</b>%2<br>%3 %4, %5 ms<br>%6<br><i>Click to load it into the scenario.</i>")
        .arg(*i)
        .arg(onFront                         ? tr(" (on the front)")
                : painter_.data().fitsAt(*i) ? QString()
                                             : tr(" (does not fit memory)"))
        .arg(ChartAxis::format(p.value, 4), painter_.data().yUnit, ChartAxis::format(p.latencyMs, 4))
        .arg(ParetoChartData::describe(*study_, *i)
                 .toHtmlEscaped()
                 .replace(QLatin1Char('\n'), QStringLiteral("<br>")));
}

void ParetoView::clickedAt(const QPointF& pos)
{
    if (const auto i = painter_.hitTest(QRectF(rect()), renderOptions(), pos, this))
        emit pointActivated(*i);
}

} // namespace tierlens
