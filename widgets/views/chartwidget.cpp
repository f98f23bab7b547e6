#include "widgets/views/chartwidget.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace tierlens {

ChartWidget::ChartWidget(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    options_.font = font();
}

void ChartWidget::setRenderOptions(const RenderOptions& options)
{
    options_ = options;
    update();
}

void ChartWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), Qt::white); // charts are figures: white paper in every theme
    chartPainter().paint(p, QRectF(rect()), options_);
}

bool ChartWidget::event(QEvent* e)
{
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(e);
}

void ChartWidget::mouseReleaseEvent(QMouseEvent* e)
{
    if (e->button() == Qt::LeftButton)
        clickedAt(e->position());
    QWidget::mouseReleaseEvent(e);
}

QString ChartWidget::toolTipAt(const QPointF&) const
{
    return {};
}

void ChartWidget::clickedAt(const QPointF&)
{
}

} // namespace tierlens
