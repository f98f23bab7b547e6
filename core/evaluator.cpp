#include "evaluator.h"

#include "capacitycheck.h"
#include "flashoffloadmodel.h"
#include "routingmodel.h"
#include "routingstats.h"
#include "stepbuilder.h"

#include <algorithm>
#include <limits>

namespace tierlens {

namespace {

constexpr double kPico = 1e-12;
// When the copy link is as fast as HBM, compute would see no bandwidth at all; keep a floor so
// the number stays finite and say so in a warning.
constexpr double kMinHbmShare = 0.05;

struct CopyPath {
    const MemoryTier* tier = nullptr;
    double bandwidthBytesPerS = std::numeric_limits<double>::infinity();
    double latencyS = 0;
    double linkPjPerBit = 0;
};

// The slowest hop sets the bandwidth; latency and energy add up along the chain.
CopyPath copyPath(const Scenario& s)
{
    CopyPath p;
    p.tier = s.findTier(s.placement.expertTier);
    if (p.tier)
        p.bandwidthBytesPerS = p.tier->bandwidthGBs * 1e9;
    for (const auto& id : s.placement.path) {
        if (const Interconnect* l = s.findLink(id)) {
            p.bandwidthBytesPerS = std::min(p.bandwidthBytesPerS, l->bandwidthGBs * 1e9);
            p.latencyS += l->latencyUs * 1e-6;
            p.linkPjPerBit += l->pjPerBit;
        }
    }
    return p;
}

double sumParts(const std::vector<OperationRow>& rows, LatencyPart part)
{
    double t = 0;
    for (const auto& r : rows)
        if (r.timePart == part)
            t += r.stepTimeS();
    return t;
}

} // namespace

Result evaluate(const Scenario& scenario) { return evaluate(scenario, scenario.workload.batch); }

Result evaluate(const Scenario& s, int batch)
{
    Result r;
    r.batch = batch;
    StepQuantities& q = r.q;
    const ModelSpec& m = s.model;
    const int gpus = s.cluster.gpus();
    const int moeLayers = m.moeLayerCount();
    const bool offloaded = s.expertsOffloaded() && moeLayers > 0;
    const CopyPath path = offloaded ? copyPath(s) : CopyPath{};
    q.gpus = gpus;
    q.tp = std::max(1, s.parallelism.tp);
    q.dp = std::max(1, gpus / q.tp);
    q.activeGroups = std::clamp(batch, 1, q.dp);
    q.tokensPerGpu = double(batch) / q.activeGroups;
    q.moeLayers = moeLayers;
    q.offloaded = offloaded;
    q.expertBytes = m.expertBytes();

    RoutingStats routing;
    const RoutingModel routingModel(s.workload.routing, m.moe ? m.moe->experts : 0);
    if (m.moe) {
        routing = routingModel.stats(m.moe->topK, batch, gpus, s.options.busiestGpu);
        if (routing.model != s.options.busiestGpu)
            r.warnings.push_back("Over 1000 experts: the busiest GPU follows the binomial approximation.");
    }
    q.routing = routing;
    r.activeExpertsPerLayer = routing.activeExperts;
    r.busiestGpuExpertsPerLayer = routing.busiestGpuExperts;
    r.tokensPerActiveExpert = routing.tokensPerActiveExpert;

    // What the HBM expert cache and the predictor leave to copy (MODEL.md §8).
    double routerBytes = 0, prefetchPerGpu = 0, missPerGpu = 0;
    if (offloaded) {
        const ExpertCache& cache = s.placement.cache;
        const int experts = m.moe->experts;
        q.cacheColdHitRate = routingModel.coldHitRate(cache.capacity);
        q.flow = ExpertFlow::of(cache, cache.effectiveHitRate(q.cacheColdHitRate, experts, routing.activeExperts));
        // A cache that holds every expert holds the router as well.
        routerBytes = s.placement.copyRouterWeights && cache.capacity < experts
            ? static_cast<double>(m.hidden) * experts * m.bytesPerParam
            : 0.0;
        const double expertsPerGpu = routing.busiestGpuExperts * m.expertBytes();
        prefetchPerGpu = routerBytes + expertsPerGpu * (q.flow.prefetched + q.flow.wasted);
        missPerGpu = expertsPerGpu * q.flow.onDemand;
    }
    const bool copies = prefetchPerGpu + missPerGpu > 0;

    // The copy competes with compute for HBM (MODEL.md §5).
    const double hbm = s.gpu.hbmBandwidthGBs * 1e9;
    double bandwidth = hbm;
    if (copies && s.options.copyStealsHbmBandwidth) {
        bandwidth = hbm - path.bandwidthBytesPerS;
        if (bandwidth < kMinHbmShare * hbm) {
            bandwidth = kMinHbmShare * hbm;
            q.hbmFloorApplied = true;
            r.warnings.push_back("The copy link is nearly as fast as HBM; compute is given 5 % of "
                                 "the HBM bandwidth.");
        }
    }
    r.effectiveHbmBandwidthGBs = bandwidth / 1e9;

    r.operations = StepBuilder(s, batch, bandwidth, routing).build();
    FlashOffloadModel::applySparsity(s, r.operations);

    std::array<double, kEnergyPartCount> stepEnergy{};
    double hbmBytes = 0;
    for (const auto& op : r.operations) {
        stepEnergy[static_cast<int>(op.offchipPart)] += op.energyOffchipJ * op.instancesTotal;
        stepEnergy[static_cast<int>(op.onchipPart)] += op.energyOnchipJ * op.instancesTotal;
        hbmBytes += op.traffic.dramBytes * op.instancesTotal;
    }

    // Offloaded experts: copied into HBM every step, then read from HBM like any weight.
    if (offloaded) {
        q.routerBytesPerGpu = routerBytes;
        q.copyBandwidthGBs = path.bandwidthBytesPerS / 1e9;
        q.copyLatencyS = path.latencyS;
        q.tierReadPjPerBit = path.tier ? path.tier->readPjPerBit : 0;
        q.linkPjPerBit = path.linkPjPerBit;
        q.copyPerLayerS = prefetchPerGpu > 0 ? path.latencyS + prefetchPerGpu / path.bandwidthBytesPerS : 0;
        q.stallPerLayerS = missPerGpu > 0 ? path.latencyS + missPerGpu / path.bandwidthBytesPerS : 0;
        r.copyS = moeLayers * q.copyPerLayerS;
        const double perLayerExperts = routing.activeExperts * m.expertBytes();
        const double useful = moeLayers
            * (gpus * routerBytes + perLayerExperts * (q.flow.prefetched + q.flow.onDemand));
        q.wastedBytes = moeLayers * perLayerExperts * q.flow.wasted;
        r.copiedBytes = useful + q.wastedBytes;
        const double tierAndWrite = q.tierReadPjPerBit + s.gpu.hbmWritePjPerBit;
        stepEnergy[int(EnergyPart::MoeOffload)] = useful * 8 * tierAndWrite * kPico;
        stepEnergy[int(EnergyPart::Link)] += useful * 8 * q.linkPjPerBit * kPico;
        stepEnergy[int(EnergyPart::PrefetchWaste)]
            = q.wastedBytes * 8 * (tierAndWrite + q.linkPjPerBit) * kPico;
        r.bytesPerStep[s.placement.expertTier] = r.copiedBytes;
        for (const auto& id : s.placement.path)
            r.bytesPerStep[id] += r.copiedBytes;
        hbmBytes += r.copiedBytes;  // written into HBM
    }
    r.bytesPerStep[std::string(kHbmTierId)] = hbmBytes;

    // Latency by component.
    auto& lat = r.latencyS;
    lat[int(LatencyPart::Fc)] = sumParts(r.operations, LatencyPart::Fc);
    lat[int(LatencyPart::Attention)] = sumParts(r.operations, LatencyPart::Attention);
    lat[int(LatencyPart::Moe)] = sumParts(r.operations, LatencyPart::Moe);
    lat[int(LatencyPart::Communication)] = sumParts(r.operations, LatencyPart::Communication);
    q.expertComputeS = lat[int(LatencyPart::Moe)];
    if (r.copyS > 0) {
        if (s.options.latencyRule == Options::LatencyRule::CopyOnly) {
            q.copyOnly = true;
            // The reference's Fig. 6 script: the step takes as long as the copy, nothing else.
            lat.fill(0);
            lat[int(LatencyPart::Moe)] = r.copyS;
            r.copyHiddenS = 0;
        } else {
            // Perfect prefetch: the copy streams while the MoE layers' non-expert work
            // (projections, attention, shared experts, communication) runs.
            const double share = static_cast<double>(moeLayers) / m.layers;
            double nonExpertInMoe = 0;
            for (const auto& op : r.operations)
                if (op.timePart != LatencyPart::Moe)
                    nonExpertInMoe += op.stepTimeS() * (op.layerKind == "all" ? share : op.layerKind == "moe" ? 1 : 0);
            q.nonExpertInMoeS = nonExpertInMoe;
            const double expertCompute = lat[int(LatencyPart::Moe)];
            const double moeTime = std::max(expertCompute, r.copyS - nonExpertInMoe);
            r.copyHiddenS = r.copyS - (moeTime - expertCompute);
            lat[int(LatencyPart::Moe)] = moeTime;
        }
    }

    // Misses nobody prefetched: the layer cannot start its experts before they arrive.
    lat[int(LatencyPart::Stall)] = moeLayers * q.stallPerLayerS;

    FlashOffloadModel::addTo(s, r, stepEnergy);

    // Background: every GPU's idle power and every tier's static power, for the whole step.
    double staticW = s.gpu.idlePowerW;
    for (const auto& t : s.tiers)
        staticW += t.staticPowerW;
    stepEnergy[int(EnergyPart::Background)] = r.totalLatencyS() * gpus * staticW;

    for (auto& w : CapacityCheck::of(s, batch).warnings)
        r.warnings.push_back(std::move(w));

    for (int i = 0; i < kEnergyPartCount; ++i)
        r.energyJPerToken[i] = batch > 0 ? stepEnergy[i] / batch : 0;
    return r;
}

} // namespace tierlens
