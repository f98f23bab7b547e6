#pragma once

#include "core/data/fieldspec.h"
#include "core/data/provenance.h"

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
    /// Where each field comes from; the MoE and MLA fields under "moe.<key>" and "mla.<key>".
    SourceMap sources;

    int ffnMatrices() const { return ffnKind == FfnKind::SwiGlu ? 3 : 2; }
    int moeLayerCount() const;
    int denseLayerCount() const { return layers - moeLayerCount(); }
    /// Bytes of one routed expert's weights.
    double expertBytes() const;

    static std::span<const FieldSpec<ModelSpec>> fields();
};

} // namespace tierlens
