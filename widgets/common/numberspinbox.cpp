#include "widgets/common/numberspinbox.h"

#include "document/paramlabel.h"

#include <QLineEdit>
#include <QRegularExpression>
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
    // Text that is not a value in range goes back to the last value (and refused() says why);
    // clamping would commit a value nobody typed.
    setCorrectionMode(QAbstractSpinBox::CorrectToPreviousValue);
    connect(this, &QAbstractSpinBox::editingFinished, this, [this] { editStart_ = value(); });
}

void NumberSpinBox::focusInEvent(QFocusEvent* event)
{
    editStart_ = value();
    QDoubleSpinBox::focusInEvent(event);
}

void NumberSpinBox::setParam(const ParamInfo& info, bool showUnit)
{
    path_ = QString::fromStdString(info.path);
    const auto dot = info.path.rfind('.');
    label_ = ParamLabel::field(
        dot == std::string::npos ? std::string_view(info.path) : std::string_view(info.path).substr(dot + 1));
    unit_ = QString::fromUtf8(info.unit.data(), qsizetype(info.unit.size()));
    min_ = info.min;
    max_ = info.max;
    minExclusive_ = info.minExclusive;
    integer_ = info.integer;
    setDecimals(info.integer ? 0 : kDecimals);
    // Spin boxes have no open interval: the smallest step above an exclusive minimum stands in.
    const double tick = info.integer ? 1.0 : std::pow(10.0, -kDecimals);
    double top = info.max;
    if (info.integer)
        top = std::min(top, double(std::numeric_limits<int>::max()));
    setRange(info.minExclusive ? info.min + tick : info.min, top);
    const QString unit = QString::fromUtf8(info.unit.data(), qsizetype(info.unit.size()));
    setSuffix(showUnit && !unit.isEmpty() ? QStringLiteral(" ") + unit : QString());
    setToolTip(ParamLabel::toolTip(info));
}

bool NumberSpinBox::shows(double v) const
{
    return std::fabs(value() - v) <= 0.5 * std::pow(10.0, -decimals());
}

QString NumberSpinBox::format(double v, const QLocale& locale)
{
    return ParamLabel::number(v, locale);
}

QString NumberSpinBox::textFromValue(double value) const
{
    return format(value, locale());
}

QString NumberSpinBox::bare(const QString& input) const
{
    QString t = input;
    if (!suffix().isEmpty() && t.endsWith(suffix()))
        t.chop(suffix().size());
    else if (!suffix().trimmed().isEmpty() && t.trimmed().endsWith(suffix().trimmed()))
        t = t.trimmed().chopped(suffix().trimmed().size());
    if (!prefix().isEmpty() && t.startsWith(prefix()))
        t.remove(0, prefix().size());
    return t.trimmed();
}

QValidator::State NumberSpinBox::validate(QString& input, int& pos) const
{
    const QValidator::State state = QDoubleSpinBox::validate(input, pos);
    if (state != QValidator::Invalid)
        return state;
    // QDoubleSpinBox refuses keystrokes that lead out of the range ("-" where the minimum is 0,
    // a decimal point in a whole-number field), so "-5" could never be typed and explained.
    // Any number is accepted as unfinished text; fixup() refuses it when editing ends.
    const QLocale l = locale();
    static const QString signs = QStringLiteral("+\\-") + QChar(0x2212);
    const QRegularExpression number(
        QStringLiteral("^[%1]?[0-9]*(%2[0-9]*)?$").arg(signs, QRegularExpression::escape(l.decimalPoint())));
    return number.match(bare(input)).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

void NumberSpinBox::fixup(QString& input) const
{
    QString text = bare(input);
    text.replace(QChar(0x2212), QLatin1Char('-'));
    bool ok = false;
    double v = locale().toDouble(text, &ok);
    if (!ok)
        v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v) || path_.isEmpty())
        return;
    const auto withUnit = [&](double x) {
        return unit_.isEmpty() ? format(x, locale()) : format(x, locale()) + QLatin1Char(' ') + unit_;
    };
    QString why;
    const bool below = minExclusive_ ? v <= min_ : v < min_;
    if (below || v > max_)
        why = tr("%1 must be %2 %3 and at most %4; %5 was not applied.")
                  .arg(label_, minExclusive_ ? QStringLiteral(">") : QStringLiteral("≥"), withUnit(min_),
                      withUnit(max_), withUnit(v));
    else if (integer_ && v != std::floor(v))
        why = tr("%1 must be a whole number; %2 was not applied.").arg(label_, withUnit(v));
    if (why.isEmpty())
        return;
    // fixup() is const in Qt's interface, but a refusal changes state: while typing, the digits
    // before the last one may have been a value in range ("2000000" on the way to "20000000"),
    // applied as they were typed; the value from before the typing comes back instead.
    auto* self = const_cast<NumberSpinBox*>(this);
    self->setValue(editStart_);
    emit self->refused(why);
}

QSize NumberSpinBox::hintFor(const QString& sample) const
{
    // The base class sizes for the widest value in range (up to 10^15 here), which would make every
    // form as wide as a quadrillion; size for a realistic number instead.
    QStyleOptionSpinBox opt;
    initStyleOption(&opt);
    const QSize base = QDoubleSpinBox::sizeHint();
    const QSize content(
        fontMetrics().horizontalAdvance(sample + suffix()) + 4, lineEdit()->sizeHint().height());
    QSize s = style()->sizeFromContents(QStyle::CT_SpinBox, &opt, content, this);
    s.setHeight(base.height());
    return s.boundedTo(base);
}

QSize NumberSpinBox::sizeHint() const
{
    return hintFor(QStringLiteral("0000000.00"));
}

QSize NumberSpinBox::minimumSizeHint() const
{
    return hintFor(QStringLiteral("00000"));
}

} // namespace tierlens
