// Energy per token explained: the off-chip and on-chip parts of the step's operations, the copy
// of offloaded experts, the background and their total.

#include "core/explain/explainer.h"

#include "core/explain/explainsupport.h"

namespace tierlens {

using namespace explain;

namespace {

Explanation offchipEnergy(const Sources& in, EnergyPart part)
{
    Explanation ex;
    const auto ops = opsWhere(in.r, [&](const OperationRow& op) {
        return op.offchipPart == part && op.traffic.dramBytes * op.instancesTotal > 0;
    });
    const std::string label(energyPartLabel(part));
    if (ops.empty()) {
        ex.steps.push_back(step("No operation of this scenario is charged to " + label,
            "E = Σ_ops DRAM_bytes × 8 × e_HBM × instances / B", "0 (no operations)", 0, "J"));
        return ex;
    }
    std::vector<Item> bytes, energy;
    for (const OperationRow* op : ops) {
        const double n = op->instancesTotal;
        bytes.push_back(
            { op->name, "", qty(op->traffic.dramBytes, "B") + " × " + num(n), op->traffic.dramBytes * n });
        energy.push_back({ op->name,
            opWhat(*op) + " · " + qty(op->traffic.dramBytes, "B") + " from HBM × " + num(n) + " per step", "",
            op->energyOffchipJ * n / in.batch });
    }
    sortItems(bytes);
    sortItems(energy);
    const double d = total(bytes);
    ex.steps.push_back(step("HBM (DRAM) traffic per step of the " + std::to_string(ops.size())
            + " operations counted here, over all GPUs (tiling model)",
        "D = Σ_ops DRAM_bytes × instances", inlineSum(bytes, "B"), d, "B"));
    const double e = in.s.gpu.hbmReadPjPerBit;
    ExplainStep last = step(label + " energy per token", "E = D × 8 × e_HBM / B",
        qty(d, "B") + " × 8 × " + num(e) + " pJ/bit / " + num(in.batch),
        d * kBitsPerByte * e * kPico / in.batch, "J");
    last.terms = termsOf(energy, "J");
    ex.steps.push_back(std::move(last));
    return ex;
}

Explanation onchipEnergy(const Sources& in, EnergyPart part)
{
    Explanation ex;
    const auto ops = opsWhere(in.r, [&](const OperationRow& op) {
        return op.onchipPart == part
            && (op.flops + op.traffic.l2Bytes + op.traffic.l1Bytes) * op.instancesTotal > 0;
    });
    const std::string label(energyPartLabel(part));
    const std::string formula = "E = (F × e_MAC/2 + S_L2 × 8 × e_L2 + S_L1 × 8 × e_L1) / B";
    if (ops.empty()) {
        ex.steps.push_back(step(
            "No operation of this scenario is charged to " + label, formula, "0 (no operations)", 0, "J"));
        return ex;
    }
    std::vector<Item> flops, l2, l1, energy;
    for (const OperationRow* op : ops) {
        const double n = op->instancesTotal;
        flops.push_back({ op->name, "", qty(op->flops, "FLOP") + " × " + num(n), op->flops * n });
        if (op->traffic.l2Bytes > 0)
            l2.push_back(
                { op->name, "", qty(op->traffic.l2Bytes, "B") + " × " + num(n), op->traffic.l2Bytes * n });
        if (op->traffic.l1Bytes > 0)
            l1.push_back(
                { op->name, "", qty(op->traffic.l1Bytes, "B") + " × " + num(n), op->traffic.l1Bytes * n });
        energy.push_back(
            { op->name, opWhat(*op) + " · × " + num(n) + " per step", "", op->energyOnchipJ * n / in.batch });
    }
    for (auto* v : { &flops, &l2, &l1, &energy })
        sortItems(*v);
    const double f = total(flops), s2 = total(l2), s1 = total(l1);
    ex.steps.push_back(step("Arithmetic per step (2 FLOPs per multiply-accumulate), over all GPUs",
        "F = Σ_ops FLOPs × instances", inlineSum(flops, "FLOP"), f, "FLOP"));
    ex.steps.push_back(step("L2 traffic per step (L1 tiles streaming through L2)",
        "S_L2 = Σ_ops L2_bytes × instances", inlineSum(l2, "B"), s2, "B"));
    ex.steps.push_back(step("L1 traffic per step (16×16 register tiles)", "S_L1 = Σ_ops L1_bytes × instances",
        inlineSum(l1, "B"), s1, "B"));
    const GpuSpec& g = in.s.gpu;
    const double value
        = (f * g.pjPerMac / 2 + (s2 * g.l2PjPerBit + s1 * g.l1PjPerBit) * kBitsPerByte) * kPico / in.batch;
    ExplainStep last = step(label + " energy per token", formula,
        "(" + qty(f, "FLOP") + " × " + num(g.pjPerMac) + "/2 pJ + " + qty(s2, "B") + " × 8 × "
            + num(g.l2PjPerBit) + " pJ/bit + " + qty(s1, "B") + " × 8 × " + num(g.l1PjPerBit) + " pJ/bit) / "
            + num(in.batch),
        value, "J");
    last.terms = termsOf(energy, "J");
    ex.steps.push_back(std::move(last));
    return ex;
}

Explanation offloadEnergy(const Sources& in)
{
    Explanation ex;
    const std::string formula = "E = C × 8 × (e_tier_read + e_HBM_write) / B";
    if (!in.q.offloaded) {
        if (!in.hasMoe)
            ex.steps.push_back(
                step("The model has no routed experts: nothing is copied", formula, "0 bits", 0, "J"));
        else if (!in.s.expertsOffloaded())
            ex.steps.push_back(step("The routed experts live in HBM: nothing is copied", formula,
                "expert tier = " + in.s.placement.expertTier, 0, "J"));
        else
            ex.steps.push_back(
                step("The model has no MoE layers: nothing is copied", formula, "0 bits", 0, "J"));
        return ex;
    }
    const StepQuantities& q = in.q;
    addRoutingSteps(ex, in, false, false);
    addExpertBytesStep(ex, in);
    addRouterBytesStep(ex, in);
    const double useful = in.r.copiedBytes - q.wastedBytes;
    if (!cacheOrPredictorSet(in)) {
        ex.steps.push_back(
            step("Bytes copied into HBM per step: every GPU's router copy and every active expert, "
                 "in every MoE layer",
                "C = L_MoE × (N × S_r + A × S_e)",
                num(q.moeLayers) + " × (" + num(q.gpus) + " × " + qty(q.routerBytesPerGpu, "B") + " + "
                    + num(q.routing.activeExperts) + " × " + qty(q.expertBytes, "B") + ")",
                useful, "B"));
    } else {
        addCacheFlowSteps(ex, in);
        ex.steps.push_back(step("Bytes copied into HBM and used per step: every GPU's router copy and the "
                                "active experts the cache missed, prefetched or fetched on demand",
            "C = L_MoE × (N × S_r + A × (f_pre + f_dem) × S_e)",
            num(q.moeLayers) + " × (" + num(q.gpus) + " × " + qty(q.routerBytesPerGpu, "B") + " + "
                + num(q.routing.activeExperts) + " × " + num(q.flow.prefetched + q.flow.onDemand) + " × "
                + qty(q.expertBytes, "B") + ")",
            useful, "B"));
    }
    if (tieredPlacement(in)) {
        addTierShareSteps(ex, in);
        addTieredOffloadEnergy(ex, in);
        return ex;
    }
    const double hbmWrite = in.s.gpu.hbmWritePjPerBit;
    const double bits = useful * kBitsPerByte;
    // A drive array's read energy comes from its drives: the same per bit however many stream.
    if (const MemoryTier* t = in.s.findTier(in.s.placement.expertTier); t && t->isArray())
        ex.steps.push_back(step("Read energy of the drive array: each drive's power above idle over its "
                                "throughput, the same for any number of drives",
            "e_tier_read = (P_read − P_idle) / B_drive",
            "(" + qty(t->driveReadPowerW, "W") + " − " + qty(t->driveIdlePowerW, "W") + ") / "
                + qty(t->driveReadGBs * 1e9, "B/s"),
            q.tierReadPjPerBit, "pJ/bit"));
    ex.steps.push_back(step("MoE offload energy per token (the links' share is the Link component)", formula,
        qty(bits, "bit") + " × (" + num(q.tierReadPjPerBit) + " + " + num(hbmWrite) + ") pJ/bit / "
            + num(in.batch),
        bits * (q.tierReadPjPerBit + hbmWrite) * kPico / in.batch, "J"));
    return ex;
}

Explanation backgroundEnergy(const Sources& in)
{
    Explanation ex;
    const Result& r = in.r;
    if (in.q.copyOnly)
        ex.steps.push_back(step("Step latency (copy-only rule: the copy time alone)", "T_step = T_copy",
            qty(r.latency(LatencyPart::Moe), "s"), r.totalLatencyS(), "s"));
    else {
        const double stall = r.latency(LatencyPart::Stall);
        ex.steps.push_back(step("Step latency",
            std::string("T_step = T_FC + T_attn + T_MoE + T_comm") + (stall > 0 ? " + T_stall" : ""),
            qty(r.latency(LatencyPart::Fc), "s") + " + " + qty(r.latency(LatencyPart::Attention), "s") + " + "
                + qty(r.latency(LatencyPart::Moe), "s") + " + "
                + qty(r.latency(LatencyPart::Communication), "s") + (stall > 0 ? " + " + qty(stall, "s") : "")
                + (r.latency(LatencyPart::Io) > 0
                        ? " + " + qty(r.latency(LatencyPart::Io), "s") + " (flash I/O)"
                        : ""),
            r.totalLatencyS(), "s"));
    }
    double watts = in.s.gpu.idlePowerW;
    std::string powers = qty(in.s.gpu.idlePowerW, "W") + " (GPU idle)";
    for (const auto& t : in.s.tiers) {
        watts += t.backgroundPowerW();
        powers += " + " + qty(t.backgroundPowerW(), "W") + " (" + nameOf(t) + ")";
    }
    ex.steps.push_back(step("Static power per GPU: its idle power and every installed tier's share",
        "P = P_idle + Σ P_static", powers, watts, "W"));
    ex.steps.push_back(step("Background energy per token, over every GPU (idle DP groups included)",
        "E = T_step × N × P / B",
        qty(r.totalLatencyS(), "s") + " × " + num(in.q.gpus) + " × " + qty(watts, "W") + " / "
            + num(in.batch),
        r.totalLatencyS() * in.q.gpus * watts / in.batch, "J"));
    return ex;
}

std::string energyNote(EnergyPart p, const Sources& in)
{
    switch (p) {
    case EnergyPart::FcOffchip:
    case EnergyPart::FcOnchip:
        return std::string(
                   "FC groups the QKV and output projections, the dense FFN and the shared experts, as "
                   "the reference does")
            + (in.s.model.mla ? "; DeepSeek's MLA projections count as attention energy" : "")
            + ". LayerNorm, residuals, RoPE, embedding and LM head are left out.";
    case EnergyPart::AttentionOffchip:
    case EnergyPart::AttentionOnchip:
        return "Decode attention reads the KV cache of L = L_in + 1 = "
            + num(in.s.workload.promptLength + 1.0) + " tokens per sequence"
            + (in.s.model.mla ? "; MLA projections count here (their time counts as FC)" : "")
            + ". The KV-cache write of the new token is left out.";
    case EnergyPart::MoeOffchip:
    case EnergyPart::MoeOnchip:
        return "Router and routed experts. Experts that no token chose cost nothing; offloaded experts are "
               "read from HBM after their copy like any weight, so this part is paid wherever they live.";
    case EnergyPart::MoeOffload:
        return "Prefetching hides latency but not energy: every copied bit is paid for, whatever the "
               "overlap. The links the copy crosses are charged to Link, wasted prefetches to Wasted "
               "prefetch.";
    case EnergyPart::Link:
        return "Every byte pays the pJ/bit of each link it crosses: expert copies along the placement's "
               "path, AllReduce (2(p−1)/p of the buffer leaves each GPU of a ring) and MoE dispatch and "
               "combine over the cluster's links. The reference's links cost 0 pJ/bit.";
    case EnergyPart::PrefetchWaste:
        return "Experts the predictor staged that no token used: read from the tier, carried over the links "
               "and written into HBM for nothing. They hide no latency.";
    case EnergyPart::Background: {
        std::string n
            = "Every installed tier's static power is charged, whether or not it holds experts (the "
              "reference charges 57 W per GPU for CPU memory even in its HBM baseline).";
        if (const std::string idle = idleGroups(in); !idle.empty())
            n += " " + idle + "; their GPUs still draw idle power for the whole step.";
        return n;
    }
    case EnergyPart::FcOffload:
        return "LLM in a Flash: weights read from flash are written into DRAM, then read by the "
               "compute like any weight (that read counts as FC off-chip). Only bytes the predictor "
               "and the window leave out are saved; the neurons the predictor misses are not loaded.";
    case EnergyPart::Count:
        break;
    }
    return {};
}

} // namespace

Explanation explainEnergy(const Scenario& scenario, const Result& result, EnergyPart part)
{
    if (part == EnergyPart::Count)
        return {};
    const Sources in(scenario, result);
    Explanation ex;
    if (result.batch <= 0)
        ex.steps.push_back(noBatch("J"));
    else if (part == EnergyPart::MoeOffload)
        ex = offloadEnergy(in);
    else if (part == EnergyPart::FcOffload)
        ex = flashOffloadEnergy(in);
    else if (part == EnergyPart::Link)
        ex = linkEnergy(in);
    else if (part == EnergyPart::PrefetchWaste)
        ex = prefetchWasteEnergy(in);
    else if (part == EnergyPart::Background)
        ex = backgroundEnergy(in);
    else if (part == EnergyPart::FcOffchip || part == EnergyPart::AttentionOffchip
        || part == EnergyPart::MoeOffchip)
        ex = offchipEnergy(in, part);
    else
        ex = onchipEnergy(in, part);
    // The KV cache beyond the HBM budget (placement.kv_cache) adds its tier access and HBM write to
    // attention off-chip energy, and its links to Link energy.
    const double kvJ = part == EnergyPart::AttentionOffchip ? result.q.kvTierEnergyJ
        : part == EnergyPart::Link                          ? result.q.kvLinkEnergyJ
                                                            : 0.0;
    if (kvJ > 0 && result.batch > 0 && !ex.steps.empty()) {
        const double before = ex.steps.back().value;
        ex.steps.push_back(step("With the KV cache read from " + scenario.placement.kvCache.tier + " ("
                + qty(result.q.kvOffHbmBytesTotal, "B") + " per step, all GPUs)",
            "E + E_KV / B", qty(before, "J") + " + " + qty(kvJ, "J") + " / " + num(in.batch),
            before + kvJ / result.batch, "J"));
    }
    return complete(std::move(ex), in, std::string(energyPartLabel(part)) + " — energy per token",
        energyNote(part, in), result.energy(part));
}

Explanation explainTotalEnergy(const Scenario& scenario, const Result& result)
{
    const Sources in(scenario, result);
    // Symbols in EnergyPart order. The reference's eight always show; the parts it lacks (flash
    // reads, link energy, wasted prefetch) only when this scenario has them, so the sum stays short.
    static constexpr const char* kSymbols[kEnergyPartCount] = { "E_FC,off", "E_FC,on", "E_attn,off",
        "E_attn,on", "E_MoE,off", "E_MoE,copy", "E_MoE,on", "E_bg", "E_FC,flash", "E_link", "E_waste" };
    std::vector<Item> items;
    std::vector<std::string> symbols;
    for (int i = 0; i < kEnergyPartCount; ++i) {
        const auto p = static_cast<EnergyPart>(i);
        if (i > static_cast<int>(EnergyPart::Background) && result.energy(p) == 0)
            continue;
        items.push_back(
            { std::string(energyPartLabel(p)), "", qty(result.energy(p), "J"), result.energy(p) });
        symbols.push_back(kSymbols[i]);
    }
    const double t = total(items);
    std::vector<std::string> inlined; // in the formula's order, not by size
    for (auto& i : items) {
        i.detail = share(i.value, t);
        inlined.push_back(i.inlineText);
    }
    sortItems(items);
    ExplainStep st = step("Energy per token: the step's operations, the copy of offloaded experts and the "
                          "background, divided by the batch",
        "E = " + joined(symbols, " + "), joined(inlined, " + "), t, "J");
    for (const auto& i : items) // all of them, largest first
        st.terms.push_back({ i.label, i.detail, i.value, "J" });
    Explanation ex;
    ex.steps.push_back(std::move(st));
    return complete(std::move(ex), in, "Energy per token",
        "The whole step (all " + num(in.q.gpus) + " GPUs) uses " + qty(t * in.batch, "J")
            + " = E × B. Each component has its own explanation: click its bar segment. Left out, "
              "as in the reference: LayerNorm, residuals, RoPE, embedding, LM head and the KV-cache "
              "write.",
        result.totalEnergyJPerToken());
}

} // namespace tierlens
