#include "widgets/dialogs/goalseekdialog.h"

#include "core/data/parampath.h"
#include "document/paramlabel.h"
#include "document/workspacedocument.h"
#include "widgets/common/numberspinbox.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace tierlens {

namespace {

// Six significant digits, as the result line of core's summary.
QString number(double v)
{
    return QString::number(v, 'g', 6);
}

bool readNumber(const QLineEdit* edit, double& v)
{
    bool ok = false;
    v = QLocale().toDouble(edit->text(), &ok);
    if (!ok)
        v = edit->text().toDouble(&ok);
    return ok && std::isfinite(v);
}

QLineEdit* numberEdit(QWidget* parent)
{
    auto* e = new QLineEdit(parent);
    e->setValidator(new QDoubleValidator(e));
    return e;
}

} // namespace

GoalSeekDialog::GoalSeekDialog(WorkspaceDocument* doc, QWidget* parent)
    : QDialog(parent)
    , doc_(doc)
{
    setWindowTitle(tr("Goal Seek"));
    const Workspace& w = doc_->workspace();

    param_ = new QComboBox(this);
    for (const auto& info : parampath::list(w.scenario)) {
        param_->addItem(ParamLabel::text(w.scenario, info), QString::fromStdString(info.path));
        param_->setItemData(param_->count() - 1, QString::fromStdString(info.path), Qt::ToolTipRole);
    }
    low_ = numberEdit(this);
    high_ = numberEdit(this);
    auto* range = new QHBoxLayout;
    range->addWidget(low_, 1);
    range->addWidget(new QLabel(QStringLiteral("…"), this));
    range->addWidget(high_, 1);

    metric_ = new QComboBox(this);
    metric_->addItem(tr("Energy per token (J/token)"), int(GoalMetric::EnergyPerToken));
    metric_->addItem(tr("Step latency (ms)"), int(GoalMetric::Latency));
    if (w.heatmap.baseline)
        metric_->addItem(
            tr("Ratio of %1 to the heatmap baseline (%2)")
                .arg(w.heatmap.metric == StudyMetric::Latency ? tr("latency") : tr("energy per token"),
                    QString::fromStdString(w.heatmap.baseline->name.empty() ? w.heatmap.baseline->id
                                                                            : w.heatmap.baseline->name)),
            int(GoalMetric::Ratio));
    target_ = numberEdit(this);
    batch_ = new QSpinBox(this);
    batch_->setRange(1, 1 << 20);
    batch_->setValue(w.scenario.workload.batch);

    auto* form = new QFormLayout;
    form->addRow(tr("Parameter:"), param_);
    form->addRow(tr("Range:"), range);
    form->addRow(tr("Metric:"), metric_);
    form->addRow(tr("Target:"), target_);
    form->addRow(tr("Batch:"), batch_);

    resultLabel_ = new QLabel(tr("Choose a parameter, its range and a target, then Solve."), this);
    resultLabel_->setWordWrap(true);
    resultLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    resultLabel_->setMinimumHeight(resultLabel_->fontMetrics().lineSpacing() * 4);
    resultLabel_->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* solveButton = buttons->addButton(tr("&Solve"), QDialogButtonBox::ActionRole);
    solveButton->setDefault(true);
    apply_ = buttons->addButton(tr("&Apply Value"), QDialogButtonBox::ApplyRole);
    apply_->setEnabled(false);
    connect(solveButton, &QPushButton::clicked, this, &GoalSeekDialog::solve);
    connect(apply_, &QPushButton::clicked, this, &GoalSeekDialog::applyResult);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(param_, &QComboBox::currentIndexChanged, this, &GoalSeekDialog::parameterChanged);
    for (QLineEdit* e : { low_, high_, target_ })
        connect(e, &QLineEdit::textEdited, this, [this] { apply_->setEnabled(false); });

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(resultLabel_, 1);
    layout->addWidget(buttons);

    // The flash read energy of the expert tier is the usual question; else the first parameter.
    const std::string& tier = w.scenario.placement.expertTier;
    const int preferred = param_->findData(QString::fromStdString("tiers." + tier + ".read_pj_per_bit"));
    if (w.heatmap.baseline)
        setMetric(GoalMetric::Ratio);
    setTarget(w.heatmap.baseline ? 1.0 : 0.0);
    param_->setCurrentIndex(preferred >= 0 ? preferred : 0);
    parameterChanged();
    resize(620, sizeHint().height());
}

void GoalSeekDialog::parameterChanged()
{
    const auto v = parampath::get(doc_->scenario(), param_->currentData().toString().toStdString());
    if (v && *v > 0)
        setRange(*v * 0.01, *v * 2);
    else
        setRange(0, 1);
    apply_->setEnabled(false);
}

void GoalSeekDialog::setParameter(const QString& path)
{
    const int i = param_->findData(path);
    if (i >= 0) {
        param_->setCurrentIndex(i);
        parameterChanged();
    }
}

void GoalSeekDialog::setRange(double low, double high)
{
    low_->setText(number(low));
    high_->setText(number(high));
}

void GoalSeekDialog::setMetric(GoalMetric m)
{
    const int i = metric_->findData(int(m));
    if (i >= 0)
        metric_->setCurrentIndex(i);
}

void GoalSeekDialog::setTarget(double target)
{
    target_->setText(number(target));
}
void GoalSeekDialog::setBatch(int batch)
{
    batch_->setValue(batch);
}

bool GoalSeekDialog::solve()
{
    apply_->setEnabled(false);
    result_ = {};
    request_ = {};
    double low = 0, high = 0, target = 0;
    if (!readNumber(low_, low) || !readNumber(high_, high) || !readNumber(target_, target)) {
        result_.error = tr("The range and the target must be numbers.").toStdString();
    } else {
        const Workspace& w = doc_->workspace();
        request_.scenario = w.scenario;
        request_.scenario.workload.batch = batch_->value();
        request_.path = param_->currentData().toString().toStdString();
        request_.low = low;
        request_.high = high;
        request_.target = target;
        request_.metric = GoalMetric(metric_->currentData().toInt());
        if (request_.metric == GoalMetric::Ratio && w.heatmap.baseline) {
            request_.baseline = w.heatmap.baseline;
            request_.baseline->workload.batch = batch_->value();
            request_.ratioOf = w.heatmap.metric;
        }
        result_ = goalSeek(request_);
    }
    resultLabel_->setText(resultText());
    apply_->setEnabled(result_.found());
    return result_.ok();
}

QString GoalSeekDialog::resultText() const
{
    QString text = QString::fromStdString(result_.summary(request_));
    if (result_.found())
        text += tr(
            "\n\nOver the range the metric runs from %1 to %2 (%3 evaluations). Apply Value sets %4 to %5.")
                    .arg(number(result_.minMetric), number(result_.maxMetric))
                    .arg(result_.evaluations)
                    .arg(ParamLabel::text(doc_->scenario(), request_.path), number(appliedValue()));
    return text;
}

double GoalSeekDialog::appliedValue() const
{
    if (!result_.found())
        return 0;
    const double x = result_.crossings.front().value;
    const auto ref = parampath::resolve(const_cast<Scenario&>(doc_->scenario()), request_.path);
    if (ref && ref->info.integer)
        return std::round(x);
    // The six significant digits the result shows, and no more decimals than the field keeps:
    // a field showing 77.305223 is easier to read than 77.30522262237548, and the table stays narrow.
    const double shown = number(x).toDouble();
    const double scale = std::pow(10.0, NumberSpinBox::kDecimals);
    const double kept = std::round(shown * scale) / scale;
    return kept != 0 ? kept : shown;
}

bool GoalSeekDialog::applyResult()
{
    if (!result_.found())
        return false;
    const double v = appliedValue();
    const auto ref = parampath::resolve(const_cast<Scenario&>(doc_->scenario()), request_.path);
    if (ref) {
        const ParamInfo& info = ref->info;
        const bool below = info.minExclusive ? v <= info.min : v < info.min;
        if (below || v > info.max) {
            const QString unit = QString::fromUtf8(info.unit.data(), qsizetype(info.unit.size()));
            const auto bound
                = [&](double b) { return QString(number(b) + QLatin1Char(' ') + unit).trimmed(); };
            resultLabel_->setText(tr("%1 cannot be set to %2: it must be %3 %4 and at most %5.")
                                      .arg(ParamLabel::name(doc_->scenario(), request_.path), bound(v),
                                          info.minExclusive ? QStringLiteral(">") : QStringLiteral("≥"),
                                          bound(info.min), bound(info.max)));
            return false;
        }
    }
    QString error;
    const bool ok = doc_->setValue(QString::fromStdString(request_.path), v, &error);
    if (!ok)
        resultLabel_->setText(error);
    return ok;
}

} // namespace tierlens
