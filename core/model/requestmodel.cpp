#include "core/model/requestmodel.h"

#include "core/model/evaluator.h"

#include <algorithm>
#include <numeric>

namespace tierlens {

double RequestResult::prefillEnergyTotalJ() const
{
    return std::accumulate(prefillEnergyJ.begin(), prefillEnergyJ.end(), 0.0);
}

double RequestResult::decodeEnergyTotalJ() const
{
    return std::accumulate(decodeEnergyJ.begin(), decodeEnergyJ.end(), 0.0);
}

double RequestResult::metric(StudyMetric m) const
{
    switch (m) {
    case StudyMetric::Ttft:
        return ttftS * 1e3;
    case StudyMetric::Tpot:
        return tpotMeanS * 1e3;
    case StudyMetric::EnergyPerRequest:
        return energyJPerRequest;
    case StudyMetric::EnergyPerToken:
    case StudyMetric::Latency:
    case StudyMetric::CostPerMTok:
        break;
    }
    return 0;
}

namespace {

void addWarnings(std::vector<std::string>& to, const std::vector<std::string>& from)
{
    for (const auto& w : from)
        if (std::find(to.begin(), to.end(), w) == to.end())
            to.push_back(w);
}

// Bytes of KV cache one decode step reads, all GPUs: its HBM part and its tier part.
void addKvBytes(const Scenario& s, const Result& step, std::map<std::string, double>& kv)
{
    const StepQuantities& q = step.q;
    const double seqsPerGpu = q.tokensPerGpu > 0 ? double(step.batch) / q.activeGroups / q.tokensPerGpu : 0;
    const double total = q.kvBytesPerGpu * seqsPerGpu * q.activeGroups * q.tp;
    kv[std::string(kHbmTierId)] += total - q.kvOffHbmBytesTotal;
    if (q.kvOffHbmBytesTotal > 0)
        kv[s.placement.kvCache.tier] += q.kvOffHbmBytesTotal;
}

} // namespace

RequestResult evaluateRequest(const Scenario& s, int batch, const RequestOptions& options)
{
    RequestResult r;
    r.batch = batch;
    r.gpus = s.cluster.gpus();
    r.promptLength = s.workload.promptLength;
    r.outputLength = std::max(1, s.workload.outputLength);
    r.hasPrefill = options.prefill && r.promptLength > 0;
    if (batch <= 0)
        return r;

    if (r.hasPrefill) {
        r.prefill = evaluatePrefill(s, batch, r.promptLength);
        r.prefillS = r.prefill.totalLatencyS();
        for (int i = 0; i < kEnergyPartCount; ++i)
            r.prefillEnergyJ[i] = r.prefill.energyJPerToken[i] * batch;
        addWarnings(r.warnings, r.prefill.warnings);
    }

    // Decode step i (1-based) attends over L_in + i tokens: the evaluator's step with a prompt of
    // L_in + i − 1. Every step is evaluated; a step costs microseconds (the tile model caches
    // shapes), and the sum is then exact, including the parts of a step that are not linear in
    // the context (the roofline's max, the tiles' ceilings).
    Scenario step = s;
    for (int i = 1; i <= r.outputLength; ++i) {
        step.workload.promptLength = r.promptLength + i - 1;
        Result e = evaluate(step, batch);
        const double t = e.totalLatencyS();
        r.decodeS += t;
        for (int p = 0; p < kEnergyPartCount; ++p)
            r.decodeEnergyJ[p] += e.energyJPerToken[p] * batch;
        for (int p = 0; p < kLatencyPartCount; ++p)
            r.decodeLatencyS[p] += e.latencyS[p];
        addKvBytes(s, e, r.kvBytesPerStep);
        if (i == 1 || i == r.outputLength)
            addWarnings(r.warnings, e.warnings);
        if (i == 1)
            r.firstStep = e;
        if (i == r.outputLength)
            r.lastStep = std::move(e);
    }
    for (auto& [tier, bytes] : r.kvBytesPerStep)
        bytes /= r.outputLength;

    r.tpotFirstS = r.firstStep.totalLatencyS();
    r.tpotLastS = r.lastStep.totalLatencyS();
    r.tpotMeanS = r.decodeS / r.outputLength;
    r.ttftS = r.prefillS + r.tpotFirstS;
    r.requestS = r.prefillS + r.decodeS;

    r.prefillJPerRequest = r.prefillEnergyTotalJ() / batch;
    r.decodeJPerRequest = r.decodeEnergyTotalJ() / batch;
    r.energyJPerRequest = r.prefillJPerRequest + r.decodeJPerRequest;
    r.jPerOutputToken = r.energyJPerRequest / r.outputLength;
    r.prefillJPerOutputToken = r.prefillJPerRequest / r.outputLength;
    r.decodeJPerOutputToken = r.decodeJPerRequest / r.outputLength;
    if (r.requestS > 0) {
        r.tokensPerS = double(batch) * r.outputLength / r.requestS;
        r.avgPowerW = r.energyJPerRequest * batch / r.requestS;
    }
    if (r.gpus > 0) {
        r.tokensPerSPerGpu = r.tokensPerS / r.gpus;
        r.avgPowerWPerGpu = r.avgPowerW / r.gpus;
    }
    r.maxBatch = KvCacheModel::fits(s, double(r.promptLength) + r.outputLength);
    return r;
}

} // namespace tierlens
