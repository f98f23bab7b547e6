#pragma once

#include <QWidget>

class QGroupBox;
class QTableView;
class QToolButton;

namespace tierlens {

class MessageLabel;
class PresetLibrary;
class ParamForm;
class ScenarioTableModel;

/// A table of tiers or links with Add (from a preset, or blank), Duplicate, Remove and Up/Down, and
/// below it the selected row's numbers as a ParamForm with full labels and units (a dock is too
/// narrow for wide columns). Every action is one undo step through the model; a refused removal
/// says why below the table.
class ScenarioTableEditor : public QWidget {
    Q_OBJECT
public:
    /// Takes ownership of `model`; the Add menu offers `lib`'s presets of the model's kind, and
    /// `blankText` names its "blank item" entry.
    ScenarioTableEditor(ScenarioTableModel* model, const PresetLibrary& lib, const QString& blankText,
        QWidget* parent = nullptr);

    QTableView* view() const { return view_; }
    ScenarioTableModel* model() const { return model_; }
    /// The selected row's numbers ("tiers.<id>.*").
    ParamForm* detailForm() const { return detail_; }
    /// The last refusal or problem shown below the table; empty when none.
    QString message() const;

    int currentRow() const;
    void selectRow(int row);

    void addPreset(const QString& presetId);
    void addBlank();
    void duplicateCurrent();
    void removeCurrent();
    void moveCurrent(int delta);

private:
    void afterInsert(int row);
    void fitHeight();
    void updateButtons();
    void updateDetail();

    ScenarioTableModel* model_;
    const PresetLibrary& lib_;
    QTableView* view_;
    QGroupBox* detailBox_;
    ParamForm* detail_;
    MessageLabel* message_;
    QToolButton* add_;
    QToolButton* duplicate_;
    QToolButton* remove_;
    QToolButton* up_;
    QToolButton* down_;
};

} // namespace tierlens
