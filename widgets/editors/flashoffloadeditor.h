#pragma once

#include <QWidget>

namespace tierlens {

class IdComboBox;
class ParamForm;
class WorkspaceDocument;

/// The "LLM in a Flash" path: which flash tier holds a dense model's weights (or none) and the
/// levers that decide how much of them is read per token.
class FlashOffloadEditor : public QWidget {
    Q_OBJECT
public:
    explicit FlashOffloadEditor(WorkspaceDocument* doc, QWidget* parent = nullptr);

    IdComboBox* tier() const { return tier_; }
    ParamForm* form() const { return form_; }

private:
    void refresh();

    WorkspaceDocument* doc_;
    IdComboBox* tier_;
    ParamForm* form_;
};

} // namespace tierlens
