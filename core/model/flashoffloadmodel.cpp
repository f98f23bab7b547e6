#include "core/model/flashoffloadmodel.h"

#include <algorithm>
#include <cstdio>

namespace tierlens {

namespace {

constexpr double kPico = 1e-12;

std::string gigabytes(double bytes)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f GB", bytes / 1e9);
    return buf;
}

} // namespace

double FlashOffloadModel::totalWeightBytes(const ModelSpec& m)
{
    const double h = m.hidden, hd = m.headDim;
    const double attention = h * hd * (m.heads + 2.0 * m.kvHeads) + hd * m.heads * h;
    const double embedding = static_cast<double>(m.vocab) * h;
    const double b = m.bytesOf(WeightClass::Dense);
    // The embeddings at their own type: the difference from b, 0 when they share it.
    return (m.layers * attention + embedding) * b + embedding * (m.bytesOf(WeightClass::Embeddings) - b)
        + ffnWeightBytes(m);
}

double FlashOffloadModel::ffnWeightBytes(const ModelSpec& m)
{
    return static_cast<double>(m.denseLayerCount()) * m.ffnMatrices() * m.hidden
        * static_cast<double>(m.ffnDim) * m.bytesOf(WeightClass::Dense);
}

double FlashOffloadModel::predictedFraction(const FlashOffload& f)
{
    return (1 - f.sparsity) * (1 - f.falseNegativeRate) + f.sparsity * f.falsePositiveRate;
}

FlashQuantities FlashOffloadModel::quantities(const Scenario& s)
{
    FlashQuantities q;
    const FlashOffload& f = s.flash;
    const MemoryTier* tier = f.enabled() ? s.findTier(f.tier) : nullptr;
    if (!tier)
        return q;
    const ModelSpec& m = s.model;
    q.on = true;
    q.totalWeightBytes = totalWeightBytes(m);
    q.ffnWeightBytes = ffnWeightBytes(m);
    q.dramBudgetBytes = f.dramFraction * q.totalWeightBytes;
    q.writePjPerBit = s.gpu.hbmWritePjPerBit;
    if (!f.predictor()) {
        // Everything outside the budget streams in whole matrices: sequential reads.
        q.loadedFraction = 1 - f.dramFraction;
        q.flashBytes = q.loadedFraction * q.totalWeightBytes;
        q.chunkBytes = q.totalWeightBytes / std::max(1, m.layers);
        q.dramNeededBytes = q.dramBudgetBytes;
    } else {
        // Attention, embeddings and the predictor stay in DRAM; FFN neurons come from flash
        // one neuron (or one bundle of a neuron's rows) per read.
        q.predictedFraction = predictedFraction(f);
        q.loadedFraction = f.windowing() ? f.windowLoadFraction : q.predictedFraction;
        q.flashBytes = q.loadedFraction * q.ffnWeightBytes;
        const double rowBytes = m.hidden * m.bytesOf(WeightClass::Dense);
        q.chunkBytes = f.bundling ? rowBytes * m.ffnMatrices() : rowBytes;
        // The window holds the current token's neurons plus the increments of the k − 1 before.
        const double cached = f.windowing()
            ? std::min(1.0, q.predictedFraction + (f.windowTokens - 1) * f.windowLoadFraction)
            : q.predictedFraction;
        q.dramNeededBytes = q.totalWeightBytes - q.ffnWeightBytes + f.predictorFraction * q.totalWeightBytes
            + cached * q.ffnWeightBytes;
    }
    q.throughputGBs = tier->readThroughputGBs(q.chunkBytes);
    // A tier given by its read power spends more per bit on the small reads it serves slowly.
    q.readPjPerBit = tier->readPjPerBitAt(q.chunkBytes);
    return q;
}

void FlashOffloadModel::applySparsity(const Scenario& s, std::vector<OperationRow>& rows)
{
    if (!s.flash.enabled() || !s.flash.predictor() || !s.findTier(s.flash.tier))
        return;
    const double share = predictedFraction(s.flash);
    for (auto& r : rows)
        if (r.layerKind == "dense" && r.name.starts_with("ffn.")) {
            r.instancesPerGpu *= share;
            r.instancesTotal *= share;
        }
}

void FlashOffloadModel::addTo(const Scenario& s, Result& r, std::array<double, kEnergyPartCount>& stepEnergy)
{
    if (s.flash.enabled() && !s.findTier(s.flash.tier))
        r.warnings.push_back("Flash offload names unknown tier \"" + s.flash.tier + "\"; it is ignored.");
    const FlashQuantities q = quantities(s);
    r.q.flash = q;
    if (!q.on)
        return;
    const double ioS = q.throughputGBs > 0 ? q.flashBytes / (q.throughputGBs * 1e9) : 0;
    r.latencyS[int(LatencyPart::Io)] = ioS;
    r.latencyS[int(LatencyPart::Fc)] += s.flash.memoryManagementMs * 1e-3;
    // Every byte read from flash is written into DRAM before the GPU reads it like any weight.
    stepEnergy[int(EnergyPart::FcOffload)] = q.flashBytes * 8 * (q.readPjPerBit + q.writePjPerBit) * kPico;
    r.bytesPerStep[s.flash.tier] += q.flashBytes;
    r.bytesPerStep[std::string(kHbmTierId)] += q.flashBytes;
    if (q.dramNeededBytes > q.dramBudgetBytes * (1 + 1e-9))
        r.warnings.push_back("The DRAM budget (" + gigabytes(q.dramBudgetBytes) + ") is short of the "
            + gigabytes(q.dramNeededBytes) + " that attention, embeddings, predictor and window need.");
    if (r.batch > 1)
        r.warnings.push_back("Flash offload is modelled at batch 1: larger batches are charged the "
                             "same flash reads per step, an underestimate.");
    if (s.model.moe)
        r.warnings.push_back("Flash offload covers dense FFN layers only; routed experts follow "
                             "the placement.");
}

} // namespace tierlens
