#include "core/explain/explainrequest.h"

#include "core/explain/explainsupport.h"

namespace tierlens {

using namespace explain;

namespace {

constexpr std::string_view kLabels[kRequestQuantityCount] = { "Time to first token", "Time per output token",
    "Throughput", "Throughput per GPU", "Energy per request", "Prefill energy per request",
    "Decode energy per request", "Energy per output token", "Average power", "Average power per GPU",
    "KV cache read off HBM", "Largest batch that fits" };

std::string requestContext(const Scenario& s, const RequestResult& r)
{
    return describe(s) + " · batch " + num(r.batch) + " · prompt " + num(r.promptLength) + ", output "
        + num(r.outputLength) + " tokens" + (r.hasPrefill ? "" : ", no prefill");
}

ExplainStep prefillStep(const RequestResult& r)
{
    if (!r.hasPrefill)
        return step("No prefill: the request starts at its first decode step", "T_prefill = 0", "0", 0, "s");
    return step("Prefill: one pass of all " + num(r.promptLength)
            + " prompt tokens of every sequence (GEMMs with m = " + num(r.prefill.q.tokensPerGpu)
            + " tokens per DP group, causal attention)",
        "T_prefill = T_FC + T_attn + T_MoE + T_comm",
        qty(r.prefill.latency(LatencyPart::Fc), "s") + " + "
            + qty(r.prefill.latency(LatencyPart::Attention), "s") + " + "
            + qty(r.prefill.latency(LatencyPart::Moe), "s") + " + "
            + qty(r.prefill.latency(LatencyPart::Communication), "s") + " + …",
        r.prefillS, "s");
}

ExplainStep decodeStep(const RequestResult& r)
{
    ExplainStep d
        = step("Decode: " + num(r.outputLength) + " steps over contexts " + num(r.promptLength + 1.0) + " … "
                + num(double(r.promptLength) + r.outputLength) + ", each evaluated",
            "T_decode = Σ_i T_step(L_in + i)",
            "first " + qty(r.tpotFirstS, "s") + " … last " + qty(r.tpotLastS, "s") + ", "
                + num(r.outputLength) + " steps",
            r.decodeS, "s");
    for (int p = 0; p < kLatencyPartCount; ++p)
        if (r.decodeLatencyS[std::size_t(p)] != 0)
            d.terms.push_back({ std::string(latencyPartLabel(LatencyPart(p))), "summed over the steps",
                r.decodeLatencyS[std::size_t(p)], "s" });
    return d;
}

ExplainStep energyStep(const std::string& what, const std::array<double, kEnergyPartCount>& parts, int batch)
{
    std::vector<Item> items;
    for (int p = 0; p < kEnergyPartCount; ++p)
        if (parts[std::size_t(p)] != 0)
            items.push_back({ std::string(energyPartLabel(EnergyPart(p))), "whole batch / B",
                qty(parts[std::size_t(p)] / batch, "J"), parts[std::size_t(p)] / batch });
    return sumStep(what, "E = Σ_parts E_part / B", std::move(items), "J");
}

ExplainStep requestTimeStep(const RequestResult& r)
{
    return step("Time of the whole request (the batch's requests start and end together)",
        "T_req = T_prefill + T_decode", qty(r.prefillS, "s") + " + " + qty(r.decodeS, "s"), r.requestS, "s");
}

ExplainStep totalEnergyStep(const RequestResult& r)
{
    return step("Energy per request", "E_req = E_prefill + E_decode",
        qty(r.prefillJPerRequest, "J") + " + " + qty(r.decodeJPerRequest, "J"), r.energyJPerRequest, "J");
}

} // namespace

std::string_view requestQuantityLabel(RequestQuantity q)
{
    return q == RequestQuantity::Count ? std::string_view {} : kLabels[static_cast<int>(q)];
}

Explanation explainRequest(const Scenario& s, const RequestResult& r, RequestQuantity q)
{
    Explanation ex;
    if (q == RequestQuantity::Count)
        return ex;
    ex.title = std::string(requestQuantityLabel(q));
    ex.context = requestContext(s, r);
    if (r.batch <= 0) {
        ex.steps.push_back(noBatch("s"));
        finish(ex, 0);
        return ex;
    }
    double reported = 0;
    const double B = r.batch, N = r.gpus, Lout = r.outputLength;
    switch (q) {
    case RequestQuantity::Ttft:
        ex.steps.push_back(prefillStep(r));
        ex.steps.push_back(step("First decode step (context " + num(r.promptLength + 1.0) + ")",
            "T_step(L_in + 1)", "as the decode step's own breakdown", r.tpotFirstS, "s"));
        ex.steps.push_back(step("Time to first token", "TTFT = T_prefill + T_step(L_in + 1)",
            qty(r.prefillS, "s") + " + " + qty(r.tpotFirstS, "s"), r.ttftS, "s"));
        ex.note = "Each output token is one decode step; the prefill builds the KV cache of the prompt.";
        reported = r.ttftS;
        break;
    case RequestQuantity::TpotMean:
        ex.steps.push_back(decodeStep(r));
        ex.steps.push_back(step("Mean time per output token", "TPOT = T_decode / L_out",
            qty(r.decodeS, "s") + " / " + num(Lout), r.tpotMeanS, "s"));
        ex.note = "Attention reads a context one token longer at every step, so TPOT grows from the first "
                  "step to "
                  "the last when the KV cache weighs in.";
        reported = r.tpotMeanS;
        break;
    case RequestQuantity::TokensPerS:
    case RequestQuantity::TokensPerSPerGpu: {
        ex.steps.push_back(prefillStep(r));
        ex.steps.push_back(decodeStep(r));
        ex.steps.push_back(requestTimeStep(r));
        ex.steps.push_back(step("Output tokens per second, the whole system", "X = B × L_out / T_req",
            num(B) + " × " + num(Lout) + " / " + qty(r.requestS, "s"), r.tokensPerS, "tokens/s"));
        reported = r.tokensPerS;
        if (q == RequestQuantity::TokensPerSPerGpu) {
            ex.steps.push_back(
                step("Per GPU", "X / N", num(r.tokensPerS) + " / " + num(N), r.tokensPerSPerGpu, "tokens/s"));
            reported = r.tokensPerSPerGpu;
        }
        ex.note
            = "Static batching: the batch's requests are prefilled together and decode together to the end.";
        break;
    }
    case RequestQuantity::PrefillEnergy:
        ex.steps.push_back(energyStep("Prefill energy per request, by component", r.prefillEnergyJ, r.batch));
        ex.note
            = "The prefill copies every expert any prompt token routes to from its tier once per layer; the "
              "background is the static power over the prefill's time.";
        reported = r.prefillJPerRequest;
        break;
    case RequestQuantity::DecodeEnergy:
        ex.steps.push_back(energyStep(
            "Decode energy per request, summed over the " + num(Lout) + " steps", r.decodeEnergyJ, r.batch));
        reported = r.decodeJPerRequest;
        break;
    case RequestQuantity::EnergyPerRequest:
    case RequestQuantity::EnergyPerOutputToken:
        ex.steps.push_back(energyStep("Prefill energy per request", r.prefillEnergyJ, r.batch));
        ex.steps.push_back(energyStep("Decode energy per request", r.decodeEnergyJ, r.batch));
        ex.steps.push_back(totalEnergyStep(r));
        reported = r.energyJPerRequest;
        if (q == RequestQuantity::EnergyPerOutputToken) {
            ex.steps.push_back(step("Per output token", "E_req / L_out",
                qty(r.energyJPerRequest, "J") + " / " + num(Lout), r.jPerOutputToken, "J"));
            reported = r.jPerOutputToken;
        }
        break;
    case RequestQuantity::AvgPowerW:
    case RequestQuantity::AvgPowerWPerGpu:
        ex.steps.push_back(totalEnergyStep(r));
        ex.steps.push_back(requestTimeStep(r));
        ex.steps.push_back(step("Average power of the system", "P = E_req × B / T_req",
            qty(r.energyJPerRequest, "J") + " × " + num(B) + " / " + qty(r.requestS, "s"), r.avgPowerW, "W"));
        reported = r.avgPowerW;
        if (q == RequestQuantity::AvgPowerWPerGpu) {
            ex.steps.push_back(
                step("Per GPU", "P / N", qty(r.avgPowerW, "W") + " / " + num(N), r.avgPowerWPerGpu, "W"));
            reported = r.avgPowerWPerGpu;
        }
        ex.note = "Includes every tier's static power, charged as background.";
        break;
    case RequestQuantity::KvTransfer: {
        const StepQuantities& f = r.firstStep.q;
        const std::string tier = s.placement.kvCache.tier;
        ex.steps.push_back(step("KV cache of the busiest GPU at the first step",
            "KV = layers × bytes per token per GPU × (L_in + 1) × sequences", "evaluated", f.kvBytesPerGpu,
            "B"));
        ex.steps.push_back(step("Beyond the HBM budget, on " + tier, "KV_off = max(0, KV − budget)",
            qty(f.kvBytesPerGpu, "B") + " − "
                + qty(s.placement.kvCache.hbmBudgetGiB * 1024 * 1024 * 1024, "B"),
            f.kvOffHbmBytesPerGpu, "B"));
        const double t = f.kvBandwidthBytesPerS > 0 ? f.kvOffHbmBytesPerGpu / f.kvBandwidthBytesPerS : 0;
        ex.steps.push_back(
            step("Read over the KV path every step (first step)", "T_KV = KV_off / min(B_tier, B_link)",
                qty(f.kvOffHbmBytesPerGpu, "B") + " / " + qty(f.kvBandwidthBytesPerS, "B/s"), t, "s"));
        ex.note = "Counted in attention time (no overlap assumed); its tier read and HBM write count as "
                  "attention "
                  "off-chip energy, its links as Link energy.";
        reported = f.kvTransferS;
        break;
    }
    case RequestQuantity::MaxBatch: {
        const auto& fits = r.maxBatch;
        for (const auto& f : fits) {
            ExplainStep st
                = step("KV in " + f.placement + ": room per GPU ÷ KV per sequence at L_in + L_out, × DP",
                    "B_max = ⌊(HBM − weights [≤ budget] + tier) / KV_seq⌋ × DP",
                    "(" + qty(f.hbmFreeBytesPerGpu, "B")
                        + (f.tierBytesPerGpu > 0 ? " + " + qty(f.tierBytesPerGpu, "B") : "") + ") / "
                        + qty(f.kvBytesPerSequencePerGpu, "B"),
                    f.maxBatch, "sequences");
            ex.steps.push_back(std::move(st));
        }
        for (const auto& f : fits)
            if (f.placement == s.placement.kvCache.tier) {
                ExplainStep chosen = ex.steps[std::size_t(&f - fits.data())];
                chosen.what = "This scenario's placement: " + chosen.what;
                ex.steps.push_back(std::move(chosen));
                reported = f.maxBatch;
            }
        ex.note
            = "With the KV cache on a tier, HBM keeps at most the budget of it; the tier's capacity per GPU "
              "holds the rest, less the experts it already holds.";
        break;
    }
    case RequestQuantity::Count:
        break;
    }
    finish(ex, reported);
    return ex;
}

} // namespace tierlens
