#pragma once

#include "parampath.h"

#include <QDoubleSpinBox>

namespace tierlens {

/// A spin box for one ParamInfo: range from its min/max, whole numbers for integer fields, the unit
/// as suffix, and values shown as typed ("989.4", not "989.400000"). Used by every form and table.
class NumberSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    static constexpr int kDecimals = 6;

    explicit NumberSpinBox(QWidget* parent = nullptr);

    /// Takes range, step, unit and tooltip from `info`. Table cells leave the unit to the header.
    void setParam(const ParamInfo& info, bool showUnit = true);
    const QString& path() const { return path_; }
    /// True when `v` would show as the current value (the box rounds to its decimals).
    bool shows(double v) const;

    /// A number as the editors print it: locale decimal point, no trailing zeros, no grouping.
    static QString format(double v, const QLocale& locale = QLocale());

    QString textFromValue(double value) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    QSize hintFor(const QString& sample) const;

    QString path_;
};

} // namespace tierlens
