#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tierlens {

/// The number format a class of weights (or the KV cache) is stored in. Its size sets the bytes
/// read, copied and held; its kind sets the GPU peak its GEMMs run at.
enum class DataType {
    Fp32,
    Bf16,
    Fp16,
    Fp8E4m3, ///< "fp8": DeepSeek-V3's and Kimi-K2's block-quantized weights
    Fp8E5m2,
    Int8, ///< weight-only: dequantized to BF16 before the GEMM
    Mxfp4, ///< OCP microscaling: 4-bit E2M1 values, one 8-bit E8M0 scale per 32 (gpt-oss experts)
    Nvfp4, ///< 4-bit E2M1 values, one 8-bit E4M3 scale per 16
    Int4G128, ///< weight-only int4, one 16-bit scale per group of 128; dequantized to BF16
};

/// The tensor-core path a GEMM over weights of a type runs on.
enum class ComputeKind { Bf16, Fp8, Fp4 };

/// Storage bits per element, block scales included: MXFP4 4 + 8/32 = 4.25, NVFP4 4 + 8/16 = 4.5,
/// INT4 with 128-element groups 4 + 16/128 = 4.125. Per-tensor and per-row scales (FP8, INT8) are
/// a vanishing share and left out; DeepSeek-V3's FP8 keeps one FP32 scale per 128×128 block,
/// 32/16384 = 0.002 bits per weight, also left out.
double bitsPerElement(DataType t);
inline double bytesPerElement(DataType t)
{
    return bitsPerElement(t) / 8.0;
}

/// The GEMM path: FP8 types on FP8 tensor cores, MXFP4/NVFP4 on FP4 ones; FP32/FP16/BF16 and the
/// weight-only integer types (dequantized on the fly) at the BF16 peak.
ComputeKind computeKind(DataType t);

/// The name in JSON and in the window: "bf16", "fp8", "mxfp4", "int4-g128", …
std::string_view dataTypeName(DataType t);
/// A sentence for tooltips and help: what the format is and how many bits it takes.
std::string_view dataTypeDescription(DataType t);
/// Every type, in the order the window lists them.
std::span<const DataType> allDataTypes();

/// The type a JSON name denotes; also accepts "fp8-e4m3" (= "fp8"). nullopt for anything else.
std::optional<DataType> dataTypeFromName(std::string_view name);
/// "must be one of \"bf16\", \"fp16\", … , got \"xyz\"": the message for a field with an unknown name.
std::string unknownDataTypeMessage(std::string_view got);

} // namespace tierlens
