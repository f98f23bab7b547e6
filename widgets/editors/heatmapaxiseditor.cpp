#include "widgets/editors/heatmapaxiseditor.h"

#include "core/data/parampath.h"
#include "document/paramlabel.h"
#include "render/chartaxis.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

#include <cmath>

namespace tierlens {

HeatmapAxisEditor::HeatmapAxisEditor(const QString& caption, QWidget* parent)
    : QWidget(parent)
    , path_(new QComboBox(this))
    , values_(new QLineEdit(this))
    , scale_(new QCheckBox(tr("× current"), this))
{
    path_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    values_->setToolTip(tr("Values along the axis, separated by commas."));
    values_->setMinimumWidth(160);
    scale_->setToolTip(tr("Values multiply the scenario's current value (1.0 = as it is)."));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(caption, this));
    layout->addWidget(path_);
    layout->addWidget(values_, 1);
    layout->addWidget(scale_);
    connect(path_, &QComboBox::activated, this, &HeatmapAxisEditor::commit);
    connect(values_, &QLineEdit::editingFinished, this, &HeatmapAxisEditor::commit);
    connect(scale_, &QCheckBox::toggled, this, &HeatmapAxisEditor::commit);
}

void HeatmapAxisEditor::setAxis(const StudyAxis& axis, const Scenario& s)
{
    axis_ = axis;
    const QSignalBlocker b1(path_), b2(values_), b3(scale_);
    QStringList paths, labels;
    for (const auto& info : parampath::list(s)) {
        paths << QString::fromStdString(info.path);
        labels << ParamLabel::text(s, info);
    }
    const QString current = QString::fromStdString(axis.path);
    if (!paths.contains(current)) {
        paths << current;
        labels << current; // not a number of this scenario: only its path can name it
    }
    // Every recompute calls this; refilling an unchanged list would close an open popup and
    // cost a few hundred item insertions per edit.
    if (paths != paths_ || labels != labels_) {
        paths_ = paths;
        labels_ = labels;
        path_->clear();
        for (qsizetype i = 0; i < paths.size(); ++i) {
            path_->addItem(labels[i], paths[i]);
            path_->setItemData(int(i), paths[i], Qt::ToolTipRole);
        }
    }
    path_->setCurrentIndex(path_->findData(current));
    path_->setToolTip(tr("The parameter this axis sweeps: %1").arg(current));
    QStringList v;
    for (double x : axis.values)
        v << ChartAxis::format(x, 6);
    if (!values_->hasFocus())
        values_->setText(v.join(QStringLiteral(", ")));
    scale_->setChecked(axis.scale);
}

bool HeatmapAxisEditor::parseValues(const QString& text, std::vector<double>& values, QString* error)
{
    std::vector<double> out;
    const auto parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v)) {
            if (error)
                *error = tr("\"%1\" is not a number").arg(part.trimmed());
            return false;
        }
        out.push_back(v);
    }
    if (out.empty() || out.size() > 256) {
        if (error)
            *error = tr("an axis needs between 1 and 256 values");
        return false;
    }
    values = std::move(out);
    return true;
}

void HeatmapAxisEditor::commit()
{
    StudyAxis next = axis_;
    QString error;
    if (!parseValues(values_->text(), next.values, &error)) {
        emit invalid(tr("Heatmap axis %1: %2").arg(path_->currentText(), error));
        return;
    }
    const std::string path = path_->currentData().toString().toStdString();
    if (path != next.path)
        next.label = path_->currentText().toStdString(); // a new parameter: its name and unit caption it
    next.path = path;
    next.scale = scale_->isChecked();
    if (next.path != axis_.path || next.values != axis_.values || next.scale != axis_.scale)
        emit edited(next);
}

} // namespace tierlens
