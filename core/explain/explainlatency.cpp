// Step latency explained: the roofline of the slowest operation, the sum over operations on the
// GPU that sets the latency and, for the MoE layers, how the latency rule combined expert compute
// with the copy of offloaded experts.

#include "core/explain/explainer.h"

#include "core/explain/explainsupport.h"
#include "core/model/costmodel.h"

#include <algorithm>
#include <cmath>

namespace tierlens {

using namespace explain;

namespace {

constexpr double kSameRow = 1e-9; // relative; how closely displayed arithmetic must give a row's numbers

std::string latencySymbol(LatencyPart p)
{
    switch (p) {
    case LatencyPart::Fc:
        return "T_FC";
    case LatencyPart::Attention:
        return "T_attn";
    case LatencyPart::Moe:
        return "T_MoE";
    case LatencyPart::Communication:
        return "T_comm";
    case LatencyPart::Io:
        return "T_io";
    case LatencyPart::Stall:
        return "T_stall";
    case LatencyPart::Count:
        break;
    }
    return "T";
}

ExplainStep reportedTime(const OperationRow& op)
{
    return step("Time of one " + op.name, "t", "as the model reports it", op.timeS, "s");
}

// Whether displayed arithmetic gives the row's own bytes and time.
bool reproduces(const OperationRow& op, double bytes, double timeS)
{
    return std::fabs(bytes - op.bytes) <= kSameRow * op.bytes
        && std::fabs(timeS - op.timeS) <= kSameRow * op.timeS;
}

// Communication rows carry their bytes and time but not the link they crossed. The link is picked
// here the way the StepBuilder picks it, for display only: the arithmetic is shown only when it
// reproduces the row, so a change of rule shows the row's time rather than a wrong formula.
ExplainStep commTimeStep(const Sources& in, const OperationRow& op)
{
    const Scenario& s = in.s;
    const StepQuantities& q = in.q;
    const double h = s.model.hidden, b = s.model.bytesPerParam;
    const std::string perToken = num(h) + " × " + num(b) + " B";
    if (op.name.rfind("allreduce", 0) == 0) {
        const Interconnect* l
            = s.findLink(q.tp <= s.cluster.gpusPerNode ? s.cluster.intraLink : s.cluster.interLink);
        if (!l || !reproduces(op, q.tokensPerGpu * h * b, ringAllReduceSeconds(q.tp, op.bytes, *l)))
            return reportedTime(op);
        return step("Time of one " + op.name + " (ring AllReduce over the TP group, " + nameOf(*l) + ")",
            "t = 2(p−1)·(latency + (S/p)/bandwidth), S = tokens·h·b",
            "2 × (" + num(q.tp) + " − 1) × (" + qty(l->latencyUs * 1e-6, "s") + " + (" + num(q.tokensPerGpu)
                + " × " + perToken + " / " + num(q.tp) + ") / " + qty(l->bandwidthGBs * 1e9, "B/s") + ")",
            op.timeS, "s");
    }
    const Interconnect* l = s.findLink(s.cluster.nodes > 1 ? s.cluster.interLink : s.cluster.intraLink);
    if (!l || !s.model.moe)
        return reportedTime(op);
    const double k = std::min(s.model.moe->topK, s.model.moe->experts);
    const double remote = (q.gpus - 1.0) / q.gpus;
    if (!reproduces(op, q.tokensPerGpu * k * remote * h * b / q.tp,
            l->latencyUs * 1e-6 + op.bytes / (l->bandwidthGBs * 1e9)))
        return reportedTime(op);
    return step("Time of one " + op.name + " (tokens routed to experts on other GPUs, " + nameOf(*l) + ")",
        "t = latency + S/bandwidth, S = tokens·k·(N−1)/N·h·b/TP",
        qty(l->latencyUs * 1e-6, "s") + " + " + num(q.tokensPerGpu) + " × " + num(k) + " × (" + num(q.gpus)
            + " − 1)/" + num(q.gpus) + " × " + perToken + " / " + num(q.tp) + " / "
            + qty(l->bandwidthGBs * 1e9, "B/s"),
        op.timeS, "s");
}

// The time of one instance of an operation, with the numbers of its roofline. The value is the
// row's; the FLOPs and bytes are the row's too, divided by the peak and the evaluator's B_eff.
ExplainStep opTimeStep(const Sources& in, const OperationRow& op)
{
    if (isComm(op))
        return commTimeStep(in, op);
    // A GEMM over FP8 or FP4 weights runs at that type's peak (StepBuilder sets it on the shape).
    const double peak = (op.shape.peakTflops > 0 ? op.shape.peakTflops : in.s.gpu.peakTflops) * 1e12;
    const double bandwidth = in.r.effectiveHbmBandwidthGBs * 1e9;
    const std::string rates = " / " + qty(peak, "FLOP/s");
    const std::string perBandwidth = " / " + qty(bandwidth, "B/s");
    const std::string outcome
        = " = max(" + qty(op.flops / peak, "s") + ", " + qty(op.bytes / bandwidth, "s") + ")";
    if (isGemm(op)) {
        const GemmShape& sh = op.shape;
        if (sh.weightRatio() != 1.0)
            return step("Time of one " + op.name
                    + " (roofline: compute or memory, whichever is slower; weights at their own data type)",
                "t = max(2·m·k·n / P_type, ((m·k + m·n)·b + k·n·b_w) / B_eff)",
                "max(2 × " + shapeText(sh) + rates + ", ((" + num(sh.m) + " × " + num(sh.k) + " + "
                    + num(sh.m) + " × " + num(sh.n) + ") × " + num(sh.bytesPerElement) + " B + " + num(sh.k)
                    + " × " + num(sh.n) + " × " + num(sh.weightBytes()) + " B)" + perBandwidth + ")"
                    + outcome,
                op.timeS, "s");
        return step("Time of one " + op.name + " (roofline: compute or memory, whichever is slower)",
            "t = max(2·m·k·n / P_peak, (m·k + k·n + m·n)·b / B_eff)",
            "max(2 × " + shapeText(sh) + rates + ", (" + num(sh.m) + " × " + num(sh.k) + " + " + num(sh.k)
                + " × " + num(sh.n) + " + " + num(sh.m) + " × " + num(sh.n) + ") × " + num(sh.bytesPerElement)
                + " B" + perBandwidth + ")" + outcome,
            op.timeS, "s");
    }
    // Softmax: a few FLOPs per score, the scores read and written once.
    return step("Time of one " + op.name + " (per sequence and layer: L = "
            + num(in.s.workload.promptLength + 1.0) + " scores for each of "
            + num(static_cast<double>(in.s.model.heads) / in.q.tp) + " heads per GPU)",
        "t = max(7·L·heads / P_peak, 2·L·heads·b / B_eff)",
        "max(" + qty(op.flops, "FLOP") + rates + ", " + qty(op.bytes, "B") + perBandwidth + ")" + outcome,
        op.timeS, "s");
}

// Σ over operations of their time on the GPU that sets the latency.
ExplainStep opTimeSum(
    const std::vector<const OperationRow*>& ops, std::string what, const std::string& symbol)
{
    std::vector<Item> items;
    for (const OperationRow* op : ops)
        items.push_back({ op->name,
            opWhat(*op) + " · " + qty(op->timeS, "s") + " × " + num(op->instancesPerGpu) + " per GPU",
            qty(op->timeS, "s") + " × " + num(op->instancesPerGpu), op->stepTimeS() });
    return sumStep(std::move(what), symbol + " = Σ_ops t × instances per GPU", std::move(items), "s");
}

const OperationRow* slowest(const std::vector<const OperationRow*>& ops)
{
    const OperationRow* best = nullptr;
    for (const OperationRow* op : ops)
        if (!best || op->stepTimeS() > best->stepTimeS())
            best = op;
    return best;
}

std::vector<const OperationRow*> opsOf(const Result& r, LatencyPart part)
{
    return opsWhere(r, [part](const OperationRow& op) { return op.timePart == part; });
}

// The router and the busiest GPU's experts; the value is the evaluator's T_expert, which the
// listed operations add up to.
ExplainStep expertComputeStep(const Sources& in, std::string what)
{
    ExplainStep st = opTimeSum(opsOf(in.r, LatencyPart::Moe), std::move(what), "T_expert");
    st.value = in.q.expertComputeS;
    return st;
}

// T_ne,MoE, T_hidden and T_MoE under the overlap rule; returns T_MoE.
double addOverlapSteps(Explanation& ex, const Sources& in)
{
    const Result& r = in.r;
    const StepQuantities& q = in.q;
    const double tExpert = q.expertComputeS, tNe = q.nonExpertInMoeS, tCopy = r.copyS;
    const double nonExpert = r.latency(LatencyPart::Fc) + r.latency(LatencyPart::Attention)
        + r.latency(LatencyPart::Communication);
    ex.steps.push_back(step("Non-expert work inside the MoE layers, which the copy streams behind (prefetch)",
        "T_ne,MoE = T_every-layer ops × L_MoE/L + T_MoE-layer-only ops",
        "the share of T_FC + T_attn + T_comm = " + qty(nonExpert, "s") + " spent in the " + num(q.moeLayers)
            + " MoE layers of " + num(in.s.model.layers),
        tNe, "s"));
    ex.steps.push_back(step("Copy time hidden behind compute", "T_hidden = min(T_copy, T_expert + T_ne,MoE)",
        "min(" + qty(tCopy, "s") + ", " + qty(tExpert, "s") + " + " + qty(tNe, "s") + ")", r.copyHiddenS,
        "s"));
    const double tMoe = std::max(tExpert, tCopy - tNe);
    ex.steps.push_back(
        step(r.copyHiddenS >= tCopy ? "MoE time, overlap rule: compute hides the copy"
                                    : "MoE time, overlap rule: the copy is longer than the work it "
                                      "hides behind, so the step waits for it",
            "T_MoE = max(T_expert, T_copy − T_ne,MoE)",
            "max(" + qty(tExpert, "s") + ", " + qty(tCopy, "s") + " − " + qty(tNe, "s") + ")", tMoe, "s"));
    if (q.hbmBusyS <= 0)
        return tMoe;
    // Copy-traffic rule: the evaluator's HBM busy time against the MoE layers' window.
    const double hbm = in.s.gpu.hbmBandwidthGBs * 1e9;
    const double rw = (q.hbmReadBytesPerGpu + q.hbmCopyWriteBytesPerGpu) / hbm;
    const double stall = r.latency(LatencyPart::Stall);
    ex.steps.push_back(step("HBM busy time of the MoE layers on the busiest GPU: their reads and the copy's "
                            "writes, beside their communication",
        "T_HBM = T_comm,MoE + (R + W) / B_HBM",
        qty(q.hbmBusyS - rw, "s") + " + (" + qty(q.hbmReadBytesPerGpu, "B") + " + "
            + qty(q.hbmCopyWriteBytesPerGpu, "B") + ") / " + qty(hbm, "B/s"),
        q.hbmBusyS, "s"));
    ex.steps.push_back(
        step(q.hbmContentionS > 0 ? "MoE time with HBM contention: the layers wait for HBM"
                                  : "MoE time with HBM contention: HBM keeps up with compute and copy",
            "T_MoE' = T_MoE + max(0, T_HBM − (T_ne,MoE + T_MoE + T_stall))",
            qty(tMoe, "s") + " + max(0, " + qty(q.hbmBusyS, "s") + " − (" + qty(tNe, "s") + " + "
                + qty(tMoe, "s") + " + " + qty(stall, "s") + "))",
            tMoe + q.hbmContentionS, "s"));
    return tMoe + q.hbmContentionS;
}

Explanation computeLatency(const Sources& in, LatencyPart part)
{
    Explanation ex;
    const std::string label(latencyPartLabel(part));
    const auto ops = opsOf(in.r, part);
    if (in.q.copyOnly) {
        double would = 0;
        for (const OperationRow* op : ops)
            would += op->stepTimeS();
        ex.steps.push_back(
            step("Copy-only rule (the reference's Fig. 6 script): the step takes as long as the "
                 "copy; "
                    + label + " time is not counted",
                latencySymbol(part) + " = 0", "latency rule = copy only; without it: " + qty(would, "s"), 0,
                "s"));
        return ex;
    }
    if (ops.empty()) {
        ex.steps.push_back(step("No " + label + " operation in this scenario",
            "T = Σ_ops t × instances per GPU", "0 (no operations)", 0, "s"));
        return ex;
    }
    addTokensStep(ex, in);
    if (part != LatencyPart::Communication)
        addBandwidthStep(ex, in);
    if (const OperationRow* big = slowest(ops))
        ex.steps.push_back(opTimeStep(in, *big));
    ex.steps.push_back(opTimeSum(ops,
        label + " time per step on one GPU (all GPUs of a layer work in parallel)", latencySymbol(part)));
    return ex;
}

Explanation moeLatency(const Sources& in)
{
    Explanation ex;
    const StepQuantities& q = in.q;
    if (!in.hasMoe || q.moeLayers <= 0) {
        ex.steps.push_back(step("The model has no MoE layers", "T_MoE = 0", "0", 0, "s"));
        return ex;
    }
    addRoutingSteps(ex, in, true, !q.copyOnly);
    if (q.copyOnly) {
        addCopyTimeSteps(ex, in, false);
        ex.steps.push_back(step("MoE time, copy-only rule (the reference's Fig. 6 script): the copy alone",
            "T_MoE = T_copy = L_MoE × t_copy", num(q.moeLayers) + " × " + qty(q.copyPerLayerS, "s"),
            q.moeLayers * q.copyPerLayerS, "s"));
        return ex;
    }
    addBandwidthStep(ex, in);
    if (const OperationRow* big = slowest(opsOf(in.r, LatencyPart::Moe)))
        ex.steps.push_back(opTimeStep(in, *big));
    ex.steps.push_back(expertComputeStep(
        in, "Expert compute per step: router and the busiest GPU's experts (L_MoE × A_max instances)"));
    if (!in.copyApplies)
        return ex;
    addCopyTimeSteps(ex, in, true);
    addOverlapSteps(ex, in);
    return ex;
}

Explanation totalLatency(const Sources& in)
{
    Explanation ex;
    const Result& r = in.r;
    if (in.q.copyOnly) {
        addRoutingSteps(ex, in, true, false);
        addCopyTimeSteps(ex, in, true);
        ex.steps.push_back(
            step("Step latency, copy-only rule (the reference's Fig. 6 script): the copy alone, "
                 "compute is not counted",
                "T_step = T_copy", qty(r.copyS, "s"), r.copyS, "s"));
        return ex;
    }
    std::vector<Item> parts;
    for (LatencyPart p : { LatencyPart::Fc, LatencyPart::Attention, LatencyPart::Moe,
             LatencyPart::Communication, LatencyPart::Io })
        parts.push_back({ std::string(latencyPartLabel(p)), "", qty(r.latency(p), "s"), r.latency(p) });
    const bool io = r.latency(LatencyPart::Io) > 0;
    if (!io)
        parts.pop_back();
    if (!in.copyApplies) {
        // In the formula's order, not by size.
        const double t = total(parts);
        std::vector<std::string> inlined;
        for (const auto& p : parts)
            inlined.push_back(p.inlineText);
        ExplainStep st = step(io
                ? "Step latency: linear layers, attention, experts, communication and flash I/O"
                : "Step latency: linear layers, attention, experts (busiest GPU) and communication",
            io ? "T_step = T_FC + T_attn + T_MoE + T_comm + T_io" : "T_step = T_FC + T_attn + T_MoE + T_comm",
            joined(inlined, " + "), t, "s");
        for (auto& p : parts)
            p.detail = share(p.value, t);
        st.terms = termsOf(parts, "s");
        ex.steps.push_back(std::move(st));
        return ex;
    }
    // Overlap rule with experts off-HBM.
    const double tNonExpert = r.latency(LatencyPart::Fc) + r.latency(LatencyPart::Attention)
        + r.latency(LatencyPart::Communication);
    ex.steps.push_back(step("Non-expert time: linear layers, attention and communication",
        "T_nonexpert = T_FC + T_attn + T_comm",
        parts[0].inlineText + " + " + parts[1].inlineText + " + " + parts[3].inlineText, tNonExpert, "s"));
    ex.steps.push_back(expertComputeStep(in,
        "Expert compute: router and the busiest GPU's experts, at the HBM "
        "bandwidth left by the copy, "
            + qty(r.effectiveHbmBandwidthGBs * 1e9, "B/s")));
    addCopyTimeSteps(ex, in, true);
    const double tMoe = addOverlapSteps(ex, in);
    ex.steps.push_back(step("Step latency (overlap rule, perfect prefetch)",
        in.q.hbmContentionS > 0 ? "T_step = T_nonexpert + T_MoE'"
                                : "T_step = T_nonexpert + max(T_expert, T_copy − T_ne,MoE)",
        qty(tNonExpert, "s") + " + " + qty(tMoe, "s"), tNonExpert + tMoe, "s"));
    return ex;
}

// Appends the idle DP groups, when there are any, to a note.
std::string withIdleGroups(std::string note, const Sources& in)
{
    if (const std::string idle = idleGroups(in); !idle.empty())
        note += " " + idle + ". Idle groups do no work; the busy ones set the step's time.";
    return note;
}

std::string latencyNote(LatencyPart p, const Sources& in)
{
    if (p == LatencyPart::Io)
        return "LLM in a Flash: batch 1, reads of neuron-sized chunks run far below the sequential "
               "rate, which is why bundling a neuron's rows into one read pays. Reading overlaps "
               "nothing here: T_token = T_io + T_memory_management + T_compute.";
    if (p == LatencyPart::Stall)
        return "Experts that miss the HBM cache and that the predictor did not stage are copied when the "
               "router asks for them; the layer waits. Wasted prefetches cost energy, not time.";
    if (p == LatencyPart::Communication)
        return "AllReduce after attention and after the FFN of every layer (and after a shared expert); MoE "
               "dispatch and combine. Queueing is left out.";
    std::string n
        = "Roofline timing; LayerNorm, residuals, RoPE, embedding, LM head and kernel-launch overheads "
          "are left out.";
    if (p != LatencyPart::Moe)
        return n;
    if (in.copyApplies && !in.q.copyOnly)
        n += " Copy time hidden behind compute: " + qty(in.r.copyHiddenS, "s") + " of " + qty(in.r.copyS, "s")
            + ".";
    if (const std::string why = unhiddenCopyText(in); !why.empty())
        n += " " + why;
    return withIdleGroups(std::move(n), in);
}

std::string totalLatencyNote(const Sources& in)
{
    if (in.q.copyOnly)
        return "The copy-only rule reproduces the reference's Fig. 6 script; the default \"overlap\" rule "
               "adds the non-expert work and lets compute hide the copy.";
    if (in.copyApplies)
        return withIdleGroups("Perfect prefetch: the experts stream in while the MoE layers' non-expert work "
                              "runs. Copy hidden: "
                + qty(in.r.copyHiddenS, "s") + " of " + qty(in.r.copyS, "s")
                + ". Hiding the copy saves time, not energy."
                + (unhiddenCopyText(in).empty() ? "" : " " + unhiddenCopyText(in)),
            in);
    return withIdleGroups(
        (in.batch == 1 ? std::string("One decode step: one new token for the single sequence.")
                       : "One decode step: one new token for each of the " + num(in.batch) + " sequences.")
            + " Layers wait for their slowest GPU.",
        in);
}

} // namespace

Explanation explainLatency(const Scenario& scenario, const Result& result, LatencyPart part)
{
    if (part == LatencyPart::Count)
        return {};
    const Sources in(scenario, result);
    Explanation ex = part == LatencyPart::Moe ? moeLatency(in)
        : part == LatencyPart::Io             ? flashIoLatency(in)
        : part == LatencyPart::Stall          ? stallLatency(in)
                                              : computeLatency(in, part);
    if (part == LatencyPart::Attention && in.q.kvTransferS > 0 && !ex.steps.empty()) {
        const double before = ex.steps.back().value;
        ex.steps.push_back(step("With the KV cache beyond the HBM budget read from "
                + in.s.placement.kvCache.tier + " (the step waits for it)",
            "T_attn + KV_off / min(B_tier, B_link)",
            qty(before, "s") + " + " + qty(in.q.kvOffHbmBytesPerGpu, "B") + " / "
                + qty(in.q.kvBandwidthBytesPerS, "B/s"),
            before + in.q.kvTransferS, "s"));
    }
    return complete(std::move(ex), in, std::string(latencyPartLabel(part)) + " — step latency",
        latencyNote(part, in), result.latency(part));
}

Explanation explainTotalLatency(const Scenario& scenario, const Result& result)
{
    const Sources in(scenario, result);
    Explanation ex = totalLatency(in);
    if (const double stall = result.latency(LatencyPart::Stall); stall > 0 && !ex.steps.empty()) {
        const double before = ex.steps.back().value;
        ex.steps.push_back(step("Step latency with the on-demand copies of experts nobody prefetched, "
                                "which nothing hides",
            "T = T_step + T_stall", qty(before, "s") + " + " + qty(stall, "s"), before + stall, "s"));
    }
    return complete(std::move(ex), in, "Step latency", totalLatencyNote(in), result.totalLatencyS());
}

} // namespace tierlens
