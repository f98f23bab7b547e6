#include "core/model/evaluator.h"

#include "core/model/capacitycheck.h"
#include "core/model/flashoffloadmodel.h"
#include "core/model/kvcachemodel.h"
#include "core/model/routingmodel.h"
#include "core/model/routingstats.h"
#include "core/model/stepbuilder.h"
#include "core/model/tieredplacement.h"
#include "core/validation/finitecheck.h"

#include <algorithm>
#include <cmath>

namespace tierlens {

namespace {

constexpr double kPico = 1e-12;
// When the copy link is as fast as HBM, compute would see no bandwidth at all; keep a floor so
// the number stays finite and say so in a warning.
constexpr double kMinHbmShare = 0.05;

double sumParts(const std::vector<OperationRow>& rows, LatencyPart part)
{
    double t = 0;
    for (const auto& r : rows)
        if (r.timePart == part)
            t += r.stepTimeS();
    return t;
}

// Offloaded experts: copied into HBM every step, then read from HBM like any weight. Each stream
// pays its tier's read and its own links; all write into HBM.
void copyExperts(const Scenario& s, Result& r, std::array<double, kEnergyPartCount>& stepEnergy)
{
    StepQuantities& q = r.q;
    const auto& streams = q.tierCopies;
    q.copyBandwidthGBs = TieredPlacement::bandwidth(s, streams) / 1e9;
    q.copyPerLayerS = TieredPlacement::streamTime(s, streams, &TierCopy::prefetchBytesPerGpu);
    q.stallPerLayerS = TieredPlacement::streamTime(s, streams, &TierCopy::missBytesPerGpu);
    r.copyS = q.moeLayers * q.copyPerLayerS;
    const double perLayerExperts = r.activeExpertsPerLayer * q.expertBytes;
    double tierBits = 0, linkBits = 0;
    for (auto& t : q.tierCopies) {
        if (t.resident())
            continue;
        q.routerBytesPerGpu += t.routerBytesPerGpu;
        q.copyLatencyS = std::max(q.copyLatencyS, t.latencyS);
        const double useful = q.moeLayers
            * (q.gpus * t.routerBytesPerGpu
                + perLayerExperts * t.share * (q.flow.prefetched + q.flow.onDemand));
        t.wastedBytes = q.moeLayers * perLayerExperts * t.share * q.flow.wasted;
        t.copiedBytes = useful + t.wastedBytes;
        q.wastedBytes += t.wastedBytes;
        r.copiedBytes += t.copiedBytes;
        const double tierAndWrite = t.tierReadPjPerBit + s.gpu.hbmWritePjPerBit;
        stepEnergy[int(EnergyPart::MoeOffload)] += useful * 8 * tierAndWrite * kPico;
        stepEnergy[int(EnergyPart::Link)] += useful * 8 * t.linkPjPerBit * kPico;
        stepEnergy[int(EnergyPart::PrefetchWaste)]
            += t.wastedBytes * 8 * (tierAndWrite + t.linkPjPerBit) * kPico;
        r.bytesPerStep[t.tier] += t.copiedBytes;
        for (const auto& id : t.path)
            r.bytesPerStep[id] += t.copiedBytes;
        tierBits += t.copiedBytes * t.tierReadPjPerBit;
        linkBits += t.copiedBytes * t.linkPjPerBit;
    }
    // One stream keeps its own figures; several report their byte-weighted means.
    const int router = TieredPlacement::routerStream(streams);
    const bool single = std::count_if(streams.begin(), streams.end(), [](const TierCopy& t) {
        return !t.resident() && t.experts > 0;
    }) == 1;
    if (single && router >= 0) {
        q.tierReadPjPerBit = streams[std::size_t(router)].tierReadPjPerBit;
        q.linkPjPerBit = streams[std::size_t(router)].linkPjPerBit;
    } else if (r.copiedBytes > 0) {
        q.tierReadPjPerBit = tierBits / r.copiedBytes;
        q.linkPjPerBit = linkBits / r.copiedBytes;
    }
}

// The shape of one step: GPUs, tensor- and data-parallel groups, tokens on the busiest GPU.
void setStepShape(const Scenario& s, int batch, int promptTokens, Result& r)
{
    StepQuantities& q = r.q;
    const ModelSpec& m = s.model;
    const int gpus = s.cluster.gpus();
    q.gpus = gpus;
    q.tp = std::max(1, s.parallelism.tp);
    q.dp = std::max(1, gpus / q.tp);
    q.activeGroups = std::clamp(batch, 1, q.dp);
    // The largest group sets the step's time (StepBuilder): ⌈B / active groups⌉ sequences.
    q.tokensPerGpu = std::ceil(double(batch) / q.activeGroups) * std::max(1, promptTokens);
    q.promptTokens = promptTokens;
    q.moeLayers = m.moeLayerCount();
    q.offloaded = s.expertsOffloaded() && q.moeLayers > 0;
    q.expertBytes = m.expertBytes();
}

// Which experts the batch's tokens reach, over the layer and on the busiest GPU.
RoutingStats routeTokens(const Scenario& s, const RoutingModel& routingModel, double batch, Result& r)
{
    const ModelSpec& m = s.model;
    RoutingStats routing;
    if (m.moe) {
        routing = routingModel.stats(m.moe->topK, batch, s.cluster.gpus(), s.options.busiestGpu);
        if (routing.model != s.options.busiestGpu)
            r.warnings.push_back("Over 1000 experts: the busiest GPU follows the binomial approximation.");
    }
    r.q.routing = routing;
    r.activeExpertsPerLayer = routing.activeExperts;
    r.busiestGpuExpertsPerLayer = routing.busiestGpuExperts;
    r.tokensPerActiveExpert = routing.tokensPerActiveExpert;
    return routing;
}

struct CopyBytesPerGpu {
    double prefetch = 0; ///< staged ahead of the layer, router weights included
    double miss = 0; ///< fetched on demand
    bool any() const { return prefetch + miss > 0; }
};

// What the HBM expert cache and the predictor leave to copy (MODEL.md §8), per placement entry:
// the cache serves the requests to the experts that do not live in HBM.
CopyBytesPerGpu planExpertCopies(
    const Scenario& s, const RoutingModel& routingModel, const RoutingStats& routing, double batch, Result& r)
{
    CopyBytesPerGpu bytes;
    StepQuantities& q = r.q;
    if (!q.offloaded)
        return bytes;
    const ModelSpec& m = s.model;
    auto& streams = q.tierCopies;
    const ExpertCache& cache = s.placement.cache;
    streams = TieredPlacement::plan(s, routingModel, m.moe->topK, batch);
    const int resident = TieredPlacement::residentExperts(streams);
    const int experts = m.moe->experts - resident;
    q.cacheColdHitRate = TieredPlacement::cacheColdHitRate(routingModel, resident, cache.capacity);
    const double offloadedActive = routing.activeExperts * TieredPlacement::offloadedShare(streams);
    q.flow = ExpertFlow::of(cache, cache.effectiveHitRate(q.cacheColdHitRate, experts, offloadedActive));
    // A predictor can only stage experts that exist: wasted prefetches come from the offloaded
    // experts that are neither cached nor needed, over the layer and on the busiest GPU (which
    // holds whole experts, so its share of the uncached ones rounds up).
    const double uncached = std::max(0, experts - std::max(0, cache.capacity));
    const double offloadedBusiest = routing.busiestGpuExperts * TieredPlacement::offloadedShare(streams);
    q.flow.capWaste(uncached, offloadedActive, std::ceil(uncached / q.gpus), offloadedBusiest);
    // A cache that holds every offloaded expert holds the router as well.
    const int routerAt = TieredPlacement::routerStream(streams);
    if (routerAt >= 0 && s.placement.copyRouterWeights && cache.capacity < experts)
        streams[std::size_t(routerAt)].routerBytesPerGpu
            = static_cast<double>(m.hidden) * m.moe->experts * m.bytesOf(WeightClass::Dense);
    const double expertsPerGpu = routing.busiestGpuExperts * m.expertBytes();
    for (auto& t : streams) {
        if (t.resident())
            continue;
        t.prefetchBytesPerGpu
            = t.routerBytesPerGpu + expertsPerGpu * t.share * (q.flow.prefetched + q.flow.wastedBusiestGpu);
        t.missBytesPerGpu = expertsPerGpu * t.share * q.flow.onDemand;
        bytes.prefetch += t.prefetchBytesPerGpu;
        bytes.miss += t.missBytesPerGpu;
    }
    return bytes;
}

// The HBM bandwidth compute sees. The copy competes with compute for HBM (MODEL.md §5): the
// reference's rule takes the link's whole bandwidth from compute; the copy-traffic rule charges
// the bytes the copy writes later (chargeHbmContention), once the MoE layers' time is known.
double computeHbmBandwidth(const Scenario& s, bool contends, Result& r)
{
    const double hbm = s.gpu.hbmBandwidthGBs * 1e9;
    double bandwidth = hbm;
    if (contends && s.options.hbmContention == Options::HbmContention::LinkBandwidth) {
        bandwidth = hbm - TieredPlacement::bandwidth(s, r.q.tierCopies);
        if (bandwidth < kMinHbmShare * hbm) {
            bandwidth = kMinHbmShare * hbm;
            r.q.hbmFloorApplied = true;
            r.warnings.push_back("The copy link is nearly as fast as HBM; compute is given 5 % of "
                                 "the HBM bandwidth.");
        }
    }
    r.effectiveHbmBandwidthGBs = bandwidth / 1e9;
    return bandwidth;
}

// Energy of the step's operations and of the expert copies, and the bytes through HBM.
std::array<double, kEnergyPartCount> operationAndCopyEnergy(const Scenario& s, Result& r)
{
    std::array<double, kEnergyPartCount> stepEnergy {};
    double hbmBytes = 0;
    for (const auto& op : r.operations) {
        stepEnergy[static_cast<int>(op.offchipPart)] += op.energyOffchipJ * op.instancesTotal;
        stepEnergy[static_cast<int>(op.onchipPart)] += op.energyOnchipJ * op.instancesTotal;
        hbmBytes += op.traffic.dramBytes * op.instancesTotal;
    }
    // Offloaded experts: copied into HBM every step, then read from HBM like any weight.
    if (r.q.offloaded) {
        copyExperts(s, r, stepEnergy);
        hbmBytes += r.copiedBytes; // written into HBM
    }
    r.bytesPerStep[std::string(kHbmTierId)] = hbmBytes;
    return stepEnergy;
}

// How much of an operation's time falls in the MoE layers: all of a MoE-layer operation, the MoE
// layers' share of one that runs in every layer.
double shareInMoeLayers(const OperationRow& op, double moeShare)
{
    // The kinds are "dense", "moe" and "all": their first letters tell them apart, without a string
    // comparison for every operation of every evaluation.
    const char kind = op.layerKind.empty() ? 'd' : op.layerKind.front();
    return kind == 'a' ? moeShare : kind == 'm' ? 1.0 : 0.0;
}

// Latency by component, with the copy streamed behind the MoE layers' non-expert work and the
// misses nobody prefetched as a stall. Returns that non-expert time.
double latencyWithCopies(const Scenario& s, Result& r)
{
    StepQuantities& q = r.q;
    auto& lat = r.latencyS;
    lat[int(LatencyPart::Fc)] = sumParts(r.operations, LatencyPart::Fc);
    lat[int(LatencyPart::Attention)] = sumParts(r.operations, LatencyPart::Attention);
    lat[int(LatencyPart::Moe)] = sumParts(r.operations, LatencyPart::Moe);
    lat[int(LatencyPart::Communication)] = sumParts(r.operations, LatencyPart::Communication);
    q.expertComputeS = lat[int(LatencyPart::Moe)];
    // Non-expert work of the MoE layers: the window the copy streams behind.
    const double moeShare = s.model.layers > 0 ? static_cast<double>(q.moeLayers) / s.model.layers : 0.0;
    double nonExpertInMoe = 0;
    for (const auto& op : r.operations)
        if (op.timePart != LatencyPart::Moe)
            nonExpertInMoe += op.stepTimeS() * shareInMoeLayers(op, moeShare);
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
            q.nonExpertInMoeS = nonExpertInMoe;
            const double expertCompute = lat[int(LatencyPart::Moe)];
            const double moeTime = std::max(expertCompute, r.copyS - nonExpertInMoe);
            r.copyHiddenS = r.copyS - (moeTime - expertCompute);
            lat[int(LatencyPart::Moe)] = moeTime;
        }
    }
    // Misses nobody prefetched: the layer cannot start its experts before they arrive.
    lat[int(LatencyPart::Stall)] = q.moeLayers * q.stallPerLayerS;
    return nonExpertInMoe;
}

// Copy-traffic rule: HBM serves the MoE layers' reads and the copy's writes, one after the other,
// while communication runs beside them. When that takes longer than the MoE layers' time on the
// busiest GPU, the layers wait for HBM.
void chargeHbmContention(const Scenario& s, const CopyBytesPerGpu& copies, double nonExpertInMoe, Result& r)
{
    StepQuantities& q = r.q;
    auto& lat = r.latencyS;
    const double moeShare = s.model.layers > 0 ? static_cast<double>(q.moeLayers) / s.model.layers : 0.0;
    double readBytes = 0, commS = 0;
    for (const auto& op : r.operations) {
        if (op.timePart == LatencyPart::Communication)
            commS += op.stepTimeS() * shareInMoeLayers(op, moeShare);
        else
            readBytes += op.bytes * op.instancesPerGpu * shareInMoeLayers(op, moeShare);
    }
    q.hbmReadBytesPerGpu = readBytes;
    q.hbmCopyWriteBytesPerGpu = q.moeLayers * (copies.prefetch + copies.miss);
    q.hbmBusyS = commS + (readBytes + q.hbmCopyWriteBytesPerGpu) / (s.gpu.hbmBandwidthGBs * 1e9);
    const double window = nonExpertInMoe + lat[int(LatencyPart::Moe)] + lat[int(LatencyPart::Stall)];
    q.hbmContentionS = std::max(0.0, q.hbmBusyS - window);
    lat[int(LatencyPart::Moe)] += q.hbmContentionS;
}

// KV cache beyond the HBM budget lives on its tier (placement.kv_cache). A decode step reads all
// of it: the off-HBM part crosses the KV path into HBM (tier read, links, HBM write) before
// attention reads it from HBM like the rest, and the step waits for it (no overlap assumed). A
// prefill writes that part out instead (HBM read counted by its attention, links, tier write).
void placeKvCache(const Scenario& s, int batch, Result& r, std::array<double, kEnergyPartCount>& stepEnergy)
{
    StepQuantities& q = r.q;
    const double context = q.promptTokens > 0 ? q.promptTokens : s.workload.promptLength + 1.0;
    const double perSeq = KvCacheModel::bytesPerTokenPerGpu(s.model, q.tp) * context;
    const double seqs = std::ceil(double(batch) / q.activeGroups);
    const double meanSeqs = double(batch) / q.activeGroups;
    const KvCachePlacement& kv = s.placement.kvCache;
    q.kvBytesPerGpu = perSeq * seqs;
    q.kvOffHbmBytesPerGpu = KvCacheModel::offHbmBytes(kv, q.kvBytesPerGpu);
    if (q.kvOffHbmBytesPerGpu <= 0)
        return;
    const MemoryTier* tier = s.findTier(kv.tier);
    if (!tier)
        return;
    q.kvOffHbmBytesTotal = KvCacheModel::offHbmBytes(kv, perSeq * meanSeqs) * q.activeGroups * q.tp;
    q.kvBandwidthBytesPerS = KvCacheModel::bandwidthBytesPerS(s);
    q.kvTransferS = q.kvBandwidthBytesPerS > 0 ? q.kvOffHbmBytesPerGpu / q.kvBandwidthBytesPerS : 0;
    r.latencyS[int(LatencyPart::Attention)] += q.kvTransferS;
    const double bits = q.kvOffHbmBytesTotal * 8;
    const double tierPj
        = q.promptTokens > 0 ? tier->writePjPerBit : tier->readPjPerBitAt(q.kvOffHbmBytesPerGpu);
    const double hbmPj = q.promptTokens > 0 ? 0.0 : s.gpu.hbmWritePjPerBit;
    q.kvTierEnergyJ = bits * (tierPj + hbmPj) * kPico;
    q.kvLinkEnergyJ = bits * KvCacheModel::linkPjPerBit(s) * kPico;
    stepEnergy[int(EnergyPart::AttentionOffchip)] += q.kvTierEnergyJ;
    stepEnergy[int(EnergyPart::Link)] += q.kvLinkEnergyJ;
    r.bytesPerStep[kv.tier] += q.kvOffHbmBytesTotal;
    for (const auto& id : kv.path)
        r.bytesPerStep[id] += q.kvOffHbmBytesTotal;
    if (q.promptTokens == 0)
        r.bytesPerStep[std::string(kHbmTierId)] += q.kvOffHbmBytesTotal; // written into HBM
}

// Background: every GPU's idle power and every tier's static power, for the whole step.
double backgroundEnergyJ(const Scenario& s, const Result& r)
{
    double staticW = s.gpu.idlePowerW;
    for (const auto& t : s.tiers)
        staticW += t.backgroundPowerW(); // a drive array adds its drives' idle power
    return r.totalLatencyS() * r.q.gpus * staticW;
}

} // namespace

Result evaluate(const Scenario& scenario)
{
    return evaluate(scenario, scenario.workload.batch);
}

Result evaluate(const Scenario& s, int batch)
{
    return evaluatePass(s, batch, 0);
}

Result evaluatePrefill(const Scenario& s, int batch, int promptTokens)
{
    return evaluatePass(s, batch, std::max(1, promptTokens));
}

Result evaluatePass(const Scenario& s, int batch, int promptTokens)
{
    Result r;
    r.batch = batch;
    setStepShape(s, batch, promptTokens, r);
    // A prefill routes every prompt token: the experts any of them chooses are active (and copied
    // from their tier once per layer).
    const double routed = double(batch) * std::max(1, promptTokens);
    const RoutingModel routingModel(s.workload.routing, s.model.moe ? s.model.moe->experts : 0);
    const RoutingStats routing = routeTokens(s, routingModel, routed, r);
    const CopyBytesPerGpu copies = planExpertCopies(s, routingModel, routing, routed, r);
    const bool contends = copies.any() && s.options.copyStealsHbmBandwidth;
    const double bandwidth = computeHbmBandwidth(s, contends, r);

    StepBuilder builder(s, batch, bandwidth, routing);
    if (promptTokens > 0)
        builder.setPrefill(promptTokens);
    r.operations = builder.build();
    FlashOffloadModel::applySparsity(s, r.operations);
    std::array<double, kEnergyPartCount> stepEnergy = operationAndCopyEnergy(s, r);

    const double nonExpertInMoe = latencyWithCopies(s, r);
    if (contends && r.copyS > 0 && !r.q.copyOnly
        && s.options.hbmContention == Options::HbmContention::CopyTraffic)
        chargeHbmContention(s, copies, nonExpertInMoe, r);

    FlashOffloadModel::addTo(s, r, stepEnergy);
    placeKvCache(s, batch, r, stepEnergy);
    stepEnergy[int(EnergyPart::Background)] = backgroundEnergyJ(s, r);

    for (auto& w : CapacityCheck::of(s, batch).warnings)
        r.warnings.push_back(std::move(w));
    for (int i = 0; i < kEnergyPartCount; ++i)
        r.energyJPerToken[i] = batch > 0 ? stepEnergy[i] / batch : 0;
    for (auto& p : nonFiniteResults(s, r)) // extreme inputs: say so rather than draw inf
        r.warnings.push_back(p.toString());
    return r;
}

} // namespace tierlens
