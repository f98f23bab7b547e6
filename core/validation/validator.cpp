#include "core/validation/validator.h"

#include "core/io/inputlimits.h"
#include "core/io/jsonfields.h"
#include "core/io/shortestnumber.h"

#include <cmath>
#include <map>
#include <set>

namespace tierlens {

namespace {

using jsonio::join;

template <class S> void checkRanges(const S& s, std::string_view path, Problems& out)
{
    for (const auto& f : S::fields()) {
        const double v = fieldValue(s, f);
        const std::string p = join(path, f.key);
        if (!std::isfinite(v))
            out.push_back({ p, "must be a finite number, got " + shortestNumber(v) });
        else if (f.minExclusive ? v <= f.min : v < f.min)
            out.push_back({ p,
                std::string("must be ") + (f.minExclusive ? "> " : ">= ") + shortestNumber(f.min) + ", got "
                    + shortestNumber(v) });
        else if (v > f.max)
            out.push_back({ p, "must be at most " + shortestNumber(f.max) + ", got " + shortestNumber(v) });
    }
}

template <class V> void checkIds(const V& items, std::string_view path, Problems& out)
{
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string p = std::string(path) + "[" + std::to_string(i) + "]";
        const std::string& id = items[i].id;
        if (id.empty())
            out.push_back({ p + ".id", "must not be empty" });
        else if (!seen.insert(id).second)
            out.push_back({ p + ".id", "\"" + id + "\" is used twice" });
        else if (id.find('.') != std::string::npos)
            out.push_back({ p + ".id", "must not contain '.' (it is part of parameter paths)" });
    }
}

std::string knownIds(const Scenario& s, bool tiers)
{
    std::string list = tiers ? std::string(kHbmTierId) : "";
    auto add = [&](const std::string& id) { list += (list.empty() ? "" : ", ") + id; };
    if (tiers)
        for (const auto& t : s.tiers)
            add(t.id);
    else
        for (const auto& l : s.links)
            add(l.id);
    return list.empty() ? "none" : list;
}

void checkLinkRef(const Scenario& s, const std::string& id, const std::string& path, Problems& out)
{
    if (!s.findLink(id))
        out.push_back({ path, "names unknown link \"" + id + "\"; known: " + knownIds(s, false) });
}

// placement.tiers: known ids, each tier once, counts that add up to the model's experts.
void checkTiers(const Scenario& s, Problems& out)
{
    const auto& tiers = s.placement.tiers;
    if (tiers.size() > limits::kMaxListEntries) {
        out.push_back({ "placement.tiers",
            "has " + std::to_string(tiers.size()) + " entries; at most "
                + std::to_string(limits::kMaxListEntries) });
        return;
    }
    long long sum = 0;
    bool rest = false;
    std::map<std::string, std::size_t> firstAt; // one message per repeat, not one per earlier copy
    for (std::size_t i = 0; i < tiers.size(); ++i) {
        const std::string p = "placement.tiers[" + std::to_string(i) + "]";
        const ExpertTierShare& e = tiers[i];
        if (e.tier != kHbmTierId && !s.findTier(e.tier))
            out.push_back(
                { p + ".tier", "names unknown tier \"" + e.tier + "\"; known: " + knownIds(s, true) });
        if (const auto [it, fresh] = firstAt.emplace(e.tier, i); !fresh)
            out.push_back({ p + ".tier",
                "\"" + e.tier + "\" is already listed at placement.tiers[" + std::to_string(it->second)
                    + "]" });
        for (std::size_t k = 0; k < e.path.size(); ++k)
            checkLinkRef(s, e.path[k], p + ".path[" + std::to_string(k) + "]", out);
        if (e.experts < 0 && i + 1 < tiers.size())
            out.push_back(
                { p + ".experts", "is required: only the last entry may leave it out to take the rest" });
        rest = rest || e.experts < 0;
        sum += std::max(0, e.experts);
    }
    if (tiers.empty() || !s.model.moe)
        return;
    const int E = s.model.moe->experts;
    if (sum > E)
        out.push_back({ "placement.tiers",
            "hold " + std::to_string(sum) + " experts per MoE layer; the model has " + std::to_string(E) });
    else if (sum < E && !rest)
        out.push_back({ "placement.tiers",
            "hold " + std::to_string(sum) + " of the model's " + std::to_string(E)
                + " experts per MoE layer; leave out the last entry's experts "
                  "to give it the rest" });
}

void checkModel(const Scenario& s, Problems& out)
{
    const Problems model = validateModel(s.model);
    out.insert(out.end(), model.begin(), model.end());
    const int heads = s.model.heads, tp = s.parallelism.tp;
    if (heads >= 1 && tp >= 1 && heads % tp != 0)
        out.push_back({ "parallelism.tp",
            "(" + std::to_string(tp) + ") must divide model.heads (" + std::to_string(heads) + ")" });
}

// A trace's expert ids must exist in the model; a layer that chose nothing says nothing.
void checkTrace(const Scenario& s, Problems& out)
{
    const Routing& r = s.workload.routing;
    if (r.kind != Routing::Kind::Trace)
        return;
    const std::string p = "workload.routing.counts";
    if (r.layerCounts.empty())
        out.push_back({ p, "is empty; trace routing needs per-layer expert counts" });
    const int experts = s.model.moe ? s.model.moe->experts : 0;
    for (std::size_t l = 0; l < r.layerCounts.size(); ++l) {
        const auto& c = r.layerCounts[l];
        const std::string lp = p + "[" + std::to_string(l) + "]";
        if (s.model.moe && static_cast<int>(c.size()) > experts)
            out.push_back({ lp,
                "counts " + std::to_string(c.size()) + " expert ids; the model has " + std::to_string(experts)
                    + " experts" });
        double sum = 0;
        bool huge = false;
        for (double v : c) {
            sum += v;
            huge = huge || !(v <= limits::kMaxTraceCount);
        }
        if (huge)
            out.push_back({ lp,
                "holds a count above " + shortestNumber(limits::kMaxTraceCount)
                    + "; counts are times an expert was chosen" });
        else if (sum <= 0)
            out.push_back({ lp, "holds no expert choices" });
    }
}

} // namespace

Problems validateScenario(const Scenario& s)
{
    Problems out;
    checkRanges(s.gpu, "gpu", out);
    checkRanges(s.cluster, "cluster", out);
    checkRanges(s.parallelism, "parallelism", out);
    checkRanges(s.workload, "workload", out);
    for (std::size_t i = 0; i < s.tiers.size(); ++i) {
        const std::string p = "tiers[" + std::to_string(i) + "]";
        checkRanges(s.tiers[i], p, out);
        if (s.tiers[i].id == kHbmTierId)
            out.push_back({ p + ".id", "\"hbm\" is reserved for the GPU's own memory" });
        if (s.tiers[i].readPowerW > 0 && s.tiers[i].readPjPerBit > 0)
            out.push_back({ p + ".read_power_w",
                "gives the read energy a second time: read_pj_per_bit is "
                "already set; set one of the two to 0" });
        if (s.tiers[i].isArray() && s.tiers[i].driveReadGBs <= 0)
            out.push_back({ p + ".drive_read_gb_s", "must be above 0 for a drive array (drives > 0)" });
    }
    for (std::size_t i = 0; i < s.links.size(); ++i)
        checkRanges(s.links[i], "links[" + std::to_string(i) + "]", out);
    checkIds(s.tiers, "tiers", out);
    checkIds(s.links, "links", out);
    checkModel(s, out);
    checkRanges(s.flash, "flash_offload", out);
    checkRanges(s.cost, "cost", out);
    if (s.flash.enabled() && !s.findTier(s.flash.tier)) {
        // The GPU's own memory is the cache here, never the flash tier: list the installed tiers.
        std::string known;
        for (const auto& t : s.tiers)
            known += (known.empty() ? "" : ", ") + t.id;
        out.push_back({ "flash_offload.tier",
            "names unknown tier \"" + s.flash.tier + "\"; known: " + (known.empty() ? "none" : known) });
    }

    const int gpus = s.cluster.gpus();
    if (s.parallelism.tp >= 1 && gpus >= 1 && gpus % s.parallelism.tp != 0)
        out.push_back({ "parallelism.tp",
            "(" + std::to_string(s.parallelism.tp) + ") must divide the cluster's " + std::to_string(gpus)
                + " GPUs" });
    if (gpus > 1)
        checkLinkRef(s, s.cluster.intraLink, "cluster.intra_link", out);
    if (s.cluster.nodes > 1)
        checkLinkRef(s, s.cluster.interLink, "cluster.inter_link", out);

    if (s.placement.expertTier != kHbmTierId && !s.findTier(s.placement.expertTier))
        out.push_back({ "placement.expert_tier",
            "names unknown tier \"" + s.placement.expertTier + "\"; known: " + knownIds(s, true) });
    for (std::size_t i = 0; i < s.placement.path.size(); ++i)
        checkLinkRef(s, s.placement.path[i], "placement.path[" + std::to_string(i) + "]", out);
    checkTiers(s, out);
    checkRanges(s.placement.cache, "placement.cache", out);
    if (s.placement.kvCache.offloaded() && !s.findTier(s.placement.kvCache.tier))
        out.push_back({ "placement.kv_cache.tier",
            "names unknown tier \"" + s.placement.kvCache.tier + "\"; known: " + knownIds(s, true) });
    for (std::size_t i = 0; i < s.placement.kvCache.path.size(); ++i)
        checkLinkRef(
            s, s.placement.kvCache.path[i], "placement.kv_cache.path[" + std::to_string(i) + "]", out);
    checkRanges(s.placement.kvCache, "placement.kv_cache", out);
    checkRanges(s.workload.routing, "workload.routing", out);
    checkTrace(s, out);
    // Checked entry by entry only when the list is of a sane length: 10^5 entries would mean
    // 10^5 messages.
    if (s.workload.batches.size() > limits::kMaxBatches) {
        out.push_back({ "workload.batches",
            "has " + std::to_string(s.workload.batches.size()) + " entries; at most "
                + std::to_string(limits::kMaxBatches) });
    } else {
        for (std::size_t i = 0; i < s.workload.batches.size(); ++i) {
            const int b = s.workload.batches[i];
            if (b < 1 || b > (1 << 24))
                out.push_back({ "workload.batches[" + std::to_string(i) + "]",
                    "must be between 1 and 16777216, got " + std::to_string(b) });
        }
    }
    return out;
}

Problems validateModel(const ModelSpec& m, std::string_view path)
{
    Problems out;
    const std::string p(path);
    checkRanges(m, p, out);
    // Divisibility is checked only between values already in range: it would add noise otherwise.
    if (m.heads >= 1 && m.kvHeads >= 1 && m.heads % m.kvHeads != 0)
        out.push_back({ join(p, "kv_heads"),
            "(" + std::to_string(m.kvHeads) + ") must divide " + join(p, "heads") + " ("
                + std::to_string(m.heads) + ")" });
    if (m.moe) {
        const std::string moe = join(p, "moe");
        checkRanges(*m.moe, moe, out);
        if (m.moe->experts >= 1 && m.moe->topK > m.moe->experts)
            out.push_back({ join(moe, "top_k"),
                "(" + std::to_string(m.moe->topK) + ") must not exceed " + join(moe, "experts") + " ("
                    + std::to_string(m.moe->experts) + ")" });
        if (m.layers >= 1 && m.moe->firstDenseLayers >= m.layers)
            out.push_back({ join(moe, "first_dense_layers"),
                "must be fewer than " + join(p, "layers") + " (" + std::to_string(m.layers) + ")" });
    }
    if (m.mla)
        checkRanges(*m.mla, join(p, "mla"), out);
    return out;
}

} // namespace tierlens
