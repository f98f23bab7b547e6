#include "core/study/figurecaption.h"

#include "core/data/parampath.h"

#include <cmath>
#include <cstdio>

namespace tierlens {

namespace {

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

// The label without a trailing parenthesised part ("Flash read energy (× 60 pJ/b)"): that part
// described the axis as it was when the label was written.
std::string stem(const std::string& label)
{
    std::string s = label;
    while (!s.empty() && s.back() == ' ')
        s.pop_back();
    if (!s.empty() && s.back() == ')') {
        int depth = 0;
        for (std::size_t i = s.size(); i-- > 0;) {
            depth += s[i] == ')' ? 1 : s[i] == '(' ? -1 : 0;
            if (depth == 0) {
                std::string head = s.substr(0, i);
                while (!head.empty() && head.back() == ' ')
                    head.pop_back();
                if (!head.empty())
                    s = head;
                break;
            }
        }
    }
    return s;
}

std::string tierName(const Scenario& s, const std::string& id)
{
    if (id == kHbmTierId)
        return "HBM";
    const MemoryTier* t = s.findTier(id);
    return t && !t->name.empty() ? t->name : id;
}

} // namespace

std::string FigureCaption::axis(const StudyAxis& a, const Scenario& s)
{
    const std::string name = a.label.empty() ? a.path : stem(a.label);
    std::string unit;
    for (const ParamInfo& info : parampath::list(s))
        if (info.path == a.path)
            unit = std::string(info.unit);
    if (a.scale) {
        const auto current = parampath::get(s, a.path);
        if (!current)
            return name + " (× its value)";
        return name + " (× " + number(*current) + (unit.empty() ? "" : " " + unit) + ")";
    }
    return unit.empty() ? name : name + " (" + unit + ")";
}

std::string FigureCaption::placement(const Scenario& s)
{
    const Placement& p = s.placement;
    if (!p.tiers.empty()) {
        std::string text = "experts in ";
        for (std::size_t i = 0; i < p.tiers.size(); ++i)
            text += (i == 0 ? "" : i + 1 == p.tiers.size() ? " and " : ", ") + tierName(s, p.tiers[i].tier);
        return text;
    }
    if (p.expertTier == kHbmTierId)
        return "experts in HBM";
    return "experts on " + tierName(s, p.expertTier);
}

std::string FigureCaption::scenario(const Scenario& s)
{
    std::string text = s.model.name.empty() ? s.name : s.model.name;
    text += " · " + std::to_string(s.cluster.nodes) + " × " + std::to_string(s.cluster.gpusPerNode) + " "
        + s.gpu.name;
    if (s.model.moe)
        text += " · " + placement(s);
    return text;
}

} // namespace tierlens
