#include "widgets/common/messagelabel.h"

namespace tierlens {

MessageLabel::MessageLabel(QWidget* parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Inside a QToolBox page the inherited roles would pick ButtonText; pin the role we colour.
    setForegroundRole(QPalette::WindowText);
    QPalette pal = palette();
    pal.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    setPalette(pal);
    hide();
}

void MessageLabel::showMessage(const QString& text)
{
    setText(text);
    setVisible(!text.isEmpty());
}

} // namespace tierlens
