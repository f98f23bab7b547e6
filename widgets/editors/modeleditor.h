#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;

namespace tierlens {

class IdComboBox;
class ParamForm;
class PresetLibrary;
class WorkspaceDocument;

/// The model: a preset picker, the dense numbers, and the MoE and MLA blocks, each shown only
/// when the model has it and switched on or off by a check box (undoable).
class ModelEditor : public QWidget {
    Q_OBJECT
public:
    /// The preset picker offers `lib`'s models.
    ModelEditor(WorkspaceDocument* doc, const PresetLibrary& lib, QWidget* parent = nullptr);

    IdComboBox* preset() const { return preset_; }
    ParamForm* denseForm() const { return denseForm_; }
    QComboBox* ffnKind() const { return ffnKind_; }
    QCheckBox* moeCheck() const { return moeCheck_; }
    ParamForm* moeForm() const { return moeForm_; }
    QCheckBox* mlaCheck() const { return mlaCheck_; }
    ParamForm* mlaForm() const { return mlaForm_; }
    /// The model's parameter counts by class, following every edit (rich text).
    QLabel* paramsLabel() const { return params_; }

private:
    void refresh();
    void setMoe(bool on);
    void setMla(bool on);
    void setFfnKind(int index);

    WorkspaceDocument* doc_;
    const PresetLibrary& lib_;
    IdComboBox* preset_;
    ParamForm* denseForm_;
    QComboBox* ffnKind_;
    QCheckBox* moeCheck_;
    ParamForm* moeForm_;
    QCheckBox* mlaCheck_;
    ParamForm* mlaForm_;
    QLabel* params_;
};

} // namespace tierlens
