#pragma once

#include "core/data/result.h"
#include "core/data/scenario.h"
#include "core/data/study.h"
#include "core/model/kvcachemodel.h"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace tierlens {

/// A whole request (docs/model.md "Requests"): the prefill of the L_in prompt tokens, then L_out
/// decode steps over contexts L_in + 1 … L_in + L_out, for every sequence of the batch at once.
struct RequestResult {
    int batch = 0;
    int gpus = 0;
    int promptLength = 0; ///< L_in
    int outputLength = 0; ///< L_out
    bool hasPrefill = false;

    Result prefill; ///< the prefill as one pass (energy per sequence); empty without prefill
    Result firstStep; ///< decode step 1, context L_in + 1: today's first-step numbers
    Result lastStep; ///< decode step L_out, context L_in + L_out

    double prefillS = 0; ///< T_prefill
    double ttftS = 0; ///< T_prefill + the first decode step: when the first output token exists
    double decodeS = 0; ///< Σ of the L_out decode steps
    double tpotMeanS = 0; ///< decodeS / L_out
    double tpotFirstS = 0;
    double tpotLastS = 0;
    double requestS = 0; ///< T_prefill + decodeS: the batch's requests start and end together

    /// Whole batch, by component (J): the prefill, and all decode steps summed.
    std::array<double, kEnergyPartCount> prefillEnergyJ {};
    std::array<double, kEnergyPartCount> decodeEnergyJ {};
    std::array<double, kLatencyPartCount> decodeLatencyS {}; ///< Σ over the steps, by component

    double prefillJPerRequest = 0;
    double decodeJPerRequest = 0;
    double energyJPerRequest = 0;
    double jPerOutputToken = 0; ///< energyJPerRequest / L_out
    double prefillJPerOutputToken = 0;
    double decodeJPerOutputToken = 0;

    double tokensPerS = 0; ///< B · L_out / requestS, the whole system
    double tokensPerSPerGpu = 0;
    double avgPowerW = 0; ///< all energy / requestS, the whole system (tiers' static power included)
    double avgPowerWPerGpu = 0;

    /// KV bytes each decode step reads, mean over the steps, all GPUs: "hbm" and the KV tier.
    std::map<std::string, double> kvBytesPerStep;
    /// Largest batch whose KV cache at L_in + L_out fits, per placement ("hbm", then each tier).
    std::vector<KvCacheModel::Fit> maxBatch;
    std::vector<std::string> warnings;

    double prefillEnergyTotalJ() const;
    /// A study's request metric: TTFT or mean TPOT in ms, energy per request in J; 0 otherwise.
    double metric(StudyMetric m) const;
    double decodeEnergyTotalJ() const;
};

struct RequestOptions {
    bool prefill = true; ///< false: the request starts at the first decode step (no prompt pass)
};

/// Evaluates the whole request at `batch`. Every decode step is evaluated (core::evaluatePass at
/// its context), so the sums are exact whatever the shape of a step's cost in the context.
RequestResult evaluateRequest(const Scenario& s, int batch, const RequestOptions& options = {});
inline RequestResult evaluateRequest(const Scenario& s)
{
    return evaluateRequest(s, s.workload.batch);
}

} // namespace tierlens
