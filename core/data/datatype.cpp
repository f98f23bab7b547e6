#include "core/data/datatype.h"

#include <array>

namespace tierlens {

namespace {

struct Info {
    DataType type;
    std::string_view name;
    double bits;
    ComputeKind compute;
    std::string_view description;
};

constexpr std::array<Info, 9> kTypes { {
    { DataType::Bf16, "bf16", 16, ComputeKind::Bf16, "BF16: 16 bits." },
    { DataType::Fp16, "fp16", 16, ComputeKind::Bf16, "FP16: 16 bits, run at the BF16 peak." },
    { DataType::Fp32, "fp32", 32, ComputeKind::Bf16,
        "FP32: 32 bits, as some checkpoints are stored; run at the BF16 peak." },
    { DataType::Fp8E4m3, "fp8", 8, ComputeKind::Fp8,
        "FP8 E4M3: 8 bits (block scales, as DeepSeek-V3's one per 128×128, left out); GEMMs at the FP8 "
        "peak." },
    { DataType::Fp8E5m2, "fp8-e5m2", 8, ComputeKind::Fp8, "FP8 E5M2: 8 bits; GEMMs at the FP8 peak." },
    { DataType::Int8, "int8", 8, ComputeKind::Bf16,
        "INT8 weight-only: 8 bits, dequantized to BF16 and run at the BF16 peak." },
    { DataType::Mxfp4, "mxfp4", 4.25, ComputeKind::Fp4,
        "MXFP4: 4-bit values plus one 8-bit scale per 32 = 4.25 bits; GEMMs at the FP4 peak, else "
        "FP8, else BF16." },
    { DataType::Nvfp4, "nvfp4", 4.5, ComputeKind::Fp4,
        "NVFP4: 4-bit values plus one 8-bit scale per 16 = 4.5 bits; GEMMs at the FP4 peak, else FP8, "
        "else BF16." },
    { DataType::Int4G128, "int4-g128", 4.125, ComputeKind::Bf16,
        "INT4 weight-only with a 16-bit scale per group of 128 = 4.125 bits; dequantized to BF16 and "
        "run at the BF16 peak." },
} };

constexpr std::array<DataType, 9> kOrder { DataType::Bf16, DataType::Fp16, DataType::Fp32, DataType::Fp8E4m3,
    DataType::Fp8E5m2, DataType::Int8, DataType::Mxfp4, DataType::Nvfp4, DataType::Int4G128 };

const Info& info(DataType t)
{
    for (const auto& i : kTypes)
        if (i.type == t)
            return i;
    return kTypes.front();
}

} // namespace

double bitsPerElement(DataType t)
{
    return info(t).bits;
}

ComputeKind computeKind(DataType t)
{
    return info(t).compute;
}

std::string_view dataTypeName(DataType t)
{
    return info(t).name;
}

std::string_view dataTypeDescription(DataType t)
{
    return info(t).description;
}

std::span<const DataType> allDataTypes()
{
    return kOrder;
}

std::optional<DataType> dataTypeFromName(std::string_view name)
{
    if (name == "fp8-e4m3")
        return DataType::Fp8E4m3;
    for (const auto& i : kTypes)
        if (i.name == name)
            return i.type;
    return std::nullopt;
}

std::string unknownDataTypeMessage(std::string_view got)
{
    std::string list;
    for (DataType t : kOrder)
        list += (list.empty() ? "\"" : ", \"") + std::string(dataTypeName(t)) + "\"";
    return "must be one of " + list + ", got \"" + std::string(got) + "\"";
}

} // namespace tierlens
