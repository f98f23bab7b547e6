#pragma once

#include "core/data/costspec.h"
#include "core/data/experttiershare.h"
#include "core/data/fieldspec.h"
#include "core/data/flashoffload.h"
#include "core/data/gpuspec.h"
#include "core/data/interconnect.h"
#include "core/data/memorytier.h"
#include "core/data/modelspec.h"
#include "core/model/expertcache.h"
#include "core/model/routingstats.h"

#include <span>
#include <string>
#include <vector>

namespace tierlens {

/// Id under which the GPU's own HBM is named as a placement.
inline constexpr std::string_view kHbmTierId = "hbm";

struct Cluster {
    int nodes = 1;
    int gpusPerNode = 4;
    std::string intraLink = "nvlink4"; ///< id into Scenario::links
    std::string interLink = "infiniband-ndr"; ///< id into Scenario::links

    int gpus() const { return nodes * gpusPerNode; }
    static std::span<const FieldSpec<Cluster>> fields();
};

struct Parallelism {
    int tp = 4; ///< tensor-parallel degree of non-expert weights; DP = GPUs / TP
    static std::span<const FieldSpec<Parallelism>> fields();
};

/// Where the KV cache (or MLA latent) lives (docs/model.md "KV-cache placement"). Off HBM, each
/// decode step reads the off-HBM part over the path into HBM before attention reads it.
struct KvCachePlacement {
    std::string tier = std::string(kHbmTierId); ///< "hbm" or a tier id
    std::vector<std::string> path; ///< link ids from the tier to HBM, tier side first
    double hbmBudgetGiB = 0; ///< per GPU: KV kept in HBM before the rest goes to the tier; 0 = none

    bool offloaded() const { return tier != kHbmTierId; }
    static std::span<const FieldSpec<KvCachePlacement>> fields();
};

/// Where the routed experts live and how they reach HBM.
struct Placement {
    std::string expertTier = std::string(kHbmTierId); ///< "hbm" or a tier id
    std::vector<std::string> path; ///< link ids from the tier to HBM, tier side first
    bool copyRouterWeights = true; ///< the reference also copies the router weights every step
    ExpertCache cache; ///< HBM expert cache and prefetch predictor (MODEL.md §8)
    /// Hottest first; when not empty it replaces expertTier and path (TieredPlacement).
    std::vector<ExpertTierShare> tiers;
    KvCachePlacement kvCache; ///< where the KV cache lives; HBM by default
};

/// Which experts the tokens choose (MODEL.md §4, README "Routing").
struct Routing {
    enum class Kind { Uniform, Zipf, Trace };
    Kind kind = Kind::Uniform;
    double zipfExponent = 1.0; ///< s: expert i (0-based id) is chosen with weight 1/(i+1)^s
    /// Trace: per MoE layer, how often each expert id was chosen. Stored in the scenario, not as
    /// a file path, so that a scenario stays self-contained.
    std::vector<std::vector<double>> layerCounts;

    static std::span<const FieldSpec<Routing>> fields();
    static std::string_view kindName(Kind k);
    /// False when s names no kind; k is left untouched then.
    static bool kindFromName(std::string_view s, Kind& k);
};

struct Workload {
    int batch = 1; ///< global batch evaluated by core::evaluate()
    std::vector<int> batches; ///< batches shown side by side in studies and views
    int promptLength = 1024; ///< L_in; attention reads L_in + 1 tokens
    int outputLength = 256; ///< L_out: decode steps of a whole request (core/model/requestmodel.h)
    Routing routing;
    static std::span<const FieldSpec<Workload>> fields();
};

struct Options {
    enum class LatencyRule { Overlap, CopyOnly };
    LatencyRule latencyRule = LatencyRule::Overlap;
    /// How the expert copy competes with compute for HBM (MODEL.md §5, docs/model.md "HBM contention").
    /// CopyTraffic: HBM must serve the MoE layers' reads plus the bytes the copy writes, so the
    /// step pays only for what is copied. LinkBandwidth: the reference's rule, compute sees
    /// B_HBM − B_link whatever is copied; the paper presets use it to reproduce its figures.
    enum class HbmContention { CopyTraffic, LinkBandwidth };
    /// Off: the copy does not compete for HBM at all.
    bool copyStealsHbmBandwidth = true;
    HbmContention hbmContention = HbmContention::CopyTraffic;
    BusiestGpuModel busiestGpu = BusiestGpuModel::Hypergeometric;
};

/// Everything one evaluation needs, as plain data (MODEL.md §1).
struct Scenario {
    static constexpr int kSchemaVersion = 1;

    std::string id;
    std::string name;
    GpuSpec gpu;
    Cluster cluster;
    std::vector<MemoryTier> tiers;
    std::vector<Interconnect> links;
    ModelSpec model;
    Parallelism parallelism;
    Placement placement;
    Workload workload;
    Options options;
    FlashOffload flash; ///< dense weights on flash, DRAM as cache; off by default
    CostSpec cost; ///< prices for the cost per token (the hardware's own prices are on it)

    const MemoryTier* findTier(std::string_view wanted) const;
    MemoryTier* findTier(std::string_view wanted);
    const Interconnect* findLink(std::string_view wanted) const;
    Interconnect* findLink(std::string_view wanted);
    /// Some routed experts live off HBM (on the expert tier, or on a non-"hbm" entry of the tiers).
    bool expertsOffloaded() const;
};

} // namespace tierlens
