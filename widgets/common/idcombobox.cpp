#include "widgets/common/idcombobox.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QStyleOptionComboBox>
#include <QStylePainter>
#include <QToolTip>

namespace tierlens {

IdComboBox::IdComboBox(QWidget* parent)
    : QComboBox(parent)
{
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(12);
    view()->setTextElideMode(Qt::ElideMiddle); // the popup too: ends tell presets apart
    connect(this, &QComboBox::activated, this, [this](int index) {
        if (index >= 0 && index < items_.size())
            emit idChosen(items_[index].id);
    });
}

void IdComboBox::setItems(const QList<Item>& items)
{
    if (items == items_)
        return;
    const QSignalBlocker block(this);
    const QString current = currentId();
    items_ = items;
    clear();
    for (const Item& i : items_) {
        addItem(i.label, i.id);
        setItemData(count() - 1, i.toolTip, Qt::ToolTipRole);
    }
    setCurrentId(current);
}

void IdComboBox::setCurrentId(const QString& id, const QString& unknownLabel)
{
    const QSignalBlocker block(this);
    for (int i = 0; i < items_.size(); ++i)
        if (items_[i].id == id) {
            while (count() > items_.size())
                removeItem(count() - 1);
            setCurrentIndex(i);
            return;
        }
    const QString label = unknownLabel.isEmpty() ? tr("%1 (missing)").arg(id) : unknownLabel;
    if (count() == items_.size())
        addItem(label, id);
    setItemText(count() - 1, label);
    setItemData(count() - 1, id);
    setCurrentIndex(count() - 1);
}

QRect IdComboBox::textRect() const
{
    QStyleOptionComboBox opt;
    initStyleOption(&opt);
    return style()->subControlRect(QStyle::CC_ComboBox, &opt, QStyle::SC_ComboBoxEditField, this);
}

QString IdComboBox::shownText() const
{
    return fontMetrics().elidedText(currentText(), Qt::ElideMiddle, std::max(0, textRect().width() - 2));
}

QString IdComboBox::shownToolTip() const
{
    if (shownText() == currentText())
        return toolTip();
    return toolTip().isEmpty() ? currentText() : currentText() + QStringLiteral("\n\n") + toolTip();
}

void IdComboBox::paintEvent(QPaintEvent*)
{
    QStylePainter p(this);
    QStyleOptionComboBox opt;
    initStyleOption(&opt);
    p.drawComplexControl(QStyle::CC_ComboBox, opt);
    opt.currentText = shownText();
    p.drawControl(QStyle::CE_ComboBoxLabel, opt);
}

bool IdComboBox::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && shownText() != currentText()) {
        QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(), shownToolTip(), this);
        return true;
    }
    return QComboBox::event(event);
}

QString IdComboBox::currentId() const
{
    return currentData().toString();
}

bool IdComboBox::choose(const QString& id)
{
    for (int i = 0; i < items_.size(); ++i)
        if (items_[i].id == id) {
            setCurrentIndex(i);
            emit activated(i);
            return true;
        }
    return false;
}

} // namespace tierlens
