#include "document/paramlabel.h"

#include <QCoreApplication>

#include <map>

namespace tierlens {

namespace {

// Labels are UI text, so they live here rather than in core's FieldSpec tables
// (one table for the editors, axis titles, Goal Seek and the Undo menu).
const std::map<std::string_view, const char*>& labels()
{
    static const std::map<std::string_view, const char*> table = {
        { "peak_tflops", QT_TR_NOOP("Peak compute") },
        { "peak_tflops_fp8", QT_TR_NOOP("Peak compute, FP8") },
        { "peak_tflops_fp4", QT_TR_NOOP("Peak compute, FP4") },
        { "price_usd", QT_TR_NOOP("Price") },
        { "usd_per_gb", QT_TR_NOOP("Price per GB") },
        { "drives", QT_TR_NOOP("Drives") },
        { "drive_read_gb_s", QT_TR_NOOP("Drive read bandwidth") },
        { "drive_read_power_w", QT_TR_NOOP("Drive read power") },
        { "drive_idle_power_w", QT_TR_NOOP("Drive idle power") },
        { "gpus_per_array", QT_TR_NOOP("GPUs sharing the drives") },
        { "output_length", QT_TR_NOOP("Output length") },
        { "hbm_budget_gib", QT_TR_NOOP("KV cache budget in HBM") },
        { "power_usd_per_kwh", QT_TR_NOOP("Electricity price") },
        { "amortisation_years", QT_TR_NOOP("Amortisation period") },
        { "utilisation", QT_TR_NOOP("Utilisation") },
        { "hbm_bandwidth_gb_s", QT_TR_NOOP("HBM bandwidth") },
        { "hbm_capacity_gib", QT_TR_NOOP("HBM capacity") },
        { "l1_kib", QT_TR_NOOP("L1 size") },
        { "l2_mib", QT_TR_NOOP("L2 size") },
        { "hbm_read_pj_per_bit", QT_TR_NOOP("HBM read energy") },
        { "hbm_write_pj_per_bit", QT_TR_NOOP("HBM write energy") },
        { "l2_pj_per_bit", QT_TR_NOOP("L2 energy") },
        { "l1_pj_per_bit", QT_TR_NOOP("L1 energy") },
        { "pj_per_mac", QT_TR_NOOP("MAC energy") },
        { "idle_power_w", QT_TR_NOOP("Idle power") },
        { "nodes", QT_TR_NOOP("Nodes") },
        { "gpus_per_node", QT_TR_NOOP("GPUs per node") },
        { "tp", QT_TR_NOOP("Tensor parallel") },
        { "read_pj_per_bit", QT_TR_NOOP("Read energy") },
        { "write_pj_per_bit", QT_TR_NOOP("Write energy") },
        { "bandwidth_gb_s", QT_TR_NOOP("Bandwidth") },
        { "capacity_gib", QT_TR_NOOP("Capacity") },
        { "static_power_w", QT_TR_NOOP("Static power") },
        { "latency_us", QT_TR_NOOP("Latency") },
        { "pj_per_bit", QT_TR_NOOP("Energy") },
        { "hidden", QT_TR_NOOP("Hidden size") },
        { "heads", QT_TR_NOOP("Query heads") },
        { "kv_heads", QT_TR_NOOP("KV heads") },
        { "head_dim", QT_TR_NOOP("Head size") },
        { "ffn_dim", QT_TR_NOOP("FFN size") },
        { "bytes_per_param", QT_TR_NOOP("Bytes per weight") },
        { "vocab", QT_TR_NOOP("Vocabulary") },
        { "experts", QT_TR_NOOP("Routed experts") },
        { "top_k", QT_TR_NOOP("Top-k") },
        { "expert_ffn_dim", QT_TR_NOOP("Expert FFN size") },
        { "layer_interval", QT_TR_NOOP("MoE every n-th layer") },
        { "q_lora_rank", QT_TR_NOOP("Query rank") },
        { "kv_lora_rank", QT_TR_NOOP("KV latent rank") },
        { "qk_nope_head_dim", QT_TR_NOOP("QK head size") },
        { "qk_rope_head_dim", QT_TR_NOOP("Rotary head size") },
        { "v_head_dim", QT_TR_NOOP("Value head size") },
        { "batch", QT_TR_NOOP("Evaluated batch") },
        { "prompt_length", QT_TR_NOOP("Prompt length") },
        { "dram_fraction", QT_TR_NOOP("DRAM budget") },
        { "sparsity", QT_TR_NOOP("FFN sparsity") },
        { "predictor_fraction", QT_TR_NOOP("Predictor size") },
        { "false_negative_rate", QT_TR_NOOP("False negatives") },
        { "false_positive_rate", QT_TR_NOOP("False positives") },
        { "window_tokens", QT_TR_NOOP("Window") },
        { "window_load_fraction", QT_TR_NOOP("Loaded with window") },
        { "bundling", QT_TR_NOOP("Row-column bundling") },
        { "memory_management_ms", QT_TR_NOOP("Memory management") },
        { "s", QT_TR_NOOP("Zipf exponent") },
        { "capacity", QT_TR_NOOP("Cached experts") },
        { "hit_rate", QT_TR_NOOP("Cache hit rate") },
        { "temporal_locality", QT_TR_NOOP("Temporal locality") },
        { "recall", QT_TR_NOOP("Prefetch recall") },
        { "precision", QT_TR_NOOP("Prefetch precision") },
    };
    return table;
}

std::vector<std::string_view> split(std::string_view path)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto dot = path.find('.', start);
        const auto end = dot == std::string_view::npos ? path.size() : dot;
        parts.push_back(path.substr(start, end - start));
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    return parts;
}

template <class V> QString itemName(const V& items, std::string_view id)
{
    for (const auto& item : items)
        if (item.id == id)
            return QString::fromStdString(item.name.empty() ? item.id : item.name);
    return QString::fromUtf8(id.data(), qsizetype(id.size()));
}

// "Read energy" reads "read energy" after a tier's name; "HBM bandwidth" keeps its capitals.
QString lowerFirstWord(QString text)
{
    if (text.size() > 1 && text[0].isUpper() && text[1].isLower())
        text[0] = text[0].toLower();
    return text;
}

} // namespace

QString ParamLabel::name(const Scenario& s, std::string_view path)
{
    const auto parts = split(path);
    const QString field = ParamLabel::field(parts.back());
    if (parts.size() == 3 && (parts[0] == "tiers" || parts[0] == "links")) {
        const QString item = parts[0] == "tiers" ? itemName(s.tiers, parts[1]) : itemName(s.links, parts[1]);
        return item + QLatin1Char(' ') + lowerFirstWord(field);
    }
    return field;
}

QString ParamLabel::text(const Scenario& s, const ParamInfo& info)
{
    const QString unit = QString::fromUtf8(info.unit.data(), qsizetype(info.unit.size()));
    const QString n = name(s, info.path);
    return unit.isEmpty() ? n : QStringLiteral("%1 (%2)").arg(n, unit);
}

QString ParamLabel::text(const Scenario& s, std::string_view path)
{
    // resolve() only hands out pointers into s; nothing is written through them here.
    const auto ref = parampath::resolve(const_cast<Scenario&>(s), path);
    if (!ref)
        return QString::fromUtf8(path.data(), qsizetype(path.size()));
    return text(s, ref->info);
}

QString ParamLabel::field(std::string_view key)
{
    if (const auto it = labels().find(key); it != labels().end())
        return QCoreApplication::translate("ParamLabel", it->second);
    // A field added to core without a label here still gets a readable one.
    QString text
        = QString::fromUtf8(key.data(), qsizetype(key.size())).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

std::vector<QString> ParamLabel::fieldNames()
{
    std::vector<QString> names;
    for (const auto& [key, text] : labels())
        names.push_back(QCoreApplication::translate("ParamLabel", text));
    return names;
}

QString ParamLabel::number(double v, const QLocale& locale)
{
    QLocale l = locale;
    l.setNumberOptions(l.numberOptions() | QLocale::OmitGroupSeparator);
    return l.toString(v, 'f', QLocale::FloatingPointShortest);
}

QString ParamLabel::toolTip(const ParamInfo& info)
{
    const auto fromView = [](std::string_view v) { return QString::fromUtf8(v.data(), qsizetype(v.size())); };
    const QString unit = fromView(info.unit);
    const auto bound = [&](double v) -> QString {
        return number(v) + (unit.isEmpty() ? QString() : QStringLiteral(" ") + unit);
    };
    const QString range = QCoreApplication::translate("ParamLabel", "%1 %2, at most %3")
                              .arg(info.minExclusive ? QStringLiteral(">") : QStringLiteral("≥"),
                                  bound(info.min), bound(info.max));
    return QStringLiteral("<p>%1</p><p><code>%2</code><br>%3%4</p>")
        .arg(fromView(info.help).toHtmlEscaped(), QString::fromStdString(info.path).toHtmlEscaped(),
            range.toHtmlEscaped(),
            info.integer ? QCoreApplication::translate("ParamLabel", ", whole number") : QString());
}

} // namespace tierlens
