#include "paramform.h"

#include "elidedlabel.h"

#include "messagelabel.h"
#include "numberspinbox.h"
#include "paramlabel.h"
#include "scenariodocument.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace tierlens {

namespace {

QString fromView(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

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

ParamForm::ParamForm(ScenarioDocument* doc, const QStringList& prefixes, QWidget* parent)
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
    connect(doc_, &ScenarioDocument::changed, this, &ParamForm::refresh);
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

void ParamForm::addRow(const QString& label, QLayout* field) { form_->addRow(newLabel(label), field); }

void ParamForm::addLeadingRow(const QString& label, QWidget* field)
{
    QLabel* l = newLabel(label);
    l->setBuddy(field);
    form_->insertRow(leading_++, l, field);
}

void ParamForm::addLeadingRow(const QString& label, QLayout* field) { form_->insertRow(leading_++, newLabel(label), field); }

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
        if (keyOf(p.path) == "hit_rate")
            box->setSpecialValueText(tr("from routing"));  // -1: derived, see ExpertCache
        QLabel* label = newLabel(ParamForm::label(keyOf(p.path)));
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
    for (auto* box : boxes_) {
        const auto v = parampath::get(s, box->path().toStdString());
        // Leaving an equal value alone keeps what the user is typing ("12." while typing 12.5).
        if (!v || box->shows(*v))
            continue;
        const QSignalBlocker block(box);
        box->setValue(*v);
    }
}

namespace {

// Labels are UI text, so they live here rather than in core's FieldSpec tables.
const std::map<std::string_view, const char*>& labels()
{
    static const std::map<std::string_view, const char*> table = {
        {"peak_tflops", QT_TR_NOOP("Peak compute")},
        {"hbm_bandwidth_gb_s", QT_TR_NOOP("HBM bandwidth")},
        {"hbm_capacity_gib", QT_TR_NOOP("HBM capacity")},
        {"l1_kib", QT_TR_NOOP("L1 size")},
        {"l2_mib", QT_TR_NOOP("L2 size")},
        {"hbm_read_pj_per_bit", QT_TR_NOOP("HBM read energy")},
        {"hbm_write_pj_per_bit", QT_TR_NOOP("HBM write energy")},
        {"l2_pj_per_bit", QT_TR_NOOP("L2 energy")},
        {"l1_pj_per_bit", QT_TR_NOOP("L1 energy")},
        {"pj_per_mac", QT_TR_NOOP("MAC energy")},
        {"idle_power_w", QT_TR_NOOP("Idle power")},
        {"nodes", QT_TR_NOOP("Nodes")},
        {"gpus_per_node", QT_TR_NOOP("GPUs per node")},
        {"tp", QT_TR_NOOP("Tensor parallel")},
        {"read_pj_per_bit", QT_TR_NOOP("Read energy")},
        {"write_pj_per_bit", QT_TR_NOOP("Write energy")},
        {"bandwidth_gb_s", QT_TR_NOOP("Bandwidth")},
        {"capacity_gib", QT_TR_NOOP("Capacity")},
        {"static_power_w", QT_TR_NOOP("Static power")},
        {"latency_us", QT_TR_NOOP("Latency")},
        {"pj_per_bit", QT_TR_NOOP("Energy")},
        {"hidden", QT_TR_NOOP("Hidden size")},
        {"heads", QT_TR_NOOP("Query heads")},
        {"kv_heads", QT_TR_NOOP("KV heads")},
        {"head_dim", QT_TR_NOOP("Head size")},
        {"ffn_dim", QT_TR_NOOP("FFN size")},
        {"bytes_per_param", QT_TR_NOOP("Bytes per weight")},
        {"vocab", QT_TR_NOOP("Vocabulary")},
        {"experts", QT_TR_NOOP("Routed experts")},
        {"top_k", QT_TR_NOOP("Top-k")},
        {"expert_ffn_dim", QT_TR_NOOP("Expert FFN size")},
        {"layer_interval", QT_TR_NOOP("MoE every n-th layer")},
        {"q_lora_rank", QT_TR_NOOP("Query rank")},
        {"kv_lora_rank", QT_TR_NOOP("KV latent rank")},
        {"qk_nope_head_dim", QT_TR_NOOP("QK head size")},
        {"qk_rope_head_dim", QT_TR_NOOP("Rotary head size")},
        {"v_head_dim", QT_TR_NOOP("Value head size")},
        {"batch", QT_TR_NOOP("Evaluated batch")},
        {"prompt_length", QT_TR_NOOP("Prompt length")},
        {"dram_fraction", QT_TR_NOOP("DRAM budget")},
        {"sparsity", QT_TR_NOOP("FFN sparsity")},
        {"predictor_fraction", QT_TR_NOOP("Predictor size")},
        {"false_negative_rate", QT_TR_NOOP("False negatives")},
        {"false_positive_rate", QT_TR_NOOP("False positives")},
        {"window_tokens", QT_TR_NOOP("Window")},
        {"window_load_fraction", QT_TR_NOOP("Loaded with window")},
        {"bundling", QT_TR_NOOP("Row-column bundling")},
        {"memory_management_ms", QT_TR_NOOP("Memory management")},
        {"s", QT_TR_NOOP("Zipf exponent")},
        {"capacity", QT_TR_NOOP("Cached experts")},
        {"hit_rate", QT_TR_NOOP("Cache hit rate")},
        {"temporal_locality", QT_TR_NOOP("Temporal locality")},
        {"recall", QT_TR_NOOP("Prefetch recall")},
        {"precision", QT_TR_NOOP("Prefetch precision")},
    };
    return table;
}

} // namespace

QString ParamForm::label(std::string_view key)
{
    if (const auto it = labels().find(key); it != labels().end())
        return tr(it->second);
    // A field added to core without a label here still gets a readable one.
    QString text = fromView(key).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

int ParamForm::labelWidth(const QFontMetrics& metrics)
{
    int width = 0;
    for (const auto& [key, text] : labels())
        width = std::max(width, metrics.horizontalAdvance(tr(text)));
    return width;
}

QString ParamForm::toolTip(const ParamInfo& info)
{
    const QString unit = fromView(info.unit);
    const auto bound = [&](double v) -> QString { return NumberSpinBox::format(v) + (unit.isEmpty() ? QString() : QStringLiteral(" ") + unit); };
    const QString range = tr("%1 %2, at most %3")
                              .arg(info.minExclusive ? QStringLiteral(">") : QStringLiteral("≥"), bound(info.min),
                                   bound(info.max));
    return QStringLiteral("<p>%1</p><p><code>%2</code><br>%3%4</p>")
        .arg(fromView(info.help).toHtmlEscaped(), QString::fromStdString(info.path).toHtmlEscaped(),
             range.toHtmlEscaped(), info.integer ? tr(", whole number") : QString());
}

} // namespace tierlens
