// Text of the explanations: numbers, quantities with SI prefixes, sums written out, plain text.

#include "core/explain/explainsupport.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

namespace tierlens {

namespace explain {

namespace {
// How many terms a sum writes out inline, and how many it lists below the step.
constexpr std::size_t kInlineTerms = 3;
constexpr std::size_t kListedTerms = 6;

double sumFrom(const std::vector<Item>& items, std::size_t first)
{
    double t = 0;
    for (std::size_t i = first; i < items.size(); ++i)
        t += items[i].value;
    return t;
}
} // namespace

std::string num(double v)
{
    return formatNumber(v);
}

std::string qty(double v, std::string_view unit)
{
    return formatQuantity(v, unit);
}

std::string share(double part, double whole)
{
    if (whole == 0)
        return {};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", 100 * part / whole);
    return std::string(buf) + " % of the total";
}

std::string joined(const std::vector<std::string>& parts, std::string_view sep)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i)
            out += sep;
        out += parts[i];
    }
    return out;
}

ExplainStep step(
    std::string what, std::string formula, std::string substituted, double value, std::string unit)
{
    ExplainStep s;
    s.what = std::move(what);
    s.formula = std::move(formula);
    s.substituted = std::move(substituted);
    s.value = value;
    s.unit = std::move(unit);
    return s;
}

void sortItems(std::vector<Item>& items)
{
    std::stable_sort(items.begin(), items.end(),
        [](const Item& a, const Item& b) { return std::fabs(a.value) > std::fabs(b.value); });
}

double total(const std::vector<Item>& items)
{
    return sumFrom(items, 0);
}

std::string inlineSum(const std::vector<Item>& items, std::string_view unit)
{
    if (items.empty())
        return "0";
    // Writing "1 more (x)" would be no shorter than the item itself.
    const std::size_t shown = items.size() <= kInlineTerms + 1 ? items.size() : kInlineTerms;
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < shown; ++i)
        parts.push_back(items[i].inlineText);
    std::string s = joined(parts, " + ");
    if (shown < items.size())
        s += " + " + std::to_string(items.size() - shown) + " more (" + qty(sumFrom(items, shown), unit)
            + ")";
    return s;
}

std::vector<ExplainTerm> termsOf(const std::vector<Item>& items, std::string_view unit)
{
    std::vector<ExplainTerm> terms;
    const std::size_t shown = items.size() <= kListedTerms ? items.size() : kListedTerms - 1;
    for (std::size_t i = 0; i < shown; ++i)
        terms.push_back({ items[i].label, items[i].detail, items[i].value, std::string(unit) });
    if (shown < items.size())
        terms.push_back({ std::to_string(items.size() - shown) + " more", "the smaller terms together",
            sumFrom(items, shown), std::string(unit) });
    return terms;
}

ExplainStep sumStep(std::string what, std::string formula, std::vector<Item> items, std::string_view unit)
{
    sortItems(items);
    ExplainStep st
        = step(std::move(what), std::move(formula), inlineSum(items, unit), total(items), std::string(unit));
    st.terms = termsOf(items, unit);
    return st;
}

} // namespace explain

std::string formatNumber(double v)
{
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "∞" : "−∞";
    if (v == 0)
        return "0";
    const double a = std::fabs(v);
    char buf[64];
    if (a < 1e7 && (a == std::floor(a) || a >= 1e4)) {
        std::snprintf(buf, sizeof buf, "%.0f", v);
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%.4g", v);
    std::string s = buf;
    const auto e = s.find('e');
    if (e == std::string::npos)
        return s;
    // "3.048e+11" → "3.048e11", "1.2e-05" → "1.2e-5"
    std::string mant = s.substr(0, e), exp = s.substr(e + 1);
    std::string sign;
    if (!exp.empty() && (exp[0] == '+' || exp[0] == '-')) {
        if (exp[0] == '-')
            sign = "-";
        exp.erase(0, 1);
    }
    while (exp.size() > 1 && exp[0] == '0')
        exp.erase(0, 1);
    return mant + "e" + sign + exp;
}

std::string formatQuantity(double value, std::string_view unit)
{
    if (unit == "ms")
        return formatQuantity(value * 1e-3, "s");
    if (unit == "×")
        return formatNumber(value) + "×";
    static constexpr std::string_view kPrefixable[]
        = { "J", "s", "B", "bit", "W", "B/s", "FLOP", "FLOP/s", "bit/s" };
    const bool prefixable
        = std::find(std::begin(kPrefixable), std::end(kPrefixable), unit) != std::end(kPrefixable);
    if (!prefixable || value == 0 || !std::isfinite(value))
        return unit.empty() ? formatNumber(value) : formatNumber(value) + " " + std::string(unit);
    static constexpr std::string_view kPrefixes[] = { "p", "n", "µ", "m", "", "k", "M", "G", "T", "P", "E" };
    constexpr int kUnitIndex = 4; // "" in kPrefixes
    const int lowest = -kUnitIndex;
    // Seconds stop at "s": "1500 s" reads better than "1.5 ks".
    const int highest = unit == "s" ? 0 : static_cast<int>(std::size(kPrefixes)) - 1 - kUnitIndex;
    int e3 = static_cast<int>(std::floor(std::log10(std::fabs(value)) / 3));
    e3 = std::clamp(e3, lowest, highest);
    auto roundedMantissa = [&](int e) {
        const double m = value / std::pow(10.0, 3 * e);
        if (m == 0)
            return m;
        const double mag = std::pow(10.0, 3 - std::floor(std::log10(std::fabs(m))));
        return std::round(m * mag) / mag;
    };
    double m = roundedMantissa(e3);
    // 999.96 rounds to 1000: move to the next prefix ("1 kJ", not "1000 J").
    if (std::fabs(m) >= 1000 && e3 < highest)
        m = roundedMantissa(++e3);
    return formatNumber(m) + " " + std::string(kPrefixes[e3 + kUnitIndex]) + std::string(unit);
}

std::string toPlainText(const Explanation& ex)
{
    std::string out = ex.title + "\n";
    if (!ex.context.empty())
        out += ex.context + "\n";
    int i = 0;
    for (const auto& s : ex.steps) {
        out += std::to_string(++i) + ". " + s.what + "\n";
        out += "   " + s.formula + "\n";
        const std::string value = formatQuantity(s.value, s.unit);
        if (s.substituted != value)
            out += "   = " + s.substituted + "\n";
        out += "   = " + value + "\n";
        for (const auto& t : s.terms)
            out += "     · " + t.label + (t.detail.empty() ? "" : " (" + t.detail + ")") + ": "
                + formatQuantity(t.value, t.unit) + "\n";
    }
    if (!ex.note.empty())
        out += ex.note + "\n";
    return out;
}

} // namespace tierlens
