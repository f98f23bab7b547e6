#pragma once

#include "core/data/study.h"

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace tierlens {

struct Scenario;

/// Chooses one heatmap axis: any ParamPath of the scenario, its values, and whether the values
/// scale the scenario's own value. Emits edited() with the new axis when the user changes it.
class HeatmapAxisEditor : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapAxisEditor(const QString& caption, QWidget* parent = nullptr);

    void setAxis(const StudyAxis& axis, const Scenario& s);

    /// "1, 0.9, 0.5" → values; on failure nothing and the reason.
    static bool parseValues(const QString& text, std::vector<double>& values, QString* error);

signals:
    void edited(const tierlens::StudyAxis& axis);
    void invalid(const QString& message);

private:
    void commit();

    QComboBox* path_;

    QStringList paths_; ///< what path_ lists, to refill it only when it changes
    QStringList labels_; ///< their names, which follow renamed tiers and links
    QLineEdit* values_;
    QCheckBox* scale_;
    StudyAxis axis_;
};

} // namespace tierlens
