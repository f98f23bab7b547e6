#include "core/model/stepbuilder.h"

#include "core/model/costmodel.h"

#include <algorithm>
#include <cmath>

namespace tierlens {

StepBuilder::StepBuilder(
    const Scenario& s, int batch, double hbmBandwidthBytesPerS, const RoutingStats& routing)
    : s_(s)
    , m_(s.model)
    , routing_(routing)
    , batch_(batch)
    , bandwidth_(hbmBandwidthBytesPerS)
    , gpus_(s.cluster.gpus())
    , tp_(s.parallelism.tp)
{
    // With fewer sequences than DP groups the spare groups sit idle: they read no weights and do
    // no work (their GPUs still draw idle power, which the evaluator charges to every GPU). When
    // B does not divide evenly, some groups hold one sequence more; layers synchronize over the
    // expert all-to-all, so the step waits for such a group, while energy counts each group's own.
    const int dp = std::max(1, gpus_ / std::max(1, tp_));
    const int activeGroups = std::clamp(batch, 1, dp);
    meanTokens_ = batch_ / activeGroups;
    tokens_ = std::ceil(meanTokens_);
    busyGpus_ = activeGroups * std::max(1, tp_);
    seqs_ = tokens_;
    meanSeqs_ = meanTokens_;
}

void StepBuilder::setPrefill(int promptTokens)
{
    promptTokens_ = std::max(0, promptTokens);
    const double perSequence = std::max(1, promptTokens_);
    tokens_ = seqs_ * perSequence;
    meanTokens_ = meanSeqs_ * perSequence;
}

void fillCost(OperationRow& r, const OpCost& c)
{
    r.flops = c.flops;
    r.bytes = c.bytes;
    r.traffic = c.traffic;
    r.timeS = c.timeS;
    r.energyOffchipJ = c.energyOffchipJ;
    r.energyOnchipJ = c.energyOnchipJ;
    r.computeBound = c.computeBound;
}

namespace {
// Communication moves no HBM bytes the tiling model sees; its only energy is the link's.
void chargeLink(OperationRow& r, double bytesSent, const Interconnect& link)
{
    r.energyOffchipJ = bytesSent * 8 * link.pjPerBit * 1e-12;
    r.offchipPart = EnergyPart::Link;
    r.onchipPart = EnergyPart::Link;
}
} // namespace

GemmShape StepBuilder::gemmShape(double m, double k, double n, WeightClass c) const
{
    GemmShape g { m, k, n, m_.bytesPerParam };
    g.weightBytesPerElement = m_.bytesOf(c);
    // Attention over the KV cache dequantizes it and runs at the BF16 peak; it is memory-bound
    // in decode whatever the peak.
    if (c != WeightClass::KvCache && m_.computeOf(c) != ComputeKind::Bf16)
        g.peakTflops = peakTflopsFor(s_.gpu, m_.computeOf(c));
    return g;
}

void StepBuilder::addGemm(
    std::string_view name, const GemmShape& shape, const Where& w, const GemmShape* energyShape)
{
    if (shape.m <= 0 || shape.k <= 0 || shape.n <= 0 || w.total <= 0)
        return; // an expert no token chose costs nothing
    OperationRow r;
    r.name = name;
    r.layerKind = w.layerKind;
    r.shape = shape;
    fillCost(r, gemmCost(shape, s_.gpu, bandwidth_));
    if (energyShape && energyShape->m != shape.m) {
        const OpCost mean = gemmCost(*energyShape, s_.gpu, bandwidth_);
        r.energyOffchipJ = mean.energyOffchipJ;
        r.energyOnchipJ = mean.energyOnchipJ;
    }
    r.instancesPerGpu = w.perGpu;
    r.instancesTotal = w.total;
    r.offchipPart = w.offchip;
    r.onchipPart = w.onchip;
    r.timePart = w.time;
    rows_.push_back(std::move(r));
}

void StepBuilder::addTokenGemm(std::string_view name, GemmShape shape, const Where& w)
{
    shape.m = tokens_;
    GemmShape mean = shape;
    mean.m = meanTokens_;
    addGemm(name, shape, w, &mean);
}

void StepBuilder::addSoftmax(std::string_view layerKind, double layers)
{
    OperationRow r;
    r.name = "attn.softmax";
    r.layerKind = layerKind;
    fillCost(r,
        softmaxCost(s_.workload.promptLength + 1.0, static_cast<double>(m_.heads) / tp_, m_.bytesPerParam,
            s_.gpu, bandwidth_));
    r.instancesPerGpu = tokens_ * layers;
    r.instancesTotal = meanTokens_ * layers * busyGpus_;
    r.offchipPart = EnergyPart::AttentionOffchip;
    r.onchipPart = EnergyPart::AttentionOnchip;
    r.timePart = LatencyPart::Attention;
    rows_.push_back(std::move(r));
}

void StepBuilder::addAttentionProjections()
{
    const double h = m_.hidden, tp = tp_;
    constexpr auto D = WeightClass::Dense;
    const double layers = m_.layers;
    if (!m_.mla) {
        const Where fc { "all", layers, layers * busyGpus_, EnergyPart::FcOffchip, EnergyPart::FcOnchip,
            LatencyPart::Fc };
        addTokenGemm("attn.qkv", gemmShape(0, h, m_.headDim * (m_.heads + 2.0 * m_.kvHeads) / tp, D), fc);
        addTokenGemm("attn.out", gemmShape(0, m_.headDim * m_.heads / tp, h, D), fc);
        return;
    }
    // MLA projections: attention energy but FC time, as the reference counts them. The
    // down-projections feed every head, so each GPU of a TP group holds them whole.
    const MlaSpec& a = *m_.mla;
    const double headsPerGpu = m_.heads / tp;
    const Where proj { "all", layers, layers * busyGpus_, EnergyPart::AttentionOffchip,
        EnergyPart::AttentionOnchip, LatencyPart::Fc };
    const Where perHead { "all", layers * headsPerGpu, layers * headsPerGpu * busyGpus_,
        EnergyPart::AttentionOffchip, EnergyPart::AttentionOnchip, LatencyPart::Fc };
    addTokenGemm("mla.q_down", gemmShape(0, h, double(a.qLoraRank), D), proj);
    addTokenGemm("mla.q_up",
        gemmShape(0, double(a.qLoraRank), headsPerGpu * (a.qkNopeHeadDim + a.qkRopeHeadDim), D), proj);
    addTokenGemm("mla.kv_down", gemmShape(0, h, double(a.kvLoraRank), D), proj);
    addTokenGemm("mla.k_rope", gemmShape(0, h, double(a.qkRopeHeadDim), D), proj);
    addTokenGemm("mla.absorb_k", gemmShape(0, double(a.qkNopeHeadDim), double(a.kvLoraRank), D), perHead);
    addTokenGemm("mla.absorb_v", gemmShape(0, double(a.kvLoraRank), double(a.vHeadDim), D), perHead);
    addTokenGemm("mla.out", gemmShape(0, headsPerGpu * a.vHeadDim, h, D), proj);
}

void StepBuilder::addAttentionCore()
{
    const double L = s_.workload.promptLength + 1.0;
    constexpr auto kv = WeightClass::KvCache;
    const double layers = m_.layers, seqs = tokens_;
    if (!m_.mla) {
        // Per KV head a score and a context GEMM for its group of g query heads. When TP exceeds
        // the KV heads, each GPU still holds (a replica of) one KV head.
        const double kvPerGpu = std::max(1.0, static_cast<double>(m_.kvHeads) / tp_);
        const double g = static_cast<double>(m_.heads) / m_.kvHeads;
        const double n = seqs * kvPerGpu * layers;
        const double nTotal = meanTokens_ * kvPerGpu * layers * busyGpus_;
        const Where w { "all", n, nTotal, EnergyPart::AttentionOffchip, EnergyPart::AttentionOnchip,
            LatencyPart::Attention };
        addGemm("attn.score", gemmShape(g, double(m_.headDim), L, kv), w);
        addGemm("attn.context", gemmShape(g, L, double(m_.headDim), kv), w);
    } else {
        const MlaSpec& a = *m_.mla;
        const double heads = static_cast<double>(m_.heads) / tp_;
        const double n = seqs * layers;
        const Where w { "all", n, meanTokens_ * layers * busyGpus_, EnergyPart::AttentionOffchip,
            EnergyPart::AttentionOnchip, LatencyPart::Attention };
        addGemm("mla.score_latent", gemmShape(heads, double(a.kvLoraRank), L, kv), w);
        addGemm("mla.score_rope", gemmShape(heads, double(a.qkRopeHeadDim), L, kv), w);
        addGemm("mla.context", gemmShape(heads, L, double(a.kvLoraRank), kv), w);
    }
    addSoftmax("all", layers);
}

void StepBuilder::addDenseFfn()
{
    const double layers = m_.denseLayerCount();
    if (layers <= 0)
        return;
    const double h = m_.hidden;
    constexpr auto D = WeightClass::Dense;
    const double i = static_cast<double>(m_.ffnDim) / tp_;
    const Where fc { "dense", layers, layers * busyGpus_, EnergyPart::FcOffchip, EnergyPart::FcOnchip,
        LatencyPart::Fc };
    if (m_.ffnKind == ModelSpec::FfnKind::SwiGlu)
        addTokenGemm("ffn.gate", gemmShape(0, h, i, D), fc);
    addTokenGemm("ffn.up", gemmShape(0, h, i, D), fc);
    addTokenGemm("ffn.down", gemmShape(0, i, h, D), fc);
}

void StepBuilder::addMoeFfn()
{
    const double layers = m_.moeLayerCount();
    if (layers <= 0)
        return;
    const MoeSpec& moe = *m_.moe;
    const double h = m_.hidden;
    constexpr auto D = WeightClass::Dense;
    const bool swiglu = m_.ffnKind == ModelSpec::FfnKind::SwiGlu;

    const Where router { "moe", layers, layers * busyGpus_, EnergyPart::MoeOffchip, EnergyPart::MoeOnchip,
        LatencyPart::Moe };
    addTokenGemm("moe.router", gemmShape(0, h, double(moe.experts), D), router);

    if (moe.sharedExperts > 0) {
        // Shared experts are sharded like a dense FFN and grouped with FC, as the reference does.
        const double i = static_cast<double>(moe.expertFfnDim) * moe.sharedExperts / tp_;
        const Where fc { "moe", layers, layers * busyGpus_, EnergyPart::FcOffchip, EnergyPart::FcOnchip,
            LatencyPart::Fc };
        if (swiglu)
            addTokenGemm("shared.gate", gemmShape(0, h, i, D), fc);
        addTokenGemm("shared.up", gemmShape(0, h, i, D), fc);
        addTokenGemm("shared.down", gemmShape(0, i, h, D), fc);
    }

    // Routed experts: unsharded, each fed the tokens routed to it from the whole global batch.
    // Energy counts every active expert; time counts the busiest GPU, since layers synchronize.
    const double me = routing_.tokensPerActiveExpert, ie = moe.expertFfnDim;
    const Where ex { "moe", layers * routing_.busiestGpuExperts, layers * routing_.activeExperts,
        EnergyPart::MoeOffchip, EnergyPart::MoeOnchip, LatencyPart::Moe };
    if (swiglu)
        addGemm("expert.gate", gemmShape(me, h, ie, WeightClass::Experts), ex);
    addGemm("expert.up", gemmShape(me, h, ie, WeightClass::Experts), ex);
    addGemm("expert.down", gemmShape(me, ie, h, WeightClass::Experts), ex);
}

void StepBuilder::addAllReduce(std::string_view name, std::string_view layerKind, double count)
{
    const int p = tp_;
    if (p <= 1 || count <= 0)
        return;
    const bool intra = p <= s_.cluster.gpusPerNode;
    const Interconnect* link = s_.findLink(intra ? s_.cluster.intraLink : s_.cluster.interLink);
    if (!link)
        return;
    const double bytes = tokens_ * m_.hidden * m_.bytesPerParam;
    OperationRow r;
    r.name = name;
    r.layerKind = layerKind;
    r.bytes = bytes;
    r.timeS = ringAllReduceSeconds(p, bytes, *link);
    // A ring all-reduce sends 2(p-1)/p of the buffer out of every GPU; the mean group's buffer
    // for energy.
    chargeLink(r, 2.0 * (p - 1) / p * bytes * (meanTokens_ / tokens_), *link);
    r.instancesPerGpu = count;
    r.instancesTotal = count * busyGpus_;
    r.timePart = LatencyPart::Communication;
    rows_.push_back(std::move(r));
}

void StepBuilder::addCommunication()
{
    addAllReduce("allreduce.attention", "all", m_.layers);
    addAllReduce("allreduce.ffn", "all", m_.layers);
    const double moeLayers = m_.moeLayerCount();
    if (moeLayers <= 0)
        return;
    if (m_.moe->sharedExperts > 0)
        addAllReduce("allreduce.shared", "moe", moeLayers);
    if (gpus_ <= 1)
        return;
    // Dispatch and combine carry the tokens whose experts sit on other GPUs; the reference sends
    // all of it over the inter-node link once there is more than one node.
    const Interconnect* link
        = s_.findLink(s_.cluster.nodes > 1 ? s_.cluster.interLink : s_.cluster.intraLink);
    if (!link)
        return;
    const double remote = static_cast<double>(gpus_ - 1) / gpus_;
    const double bytes
        = tokens_ * std::min(m_.moe->topK, m_.moe->experts) * remote * m_.hidden * m_.bytesPerParam / tp_;
    for (const char* name : { "moe.dispatch", "moe.combine" }) {
        OperationRow r;
        r.name = name;
        r.layerKind = "moe";
        r.bytes = bytes;
        r.timeS = link->latencyUs * 1e-6 + bytes / (link->bandwidthGBs * 1e9);
        chargeLink(r, bytes * (meanTokens_ / tokens_), *link);
        r.instancesPerGpu = moeLayers;
        r.instancesTotal = moeLayers * busyGpus_;
        r.timePart = LatencyPart::Communication;
        rows_.push_back(std::move(r));
    }
}

std::vector<OperationRow> StepBuilder::build()
{
    rows_.clear();
    rows_.reserve(40);
    addAttentionProjections();
    if (promptTokens_ > 0)
        addCausalAttention();
    else
        addAttentionCore();
    addDenseFfn();
    addMoeFfn();
    addCommunication();
    return std::move(rows_);
}

} // namespace tierlens
