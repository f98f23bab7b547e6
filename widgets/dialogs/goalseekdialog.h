#pragma once

#include "core/study/goalseek.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace tierlens {

class WorkspaceDocument;

/// Goal Seek: which value of one parameter makes energy per token, latency or the ratio to the
/// heatmap's baseline reach a target? The answer can be applied to the scenario as one undo step.
class GoalSeekDialog : public QDialog {
    Q_OBJECT
public:
    explicit GoalSeekDialog(WorkspaceDocument* doc, QWidget* parent = nullptr);

    /// Chooses the parameter and fills the range around its current value.
    void setParameter(const QString& path);
    void setRange(double low, double high);
    void setMetric(GoalMetric m);
    void setTarget(double target);
    void setBatch(int batch);

    /// Runs the search with the dialog's inputs; false when the inputs are not usable.
    bool solve();
    const GoalSeekResult& result() const { return result_; }
    QString resultText() const;
    /// Sets the parameter to the first crossing, undoably; false when there is none or it lies
    /// outside the field's range.
    bool applyResult();
    /// The first crossing rounded to what the field shows: whole for integer fields, else six
    /// significant digits (as in the result text) and at most NumberSpinBox::kDecimals decimals.
    double appliedValue() const;

    QComboBox* parameterBox() const { return param_; }
    QComboBox* metricBox() const { return metric_; }
    QPushButton* applyButton() const { return apply_; }

private:
    void parameterChanged();
    GoalSeekRequest request() const;

    WorkspaceDocument* doc_;
    QComboBox* param_;
    QLineEdit* low_;
    QLineEdit* high_;
    QComboBox* metric_;
    QLineEdit* target_;
    QSpinBox* batch_;
    QLabel* resultLabel_;
    QPushButton* apply_;
    GoalSeekRequest request_;
    GoalSeekResult result_;
};

} // namespace tierlens
