#pragma once

#include "core/data/datatype.h"
#include "core/data/fieldspec.h"
#include "core/data/provenance.h"

#include <array>
#include <optional>
#include <span>
#include <string>

namespace tierlens {

/// Mixture-of-experts part of a model. Layers [0, firstDenseLayers) are dense; after them every
/// layerInterval-th layer is an MoE layer (DeepSeek: 3 dense then all MoE; Llama 4: every other).
struct MoeSpec {
    int experts = 8;
    int topK = 2;
    int sharedExperts = 0;
    int expertFfnDim = 14336;
    int firstDenseLayers = 0;
    int layerInterval = 1;

    static std::span<const FieldSpec<MoeSpec>> fields();
};

/// Multi-head latent attention (DeepSeek), evaluated in its absorbed form.
struct MlaSpec {
    int qLoraRank = 1536;
    int kvLoraRank = 512;
    int qkNopeHeadDim = 128;
    int qkRopeHeadDim = 64;
    int vHeadDim = 128;

    static std::span<const FieldSpec<MlaSpec>> fields();
};

/// The classes of weights (and the KV cache) that each carry a data type.
enum class WeightClass {
    Experts, ///< routed experts
    Dense, ///< attention projections, dense FFN, shared experts, router
    Embeddings, ///< token embeddings and LM head
    KvCache, ///< KV cache, or MLA's latent cache
    Count
};
inline constexpr int kWeightClassCount = static_cast<int>(WeightClass::Count);

/// "experts", "dense", "embeddings", "kv_cache": the keys of a model's "precision" object.
std::string_view weightClassKey(WeightClass c);
/// "Routed experts", "Other weights", …: labels in the window and the CLI.
std::string_view weightClassLabel(WeightClass c);

/// The data type of each weight class. An unset class follows bytes_per_param and runs at the
/// GPU's BF16 peak, which is how every model was costed before per-class types existed, so a
/// model without "precision" keeps its numbers.
struct ModelPrecision {
    std::array<std::optional<DataType>, kWeightClassCount> types {};

    std::optional<DataType> of(WeightClass c) const { return types[static_cast<std::size_t>(c)]; }
    void set(WeightClass c, std::optional<DataType> t) { types[static_cast<std::size_t>(c)] = t; }
    bool any() const;
    bool operator==(const ModelPrecision&) const = default;
};

/// A transformer decoder as the model sees it (MODEL.md §1, §6).
struct ModelSpec {
    enum class FfnKind { SwiGlu, Mlp };

    std::string id;
    std::string name;
    int hidden = 4096;
    int layers = 32;
    int heads = 32;
    int kvHeads = 8;
    int headDim = 128;
    int ffnDim = 14336;
    FfnKind ffnKind = FfnKind::SwiGlu;
    double bytesPerParam = 2.0;
    int vocab = 32000;
    std::optional<MoeSpec> moe;
    std::optional<MlaSpec> mla;
    ModelPrecision precision;
    /// Where each field comes from; the MoE and MLA fields under "moe.<key>" and "mla.<key>".
    SourceMap sources;

    int ffnMatrices() const { return ffnKind == FfnKind::SwiGlu ? 3 : 2; }
    int moeLayerCount() const;
    int denseLayerCount() const { return layers - moeLayerCount(); }
    /// Bytes per element of a class: its data type's, else bytes_per_param.
    double bytesOf(WeightClass c) const;
    /// The GEMM path of a class's weights: its data type's, else BF16.
    ComputeKind computeOf(WeightClass c) const;
    /// "fp8"; "bytes_per_param (2 B)" for a class without a type: what the CLI and Explain show.
    std::string typeText(WeightClass c) const;
    /// Bytes of one routed expert's weights, at the experts' data type.
    double expertBytes() const;

    static std::span<const FieldSpec<ModelSpec>> fields();
};

} // namespace tierlens
