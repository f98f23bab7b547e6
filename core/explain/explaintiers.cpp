// Explanations of a tiered expert placement: each entry's share of the active experts, the
// offload energy it pays and the copy time of streams that run in parallel over shared links.

#include "core/explain/explainer.h"

#include "core/explain/explainsupport.h"
#include "core/model/tieredplacement.h"

#include <algorithm>
#include <map>

namespace tierlens::explain {

namespace {

std::string tierLabel(const Scenario& s, const TierCopy& t)
{
    const MemoryTier* m = s.findTier(t.tier);
    return m ? nameOf(*m) : t.tier;
}

} // namespace

bool tieredPlacement(const Sources& in)
{
    return !in.s.placement.tiers.empty() && in.q.offloaded;
}

void addTierShareSteps(Explanation& ex, const Sources& in)
{
    int first = 0;
    for (const TierCopy& t : in.q.tierCopies) {
        const std::string which = t.experts == 1 ? "expert " + num(first + 1)
                                                 : "experts " + num(first + 1) + "–" + num(first + t.experts);
        ex.steps.push_back(step("Share of the active experts on " + tierLabel(in.s, t)
                + ": the popularity ranks " + which + (t.resident() ? ", never copied" : ""),
            "s_t = Σ_{i ∈ t} P_i / Σ_i P_i",
            num(t.experts) + " of " + num(in.s.model.moe ? in.s.model.moe->experts : 0) + " experts", t.share,
            ""));
        first += t.experts;
    }
}

void addTieredOffloadEnergy(Explanation& ex, const Sources& in)
{
    const double hbmWrite = in.s.gpu.hbmWritePjPerBit;
    std::vector<Item> items;
    for (const TierCopy& t : in.q.tierCopies) {
        if (t.resident() || t.copiedBytes <= 0)
            continue;
        const double bits = (t.copiedBytes - t.wastedBytes) * kBitsPerByte;
        const double j = bits * (t.tierReadPjPerBit + hbmWrite) * kPico / in.batch;
        items.push_back({ tierLabel(in.s, t), "its useful copied bits × (tier read + HBM write) / B",
            qty(bits, "bit") + " × (" + num(t.tierReadPjPerBit) + " + " + num(hbmWrite) + ") pJ/bit / "
                + num(in.batch),
            j });
    }
    ex.steps.push_back(
        sumStep("MoE offload energy per token, summed over the tiers the experts are copied from "
                "(the links' share is the Link component)",
            "E = Σ_t C_t × 8 × (e_read,t + e_HBM_write) / B", std::move(items), "J"));
}

void addTieredCopyTimeSteps(Explanation& ex, const Sources& in, bool total)
{
    const StepQuantities& q = in.q;
    std::vector<Item> streams;
    std::map<std::string, std::vector<const TierCopy*>> users;
    for (const TierCopy& t : q.tierCopies) {
        if (t.resident() || t.prefetchBytesPerGpu <= 0)
            continue;
        const double time = t.latencyS + t.prefetchBytesPerGpu / t.bandwidthBytesPerS;
        ex.steps.push_back(step("Copy from " + tierLabel(in.s, t)
                + " per MoE layer: its share of the busiest "
                  "GPU's experts (and the router, on the coldest tier) at the slowest of the tier "
                  "and its links",
            "t_t = Σ latency_link + bytes_t / min(B_tier, B_link…)",
            qty(t.latencyS, "s") + " + " + qty(t.prefetchBytesPerGpu, "B") + " / "
                + qty(t.bandwidthBytesPerS, "B/s"),
            time, "s"));
        for (const auto& id : t.path)
            if (users[id].empty() || users[id].back() != &t)
                users[id].push_back(&t);
    }
    for (const auto& [id, list] : users) {
        const Interconnect* l = in.s.findLink(id);
        if (list.size() < 2 || !l)
            continue;
        double bytes = 0, latency = 0;
        std::vector<std::string> parts;
        for (const TierCopy* t : list) {
            bytes += t->prefetchBytesPerGpu;
            latency = std::max(latency, t->latencyS);
            parts.push_back(qty(t->prefetchBytesPerGpu, "B"));
        }
        ex.steps.push_back(step("Link " + nameOf(*l) + " is shared: it carries the copies of "
                + num(double(list.size())) + " tiers at once",
            "t_link = max latency + Σ bytes_t / B_link",
            qty(latency, "s") + " + (" + joined(parts, " + ") + ") / " + qty(l->bandwidthGBs * 1e9, "B/s"),
            latency + bytes / (l->bandwidthGBs * 1e9), "s"));
    }
    ex.steps.push_back(step("Copy time per MoE layer: the tiers stream in parallel, so the slowest stream or "
                            "shared link sets it",
        "t_copy = max(t_t…, t_link…)", "the largest of the steps above", q.copyPerLayerS, "s"));
    if (total)
        ex.steps.push_back(step("Copy time per step, over all MoE layers", "T_copy = L_MoE × t_copy",
            num(q.moeLayers) + " × " + qty(q.copyPerLayerS, "s"), in.r.copyS, "s"));
}

} // namespace tierlens::explain
