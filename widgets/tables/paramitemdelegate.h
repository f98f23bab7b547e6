#pragma once

#include <QStyledItemDelegate>

namespace tierlens {

/// Editors for ScenarioTableModel cells: a NumberSpinBox configured from the cell's ParamInfo
/// (range, whole numbers), a combo box for columns with ChoicesRole, a line edit otherwise.
/// The value is committed once, on Enter or focus out, so a cell edit is one undo step.
class ParamItemDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ParamItemDelegate(QObject* parent = nullptr);

    QWidget* createEditor(
        QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

signals:
    /// A cell's typed number was not applied (see NumberSpinBox::refused).
    void refused(const QString& message);
};

} // namespace tierlens
