#include "core/data/scenario.h"

#include "core/model/tieredplacement.h"

#include <algorithm>

namespace tierlens {

std::span<const FieldSpec<Cluster>> Cluster::fields()
{
    using C = Cluster;
    static const FieldSpec<C> table[] = {
        { "nodes", &C::nodes, "", 1, false, 1e5, "Nodes in the cluster." },
        { "gpus_per_node", &C::gpusPerNode, "", 1, false, 1e4,
            "GPUs per node, joined by the intra-node link. DGX H100: 8." },
    };
    return table;
}

std::span<const FieldSpec<Parallelism>> Parallelism::fields()
{
    using P = Parallelism;
    static const FieldSpec<P> table[] = {
        { "tp", &P::tp, "", 1, false, 1e5,
            "Tensor-parallel degree for attention, dense FFN and shared experts. Routed experts are "
            "spread over all GPUs (expert parallel); DP = GPUs / TP." },
    };
    return table;
}

std::span<const FieldSpec<Workload>> Workload::fields()
{
    using W = Workload;
    static const FieldSpec<W> table[] = {
        { "batch", &W::batch, "sequences", 1, false, 1 << 24,
            "Global batch: sequences decoding one token each in this step." },
        { "prompt_length", &W::promptLength, "tokens", 0, false, 1 << 26,
            "Prompt length L_in; the decode step attends over L_in + 1 tokens. Reference: 1024." },
        { "output_length", &W::outputLength, "tokens", 1, false, 1 << 17,
            "Output length L_out of a whole request: decode steps over contexts L_in + 1 … L_in + L_out.",
            true },
    };
    return table;
}

std::span<const FieldSpec<KvCachePlacement>> KvCachePlacement::fields()
{
    using K = KvCachePlacement;
    static const FieldSpec<K> table[] = {
        { "hbm_budget_gib", &K::hbmBudgetGiB, "GiB", 0, false, 1e6,
            "Per GPU: KV cache kept in HBM; the rest lives on the KV tier. 0: all of it on the tier.", true },
    };
    return table;
}

std::span<const FieldSpec<Routing>> Routing::fields()
{
    static const FieldSpec<Routing> table[] = {
        { "s", &Routing::zipfExponent, "", 0, false, 10,
            "Zipf exponent s: expert i is chosen with weight 1/(i+1)^s. 0 is uniform; about 1 is "
            "strongly skewed.",
            true },
    };
    return table;
}

namespace {
constexpr std::string_view kRoutingKinds[] = { "uniform", "zipf", "trace" };
} // namespace

std::string_view Routing::kindName(Kind k)
{
    return kRoutingKinds[static_cast<int>(k)];
}

bool Routing::kindFromName(std::string_view s, Kind& k)
{
    for (int i = 0; i < 3; ++i)
        if (s == kRoutingKinds[i]) {
            k = static_cast<Kind>(i);
            return true;
        }
    return false;
}

namespace {
template <class V, class Id> auto* findById(V& v, Id id)
{
    auto it = std::find_if(v.begin(), v.end(), [&](const auto& x) { return x.id == id; });
    return it == v.end() ? nullptr : &*it;
}
} // namespace

const MemoryTier* Scenario::findTier(std::string_view wanted) const
{
    return findById(tiers, wanted);
}
MemoryTier* Scenario::findTier(std::string_view wanted)
{
    return findById(tiers, wanted);
}
const Interconnect* Scenario::findLink(std::string_view wanted) const
{
    return findById(links, wanted);
}
Interconnect* Scenario::findLink(std::string_view wanted)
{
    return findById(links, wanted);
}

bool Scenario::expertsOffloaded() const
{
    if (placement.tiers.empty())
        return placement.expertTier != kHbmTierId;
    const auto entries = TieredPlacement::resolve(placement, model.moe ? model.moe->experts : 0);
    return std::any_of(entries.begin(), entries.end(),
        [](const ExpertTierShare& t) { return t.tier != kHbmTierId && t.experts > 0; });
}

} // namespace tierlens
