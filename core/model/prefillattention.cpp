// The prefill's attention: causal over the prompt, through the same roofline and tiling model as
// the decode step's. Kept apart from stepbuilder.cpp, which lays out the decode step.

#include "core/model/costmodel.h"
#include "core/model/stepbuilder.h"

#include <algorithm>

namespace tierlens {

void StepBuilder::addCausalAttention()
{
    const double b = m_.bytesPerParam, L = promptTokens_;
    const double layers = m_.layers;
    // Query position i attends to keys 0..i: of the L × L score matrix, L(L+1)/2 entries. The full
    // GEMMs are timed and counted, then scaled by that share, as a causal kernel skips the blocks
    // above the diagonal.
    const double causal = (L + 1) / (2 * L);
    if (!m_.mla) {
        // Per sequence and KV head: the group's g query heads of every prompt token (m = g·L)
        // against the L keys, then against the L values.
        const double kvPerGpu = std::max(1.0, static_cast<double>(m_.kvHeads) / tp_);
        const double g = static_cast<double>(m_.heads) / m_.kvHeads;
        const Where w { "all", causal * seqs_ * kvPerGpu * layers,
            causal * meanSeqs_ * kvPerGpu * layers * busyGpus_, EnergyPart::AttentionOffchip,
            EnergyPart::AttentionOnchip, LatencyPart::Attention };
        addGemm("attn.score", { g * L, double(m_.headDim), L, b }, w);
        addGemm("attn.context", { g * L, L, double(m_.headDim), b }, w);
    } else {
        // Absorbed MLA as in decode, with m = heads · L: more FLOPs per score than the
        // decompressed form a prefill kernel may choose (576 against 192 per head), an upper bound.
        const MlaSpec& a = *m_.mla;
        const double heads = static_cast<double>(m_.heads) / tp_;
        const Where w { "all", causal * seqs_ * layers, causal * meanSeqs_ * layers * busyGpus_,
            EnergyPart::AttentionOffchip, EnergyPart::AttentionOnchip, LatencyPart::Attention };
        addGemm("mla.score_latent", { heads * L, double(a.kvLoraRank), L, b }, w);
        addGemm("mla.score_rope", { heads * L, double(a.qkRopeHeadDim), L, b }, w);
        addGemm("mla.context", { heads * L, L, double(a.kvLoraRank), b }, w);
    }
    // Softmax: token i scores i + 1 keys, (L + 1)/2 on average; its cost is linear in the context,
    // so the mean context gives the exact sum.
    OperationRow r;
    r.name = "attn.softmax";
    r.layerKind = "all";
    const OpCost c = softmaxCost((L + 1) / 2, static_cast<double>(m_.heads) / tp_, b, s_.gpu, bandwidth_);
    fillCost(r, c);
    r.instancesPerGpu = seqs_ * L * layers;
    r.instancesTotal = meanSeqs_ * L * layers * busyGpus_;
    r.offchipPart = EnergyPart::AttentionOffchip;
    r.onchipPart = EnergyPart::AttentionOnchip;
    r.timePart = LatencyPart::Attention;
    rows_.push_back(std::move(r));
}

} // namespace tierlens
