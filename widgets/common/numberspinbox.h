#pragma once

#include "core/data/parampath.h"

#include <QDoubleSpinBox>

namespace tierlens {

/// A spin box for one ParamInfo: range from its min/max, whole numbers for integer fields, the unit
/// as suffix, and values shown as typed ("989.4", not "989.400000"). Used by every form and table.
/// A typed number outside the range is never clamped: the box keeps its value and emits refused()
/// with a message naming the field and its range.
class NumberSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    static constexpr int kDecimals = 6;

    explicit NumberSpinBox(QWidget* parent = nullptr);

    /// Takes range, step, unit and tooltip from `info`. Table cells leave the unit to the header.
    void setParam(const ParamInfo& info, bool showUnit = true);
    const QString& path() const { return path_; }
    /// The field's name in refusals; setParam() sets the row label ("Read energy").
    void setLabel(const QString& label) { label_ = label; }
    const QString& label() const { return label_; }
    /// True when `v` would show as the current value (the box rounds to its decimals).
    bool shows(double v) const;

    /// A number as the editors print it: locale decimal point, no trailing zeros, no grouping.
    static QString format(double v, const QLocale& locale = QLocale());

    QString textFromValue(double value) const override;
    QValidator::State validate(QString& input, int& pos) const override;

protected:
    void focusInEvent(QFocusEvent* event) override;

public:
    void fixup(QString& input) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    /// Typed text was not applied: out of range, or not a whole number for an integer field.
    void refused(const QString& message);

private:
    QSize hintFor(const QString& sample) const;
    QString bare(const QString& input) const;

    QString path_;
    QString label_;
    QString unit_;
    double min_ = 0;
    double max_ = 0;
    bool minExclusive_ = false;
    bool integer_ = false;
    double editStart_ = 0; ///< the value before the current typing, restored on a refusal
};

} // namespace tierlens
