#include "idcombobox.h"

namespace tierlens {

IdComboBox::IdComboBox(QWidget* parent)
    : QComboBox(parent)
{
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(12);
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

QString IdComboBox::currentId() const { return currentData().toString(); }

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
