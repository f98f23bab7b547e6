#include "document/workspacechange.h"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <utility>

namespace tierlens {

namespace {

const nlohmann::json& member(const nlohmann::json& j, const char* key)
{
    static const nlohmann::json none;
    const auto it = j.find(key);
    return it == j.end() ? none : *it;
}

} // namespace

WorkspaceChange WorkspaceChange::between(const Workspace& before, const Workspace& after)
{
    // The JSON form names every part of a workspace, so a part added to it later is compared too
    // (and, until it is given a Part below, counts as a change of the whole).
    const nlohmann::json a = toJson(before);
    const nlohmann::json b = toJson(after);
    WorkspaceChange c;
    bool unnamed = false;
    const auto compare = [&](const char* section, std::initializer_list<std::pair<const char*, Part>> parts) {
        nlohmann::json x = member(a, section), y = member(b, section);
        for (const auto& [key, part] : parts) {
            if (member(x, key) != member(y, key))
                c.parts |= part;
            if (x.is_object())
                x.erase(key);
            if (y.is_object())
                y.erase(key);
        }
        unnamed = unnamed || x != y;
    };
    compare("scenario",
        { { "id", Study }, { "name", Study }, { "gpu", Gpu }, { "cluster", Cluster },
            { "parallelism", Cluster }, { "tiers", Tiers }, { "links", Links }, { "model", Model },
            { "placement", Placement }, { "flash_offload", Placement }, { "workload", Workload },
            { "options", Workload } });
    compare("workspace",
        { { "placements", Study }, { "heatmap", Study }, { "source_study", Study }, { "view", View } });
    if (unnamed)
        c.parts = Whole;
    return c;
}

bool WorkspaceChange::touchesPaths(std::string_view prefix) const
{
    for (const auto& p : paths)
        if (p.compare(0, prefix.size(), prefix) == 0)
            return true;
    return false;
}

} // namespace tierlens
