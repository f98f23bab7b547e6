#pragma once

#include "core/explain/explainer.h"
#include "core/model/requestmodel.h"

#include <string_view>

namespace tierlens {

/// The numbers of a whole request the Request view and the CLI show.
enum class RequestQuantity {
    Ttft,
    TpotMean,
    TokensPerS,
    TokensPerSPerGpu,
    EnergyPerRequest,
    PrefillEnergy,
    DecodeEnergy,
    EnergyPerOutputToken,
    AvgPowerW,
    AvgPowerWPerGpu,
    KvTransfer,
    MaxBatch,
    Count
};

inline constexpr int kRequestQuantityCount = static_cast<int>(RequestQuantity::Count);

std::string_view requestQuantityLabel(RequestQuantity q);

/// How one request number of `r` (the evaluation of `scenario`) is built, from the request's own
/// sums and the first and last decode steps.
Explanation explainRequest(const Scenario& scenario, const RequestResult& r, RequestQuantity q);

} // namespace tierlens
