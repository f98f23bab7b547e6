#include "widgets/editors/paramform.h"

#include "core/data/provenance.h"
#include "document/paramlabel.h"
#include "document/workspacedocument.h"
#include "widgets/common/elidedlabel.h"
#include "widgets/common/messagelabel.h"
#include "widgets/common/numberspinbox.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace tierlens {

namespace {

// The key of a path when it lies directly under one of the prefixes ("gpu.l2_mib" under "gpu"),
// so "model" does not also pick up "model.moe.top_k".
bool isUnder(const std::string& path, const QStringList& prefixes)
{
    for (const QString& p : prefixes) {
        const std::string prefix = p.toStdString() + ".";
        if (path.compare(0, prefix.size(), prefix) == 0 && path.find('.', prefix.size()) == std::string::npos)
            return true;
    }
    return false;
}

std::string_view keyOf(std::string_view path)
{
    const auto dot = path.rfind('.');
    return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

} // namespace

ParamForm::ParamForm(WorkspaceDocument* doc, const QStringList& prefixes, QWidget* parent)
    : QWidget(parent)
    , doc_(doc)
    , prefixes_(prefixes)
    , form_(new QFormLayout)
    , message_(new MessageLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form_);
    layout->addWidget(message_);
    form_->setContentsMargins(0, 0, 0, 0);
    form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // In a narrow dock a field goes under its label rather than squeezing either.
    form_->setRowWrapPolicy(QFormLayout::WrapLongRows);
    connect(doc_, &WorkspaceDocument::changed, this, &ParamForm::documentChanged);
    refresh();
}

QLabel* ParamForm::newLabel(const QString& text)
{
    // Lined up with the other forms where there is room, elided where the dock is narrow.
    return new ElidedLabel(text, labelWidth(fontMetrics()), this);
}

void ParamForm::addRow(const QString& label, QWidget* field)
{
    QLabel* l = newLabel(label);
    l->setBuddy(field);
    form_->addRow(l, field);
}

void ParamForm::addRow(const QString& label, QLayout* field)
{
    form_->addRow(newLabel(label), field);
}

void ParamForm::addLeadingRow(const QString& label, QWidget* field)
{
    QLabel* l = newLabel(label);
    l->setBuddy(field);
    form_->insertRow(leading_++, l, field);
}

void ParamForm::addLeadingRow(const QString& label, QLayout* field)
{
    form_->insertRow(leading_++, newLabel(label), field);
}

void ParamForm::setPrefixes(const QStringList& prefixes)
{
    if (prefixes == prefixes_)
        return;
    prefixes_ = prefixes;
    rebuild(shownParams());
    refresh();
}

NumberSpinBox* ParamForm::spinBox(const QString& path) const
{
    for (auto* b : boxes_)
        if (b->path() == path)
            return b;
    return nullptr;
}

QString ParamForm::message() const
{
    return message_->text();
}

QStringList ParamForm::paths() const
{
    QStringList out;
    for (const auto* b : boxes_)
        out << b->path();
    return out;
}

std::vector<ParamInfo> ParamForm::shownParams() const
{
    std::vector<ParamInfo> out;
    for (auto& p : parampath::list(doc_->scenario()))
        if (isUnder(p.path, prefixes_))
            out.push_back(std::move(p));
    return out;
}

void ParamForm::rebuild(const std::vector<ParamInfo>& params)
{
    for (std::size_t i = 0; i < boxes_.size(); ++i)
        form_->removeRow(leading_);
    boxes_.clear();
    int row = leading_;
    for (const auto& p : params) {
        auto* box = new NumberSpinBox(this);
        box->setParam(p);
        box->setLabel(ParamLabel::name(doc_->scenario(), p.path));
        // Where the constant comes from, or that nobody says: an assumption.
        if (const std::string source = sourceText(doc_->scenario(), p.path); !source.empty())
            box->setToolTip(box->toolTip()
                + QStringLiteral("<p>%1</p>").arg(QString::fromStdString(source).toHtmlEscaped()));
        if (keyOf(p.path) == "hit_rate")
            box->setSpecialValueText(tr("from routing")); // -1: derived, see ExpertCache
        QLabel* label = newLabel(ParamLabel::field(keyOf(p.path)));
        label->setToolTip(box->toolTip());
        label->setBuddy(box);
        form_->insertRow(row++, label, box);
        boxes_.push_back(box);
        connect(box, &QDoubleSpinBox::valueChanged, this, [this, box](double v) {
            // Only fails for a path that vanished (MoE switched off) while the box was shown; the
            // refresh that follows puts the document's value back.
            // Enter re-emits the unchanged value after a refusal; that must not clear its message.
            if (const auto now = parampath::get(doc_->scenario(), box->path().toStdString());
                now && *now == v)
                return;
            QString why;
            message_->showMessage(doc_->setValue(box->path(), v, &why) ? QString() : why);
        });
        connect(box, &NumberSpinBox::refused, message_, &MessageLabel::showMessage);
    }
}

void ParamForm::refresh()
{
    const auto params = shownParams();
    bool same = params.size() == boxes_.size();
    for (std::size_t i = 0; same && i < params.size(); ++i)
        same = boxes_[i]->path() == QString::fromStdString(params[i].path);
    // Paths of a kind only come and go together (a whole MoE block), so keep the old rows while
    // they are hidden rather than rebuilding on every toggle.
    if (!same && !params.empty())
        rebuild(params);
    const Scenario& s = doc_->scenario();
    for (auto* box : boxes_)
        showValue(box, s);
}

void ParamForm::documentChanged(const WorkspaceChange& change)
{
    if (!change.valuesOnly()) {
        refresh();
        return;
    }
    // Setting numbers adds or removes no field: no need to list them again.
    for (const std::string& path : change.paths)
        if (NumberSpinBox* box = spinBox(QString::fromStdString(path)))
            showValue(box, doc_->scenario());
}

void ParamForm::showValue(NumberSpinBox* box, const Scenario& s)
{
    const auto v = parampath::get(s, box->path().toStdString());
    // Leaving an equal value alone keeps what the user is typing ("12." while typing 12.5).
    if (!v || box->shows(*v))
        return;
    const QSignalBlocker block(box);
    box->setValue(*v);
}

int ParamForm::labelWidth(const QFontMetrics& metrics)
{
    int width = 0;
    for (const QString& text : ParamLabel::fieldNames())
        width = std::max(width, metrics.horizontalAdvance(text));
    return width;
}

} // namespace tierlens
