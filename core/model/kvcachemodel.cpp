#include "core/model/kvcachemodel.h"

#include "core/model/capacitycheck.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tierlens {

namespace {
constexpr double kGiB = 1024.0 * 1024 * 1024;
} // namespace

double KvCacheModel::bytesPerTokenPerGpu(const ModelSpec& m, int tp)
{
    const double perLayer = m.mla ? double(m.mla->kvLoraRank + m.mla->qkRopeHeadDim)
                                  : 2.0 * std::max(1.0, double(m.kvHeads) / std::max(1, tp)) * m.headDim;
    return m.layers * perLayer * m.bytesPerParam;
}

double KvCacheModel::offHbmBytes(const KvCachePlacement& p, double kvBytesPerGpu)
{
    if (!p.offloaded())
        return 0;
    return std::max(0.0, kvBytesPerGpu - std::max(0.0, p.hbmBudgetGiB) * kGiB);
}

double KvCacheModel::bandwidthBytesPerS(const Scenario& s)
{
    const MemoryTier* t = s.findTier(s.placement.kvCache.tier);
    if (!t)
        return 0;
    double bw = t->bandwidthGBs * 1e9;
    for (const auto& id : s.placement.kvCache.path)
        if (const Interconnect* l = s.findLink(id))
            bw = std::min(bw, l->bandwidthGBs * 1e9);
    return bw;
}

double KvCacheModel::linkPjPerBit(const Scenario& s)
{
    double pj = 0;
    for (const auto& id : s.placement.kvCache.path)
        if (const Interconnect* l = s.findLink(id))
            pj += l->pjPerBit;
    return pj;
}

KvCacheModel::Fit KvCacheModel::fit(
    const Scenario& s, const KvCachePlacement& placement, double contextTokens)
{
    Fit f;
    f.placement = placement.tier;
    const int gpus = std::max(1, s.cluster.gpus());
    const int tp = std::max(1, s.parallelism.tp);
    const int dp = std::max(1, gpus / tp);
    f.kvBytesPerSequencePerGpu = bytesPerTokenPerGpu(s.model, tp) * contextTokens;
    // The weights alone, whatever the batch: CapacityCheck at batch 0 holds no KV.
    const double weights = CapacityCheck::of(s, 0).hbmWeightBytes;
    f.hbmFreeBytesPerGpu = std::max(0.0, s.gpu.hbmCapacityGiB * kGiB - weights);
    double room = f.hbmFreeBytesPerGpu;
    if (placement.offloaded()) {
        const MemoryTier* t = s.findTier(placement.tier);
        const double budget = std::min(room, std::max(0.0, placement.hbmBudgetGiB) * kGiB);
        // Expert weights on the same tier take their share of it first.
        const double experts = s.placement.expertTier == placement.tier && s.placement.tiers.empty()
            ? CapacityCheck::of(s, 0).tierBytes
            : 0.0;
        f.tierBytesPerGpu = t ? std::max(0.0, t->capacityGiB * kGiB - experts) : 0.0;
        room = budget + f.tierBytesPerGpu;
    }
    if (f.kvBytesPerSequencePerGpu <= 0) {
        f.maxBatch = std::numeric_limits<int>::max();
        return f;
    }
    const double perGroup = std::floor(room / f.kvBytesPerSequencePerGpu);
    f.maxBatch = static_cast<int>(std::min(perGroup * dp, double(std::numeric_limits<int>::max())));
    return f;
}

std::vector<KvCacheModel::Fit> KvCacheModel::fits(const Scenario& s, double contextTokens)
{
    std::vector<Fit> out;
    KvCachePlacement hbm;
    out.push_back(fit(s, hbm, contextTokens));
    for (const auto& t : s.tiers) {
        KvCachePlacement p = s.placement.kvCache;
        if (p.tier != t.id)
            p.path.clear();
        p.tier = t.id;
        out.push_back(fit(s, p, contextTokens));
    }
    return out;
}

} // namespace tierlens
