// The explainer's shared parts: what an explanation reads, how it describes the scenario, the
// step groups several explanations share (tokens, routing, copy, bandwidth) and the routing
// explanation. Energy, latency and heatmap explanations live in explainenergy.cpp,
// explainlatency.cpp and explainheatmap.cpp.

#include "core/explain/explainer.h"

#include "core/explain/explainsupport.h"
#include "core/model/tieredplacement.h"

#include <algorithm>
#include <cmath>

namespace tierlens {

namespace explain {

namespace {
// Relative difference between the explanation's arithmetic and the Result beyond which the
// explanation says it disagrees with the model.
constexpr double kConsistencyTolerance = 1e-6;

std::string counted(double n, std::string_view one, std::string_view many)
{
    return num(n) + " " + std::string(n == 1 ? one : many);
}
} // namespace

Sources::Sources(const Scenario& scenario, const Result& result)
    : s(scenario)
    , r(result)
    , q(result.q)
    , batch(result.batch)
    , hasMoe(scenario.model.moe.has_value())
    , copyApplies(result.copyS > 0)
{
}

std::string nameOf(const MemoryTier& t)
{
    return t.name.empty() ? t.id : t.name;
}

std::string tierBandwidthText(const MemoryTier& t)
{
    if (!t.isArray())
        return qty(t.readBandwidthGBs() * 1e9, "B/s") + " (" + nameOf(t) + ")";
    std::string text
        = num(t.drives) + (t.drives == 1 ? " drive" : " drives") + " × " + qty(t.driveReadGBs * 1e9, "B/s");
    if (t.gpusPerArray > 1)
        text += " / " + num(t.gpusPerArray) + " GPUs sharing them";
    return text + " = " + qty(t.readBandwidthGBs() * 1e9, "B/s") + " (" + nameOf(t) + ")";
}

std::string unhiddenCopyText(const Sources& in)
{
    const double copyS = in.r.copyS, hiddenS = in.r.copyHiddenS;
    if (!in.copyApplies || in.q.copyOnly || copyS <= hiddenS)
        return {};
    double bytes = 0; // what the busiest GPU prefetches per step, every MoE layer
    for (const auto& t : in.q.tierCopies)
        if (!t.resident())
            bytes += in.q.moeLayers * t.prefetchBytesPerGpu;
    return "Copying " + qty(bytes, "B") + " per step and GPU at " + qty(in.q.copyBandwidthGBs * 1e9, "B/s")
        + " takes " + qty(copyS, "s") + ", longer than the " + qty(hiddenS, "s")
        + " of compute it streams behind, so " + qty(copyS - hiddenS, "s") + " are not hidden.";
}

std::string nameOf(const Interconnect& l)
{
    return l.name.empty() ? l.id : l.name;
}

std::vector<const Interconnect*> copyLinks(const Scenario& s)
{
    std::vector<const Interconnect*> links;
    for (const auto& id : s.placement.path)
        if (const Interconnect* l = s.findLink(id))
            links.push_back(l);
    return links;
}

// Built from the scenario's parts, since its name may predate a change of placement.
std::string describe(const Scenario& s)
{
    std::string c = (s.model.name.empty() ? s.model.id : s.model.name) + " on "
        + std::to_string(s.cluster.nodes) + " × " + std::to_string(s.cluster.gpusPerNode) + " "
        + (s.gpu.name.empty() ? s.gpu.id : s.gpu.name) + ", TP" + std::to_string(s.parallelism.tp);
    if (!s.model.moe)
        return c;
    if (!s.expertsOffloaded())
        return c + " · experts in HBM";
    if (!s.placement.tiers.empty()) {
        std::vector<std::string> parts;
        for (const auto& e : TieredPlacement::resolve(s.placement, s.model.moe->experts)) {
            const MemoryTier* t = s.findTier(e.tier);
            parts.push_back(std::to_string(e.experts) + " in " + (t ? nameOf(*t) : std::string("HBM")));
        }
        return c + " · experts tiered: " + joined(parts, ", ");
    }
    const MemoryTier* tier = s.findTier(s.placement.expertTier);
    c += " · experts on " + (tier ? nameOf(*tier) : s.placement.expertTier);
    std::vector<std::string> links;
    for (const Interconnect* l : copyLinks(s))
        links.push_back(nameOf(*l));
    if (!links.empty())
        c += " via " + joined(links, ", ");
    return c;
}

std::string contextOf(const Sources& in)
{
    return describe(in.s) + " · batch " + num(in.batch);
}

std::string idleGroups(const Sources& in)
{
    const StepQuantities& q = in.q;
    if (in.batch <= 0 || q.activeGroups >= q.dp)
        return {};
    return "B = " + counted(in.batch, "sequence", "sequences") + " over DP = " + num(q.dp)
        + " groups: " + counted(q.dp - q.activeGroups, "group", "groups") + " idle";
}

void finish(Explanation& ex, double reported)
{
    if (ex.steps.empty())
        return;
    ex.value = ex.steps.back().value;
    ex.unit = ex.steps.back().unit;
    const double scale = std::max(std::fabs(reported), std::fabs(ex.value));
    if (std::fabs(ex.value - reported) > kConsistencyTolerance * scale && scale > 0) {
        if (!ex.note.empty())
            ex.note += " ";
        ex.note += "Warning: this arithmetic gives " + qty(ex.value, ex.unit) + " but the model reports "
            + qty(reported, ex.unit) + "; the explanation is out of step with the model code.";
    }
}

Explanation complete(Explanation ex, const Sources& in, std::string title, std::string note, double reported)
{
    ex.title = std::move(title);
    ex.context = contextOf(in);
    ex.note = std::move(note);
    finish(ex, reported);
    return ex;
}

ExplainStep noBatch(std::string unit)
{
    return step("The batch is empty: nothing is decoded", "B = 0", "0", 0, std::move(unit));
}

// ---------------------------------------------------------------------------------------------
// Operations.

bool isGemm(const OperationRow& op)
{
    return op.shape.m > 0;
}

bool isComm(const OperationRow& op)
{
    return op.timePart == LatencyPart::Communication;
}

std::string shapeText(const GemmShape& g)
{
    return num(g.m) + " × " + num(g.k) + " × " + num(g.n);
}

std::string opWhat(const OperationRow& op)
{
    if (isGemm(op))
        return "m×k×n = " + shapeText(op.shape);
    if (isComm(op))
        return "sends " + qty(op.bytes, "B");
    return "reads and writes " + qty(op.bytes, "B");
}

// ---------------------------------------------------------------------------------------------
// Shared groups of steps. Their values are the evaluator's; the scenario's inputs only fill in
// the substituted formulas.

void addTokensStep(Explanation& ex, const Sources& in)
{
    const StepQuantities& q = in.q;
    const std::string dp = num(q.gpus) + " / " + num(q.tp);
    const std::string idle = idleGroups(in);
    if (in.batch > 0 && static_cast<int>(in.batch) % q.activeGroups != 0)
        ex.steps.push_back(step("Sequences of the largest DP group: B does not divide evenly over the "
                + num(q.activeGroups) + " busy groups, and every layer waits for the group with one more",
            "tokens = ⌈B / min(DP, B)⌉, DP = N / TP",
            "⌈" + num(in.batch) + " / min(" + dp + ", " + num(in.batch) + ")⌉", q.tokensPerGpu, "tokens"));
    else if (idle.empty())
        ex.steps.push_back(step("Sequences each GPU works on: the " + num(q.gpus)
                + " GPUs form DP = N/TP groups, each decoding B/DP sequences",
            "tokens = B / DP = B / (N / TP)", num(in.batch) + " / (" + dp + ")", q.tokensPerGpu, "tokens"));
    else
        ex.steps.push_back(step("Sequences each busy GPU works on. " + idle
                + "; idle groups read no weights and do no work, but draw idle power",
            "tokens = B / min(DP, B), DP = N / TP",
            num(in.batch) + " / min(" + dp + ", " + num(in.batch) + ")", q.tokensPerGpu, "tokens"));
}

void addRoutingSteps(Explanation& ex, const Sources& in, bool busiest, bool tokens)
{
    if (in.s.workload.routing.kind != Routing::Kind::Uniform) {
        addSkewedRoutingSteps(ex, in, busiest, tokens);
        return;
    }
    const MoeSpec& moe = *in.s.model.moe;
    const RoutingStats& rt = in.q.routing;
    const double k = std::min(moe.topK, moe.experts);
    ex.steps.push_back(step("Probability that a given expert is chosen by at least one of the B tokens",
        "p = 1 − (1 − k/E)^B", "1 − (1 − " + num(k) + "/" + num(moe.experts) + ")^" + num(in.batch),
        rt.activeProbability, ""));
    ex.steps.push_back(step("Active (distinct) experts per MoE layer", "A = E·p",
        num(moe.experts) + " × " + num(rt.activeProbability), rt.activeExperts, "experts"));
    if (busiest) {
        const std::string what = "Active experts on the busiest GPU (layers wait for it)";
        const std::string spread
            = num(rt.gpusWithExperts) + " GPUs holding " + num(rt.expertsPerGpu) + " experts each";
        // The model the evaluator actually used: over RoutingStats::kMaxExactExperts experts the
        // exact one gives way to the binomial, whatever the option asks.
        if (rt.model == BusiestGpuModel::Binomial)
            ex.steps.push_back(step(what, "A_max = Σ_a (1 − F(a)^N), F = CDF of Binomial(E/N, p)",
                "Binomial(" + num(rt.expertsPerGpu) + ", " + num(rt.activeProbability) + ") over " + spread,
                rt.busiestGpuExperts, "experts"));
        else
            ex.steps.push_back(step(what,
                "A_max = Σ_a P(a active) · E[max over N GPUs of the active experts each holds | a], "
                "a of E experts active at random (hypergeometric)",
                "A = " + num(rt.activeExperts) + " of " + num(moe.experts) + " experts on " + spread,
                rt.busiestGpuExperts, "experts"));
    }
    if (tokens)
        ex.steps.push_back(step("Tokens per active expert (the m of its GEMMs)", "m = B·k / (E·p)",
            num(in.batch) + " × " + num(k) + " / (" + num(moe.experts) + " × " + num(rt.activeProbability)
                + ")",
            rt.tokensPerActiveExpert, "tokens"));
}

void addExpertBytesStep(Explanation& ex, const Sources& in)
{
    const ModelSpec& m = in.s.model;
    ex.steps.push_back(step("Weights of one routed expert", "S_e = matrices × h × I_e × b",
        num(m.ffnMatrices()) + " × " + num(m.hidden) + " × " + num(m.moe->expertFfnDim) + " × "
            + num(m.bytesOf(WeightClass::Experts)) + " B"
            + (m.precision.of(WeightClass::Experts) ? " (" + m.typeText(WeightClass::Experts) + ")" : ""),
        in.q.expertBytes, "B"));
}

void addRouterBytesStep(Explanation& ex, const Sources& in)
{
    const ModelSpec& m = in.s.model;
    if (in.s.placement.copyRouterWeights)
        ex.steps.push_back(step("Router weights, copied by every GPU each MoE layer (as the reference does)",
            "S_r = h × E × b",
            num(m.hidden) + " × " + num(m.moe->experts) + " × " + num(m.bytesOf(WeightClass::Dense)) + " B",
            in.q.routerBytesPerGpu, "B"));
    else
        ex.steps.push_back(step("Router weights are not copied (placement.copy_router_weights is off)",
            "S_r = 0", "copy_router_weights = false", in.q.routerBytesPerGpu, "B"));
}

void addCopyTimeSteps(Explanation& ex, const Sources& in, bool total)
{
    const StepQuantities& q = in.q;
    if (tieredPlacement(in)) {
        addExpertBytesStep(ex, in);
        addRouterBytesStep(ex, in);
        if (cacheOrPredictorSet(in))
            addCacheFlowSteps(ex, in);
        addTierShareSteps(ex, in);
        addTieredCopyTimeSteps(ex, in, total);
        return;
    }
    const double bandwidth = q.copyBandwidthGBs * 1e9;
    std::vector<std::string> hops;
    if (const MemoryTier* tier = in.s.findTier(in.s.placement.expertTier))
        hops.push_back(tierBandwidthText(*tier));
    for (const Interconnect* l : copyLinks(in.s))
        hops.push_back(qty(l->bandwidthGBs * 1e9, "B/s") + " (" + nameOf(*l) + ")");
    ex.steps.push_back(step("Copy bandwidth: the slowest of the tier and the links on its way to HBM",
        "B_copy = min(B_tier, B_link…)", "min(" + joined(hops, ", ") + ")", bandwidth, "B/s"));
    addExpertBytesStep(ex, in);
    addRouterBytesStep(ex, in);
    if (!cacheOrPredictorSet(in)) {
        ex.steps.push_back(step("Copy time per MoE layer: the router plus the busiest GPU's experts",
            "t_copy = Σ latency_link + (S_r + A_max × S_e) / B_copy",
            qty(q.copyLatencyS, "s") + " + (" + qty(q.routerBytesPerGpu, "B") + " + "
                + num(q.routing.busiestGpuExperts) + " × " + qty(q.expertBytes, "B") + ") / "
                + qty(bandwidth, "B/s"),
            q.copyPerLayerS, "s"));
    } else {
        addCacheFlowSteps(ex, in);
        // Wasted prefetches of the busiest GPU, capped by the uncached experts it holds.
        const double share = q.flow.prefetched + q.flow.wastedBusiestGpu;
        ex.steps.push_back(step("Prefetch time per MoE layer: the router plus the busiest GPU's prefetched "
                                "experts, wasted ones included (0 when nothing is copied)",
            "t_copy = Σ latency_link + (S_r + A_max × (f_pre + f_waste) × S_e) / B_copy",
            qty(q.copyLatencyS, "s") + " + (" + qty(q.routerBytesPerGpu, "B") + " + "
                + num(q.routing.busiestGpuExperts) + " × " + num(share) + " × " + qty(q.expertBytes, "B")
                + ") / " + qty(bandwidth, "B/s"),
            q.copyPerLayerS, "s"));
    }
    if (total)
        ex.steps.push_back(step("Copy time per step, over all MoE layers", "T_copy = L_MoE × t_copy",
            num(q.moeLayers) + " × " + qty(q.copyPerLayerS, "s"), in.r.copyS, "s"));
}

void addBandwidthStep(Explanation& ex, const Sources& in)
{
    const double hbm = in.s.gpu.hbmBandwidthGBs * 1e9;
    const double effective = in.r.effectiveHbmBandwidthGBs * 1e9;
    const std::string hbmText = qty(hbm, "B/s");
    const std::string copyText = qty(in.q.copyBandwidthGBs * 1e9, "B/s");
    if (!in.q.offloaded || !in.s.options.copyStealsHbmBandwidth) {
        ex.steps.push_back(step(in.q.offloaded ? "HBM bandwidth seen by compute (the copy does not compete: "
                                                 "options.copy_steals_hbm_bandwidth is off)"
                                               : "HBM bandwidth seen by compute (nothing is copied)",
            "B_eff = B_HBM", hbmText, effective, "B/s"));
        return;
    }
    if (in.s.options.hbmContention == Options::HbmContention::CopyTraffic) {
        ex.steps.push_back(step("HBM bandwidth seen by compute: all of it. The copy-traffic rule charges the "
                                "bytes the copy writes into HBM as HBM time of the MoE layers instead",
            "B_eff = B_HBM", hbmText, effective, "B/s"));
        return;
    }
    if (!in.q.hbmFloorApplied) {
        ex.steps.push_back(step("HBM bandwidth left to compute while experts stream in",
            "B_eff = B_HBM − B_copy", hbmText + " − " + copyText, effective, "B/s"));
        return;
    }
    // The floor is the evaluator's; its share is read back from the bandwidth it left.
    const std::string floor = num(effective / hbm);
    ex.steps.push_back(step("HBM bandwidth left to compute while experts stream in (floored at "
            + num(100 * effective / hbm) + " % of HBM)",
        "B_eff = max(B_HBM − B_copy, " + floor + " × B_HBM)",
        "max(" + hbmText + " − " + copyText + ", " + floor + " × " + hbmText + ")", effective, "B/s"));
}

} // namespace explain

using namespace explain;

Explanation explainRouting(const Scenario& scenario, const Result& result)
{
    const Sources in(scenario, result);
    Explanation ex;
    ex.title = "Active experts per MoE layer";
    ex.context = contextOf(in);
    if (!in.hasMoe || result.batch <= 0) {
        ex.steps.push_back(in.hasMoe ? noBatch("experts")
                                     : step("The model has no routed experts", "A = 0", "0", 0, "experts"));
        finish(ex, result.activeExpertsPerLayer);
        return ex;
    }
    addRoutingSteps(ex, in, true, true);
    // The number explained comes last: uniform p, A, A_max, m → p, m, A_max, A; skewed A, p, A_max,
    // m → p, m, A_max, A.
    const bool uniform = scenario.workload.routing.kind == Routing::Kind::Uniform;
    ex.steps = uniform ? std::vector { ex.steps[0], ex.steps[3], ex.steps[2], ex.steps[1] }
                       : std::vector { ex.steps[1], ex.steps[3], ex.steps[2], ex.steps[0] };
    ex.note = uniform
        ? "Uniform top-k routing in closed form (expectations, no random draw). Experts saturate "
          "once E·p nears E; layers wait for the busiest GPU."
        : "Skewed routing in closed form: each token includes expert i with probability "
          "π_i, Σ π_i = k, independently of the other tokens. Experts sit on GPUs in id "
          "order, so hot experts crowd one GPU; layers wait for it.";
    finish(ex, result.activeExpertsPerLayer);
    return ex;
}

} // namespace tierlens
