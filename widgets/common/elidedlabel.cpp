#include "widgets/common/elidedlabel.h"

#include <QHelpEvent>
#include <QPainter>
#include <QStyle>
#include <QToolTip>

#include <algorithm>

namespace tierlens {

namespace {
constexpr int kMinimumChars = 8;
// A form gives its labels the width they ask for and squeezes the fields: past this many
// characters a label asks for no more, and elides, so a value like "989.4 TFLOP/s" keeps its room
// in a narrow dock.
constexpr int kMaximumChars = 20;
} // namespace

ElidedLabel::ElidedLabel(const QString& text, int preferredWidth, QWidget* parent)
    : QLabel(text, parent)
    , preferredWidth_(preferredWidth)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
}

QString ElidedLabel::shownText() const
{
    return fontMetrics().elidedText(text(), Qt::ElideMiddle, std::max(0, contentsRect().width()));
}

QString ElidedLabel::shownToolTip() const
{
    if (shownText() == text())
        return toolTip();
    return toolTip().isEmpty() ? text() : text() + QLatin1Char('\n') + toolTip();
}

QSize ElidedLabel::sizeHint() const
{
    const QSize s = QLabel::sizeHint();
    const int cap = fontMetrics().averageCharWidth() * kMaximumChars;
    return { std::min(std::max(s.width(), preferredWidth_), std::max(cap, minimumSizeHint().width())),
        s.height() };
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QSize s = QLabel::sizeHint();
    const int few = fontMetrics().averageCharWidth() * kMinimumChars;
    return { std::min(s.width(), few), s.height() };
}

void ElidedLabel::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    const QRect r = contentsRect();
    style()->drawItemText(&p, r, int(QStyle::visualAlignment(layoutDirection(), alignment())), palette(),
        isEnabled(), shownText(), foregroundRole());
}

bool ElidedLabel::event(QEvent* e)
{
    if (e->type() == QEvent::ToolTip) {
        const QString tip = shownToolTip();
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(static_cast<QHelpEvent*>(e)->globalPos(), tip, this);
        return true;
    }
    return QLabel::event(e);
}

} // namespace tierlens
