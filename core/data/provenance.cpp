#include "core/data/provenance.h"

#include "core/data/dottedpath.h"
#include "core/data/parampath.h"
#include "core/data/scenario.h"

#include <array>
#include <sstream>
#include <utility>

namespace tierlens {

namespace {

constexpr std::array<std::pair<Provenance::Kind, std::string_view>, 5> kKindNames { {
    { Provenance::Kind::Datasheet, "datasheet" },
    { Provenance::Kind::Paper, "paper" },
    { Provenance::Kind::Measured, "measured" },
    { Provenance::Kind::Derived, "derived" },
    { Provenance::Kind::Assumption, "assumption" },
} };

// The sources of the object a path points into and the field's key inside them ("moe.top_k" for
// model.moe.top_k: a model keeps one map for itself and its MoE and MLA parts).
std::pair<const SourceMap*, std::string> locate(const Scenario& s, std::string_view path)
{
    const auto p = splitDottedPath(path);
    if (p.size() == 2 && p[0] == "gpu")
        return { &s.gpu.sources, std::string(p[1]) };
    if (p.size() == 2 && p[0] == "model")
        return { &s.model.sources, std::string(p[1]) };
    if (p.size() == 3 && p[0] == "model" && (p[1] == "moe" || p[1] == "mla"))
        return { &s.model.sources, std::string(p[1]) + "." + std::string(p[2]) };
    if (p.size() == 3 && p[0] == "tiers")
        if (const MemoryTier* t = s.findTier(p[1]))
            return { &t->sources, std::string(p[2]) };
    if (p.size() == 3 && p[0] == "links")
        if (const Interconnect* l = s.findLink(p[1]))
            return { &l->sources, std::string(p[2]) };
    return { nullptr, {} };
}

std::string number(double v)
{
    std::ostringstream o;
    o.precision(4);
    o << v;
    return o.str();
}

// "Samsung HBM3E" from a tier named "HBM3E (Samsung)": the label range mode shows next to a bar.
std::string objectName(const Scenario& s, std::string_view path)
{
    const auto p = splitDottedPath(path);
    if (p[0] == "gpu")
        return s.gpu.name;
    if (p[0] == "model")
        return s.model.name;
    if (p[0] == "tiers")
        if (const MemoryTier* t = s.findTier(p[1]))
            return t->name;
    if (p[0] == "links")
        if (const Interconnect* l = s.findLink(p[1]))
            return l->name;
    return std::string(p[0]);
}

} // namespace

std::string_view Provenance::kindName(Kind k)
{
    for (const auto& [kind, name] : kKindNames)
        if (kind == k)
            return name;
    return "assumption";
}

bool Provenance::kindFromName(std::string_view s, Kind& k)
{
    for (const auto& [kind, name] : kKindNames)
        if (name == s) {
            k = kind;
            return true;
        }
    return false;
}

std::string Provenance::kindList()
{
    std::string out;
    for (const auto& [kind, name] : kKindNames)
        out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

const Provenance* findSource(const SourceMap& sources, std::string_view field)
{
    if (const auto it = sources.find(field); it != sources.end())
        return &it->second;
    if (const auto it = sources.find(kAnyFieldSource); it != sources.end())
        return &it->second;
    return nullptr;
}

bool pathHasSources(std::string_view paramPath)
{
    const auto head = splitDottedPath(paramPath).front();
    return head == "gpu" || head == "model" || head == "tiers" || head == "links";
}

const Provenance* sourceOf(const Scenario& s, std::string_view paramPath)
{
    const auto [sources, key] = locate(s, paramPath);
    return sources ? findSource(*sources, key) : nullptr;
}

std::string sourceText(const Scenario& s, std::string_view paramPath)
{
    if (!pathHasSources(paramPath))
        return {};
    const Provenance* p = sourceOf(s, paramPath);
    if (!p)
        return "Source: none given — an assumption";
    std::string text = "Source: " + std::string(Provenance::kindName(p->kind));
    if (!p->cite.empty())
        text += " — " + p->cite;
    if (p->hasRange()) {
        std::string unit;
        for (const auto& info : parampath::list(s))
            if (info.path == paramPath)
                unit = std::string(info.unit);
        text += "; range " + number(*p->low) + "–" + number(*p->high) + (unit.empty() ? "" : " " + unit);
    }
    return text;
}

std::vector<RangedConstant> rangedConstants(const Scenario& s)
{
    std::vector<RangedConstant> out;
    for (const auto& info : parampath::list(s)) {
        const auto [sources, key] = locate(s, info.path);
        if (!sources)
            continue;
        // Only a field's own entry has a range: "*" speaks for many fields of different units.
        const auto it = sources->find(key);
        if (it == sources->end() || !it->second.hasRange())
            continue;
        const Provenance& p = it->second;
        RangedConstant c;
        c.path = info.path;
        c.label = objectName(s, info.path) + ": " + key;
        c.low = *p.low;
        c.high = *p.high;
        c.source = std::string(Provenance::kindName(p.kind)) + (p.cite.empty() ? "" : " — " + p.cite);
        if (const auto v = parampath::get(s, info.path); v && (*v < c.low || *v > c.high))
            c.source += " (the value " + number(*v) + " lies outside this range)";
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace tierlens
