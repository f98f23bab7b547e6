#include "widgets/tables/paramitemdelegate.h"

#include "document/paramlabel.h"
#include "document/workspacedocument.h"
#include "widgets/common/numberspinbox.h"
#include "widgets/tables/scenariotablemodel.h"

#include <QComboBox>

namespace tierlens {

ParamItemDelegate::ParamItemDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

QWidget* ParamItemDelegate::createEditor(
    QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const auto* model = qobject_cast<const ScenarioTableModel*>(index.model());
    if (model && !index.data(ScenarioTableModel::ParamPathRole).toString().isEmpty()) {
        auto* box = new NumberSpinBox(parent);
        const ParamInfo info = model->paramInfo(index);
        box->setParam(info, false);
        box->setLabel(ParamLabel::name(model->document()->scenario(), info.path));
        auto* self = const_cast<ParamItemDelegate*>(this);
        connect(box, &NumberSpinBox::refused, self, &ParamItemDelegate::refused);
        box->setFrame(false);
        box->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return box;
    }
    const QStringList choices = index.data(ScenarioTableModel::ChoicesRole).toStringList();
    if (!choices.isEmpty()) {
        auto* combo = new QComboBox(parent);
        combo->addItems(choices);
        // A pick is the whole edit: commit it at once instead of waiting for focus to leave.
        auto* self = const_cast<ParamItemDelegate*>(this);
        connect(combo, &QComboBox::activated, self, [self, combo] {
            emit self->commitData(combo);
            emit self->closeEditor(combo);
        });
        return combo;
    }
    return QStyledItemDelegate::createEditor(parent, option, index);
}

void ParamItemDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    if (auto* box = qobject_cast<NumberSpinBox*>(editor))
        box->setValue(index.data(Qt::EditRole).toDouble());
    else if (auto* combo = qobject_cast<QComboBox*>(editor))
        combo->setCurrentIndex(index.data(Qt::EditRole).toInt());
    else
        QStyledItemDelegate::setEditorData(editor, index);
}

void ParamItemDelegate::setModelData(
    QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    if (auto* box = qobject_cast<NumberSpinBox*>(editor)) {
        box->interpretText();
        model->setData(index, box->value());
    } else if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        model->setData(index, combo->currentIndex());
    } else {
        QStyledItemDelegate::setModelData(editor, model, index);
    }
}

} // namespace tierlens
