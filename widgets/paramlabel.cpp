#include "paramlabel.h"

#include "paramform.h"

namespace tierlens {

namespace {

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
    const QString field = ParamForm::label(parts.back());
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

} // namespace tierlens
