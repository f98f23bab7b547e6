// Explanations of what goes beyond the reference for MoE: skewed routing, the HBM expert cache
// and prefetch predictor (wasted prefetches, stalls) and link energy.

#include "core/explain/explainer.h"

#include "core/explain/explainsupport.h"
#include "core/model/tieredplacement.h"

#include <algorithm>

namespace tierlens::explain {

namespace {

std::string popularityText(const Scenario& s)
{
    const Routing& r = s.workload.routing;
    if (r.kind == Routing::Kind::Zipf)
        return "Zipf, s = " + num(r.zipfExponent) + ": p_i ∝ 1/(i+1)^s over expert ids";
    return "imported trace of " + num(double(r.layerCounts.size())) + " MoE layers: p_i = count_i / Σ count";
}

double usefulCopyBytes(const Sources& in)
{
    return in.r.copiedBytes - in.q.wastedBytes;
}

} // namespace

void addSkewedRoutingSteps(Explanation& ex, const Sources& in, bool busiest, bool tokens)
{
    const MoeSpec& moe = *in.s.model.moe;
    const RoutingStats& rt = in.q.routing;
    const double k = std::min(moe.topK, moe.experts);
    ex.steps.push_back(step("Active (distinct) experts per MoE layer, averaged over layers. Each token "
                            "picks expert i with probability π_i (Σ π_i = k), "
            + popularityText(in.s),
        "A = Σ_i 1 − (1 − π_i)^B", "k = " + num(k) + ", E = " + num(moe.experts) + ", B = " + num(in.batch),
        rt.activeExperts, "experts"));
    ex.steps.push_back(step("Probability that an expert is active, on average", "p = A / E",
        num(rt.activeExperts) + " / " + num(moe.experts), rt.activeProbability, ""));
    if (busiest)
        ex.steps.push_back(step("Active experts on the busiest GPU: experts sit on GPUs in id order, so "
                                "the hottest block can dominate (experts taken as independent)",
            "A_max = Σ_c (1 − Π_g P(n_g ≤ c)), n_g Poisson-binomial over GPU g's P_i",
            num(rt.gpusWithExperts) + " GPUs holding " + num(rt.expertsPerGpu) + " experts each",
            rt.busiestGpuExperts, "experts"));
    if (tokens)
        ex.steps.push_back(step("Tokens per active expert (the m of its GEMMs)", "m = B·k / A",
            num(in.batch) + " × " + num(k) + " / " + num(rt.activeExperts), rt.tokensPerActiveExpert,
            "tokens"));
}

bool cacheOrPredictorSet(const Sources& in)
{
    const ExpertFlow& f = in.q.flow;
    return f.hitRate > 0 || f.wasted > 0 || f.onDemand > 0;
}

void addCacheFlowSteps(Explanation& ex, const Sources& in)
{
    const ExpertCache& c = in.s.placement.cache;
    const ExpertFlow& f = in.q.flow;
    const double E = in.s.model.moe ? in.s.model.moe->experts : 0;
    if (c.hitRate >= 0)
        ex.steps.push_back(
            step("HBM expert cache hit rate, as set", "h", "placement.cache.hit_rate", f.hitRate, ""));
    else if (c.capacity >= E)
        ex.steps.push_back(step("HBM expert cache hit rate: the cache holds all " + num(E) + " experts",
            "h = 1", "c = " + num(c.capacity) + " ≥ E", f.hitRate, ""));
    else
        ex.steps.push_back(step("HBM expert cache hit rate: the popularity share h₀ of the c hottest experts "
                                "(c/E for uniform routing), raised by temporal locality τ once the cache "
                                "holds a step's A active experts",
            "h = h₀ + τ × (1 − h₀) × min(1, c/A)",
            num(in.q.cacheColdHitRate) + " + " + num(c.temporalLocality) + " × (1 − "
                + num(in.q.cacheColdHitRate) + ") × min(1, " + num(c.capacity) + "/"
                + num(in.q.routing.activeExperts) + ")",
            f.hitRate, ""));
    ex.steps.push_back(step("Share of active experts prefetched and used (predictor recall r)",
        "f_pre = (1 − h) × r", "(1 − " + num(f.hitRate) + ") × " + num(c.recall), f.prefetched, ""));
    const double unbounded = f.prefetched * (1 - c.precision) / c.precision;
    if (f.wasted >= unbounded) {
        ex.steps.push_back(step("Share of active experts' worth prefetched in vain (precision q)",
            "f_waste = f_pre × (1 − q) / q",
            num(f.prefetched) + " × (1 − " + num(c.precision) + ") / " + num(c.precision), f.wasted, ""));
    } else {
        // The evaluator's cap: only the offloaded experts neither cached nor needed can be staged
        // in vain.
        const double offloaded = E - TieredPlacement::residentExperts(in.q.tierCopies);
        const double uncached = std::max(0.0, offloaded - std::max(0, c.capacity));
        const double active = in.q.routing.activeExperts * TieredPlacement::offloadedShare(in.q.tierCopies);
        ex.steps.push_back(step("Share of active experts' worth prefetched in vain (precision q), capped: a "
                                "predictor stages only the U offloaded experts that are not cached, and "
                                "(1 − h) of the A_off active ones are needed",
            "f_waste = min(f_pre × (1 − q) / q, U / A_off − (1 − h))",
            "min(" + num(f.prefetched) + " × (1 − " + num(c.precision) + ") / " + num(c.precision) + ", "
                + num(uncached) + " / " + num(active) + " − (1 − " + num(f.hitRate) + "))",
            f.wasted, ""));
    }
    ex.steps.push_back(step("Share of active experts copied on demand: missed and not predicted",
        "f_dem = (1 − h) × (1 − r)", "(1 − " + num(f.hitRate) + ") × (1 − " + num(c.recall) + ")", f.onDemand,
        ""));
}

Explanation linkEnergy(const Sources& in)
{
    Explanation ex;
    const StepQuantities& q = in.q;
    std::vector<Item> items;
    if (tieredPlacement(in)) {
        for (const TierCopy& t : q.tierCopies) {
            const double bits = (t.copiedBytes - t.wastedBytes) * kBitsPerByte;
            if (!t.resident() && bits > 0)
                items.push_back(
                    { "expert copy from " + t.tier, "useful copied bits × Σ e_link along its path",
                        qty(bits, "bit") + " × " + num(t.linkPjPerBit) + " pJ/bit",
                        bits * t.linkPjPerBit * kPico });
        }
    } else if (q.offloaded) {
        const double bits = usefulCopyBytes(in) * kBitsPerByte;
        items.push_back({ "expert copy", "useful copied bits × Σ e_link along the placement's path",
            qty(bits, "bit") + " × " + num(q.linkPjPerBit) + " pJ/bit", bits * q.linkPjPerBit * kPico });
    }
    for (const OperationRow* op :
        opsWhere(in.r, [](const OperationRow& o) { return o.offchipPart == EnergyPart::Link; })) {
        const double j = op->energyOffchipJ * op->instancesTotal;
        items.push_back({ op->name, opWhat(*op) + " × " + num(op->instancesTotal) + " per step",
            qty(op->energyOffchipJ, "J") + " × " + num(op->instancesTotal), j });
    }
    ex.steps.push_back(sumStep("Link energy per step: expert copies (wasted prefetches excepted) and "
                               "GPU-to-GPU communication, each byte at the pJ/bit of the links it crosses",
        "E_step = C_useful × 8 × Σ e_link + Σ_comm bytes_sent × 8 × e_link × instances", items, "J"));
    const double e = ex.steps.back().value;
    ex.steps.push_back(step(
        "Link energy per token", "E = E_step / B", qty(e, "J") + " / " + num(in.batch), e / in.batch, "J"));
    return ex;
}

Explanation prefetchWasteEnergy(const Sources& in)
{
    Explanation ex;
    const StepQuantities& q = in.q;
    const std::string formula = "E = W × 8 × (e_tier_read + Σ e_link + e_HBM_write) / B";
    if (!q.offloaded) {
        ex.steps.push_back(
            step("The routed experts are not offloaded: nothing is prefetched", formula, "0", 0, "J"));
        return ex;
    }
    addCacheFlowSteps(ex, in);
    addExpertBytesStep(ex, in);
    ex.steps.push_back(
        step("Bytes prefetched and never used per step, over all GPUs", "W = L_MoE × A × f_waste × S_e",
            num(q.moeLayers) + " × " + num(q.routing.activeExperts) + " × " + num(q.flow.wasted) + " × "
                + qty(q.expertBytes, "B"),
            q.wastedBytes, "B"));
    const double hbmWrite = in.s.gpu.hbmWritePjPerBit;
    if (tieredPlacement(in)) {
        std::vector<Item> items;
        for (const TierCopy& t : q.tierCopies) {
            const double bits = t.wastedBytes * kBitsPerByte;
            if (!t.resident() && bits > 0)
                items.push_back({ t.tier, "its share of W × (tier read + its links + HBM write) / B",
                    qty(bits, "bit") + " × (" + num(t.tierReadPjPerBit) + " + " + num(t.linkPjPerBit) + " + "
                        + num(hbmWrite) + ") pJ/bit / " + num(in.batch),
                    bits * (t.tierReadPjPerBit + t.linkPjPerBit + hbmWrite) * kPico / in.batch });
        }
        ex.steps.push_back(sumStep("Wasted prefetch energy per token, summed over the tiers",
            "E = Σ_t W_t × 8 × (e_read,t + Σ e_link,t + e_HBM_write) / B", std::move(items), "J"));
        return ex;
    }
    const double bits = q.wastedBytes * kBitsPerByte;
    ex.steps.push_back(step("Wasted prefetch energy per token", formula,
        qty(bits, "bit") + " × (" + num(q.tierReadPjPerBit) + " + " + num(q.linkPjPerBit) + " + "
            + num(hbmWrite) + ") pJ/bit / " + num(in.batch),
        bits * (q.tierReadPjPerBit + q.linkPjPerBit + hbmWrite) * kPico / in.batch, "J"));
    return ex;
}

Explanation stallLatency(const Sources& in)
{
    Explanation ex;
    const StepQuantities& q = in.q;
    const std::string formula = "T_stall = L_MoE × (Σ latency_link + A_max × f_dem × S_e / B_copy)";
    if (!q.offloaded) {
        ex.steps.push_back(
            step("The routed experts are not offloaded: nothing stalls", formula, "0", 0, "s"));
        return ex;
    }
    addCacheFlowSteps(ex, in);
    addExpertBytesStep(ex, in);
    const double bytes = q.routing.busiestGpuExperts * q.flow.onDemand * q.expertBytes;
    ex.steps.push_back(step("On-demand copy on the busiest GPU per MoE layer; it cannot overlap compute",
        "t_stall = Σ latency_link + A_max × f_dem × S_e / B_copy (0 when nothing misses)",
        bytes > 0 && tieredPlacement(in) ? "each tier's share of " + num(q.routing.busiestGpuExperts) + " × "
                + num(q.flow.onDemand) + " × " + qty(q.expertBytes, "B")
                + ", streamed in parallel as the prefetch (see the MoE time)"
            : bytes > 0 ? qty(q.copyLatencyS, "s") + " + " + num(q.routing.busiestGpuExperts) + " × "
                + num(q.flow.onDemand) + " × " + qty(q.expertBytes, "B") + " / "
                + qty(q.copyBandwidthGBs * 1e9, "B/s")
                        : "no on-demand misses",
        q.stallPerLayerS, "s"));
    ex.steps.push_back(step("Stall per step, over all MoE layers", "T_stall = L_MoE × t_stall",
        num(q.moeLayers) + " × " + qty(q.stallPerLayerS, "s"), q.moeLayers * q.stallPerLayerS, "s"));
    return ex;
}

} // namespace tierlens::explain
