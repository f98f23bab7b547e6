#include "core/io/requestjson.h"

#include <nlohmann/json.hpp>

namespace tierlens {

using nlohmann::json;

namespace {
json partsToJson(const std::array<double, kEnergyPartCount>& parts, double scale)
{
    json j = json::object();
    for (int i = 0; i < kEnergyPartCount; ++i)
        j[std::string(energyPartKey(EnergyPart(i)))] = parts[std::size_t(i)] * scale;
    return j;
}
} // namespace

json requestToJson(const RequestResult& r)
{
    json kv = json::object();
    for (const auto& [tier, bytes] : r.kvBytesPerStep)
        kv[tier] = bytes;
    json fits = json::object();
    for (const auto& f : r.maxBatch)
        fits[f.placement] = f.maxBatch;
    const double perRequest = r.batch > 0 ? 1.0 / r.batch : 0.0;
    return { { "batch", r.batch }, { "prompt_length", r.promptLength }, { "output_length", r.outputLength },
        { "prefill", r.hasPrefill }, { "ttft_ms", r.ttftS * 1e3 }, { "prefill_ms", r.prefillS * 1e3 },
        { "tpot_ms", r.tpotMeanS * 1e3 }, { "tpot_first_ms", r.tpotFirstS * 1e3 },
        { "tpot_last_ms", r.tpotLastS * 1e3 }, { "request_ms", r.requestS * 1e3 },
        { "tokens_per_s", r.tokensPerS }, { "tokens_per_s_per_gpu", r.tokensPerSPerGpu },
        { "energy_j_per_request", r.energyJPerRequest }, { "prefill_energy_j", r.prefillJPerRequest },
        { "decode_energy_j", r.decodeJPerRequest }, { "energy_j_per_output_token", r.jPerOutputToken },
        { "prefill_energy_j_by_part", partsToJson(r.prefillEnergyJ, perRequest) },
        { "decode_energy_j_by_part", partsToJson(r.decodeEnergyJ, perRequest) },
        { "avg_power_w", r.avgPowerW }, { "avg_power_w_per_gpu", r.avgPowerWPerGpu },
        { "kv_bytes_per_step", kv }, { "max_batch", fits }, { "warnings", r.warnings } };
}

} // namespace tierlens
