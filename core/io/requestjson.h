#pragma once

#include "core/model/requestmodel.h"

#include <nlohmann/json_fwd.hpp>

namespace tierlens {

/// `{"ttft_ms", "tpot_ms", "tpot_first_ms", "tpot_last_ms", "tokens_per_s", "tokens_per_s_per_gpu",
/// "energy_j_per_request", "prefill_energy_j", "decode_energy_j", "energy_j_per_output_token",
/// "avg_power_w", "avg_power_w_per_gpu", "kv_bytes_per_step": {tier: bytes}, "max_batch": {placement:
/// batch}, ...}`: what `tierlens-cli eval` reports under "request". Energies are per request.
nlohmann::json requestToJson(const RequestResult& r);

} // namespace tierlens
