#include "core/data/modelspec.h"

#include <cstdio>

namespace tierlens {

std::span<const FieldSpec<MoeSpec>> MoeSpec::fields()
{
    using M = MoeSpec;
    static const FieldSpec<M> table[] = {
        { "experts", &M::experts, "", 1, false, 1e6,
            "Routed experts per MoE layer. Mixtral 8, DeepSeek-R1 256, Llama 4 Maverick 128." },
        { "top_k", &M::topK, "", 1, false, 1e6,
            "Experts each token is routed to. Mixtral 2, DeepSeek-R1 8, Llama 4 Maverick 1." },
        { "shared_experts", &M::sharedExperts, "", 0, false, 1e3,
            "Experts every token uses, kept in HBM and sharded like a dense FFN." },
        { "expert_ffn_dim", &M::expertFfnDim, "", 1, false, 1e7,
            "Intermediate size of one expert. Mixtral 14336, DeepSeek-R1 2048, Maverick 8192." },
        { "first_dense_layers", &M::firstDenseLayers, "layers", 0, false, 1e5,
            "Leading layers with a dense FFN instead of experts. DeepSeek-R1: 3." },
        { "layer_interval", &M::layerInterval, "", 1, false, 1e3,
            "After the dense layers, every n-th layer is MoE. Llama 4 Maverick: 2." },
    };
    return table;
}

std::span<const FieldSpec<MlaSpec>> MlaSpec::fields()
{
    using M = MlaSpec;
    static const FieldSpec<M> table[] = {
        { "q_lora_rank", &M::qLoraRank, "", 1, false, 1e6, "Query down-projection rank. DeepSeek: 1536." },
        { "kv_lora_rank", &M::kvLoraRank, "", 1, false, 1e6,
            "Latent KV width, the size of the cached latent. DeepSeek: 512." },
        { "qk_nope_head_dim", &M::qkNopeHeadDim, "", 1, false, 1e5, "Non-rotary query/key head size. 128." },
        { "qk_rope_head_dim", &M::qkRopeHeadDim, "", 0, false, 1e5, "Rotary key head size. 64." },
        { "v_head_dim", &M::vHeadDim, "", 1, false, 1e5, "Value head size. 128." },
    };
    return table;
}

std::span<const FieldSpec<ModelSpec>> ModelSpec::fields()
{
    using M = ModelSpec;
    static const FieldSpec<M> table[] = {
        { "hidden", &M::hidden, "", 1, false, 1e7, "Hidden size h. Mixtral 4096, DeepSeek-R1 7168." },
        { "layers", &M::layers, "", 1, false, 1e5, "Decoder layers." },
        { "heads", &M::heads, "", 1, false, 1e5, "Query heads H." },
        { "kv_heads", &M::kvHeads, "", 1, false, 1e5, "Key/value heads (GQA); equal to heads for MHA." },
        { "head_dim", &M::headDim, "", 1, false, 1e5, "Size of one attention head." },
        { "ffn_dim", &M::ffnDim, "", 1, false, 1e8, "Dense FFN intermediate size I." },
        { "bytes_per_param", &M::bytesPerParam, "B", 0, true, 64,
            "Bytes per activation element, and per weight of every class without its own data type "
            "(\"precision\"). BF16: 2 (the reference uses BF16 throughout)." },
        { "vocab", &M::vocab, "", 1, false, 1e8,
            "Vocabulary size (embedding and LM head are left out of the step, as in the reference)." },
    };
    return table;
}

int ModelSpec::moeLayerCount() const
{
    if (!moe)
        return 0;
    const int candidates = layers - moe->firstDenseLayers;
    if (candidates <= 0 || moe->layerInterval <= 0)
        return 0;
    return candidates / moe->layerInterval;
}

std::string_view weightClassKey(WeightClass c)
{
    switch (c) {
    case WeightClass::Experts:
        return "experts";
    case WeightClass::Dense:
        return "dense";
    case WeightClass::Embeddings:
        return "embeddings";
    case WeightClass::KvCache:
        return "kv_cache";
    case WeightClass::Count:
        break;
    }
    return "";
}

std::string_view weightClassLabel(WeightClass c)
{
    switch (c) {
    case WeightClass::Experts:
        return "Routed experts";
    case WeightClass::Dense:
        return "Other weights";
    case WeightClass::Embeddings:
        return "Embeddings and LM head";
    case WeightClass::KvCache:
        return "KV cache";
    case WeightClass::Count:
        break;
    }
    return "";
}

bool ModelPrecision::any() const
{
    for (const auto& t : types)
        if (t)
            return true;
    return false;
}

double ModelSpec::bytesOf(WeightClass c) const
{
    const auto t = precision.of(c);
    return t ? bytesPerElement(*t) : bytesPerParam;
}

ComputeKind ModelSpec::computeOf(WeightClass c) const
{
    const auto t = precision.of(c);
    return t ? computeKind(*t) : ComputeKind::Bf16;
}

std::string ModelSpec::typeText(WeightClass c) const
{
    if (const auto t = precision.of(c))
        return std::string(dataTypeName(*t));
    char buf[48];
    std::snprintf(buf, sizeof buf, "bytes_per_param (%g B)", bytesPerParam);
    return buf;
}

double ModelSpec::expertBytes() const
{
    if (!moe)
        return 0.0;
    return static_cast<double>(ffnMatrices()) * hidden * static_cast<double>(moe->expertFfnDim)
        * bytesOf(WeightClass::Experts);
}

} // namespace tierlens
