#pragma once

#include <QDialog>

class QLabel;
class QTableWidget;

namespace tierlens {

class WorkspaceDocument;

/// The workspace's ranged constants (workspace.ranges) as a table: path, low, high, label and
/// source. Adding, removing or editing a row is one undoable edit of the document; an edit that
/// would leave a range the scenario cannot take (a path it lacks, low above high, a value the
/// field refuses) is not made, and the message names the field.
class RangesEditor : public QDialog {
    Q_OBJECT
public:
    explicit RangesEditor(WorkspaceDocument* doc, QWidget* parent = nullptr);

    QTableWidget* table() const { return table_; }
    QString message() const;

    /// Adds a range of ±20 % around a constant not ranged yet (the heatmap's x axis first).
    void addRange();
    void removeRange(int row);

private:
    void reload();
    void cellEdited(int row, int column);

    WorkspaceDocument* doc_;
    QTableWidget* table_;
    QLabel* message_;
    bool loading_ = false;
};

} // namespace tierlens
