// Recognising a config's family, and reading the attention and FFN fields each family names
// its own way.
#include "core/import/hfimportsupport.h"

#include <algorithm>

namespace tierlens::hfimport {

namespace {

struct Alias {
    std::string_view name;
    Family family;
};

constexpr Alias kModelTypes[] = {
    { "llama", Family::Dense },
    { "mistral", Family::Dense },
    { "qwen2", Family::Dense },
    { "qwen3", Family::Dense },
    { "mixtral", Family::Mixtral },
    { "deepseek_v2", Family::DeepSeek },
    { "deepseek_v3", Family::DeepSeek },
    { "kimi_k2", Family::DeepSeek },
    { "glm4_moe", Family::Glm4Moe },
    { "qwen2_moe", Family::QwenMoe },
    { "qwen3_moe", Family::QwenMoe },
    { "llama4", Family::Llama4 },
    { "llama4_text", Family::Llama4 },
    { "olmoe", Family::Olmoe },
    { "gpt_oss", Family::GptOss },
    { "opt", Family::Opt },
    { "dbrx", Family::Dbrx },
    { "falcon", Family::Falcon },
    { "RefinedWeb", Family::Falcon },
    { "RefinedWebModel", Family::Falcon },
};

constexpr Alias kArchitectures[] = {
    { "LlamaForCausalLM", Family::Dense },
    { "MistralForCausalLM", Family::Dense },
    { "Qwen2ForCausalLM", Family::Dense },
    { "Qwen3ForCausalLM", Family::Dense },
    { "MixtralForCausalLM", Family::Mixtral },
    { "DeepseekV2ForCausalLM", Family::DeepSeek },
    { "DeepseekV3ForCausalLM", Family::DeepSeek },
    { "Glm4MoeForCausalLM", Family::Glm4Moe },
    { "Qwen2MoeForCausalLM", Family::QwenMoe },
    { "Qwen3MoeForCausalLM", Family::QwenMoe },
    { "Llama4ForConditionalGeneration", Family::Llama4 },
    { "Llama4ForCausalLM", Family::Llama4 },
    { "OlmoeForCausalLM", Family::Olmoe },
    { "GptOssForCausalLM", Family::GptOss },
    { "OPTForCausalLM", Family::Opt },
    { "DbrxForCausalLM", Family::Dbrx },
    { "FalconForCausalLM", Family::Falcon },
    { "RWForCausalLM", Family::Falcon },
};

} // namespace

std::string_view displayName(Family f)
{
    switch (f) {
    case Family::Dense:
        return "dense Llama-style";
    case Family::Mixtral:
        return "Mixtral";
    case Family::DeepSeek:
        return "DeepSeek-V3";
    case Family::Glm4Moe:
        return "GLM-4.5";
    case Family::QwenMoe:
        return "Qwen MoE";
    case Family::Llama4:
        return "Llama 4";
    case Family::Olmoe:
        return "OLMoE";
    case Family::GptOss:
        return "gpt-oss";
    case Family::Opt:
        return "OPT";
    case Family::Dbrx:
        return "DBRX";
    case Family::Falcon:
        return "Falcon";
    }
    return "";
}

bool Importer::selectConfig()
{
    // Llama 4 (and other multimodal models) keep the language model's fields under text_config.
    const auto it = root_.find("text_config");
    if (it == root_.end() || it->is_null())
        return true;
    seen_.insert("text_config");
    if (!it->is_object()) {
        problems().push_back({ "text_config", "must be an object, got " + std::string(it->type_name()) });
        return false;
    }
    if (!root_.contains("hidden_size")) {
        cfg_ = &*it;
        prefix_ = "text_config";
    }
    return true;
}

std::optional<Family> Importer::detectFamily()
{
    modelType_ = text(*cfg_, prefix_, "model_type");
    if (cfg_ != &root_) {
        const std::string outer = text(root_, "", "model_type");
        if (modelType_.empty())
            modelType_ = outer;
    }
    std::string architecture;
    if (const json* a = find(root_, "", "architectures");
        a && a->is_array() && !a->empty() && a->front().is_string())
        architecture = a->front().get<std::string>();
    if (!problems().empty())
        return std::nullopt;
    for (const auto& alias : kModelTypes)
        if (alias.name == modelType_)
            return alias.family;
    for (const auto& alias : kArchitectures)
        if (alias.name == architecture)
            return alias.family;

    // An unknown model type: the names of its fields still tell which layout it follows.
    struct Clue {
        std::string_view key;
        Family family;
    };
    static constexpr Clue clues[] = {
        { "n_routed_experts", Family::DeepSeek },
        { "kv_lora_rank", Family::DeepSeek },
        { "ffn_dim", Family::Opt },
        { "intermediate_size_mlp", Family::Llama4 },
        { "ffn_config", Family::Dbrx },
        { "new_decoder_architecture", Family::Falcon },
        { "num_local_experts", Family::Mixtral },
        { "moe_intermediate_size", Family::QwenMoe },
        { "num_experts", Family::Olmoe },
        { "intermediate_size", Family::Dense },
    };
    const std::string what
        = modelType_.empty() ? std::string("no model_type") : "model_type \"" + modelType_ + "\"";
    for (const auto& c : clues) {
        if (!cfg_->contains(c.key))
            continue;
        note(path("model_type"),
            what + " is not a family Tierlens knows; read as " + std::string(displayName(c.family))
                + " because the config has " + std::string(c.key));
        return c.family;
    }
    problems().push_back({ path("model_type"),
        what
            + ", and none of the fields Tierlens reads an FFN size from "
              "(intermediate_size, ffn_dim, moe_intermediate_size, "
              "ffn_config): "
              "not a decoder config Tierlens can import" });
    return std::nullopt;
}

void Importer::readAttention(Family f)
{
    ModelSpec& m = model();
    // DBRX names its sizes after MosaicML's; early Falcon configs ("RefinedWeb") after their own.
    const bool dbrx = f == Family::Dbrx;
    const KeyMap<ModelSpec> sizes[] = {
        { dbrx ? "d_model" : pick({ "hidden_size", "n_embed" }), &ModelSpec::hidden, "hidden" },
        { dbrx ? "n_layers" : pick({ "num_hidden_layers", "n_layer" }), &ModelSpec::layers, "layers" },
        { dbrx ? "n_heads" : pick({ "num_attention_heads", "n_head" }), &ModelSpec::heads, "heads" },
        { "vocab_size", &ModelSpec::vocab, "vocab" },
    };
    // The checks below combine sizes, so they wait until all of them read.
    const bool sized = readAll(m, sizes, "");

    if (dbrx) {
        inside("attn_config", [&] {
            m.kvHeads = wholeOr("kv_n_heads", 1, 1, "transformers' DbrxAttentionConfig default");
            origin("kv_heads", path("kv_n_heads"));
        });
        if (sized && m.heads % m.kvHeads != 0)
            problems().push_back({ "attn_config.kv_n_heads",
                "(" + std::to_string(m.kvHeads) + ") must divide n_heads (" + std::to_string(m.heads)
                    + ")" });
    } else if (f == Family::Falcon) {
        if (sized)
            readFalconKvHeads();
    } else if (const auto kv = whole("num_key_value_heads", false)) {
        m.kvHeads = *kv;
        origin("kv_heads", path("num_key_value_heads"));
        if (sized && m.heads % *kv != 0)
            problems().push_back({ path("num_key_value_heads"),
                "(" + std::to_string(*kv) + ") must divide num_attention_heads (" + std::to_string(m.heads)
                    + ")" });
    } else if (sized && !present("num_key_value_heads")) {
        m.kvHeads = m.heads;
        origin("kv_heads", path(sizes[2].key));
        note(path("num_key_value_heads"),
            "not given: multi-head attention assumed (kv_heads = heads = " + std::to_string(m.heads) + ")");
    }

    if (present("kv_lora_rank")) {
        readMla();
    } else if (const auto hd = whole("head_dim", false)) {
        m.headDim = *hd;
        origin("head_dim", path("head_dim"));
    } else if (sized && !present("head_dim")) {
        if (m.hidden % m.heads != 0) {
            problems().push_back({ path("head_dim"),
                "is not given, and " + std::string(sizes[0].key) + " (" + std::to_string(m.hidden)
                    + ") is not a multiple of " + std::string(sizes[2].key) + " (" + std::to_string(m.heads)
                    + ")" });
        } else {
            m.headDim = m.hidden / m.heads;
            const std::string rule = std::string(sizes[0].key) + " / " + std::string(sizes[2].key);
            origin("head_dim", path(rule));
            // Neither DBRX nor Falcon has a head_dim key: the quotient is their rule, not a guess.
            if (!dbrx && f != Family::Falcon)
                note(path("head_dim"), "not given: " + rule + " = " + std::to_string(m.headDim));
        }
    }
    if (f == Family::Opt) {
        if (const auto proj = whole("word_embed_proj_dim", false); proj && sized && *proj != m.hidden)
            note(path("word_embed_proj_dim"),
                "the projections between the " + std::to_string(*proj)
                    + "-wide embeddings and the layers are left out, as the embeddings are");
    }
}

// Falcon's key and value heads: its own num_kv_heads with the new decoder architecture (40B, 180B);
// otherwise one head with multi-query attention (7B), else one per query head, as
// transformers' FalconAttention decides.
void Importer::readFalconKvHeads()
{
    ModelSpec& m = model();
    const json* arch = find("new_decoder_architecture");
    const json* mq = find("multi_query");
    const bool newArch = arch && arch->is_boolean() && arch->get<bool>();
    const bool multiQuery = !mq || !mq->is_boolean() || mq->get<bool>(); // FalconConfig's default: true
    if (newArch || !multiQuery) {
        const std::string_view key = pick({ "num_kv_heads", "n_head_kv" });
        m.kvHeads = wholeOr(key, m.heads, 1, "one key/value head per query head, transformers' default");
        origin("kv_heads", path(key));
    } else {
        m.kvHeads = 1;
        origin("kv_heads", path("multi_query"));
        if (!mq)
            note(path("multi_query"),
                "not given: multi-query attention (one key/value head) assumed, as in "
                "transformers' FalconConfig");
    }
    if (m.heads % m.kvHeads != 0)
        problems().push_back({ path("num_kv_heads"),
            "(" + std::to_string(m.kvHeads)
                + ") must divide the "
                  "attention heads ("
                + std::to_string(m.heads) + ")" });
}

void Importer::readMla()
{
    ModelSpec& m = model();
    static constexpr KeyMap<MlaSpec> ranks[] = {
        { "q_lora_rank", &MlaSpec::qLoraRank, "q_lora_rank" },
        { "kv_lora_rank", &MlaSpec::kvLoraRank, "kv_lora_rank" },
        { "qk_nope_head_dim", &MlaSpec::qkNopeHeadDim, "qk_nope_head_dim" },
        { "qk_rope_head_dim", &MlaSpec::qkRopeHeadDim, "qk_rope_head_dim", 0 },
        { "v_head_dim", &MlaSpec::vHeadDim, "v_head_dim" },
    };
    const auto qLora = cfg_->find("q_lora_rank");
    if (qLora != cfg_->end() && qLora->is_null()) {
        seen_.insert(path("q_lora_rank"));
        problems().push_back({ path("q_lora_rank"),
            "is null (queries without a low-rank projection, as in "
            "DeepSeek-V2-Lite): Tierlens's MLA needs a query rank" });
        return;
    }
    MlaSpec a;
    if (!readAll(a, ranks, "mla."))
        return;
    m.mla = a;
    if (const auto hd = whole("head_dim", false)) {
        m.headDim = *hd;
        origin("head_dim", path("head_dim"));
    } else {
        m.headDim = a.vHeadDim;
        origin("head_dim", path("v_head_dim"));
        note(path("head_dim"),
            "not given: set to v_head_dim = " + std::to_string(a.vHeadDim)
                + "; with MLA, attention is costed from the mla fields and head_dim is not used");
    }
}

bool Importer::readRouting(std::string_view expertsKey, MoeSpec& moe)
{
    const auto experts = whole(expertsKey, true);
    const std::string_view topKey = pick({ "num_experts_per_tok", "experts_per_token" });
    const auto topK = whole(topKey, true);
    if (topKey == "num_experts_per_tok" && topK) {
        // gpt-oss writes both names; they must agree.
        if (const auto other = whole("experts_per_token", false); other && *other != *topK)
            problems().push_back({ path("experts_per_token"),
                "(" + std::to_string(*other) + ") disagrees with num_experts_per_tok ("
                    + std::to_string(*topK) + ")" });
    }
    if (!experts || !topK)
        return false;
    if (*topK > *experts) {
        problems().push_back({ path(topKey),
            "(" + std::to_string(*topK) + ") must not exceed " + std::string(expertsKey) + " ("
                + std::to_string(*experts) + ")" });
        return false;
    }
    moe.experts = *experts;
    moe.topK = *topK;
    moe.sharedExperts = 0;
    moe.firstDenseLayers = 0;
    moe.layerInterval = 1;
    origin("moe.shared_experts", "(none in this family)");
    origin("moe.experts", path(expertsKey));
    origin("moe.top_k", path(topKey));
    return true;
}

void Importer::readFeedForward(Family f)
{
    if (f == Family::Dbrx)
        return readDbrxFeedForward();
    if (f == Family::Falcon)
        return readFalconFeedForward();
    ModelSpec& m = model();
    m.ffnKind = f == Family::Opt ? ModelSpec::FfnKind::Mlp : ModelSpec::FfnKind::SwiGlu;
    const std::string act = text(*cfg_, prefix_, f == Family::Opt ? "activation_function" : "hidden_act");
    if (f == Family::Opt) {
        origin("ffn_kind", path("activation_function") + " (OPT: fc1, fc2)");
    } else {
        origin("ffn_kind", path("hidden_act") + " (gated FFN)");
        if (!act.empty() && act != "silu" && act != "swiglu")
            note(path("hidden_act"),
                "\"" + act + "\" in a gated FFN: costed as SwiGLU, the same three matrices");
    }

    auto dense = [&](std::string_view key) {
        if (const auto v = whole(key, true)) {
            m.ffnDim = *v;
            origin("ffn_dim", path(key));
        }
    };
    if (f == Family::Dense || f == Family::Opt) {
        dense(f == Family::Opt ? "ffn_dim" : "intermediate_size");
        return;
    }

    // Models whose experts can be switched off by a null or zero count read as dense.
    const std::string_view expertsKey = deepSeekLayout(f) ? pick({ "n_routed_experts", "num_local_experts" })
        : f == Family::QwenMoe || f == Family::Olmoe      ? pick({ "num_experts", "num_local_experts" })
                                                          : pick({ "num_local_experts", "num_experts" });
    const auto experts = cfg_->find(expertsKey);
    const bool switchedOff = experts != cfg_->end()
        && (experts->is_null() || (experts->is_number() && experts->get<double>() == 0));
    if ((deepSeekLayout(f) || f == Family::QwenMoe) && switchedOff) {
        note(path(expertsKey), "no routed experts: imported as a dense model");
        dense("intermediate_size");
        return;
    }

    MoeSpec moe;
    const bool routed = readRouting(expertsKey, moe);
    const std::string_view expertKey
        = deepSeekLayout(f) || f == Family::QwenMoe ? "moe_intermediate_size" : "intermediate_size";
    const auto expertFfn = whole(expertKey, true);
    if (expertFfn) {
        moe.expertFfnDim = *expertFfn;
        origin("moe.expert_ffn_dim", path(expertKey));
    }
    // The dense FFN of the layers without experts; models with none reuse the expert size.
    if (deepSeekLayout(f) || f == Family::QwenMoe) {
        dense("intermediate_size");
    } else if (f == Family::Llama4 && present("intermediate_size_mlp")) {
        dense("intermediate_size_mlp");
    } else if (expertFfn) {
        m.ffnDim = *expertFfn;
        origin("ffn_dim", path(expertKey) + " (no dense FFN layers)");
    }
    if (!routed || !expertFfn || !problems().empty())
        return;
    readSharedExperts(f, moe);
    m.moe = moe;
    readMoeLayers(f);
}

// DBRX: every layer has experts, described under ffn_config; each is a gated FFN (w1, v1, w2).
void Importer::readDbrxFeedForward()
{
    ModelSpec& m = model();
    m.ffnKind = ModelSpec::FfnKind::SwiGlu;
    MoeSpec moe;
    bool routed = false;
    std::optional<int> expertFfn;
    const bool object = inside("ffn_config", [&] {
        const auto experts = whole("moe_num_experts", true);
        const auto topK = whole("moe_top_k", true);
        expertFfn = whole("ffn_hidden_size", true);
        if (!experts || !topK || !expertFfn)
            return;
        if (*topK > *experts) {
            problems().push_back({ path("moe_top_k"),
                "(" + std::to_string(*topK) + ") must not exceed moe_num_experts (" + std::to_string(*experts)
                    + ")" });
            return;
        }
        if (const json* act = find("ffn_act_fn"); act && act->is_object()) {
            const std::string name = act->value("name", std::string("silu"));
            if (name != "silu")
                note(path("ffn_act_fn"),
                    "\"" + name + "\" in a gated FFN: costed as SwiGLU, the same three matrices");
        }
        moe.experts = *experts;
        moe.topK = *topK;
        moe.expertFfnDim = *expertFfn;
        origin("moe.experts", path("moe_num_experts"));
        origin("moe.top_k", path("moe_top_k"));
        origin("moe.expert_ffn_dim", path("ffn_hidden_size"));
        origin("ffn_dim", path("ffn_hidden_size") + " (no dense FFN layers)");
        origin("ffn_kind", "(DBRX: gated experts w1, v1, w2)");
        origin("moe.shared_experts", "(none in this family)");
        routed = true;
    });
    if (!object || !routed || !problems().empty())
        return;
    m.ffnDim = *expertFfn;
    moe.sharedExperts = 0;
    moe.firstDenseLayers = 0;
    moe.layerInterval = 1;
    m.moe = moe;
    applyPattern(std::vector<bool>(static_cast<std::size_t>(std::max(0, m.layers)), true),
        "(DBRX: every layer has experts)");
}

// Falcon: a plain two-matrix MLP with GELU, 4 × hidden_size wide unless ffn_hidden_size says otherwise.
void Importer::readFalconFeedForward()
{
    ModelSpec& m = model();
    m.ffnKind = ModelSpec::FfnKind::Mlp;
    origin("ffn_kind", "(Falcon: dense_h_to_4h, dense_4h_to_h)");
    if (const auto v = whole("ffn_hidden_size", false)) {
        m.ffnDim = *v;
        origin("ffn_dim", path("ffn_hidden_size"));
    } else if (!present("ffn_hidden_size") && m.hidden > 0) {
        m.ffnDim = 4 * m.hidden;
        origin("ffn_dim", "4 × " + path("hidden_size"));
    }
    const json* parallel = find("parallel_attn");
    if (!parallel || (parallel->is_boolean() && parallel->get<bool>()))
        note(path("parallel_attn"),
            "attention and MLP run side by side on the same input in Falcon; they are costed "
            "one after the other (the same weights and bytes, a slightly longer step)");
    if (const json* alibi = find("alibi"); alibi && alibi->is_boolean() && alibi->get<bool>())
        note(path("alibi"), "ALiBi position biases are left out, as RoPE is");
}

void Importer::readSharedExperts(Family f, MoeSpec& moe)
{
    if (deepSeekLayout(f)) {
        const bool v3 = modelType_ != "deepseek_v2";
        moe.sharedExperts = wholeOr("n_shared_experts", v3 ? 1 : 0, 0, "transformers' default");
        origin("moe.shared_experts", path("n_shared_experts"));
    } else if (f == Family::Llama4) {
        // Llama4TextMoe always adds one shared expert of the routed experts' size.
        moe.sharedExperts = 1;
        origin("moe.shared_experts", "(Llama 4: one shared expert of intermediate_size)");
        note("shared expert",
            "Llama 4 has no key for it: every MoE layer has one shared expert of "
            "intermediate_size, so shared_experts = 1");
    } else if (f == Family::QwenMoe) {
        // Qwen2-MoE gives its shared expert's width; ours are counted in units of an expert.
        const auto width = whole("shared_expert_intermediate_size", false, 0);
        if (!width || *width == 0)
            return;
        const int units = std::max(1, (*width + moe.expertFfnDim / 2) / moe.expertFfnDim);
        moe.sharedExperts = units;
        origin("moe.shared_experts", path("shared_expert_intermediate_size") + " / moe_intermediate_size");
        if (units * moe.expertFfnDim != *width)
            note(path("shared_expert_intermediate_size"),
                std::to_string(*width) + " is not a multiple of moe_intermediate_size ("
                    + std::to_string(moe.expertFfnDim) + "): modelled as " + std::to_string(units)
                    + " shared expert(s) of " + std::to_string(moe.expertFfnDim));
    }
}

} // namespace tierlens::hfimport
