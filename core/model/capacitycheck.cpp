#include "core/model/capacitycheck.h"

#include "core/model/kvcachemodel.h"
#include "core/model/tieredplacement.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tierlens {

namespace {

constexpr double kGiB = 1024.0 * 1024 * 1024;

std::string gib(double bytes)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f GiB", bytes / kGiB);
    return buf;
}

// Attention projection weights of one layer that tensor parallelism splits by heads.
double shardedAttentionParams(const ModelSpec& m)
{
    const double h = m.hidden;
    if (!m.mla)
        return h * m.headDim * (m.heads + 2.0 * m.kvHeads) + double(m.headDim) * m.heads * h;
    const MlaSpec& a = *m.mla;
    return double(a.qLoraRank) * m.heads * (a.qkNopeHeadDim + a.qkRopeHeadDim)
        + double(a.kvLoraRank) * m.heads * (a.qkNopeHeadDim + a.vHeadDim) + double(m.heads) * a.vHeadDim * h;
}

// MLA's down-projections (query, latent KV and the shared RoPE key) feed every head, so each GPU
// of a TP group holds them whole.
double wholeAttentionParams(const ModelSpec& m)
{
    if (!m.mla)
        return 0;
    const MlaSpec& a = *m.mla;
    return double(m.hidden) * (a.qLoraRank + a.kvLoraRank + a.qkRopeHeadDim);
}

// Tiered experts: HBM holds its hot experts plus the cache of offloaded ones; every other tier
// holds its own share, each GPU a block of it.
void checkTiers(const Scenario& s, CapacityCheck& c, int moeLayers, int gpus)
{
    const ModelSpec& m = s.model;
    const auto entries = TieredPlacement::resolve(s.placement, m.moe->experts);
    int resident = 0;
    for (const auto& e : entries)
        if (e.tier == kHbmTierId)
            resident += e.experts;
    const int cached = std::min(s.placement.cache.capacity, m.moe->experts - resident);
    c.hbmWeightBytes += moeLayers * (std::ceil(double(resident) / gpus) + std::ceil(double(cached) / gpus))
        * m.expertBytes();
    for (const auto& e : entries) {
        const MemoryTier* t = s.findTier(e.tier);
        if (!t || e.experts <= 0)
            continue;
        const double bytes = moeLayers * std::ceil(double(e.experts) / gpus) * m.expertBytes();
        c.tierBytes += bytes;
        if (t->capacityGiB > 0 && bytes > t->capacityGiB * kGiB)
            c.warnings.push_back("Tier \"" + t->id + "\" does not fit its " + std::to_string(e.experts)
                + " routed experts per MoE layer: each GPU's share is " + gib(bytes) + " of its "
                + gib(t->capacityGiB * kGiB) + ".");
    }
}

} // namespace

CapacityCheck CapacityCheck::of(const Scenario& s, int batch)
{
    CapacityCheck c;
    const ModelSpec& m = s.model;
    const int gpus = std::max(1, s.cluster.gpus());
    const double tp = std::max(1, s.parallelism.tp);
    const double dp = std::max(1.0, gpus / tp);
    const double b = m.bytesOf(WeightClass::Dense), h = m.hidden;
    const int moeLayers = m.moeLayerCount();

    // Sharded over TP: attention heads, dense FFN, shared experts, the embedding table and the LM
    // head (vocabulary-parallel); MLA's down-projections are whole on every GPU.
    double params = m.layers * shardedAttentionParams(m)
        + m.denseLayerCount() * m.ffnMatrices() * h * m.ffnDim + 2.0 * m.vocab * h;
    if (m.moe)
        params += moeLayers * m.ffnMatrices() * h * double(m.moe->expertFfnDim) * m.moe->sharedExperts;
    c.hbmWeightBytes = (params / tp + m.layers * wholeAttentionParams(m)) * b;
    // Embeddings and LM head at their own type: the difference from b, 0 when they share it.
    c.hbmWeightBytes += 2.0 * m.vocab * h / tp * (m.bytesOf(WeightClass::Embeddings) - b);
    if (m.moe) {
        const int experts = m.moe->experts;
        const double perGpu = std::ceil(double(experts) / gpus);
        c.hbmWeightBytes += moeLayers * h * experts * b; // every GPU routes with the whole router
        if (!s.placement.tiers.empty() && s.expertsOffloaded()) {
            checkTiers(s, c, moeLayers, gpus);
        } else if (s.expertsOffloaded()) {
            const double cached = std::ceil(double(std::min(s.placement.cache.capacity, experts)) / gpus);
            c.hbmWeightBytes += moeLayers * cached * m.expertBytes();
            c.tierBytes = moeLayers * perGpu * m.expertBytes();
        } else {
            c.hbmWeightBytes += moeLayers * perGpu * m.expertBytes();
        }
    }
    // KV cache of the sequences of one DP group, split over TP by KV heads (MLA's latent is whole).
    const double seqs = std::ceil(batch / dp), tokens = s.workload.promptLength + 1.0;
    const double perToken = m.mla ? double(m.mla->kvLoraRank + m.mla->qkRopeHeadDim)
                                  : 2.0 * std::max(1.0, m.kvHeads / tp) * m.headDim;
    c.hbmKvBytes = m.layers * perToken * tokens * seqs * m.bytesOf(WeightClass::KvCache);
    // The KV placement keeps only its HBM budget in HBM; the rest is the KV tier's to hold.
    c.hbmKvBytes -= KvCacheModel::offHbmBytes(s.placement.kvCache, c.hbmKvBytes);

    const double hbm = s.gpu.hbmCapacityGiB * kGiB;
    if (hbm > 0 && c.hbmWeightBytes + c.hbmKvBytes > hbm)
        c.warnings.push_back("HBM does not fit at batch " + std::to_string(batch) + ": each GPU needs "
            + gib(c.hbmWeightBytes + c.hbmKvBytes) + " (weights " + gib(c.hbmWeightBytes) + ", KV cache "
            + gib(c.hbmKvBytes) + ") of its " + gib(hbm) + ".");
    if (const MemoryTier* t
        = s.expertsOffloaded() && s.placement.tiers.empty() ? s.findTier(s.placement.expertTier) : nullptr;
        t && t->capacityGiB > 0 && c.tierBytes > t->capacityGiB * kGiB)
        c.warnings.push_back("Tier \"" + t->id + "\" does not fit the routed experts: each GPU's share is "
            + gib(c.tierBytes) + " of its " + gib(t->capacityGiB * kGiB) + ".");
    return c;
}

} // namespace tierlens
