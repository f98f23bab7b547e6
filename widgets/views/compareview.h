#pragma once

#include "core/study/scenariodiff.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace tierlens {

/// The pinned baseline against the current scenario: every changed input, then every changed
/// output, with the baseline's value, the current one, the difference and the ratio.
class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);

    /// Shows the difference; `baselineName` names the pinned scenario in the caption.
    void setDiff(const ScenarioDiff& d, const QString& baselineName);
    /// No baseline pinned: says how to pin one.
    void clear();
    QTableWidget* table() const { return table_; }

private:
    QLabel* caption_;
    QTableWidget* table_;
};

} // namespace tierlens
