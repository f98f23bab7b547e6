// JSON of the placement (with its expert cache) and of the routing. Every key added here is
// optional, so scenarios written before these options existed read unchanged.

#include "core/io/scenariojson.h"

#include "core/io/inputlimits.h"
#include "core/io/jsonfields.h"

#include <algorithm>

namespace tierlens {

using nlohmann::json;
using namespace jsonio;

namespace {

bool isDefault(const ExpertCache& c)
{
    const ExpertCache d;
    for (const auto& f : ExpertCache::fields())
        if (fieldValue(c, f) != fieldValue(d, f))
            return false;
    return true;
}

void readStringList(
    const json& j, std::string_view key, std::vector<std::string>& v, const std::string& p, Problems& out)
{
    const auto it = j.find(key);
    if (it == j.end())
        return;
    if (!it->is_array()) {
        out.push_back({ p, "must be a list of ids, got " + typeName(*it) });
        return;
    }
    v.clear();
    for (std::size_t i = 0; i < it->size(); ++i) {
        if ((*it)[i].is_string())
            v.push_back((*it)[i].get<std::string>());
        else
            out.push_back({ p + "[" + std::to_string(i) + "]", "must be an id string" });
    }
}

void readCounts(const json& j, std::vector<std::vector<double>>& counts, const std::string& p, Problems& out)
{
    if (!j.is_array()) {
        out.push_back({ p, "must be a list of per-layer lists of expert counts, got " + typeName(j) });
        return;
    }
    counts.clear();
    for (std::size_t l = 0; l < j.size(); ++l) {
        const std::string lp = p + "[" + std::to_string(l) + "]";
        if (!j[l].is_array()) {
            out.push_back({ lp, "must be a list of expert counts, got " + typeName(j[l]) });
            continue;
        }
        std::vector<double> layer;
        for (std::size_t e = 0; e < j[l].size(); ++e) {
            const json& v = j[l][e];
            // A count past 1e15 is no real trace, and their sum overflows on the way to inf.
            if (!v.is_number() || !(v.get<double>() >= 0 && v.get<double>() <= limits::kMaxTraceCount)) {
                out.push_back({ lp + "[" + std::to_string(e) + "]",
                    "must be a count between 0 and 1e15, got " + v.dump() });
                continue;
            }
            layer.push_back(v.get<double>());
        }
        counts.push_back(std::move(layer));
    }
}

// placement.tiers: hottest first; "experts" may be left out (the rest), "path" when empty.
void readTiers(const json& j, std::vector<ExpertTierShare>& tiers, const std::string& p, Problems& out)
{
    if (!j.is_array() || j.empty()) {
        out.push_back({ p,
            "must be a non-empty list of {tier, experts, path}, hottest first; leave it "
            "out for a single expert tier" });
        return;
    }
    tiers.clear();
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string ep = p + "[" + std::to_string(i) + "]";
        if (!expectObject(j[i], ep, out))
            continue;
        ExpertTierShare e;
        readString(j[i], "tier", e.tier, join(ep, "tier"), out);
        double n = -1;
        if (readNumber(j[i], "experts", n, true, join(ep, "experts"), out, false)) {
            if (n < 0)
                out.push_back({ join(ep, "experts"), "must be a count >= 0, got " + j[i]["experts"].dump() });
            e.experts = static_cast<int>(std::max(0.0, n));
        }
        readStringList(j[i], "path", e.path, join(ep, "path"), out);
        reportUnknownKeys(
            j[i], std::span<const FieldSpec<Placement>> {}, { "tier", "experts", "path" }, ep, out);
        tiers.push_back(std::move(e));
    }
}

} // namespace

json toJson(const Placement& p)
{
    json j = { { "expert_tier", p.expertTier }, { "path", p.path },
        { "copy_router_weights", p.copyRouterWeights } };
    if (!isDefault(p.cache)) {
        j["cache"] = json::object();
        writeFields(j["cache"], p.cache, ExpertCache::fields());
    }
    if (!p.tiers.empty()) {
        json& tiers = j["tiers"] = json::array();
        for (const auto& e : p.tiers) {
            json t = { { "tier", e.tier } };
            if (e.experts >= 0)
                t["experts"] = e.experts;
            if (!e.path.empty())
                t["path"] = e.path;
            tiers.push_back(std::move(t));
        }
    }
    if (p.kvCache.offloaded() || !p.kvCache.path.empty() || p.kvCache.hbmBudgetGiB != 0) {
        json& kv = j["kv_cache"] = { { "tier", p.kvCache.tier }, { "path", p.kvCache.path } };
        writeFields(kv, p.kvCache, KvCachePlacement::fields());
    }
    return j;
}

void fromJson(const json& j, Placement& p, std::string_view path, Problems& out)
{
    if (!expectObject(j, std::string(path), out))
        return;
    readString(j, "expert_tier", p.expertTier, join(path, "expert_tier"), out);
    readStringList(j, "path", p.path, join(path, "path"), out);
    readBool(j, "copy_router_weights", p.copyRouterWeights, join(path, "copy_router_weights"), out);
    p.cache = {};
    if (auto it = j.find("cache"); it != j.end() && expectObject(*it, join(path, "cache"), out)) {
        readFields(*it, p.cache, ExpertCache::fields(), join(path, "cache"), out);
        reportUnknownKeys(*it, ExpertCache::fields(), {}, join(path, "cache"), out);
    }
    p.tiers.clear();
    if (auto it = j.find("tiers"); it != j.end())
        readTiers(*it, p.tiers, join(path, "tiers"), out);
    p.kvCache = {};
    if (auto it = j.find("kv_cache"); it != j.end() && expectObject(*it, join(path, "kv_cache"), out)) {
        const std::string kp = join(path, "kv_cache");
        readString(*it, "tier", p.kvCache.tier, join(kp, "tier"), out, false);
        readStringList(*it, "path", p.kvCache.path, join(kp, "path"), out);
        readFields(*it, p.kvCache, KvCachePlacement::fields(), kp, out);
        reportUnknownKeys(*it, KvCachePlacement::fields(), { "tier", "path" }, kp, out);
    }
    reportUnknownKeys(j, std::span<const FieldSpec<Placement>> {},
        { "expert_tier", "path", "copy_router_weights", "cache", "tiers", "kv_cache" }, path, out);
}

json toJson(const Routing& r)
{
    json j = { { "kind", Routing::kindName(r.kind) } };
    if (r.kind == Routing::Kind::Zipf)
        writeFields(j, r, Routing::fields());
    if (r.kind == Routing::Kind::Trace)
        j["counts"] = r.layerCounts;
    return j;
}

void fromJson(const json& j, Routing& r, std::string_view path, Problems& out)
{
    if (!expectObject(j, std::string(path), out))
        return;
    std::string kind;
    if (readString(j, "kind", kind, join(path, "kind"), out) && !Routing::kindFromName(kind, r.kind))
        out.push_back(
            { join(path, "kind"), "must be \"uniform\", \"zipf\" or \"trace\", got \"" + kind + "\"" });
    readFields(j, r, Routing::fields(), path, out);
    if (auto it = j.find("counts"); it != j.end())
        readCounts(*it, r.layerCounts, join(path, "counts"), out);
    if (r.kind == Routing::Kind::Trace && r.layerCounts.empty())
        out.push_back({ join(path, "counts"),
            "is required for trace routing: per MoE layer, the times "
            "each expert was chosen" });
    reportUnknownKeys(j, Routing::fields(), { "kind", "counts" }, path, out);
}

} // namespace tierlens
