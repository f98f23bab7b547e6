#pragma once

#include <QWidget>

#include <optional>
#include <vector>

class QComboBox;
class QLineEdit;
class QPushButton;

namespace tierlens {

class MessageLabel;
class ParamForm;
class WorkspaceDocument;

/// The workload: the batches shown side by side, the batch core::evaluate() uses, the prompt length
/// and the routing distribution.
class WorkloadEditor : public QWidget {
    Q_OBJECT
public:
    explicit WorkloadEditor(WorkspaceDocument* doc, QWidget* parent = nullptr);

    ParamForm* form() const { return form_; }
    ParamForm* routingForm() const { return routingForm_; }
    QLineEdit* batchesEdit() const { return batches_; }
    /// The red line under the batch list; empty while the text is fine.
    QString batchesMessage() const;
    QComboBox* routing() const { return routing_; }

    /// Sets the batch list from text as one undo step; on bad text shows why and keeps the list.
    bool applyBatches(const QString& text);

    /// "1, 4, 16" → {1, 4, 16}; commas, semicolons or spaces separate. Nothing, with the reason,
    /// for anything but whole numbers from 1 to 2^24 without repeats.
    static std::optional<std::vector<int>> parseBatches(const QString& text, QString* error = nullptr);
    static QString formatBatches(const std::vector<int>& batches);

    /// Reads a layer,token,expert CSV into the scenario's routing; false (message shown) on a bad file.
    bool importTraceFile(const QString& file);

private:
    void refresh();
    void importTrace();

    WorkspaceDocument* doc_;
    ParamForm* form_;
    ParamForm* routingForm_; ///< the routing's numbers, below its kind so they read in order
    QLineEdit* batches_;
    MessageLabel* message_;
    QComboBox* routing_;
    QPushButton* importTrace_;
    std::vector<int> shown_; ///< the document's list the text was last set from
};

} // namespace tierlens
