#include "widgets/common/wheelguard.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QPointer>
#include <QWheelEvent>

namespace tierlens {

namespace {

bool isValueBox(const QObject* o)
{
    return qobject_cast<const QAbstractSpinBox*>(o) || qobject_cast<const QComboBox*>(o);
}

QAbstractScrollArea* scrollAreaAround(QWidget* w)
{
    for (QWidget* p = w->parentWidget(); p; p = p->parentWidget())
        if (auto* area = qobject_cast<QAbstractScrollArea*>(p))
            return area;
    return nullptr;
}

} // namespace

WheelGuard::WheelGuard(QObject* parent)
    : QObject(parent)
{
}

void WheelGuard::install()
{
    static QPointer<WheelGuard> guard;
    if (guard || !qApp)
        return;
    guard = new WheelGuard(qApp);
    qApp->installEventFilter(guard);
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event)
{
    // Show as well as Polish: a form may have polished its boxes (asking their size) before the
    // guard was installed.
    if ((event->type() == QEvent::Polish || event->type() == QEvent::Show) && isValueBox(watched)) {
        // Qt's default WheelFocus would hand focus to the box under a scrolling wheel, and then
        // the next notch changes its value.
        auto* w = static_cast<QWidget*>(watched);
        if (w->focusPolicy() == Qt::WheelFocus)
            w->setFocusPolicy(Qt::StrongFocus);
        return false;
    }
    if (event->type() != QEvent::Wheel || !isValueBox(watched))
        return false;
    auto* w = static_cast<QWidget*>(watched);
    if (w->hasFocus())
        return false;
    auto* wheel = static_cast<QWheelEvent*>(event);
    if (QAbstractScrollArea* area = scrollAreaAround(w)) {
        // Sent to the viewport, the area scrolls as if the wheel had been turned over empty space.
        QWidget* viewport = area->viewport();
        const QPointF local = viewport->mapFromGlobal(wheel->globalPosition());
        QWheelEvent forwarded(local, wheel->globalPosition(), wheel->pixelDelta(), wheel->angleDelta(),
            wheel->buttons(), wheel->modifiers(), wheel->phase(), wheel->inverted(), wheel->source());
        QCoreApplication::sendEvent(viewport, &forwarded);
        // Accepted, so Qt does not also propagate it up to the same area a second time.
        wheel->accept();
        return true;
    }
    wheel->ignore(); // nothing to scroll: let the parents have it, but never the box
    return true;
}

} // namespace tierlens
