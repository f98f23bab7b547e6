#include "numberspinbox.h"

#include "paramform.h"

#include <QLineEdit>
#include <QStyle>
#include <QStyleOptionSpinBox>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tierlens {

NumberSpinBox::NumberSpinBox(QWidget* parent)
    : QDoubleSpinBox(parent)
{
    setDecimals(kDecimals);
    setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    setAccelerated(true);
    setCorrectionMode(QAbstractSpinBox::CorrectToNearestValue);
}

void NumberSpinBox::setParam(const ParamInfo& info, bool showUnit)
{
    path_ = QString::fromStdString(info.path);
    setDecimals(info.integer ? 0 : kDecimals);
    // Spin boxes have no open interval: the smallest step above an exclusive minimum stands in.
    const double tick = info.integer ? 1.0 : std::pow(10.0, -kDecimals);
    double top = info.max;
    if (info.integer)
        top = std::min(top, double(std::numeric_limits<int>::max()));
    setRange(info.minExclusive ? info.min + tick : info.min, top);
    const QString unit = QString::fromUtf8(info.unit.data(), qsizetype(info.unit.size()));
    setSuffix(showUnit && !unit.isEmpty() ? QStringLiteral(" ") + unit : QString());
    setToolTip(ParamForm::toolTip(info));
}

bool NumberSpinBox::shows(double v) const
{
    return std::fabs(value() - v) <= 0.5 * std::pow(10.0, -decimals());
}

QString NumberSpinBox::format(double v, const QLocale& locale)
{
    QLocale l = locale;
    l.setNumberOptions(l.numberOptions() | QLocale::OmitGroupSeparator);
    return l.toString(v, 'f', QLocale::FloatingPointShortest);
}

QString NumberSpinBox::textFromValue(double value) const { return format(value, locale()); }

QSize NumberSpinBox::hintFor(const QString& sample) const
{
    // The base class sizes for the widest value in range (up to 10^15 here), which would make every
    // form as wide as a quadrillion; size for a realistic number instead.
    QStyleOptionSpinBox opt;
    initStyleOption(&opt);
    const QSize base = QDoubleSpinBox::sizeHint();
    const QSize content(fontMetrics().horizontalAdvance(sample + suffix()) + 4, lineEdit()->sizeHint().height());
    QSize s = style()->sizeFromContents(QStyle::CT_SpinBox, &opt, content, this);
    s.setHeight(base.height());
    return s.boundedTo(base);
}

QSize NumberSpinBox::sizeHint() const { return hintFor(QStringLiteral("0000000.00")); }

QSize NumberSpinBox::minimumSizeHint() const { return hintFor(QStringLiteral("00000")); }

} // namespace tierlens
