#pragma once

#include <QGroupBox>

#include <array>

class QComboBox;

namespace tierlens {

class WorkspaceDocument;

/// The data type of each weight class of the model (routed experts, the other weights, embeddings
/// and LM head, KV cache): one combo box each, every change one undo step. The first entry of
/// each, "As bytes per weight", leaves the class at the model's bytes_per_param.
class ModelPrecisionEditor : public QGroupBox {
    Q_OBJECT
public:
    explicit ModelPrecisionEditor(WorkspaceDocument* doc, QWidget* parent = nullptr);

    /// The combo box of weight class `index` (WeightClass order).
    QComboBox* combo(int index) const { return combos_.at(static_cast<std::size_t>(index)); }

private:
    void refresh();
    void choose(int weightClass, int row);

    WorkspaceDocument* doc_;
    std::array<QComboBox*, 4> combos_ {};
};

} // namespace tierlens
