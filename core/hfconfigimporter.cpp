#include "hfconfigimporter.h"

#include "jsonfields.h"
#include "validator.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <set>
#include <string_view>

namespace tierlens {

using nlohmann::json;
using jsonio::join;

namespace {

enum class Family { Dense, Mixtral, DeepSeek, QwenMoe, Llama4, Olmoe, GptOss, Opt };

struct Alias {
    std::string_view name;
    Family family;
};

constexpr Alias kModelTypes[] = {
    {"llama", Family::Dense},       {"mistral", Family::Dense},      {"qwen2", Family::Dense},
    {"qwen3", Family::Dense},       {"mixtral", Family::Mixtral},    {"deepseek_v2", Family::DeepSeek},
    {"deepseek_v3", Family::DeepSeek}, {"qwen2_moe", Family::QwenMoe}, {"qwen3_moe", Family::QwenMoe},
    {"llama4", Family::Llama4},     {"llama4_text", Family::Llama4}, {"olmoe", Family::Olmoe},
    {"gpt_oss", Family::GptOss},    {"opt", Family::Opt},
};

constexpr Alias kArchitectures[] = {
    {"LlamaForCausalLM", Family::Dense},
    {"MistralForCausalLM", Family::Dense},
    {"Qwen2ForCausalLM", Family::Dense},
    {"Qwen3ForCausalLM", Family::Dense},
    {"MixtralForCausalLM", Family::Mixtral},
    {"DeepseekV2ForCausalLM", Family::DeepSeek},
    {"DeepseekV3ForCausalLM", Family::DeepSeek},
    {"Qwen2MoeForCausalLM", Family::QwenMoe},
    {"Qwen3MoeForCausalLM", Family::QwenMoe},
    {"Llama4ForConditionalGeneration", Family::Llama4},
    {"Llama4ForCausalLM", Family::Llama4},
    {"OlmoeForCausalLM", Family::Olmoe},
    {"GptOssForCausalLM", Family::GptOss},
    {"OPTForCausalLM", Family::Opt},
};

// Keys that change nothing Tierlens computes for a decode step: token ids, training-only
// settings, and parts the model leaves out on purpose (norms, RoPE, biases, embeddings).
constexpr std::string_view kIrrelevantKeys[] = {
    "transformers_version", "auto_map", "_attn_implementation_autoset", "for_llm_compressor",
    "bos_token_id", "eos_token_id", "pad_token_id", "decoder_start_token_id", "prefix",
    "boi_token_index", "eoi_token_index", "image_token_index", "initializer_range", "init_std",
    "use_cache", "dropout", "attention_dropout", "activation_dropout", "layerdrop",
    "output_router_logits", "router_aux_loss_coef", "aux_loss_alpha", "seq_aux",
    "router_jitter_noise", "norm_topk_prob", "routed_scaling_factor", "scoring_func", "topk_method",
    "ep_size", "rms_norm_eps", "layer_norm_eps", "do_layer_norm_before", "_remove_final_layer_norm",
    "layer_norm_elementwise_affine", "use_qk_norm", "clip_qkv", "max_position_embeddings",
    "initial_context_length", "rope_theta", "rope_interleave", "no_rope_layers",
    "no_rope_layer_interval", "attn_temperature_tuning", "floor_scale", "attn_scale",
    "tie_word_embeddings", "pretraining_tp", "enable_bias", "mlp_bias", "attention_bias", "qkv_bias",
    "max_window_layers", "swiglu_limit", "swiglu_alpha",
};

std::string_view displayName(Family f)
{
    switch (f) {
    case Family::Dense: return "dense Llama-style";
    case Family::Mixtral: return "Mixtral";
    case Family::DeepSeek: return "DeepSeek-V3";
    case Family::QwenMoe: return "Qwen MoE";
    case Family::Llama4: return "Llama 4";
    case Family::Olmoe: return "OLMoE";
    case Family::GptOss: return "gpt-oss";
    case Family::Opt: return "OPT";
    }
    return "";
}

std::optional<double> bytesForDtype(std::string dtype)
{
    std::transform(dtype.begin(), dtype.end(), dtype.begin(), [](unsigned char c) { return std::tolower(c); });
    if (dtype.starts_with("torch."))
        dtype.erase(0, 6);
    if (dtype == "bfloat16" || dtype == "float16" || dtype == "half" || dtype == "bf16" || dtype == "fp16")
        return 2.0;
    if (dtype == "float32" || dtype == "float" || dtype == "fp32")
        return 4.0;
    if (dtype.starts_with("float8") || dtype.starts_with("fp8"))
        return 1.0;
    return std::nullopt;
}

// "0-2, 5, 7-9", cut after a few runs: enough to recognise a pattern in a note.
std::string describeLayers(const std::vector<int>& layers)
{
    std::string out;
    int runs = 0;
    for (std::size_t i = 0; i < layers.size();) {
        std::size_t j = i;
        while (j + 1 < layers.size() && layers[j + 1] == layers[j] + 1)
            ++j;
        if (++runs > 6)
            return out + ", …";
        out += (out.empty() ? "" : ", ") + std::to_string(layers[i]);
        if (j > i)
            out += "-" + std::to_string(layers[j]);
        i = j + 1;
    }
    return out.empty() ? "none" : out;
}

// Which layers our first_dense_layers + layer_interval make MoE: after the dense ones, every
// interval-th layer counting from the last dense one, so that layers - first gives
// (layers - first) / interval MoE layers, as ModelSpec::moeLayerCount() counts them.
std::vector<bool> modelledPattern(int layers, int first, int interval)
{
    std::vector<bool> v(static_cast<std::size_t>(layers));
    for (int i = first; i < layers; ++i)
        v[static_cast<std::size_t>(i)] = (i - first + 1) % interval == 0;
    return v;
}

// One required whole-number key of a config and the field of S it fills.
template <class S>
struct KeyMap {
    std::string_view key;
    int S::*member;
    std::string_view field;  ///< our JSON key
    int min = 1;
};

class Importer {
public:
    Importer(const json& root, const std::string& id)
        : root_(root)
        , cfg_(&root)
        , id_(id)
    {
    }

    HfConfigImport run();

private:
    Problems& problems() { return r_.model.problems; }
    ModelSpec& model() { return r_.model.value; }
    std::string path(std::string_view key) const { return join(prefix_, key); }
    void note(const std::string& where, const std::string& text) { r_.notes.push_back(where + ": " + text); }
    void origin(const std::string& field, const std::string& from) { r_.origins[field] = from; }

    // The value at key, or nullptr when absent or null (config.json writes null for "not set").
    // Every look-up marks the key as seen, so that the rest can be reported.
    const json* find(const json& obj, const std::string& objPrefix, std::string_view key);
    const json* find(std::string_view key) { return find(*cfg_, prefix_, key); }
    bool present(std::string_view key) { return find(key) != nullptr; }
    // The first of several names for one setting that the config uses; the first name if none.
    std::string_view pick(std::initializer_list<std::string_view> keys);
    std::optional<int> whole(std::string_view key, bool required, int min = 1);
    int wholeOr(std::string_view key, int fallback, int min, const std::string& why);
    std::optional<std::vector<int>> layerList(std::string_view key);
    // Reads every key of `map` into s; false if any is missing or wrong.
    template <class S, std::size_t N>
    bool readAll(S& s, const KeyMap<S> (&map)[N], const std::string& fieldPrefix);
    std::string text(const json& obj, const std::string& objPrefix, std::string_view key);

    bool selectConfig();
    std::optional<Family> detectFamily();
    void readAttention(Family f);
    void readMla();
    void readFeedForward(Family f);
    bool readRouting(std::string_view expertsKey, MoeSpec& moe);
    void readSharedExperts(Family f, MoeSpec& moe);
    void applyPattern(const std::vector<bool>& isMoe, const std::string& source);
    void readDtype();
    void readIdentity(Family f);
    void noteUnmodelled(Family f);
    void noteUnrecognised();
    void checkRules();

    const json& root_;
    const json* cfg_;
    std::string prefix_;
    std::string id_;
    std::string modelType_;
    std::set<std::string> seen_;
    HfConfigImport r_;
};

const json* Importer::find(const json& obj, const std::string& objPrefix, std::string_view key)
{
    seen_.insert(join(objPrefix, key));
    const auto it = obj.find(key);
    return it == obj.end() || it->is_null() ? nullptr : &*it;
}

std::string_view Importer::pick(std::initializer_list<std::string_view> keys)
{
    std::string_view chosen;
    for (auto k : keys)
        if (find(k) && chosen.empty())
            chosen = k;
    return chosen.empty() ? *keys.begin() : chosen;
}

std::optional<int> Importer::whole(std::string_view key, bool required, int min)
{
    const std::string p = path(key);
    const json* v = find(key);
    if (!v) {
        if (required)
            problems().push_back({p, "is missing (a whole number is required)"});
        return std::nullopt;
    }
    double d = 0;
    if (!jsonio::readNumber(*cfg_, key, d, true, p, problems()))
        return std::nullopt;
    if (d < min) {
        problems().push_back({p, std::string(min >= 1 ? "must be a positive whole number" : "must not be negative")
                                     + ", got " + v->dump()});
        return std::nullopt;
    }
    return static_cast<int>(d);
}

int Importer::wholeOr(std::string_view key, int fallback, int min, const std::string& why)
{
    if (const auto v = whole(key, false, min))
        return *v;
    if (!find(key))  // absent, not merely wrong: a wrong value is already a problem
        note(path(key), "not given: " + std::to_string(fallback) + " assumed (" + why + ")");
    return fallback;
}

std::optional<std::vector<int>> Importer::layerList(std::string_view key)
{
    const json* v = find(key);
    if (!v)
        return std::nullopt;
    const std::string p = path(key);
    if (!v->is_array()) {
        problems().push_back({p, "must be a list of layer indices, got " + std::string(v->type_name())});
        return std::nullopt;
    }
    std::vector<int> out;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const json& e = (*v)[i];
        const int layers = model().layers;
        if (!e.is_number_integer() || e.get<long long>() < 0 || e.get<long long>() >= layers) {
            problems().push_back({p + "[" + std::to_string(i) + "]",
                                  "must be a layer index from 0 to " + std::to_string(layers - 1) + ", got " + e.dump()});
            return std::nullopt;
        }
        out.push_back(e.get<int>());
    }
    return out;
}

template <class S, std::size_t N>
bool Importer::readAll(S& s, const KeyMap<S> (&map)[N], const std::string& fieldPrefix)
{
    bool ok = true;
    for (const auto& k : map) {
        if (const auto v = whole(k.key, true, k.min)) {
            s.*k.member = *v;
            origin(fieldPrefix + std::string(k.field), path(k.key));
        } else {
            ok = false;
        }
    }
    return ok;
}

std::string Importer::text(const json& obj, const std::string& objPrefix, std::string_view key)
{
    const json* v = find(obj, objPrefix, key);
    if (!v)
        return {};
    if (!v->is_string()) {
        problems().push_back({join(objPrefix, key), "must be a string, got " + std::string(v->type_name())});
        return {};
    }
    return v->get<std::string>();
}

HfConfigImport Importer::run()
{
    if (!root_.is_object()) {
        problems().push_back({"", "must be a JSON object (the contents of a config.json), got "
                                      + std::string(root_.type_name())});
        return std::move(r_);
    }
    if (!selectConfig())
        return std::move(r_);
    const auto family = detectFamily();
    if (!family)
        return std::move(r_);
    readAttention(*family);
    readFeedForward(*family);
    readDtype();
    readIdentity(*family);
    if (!problems().empty())
        return std::move(r_);
    noteUnmodelled(*family);
    noteUnrecognised();
    checkRules();
    return std::move(r_);
}

bool Importer::selectConfig()
{
    // Llama 4 (and other multimodal models) keep the language model's fields under text_config.
    const auto it = root_.find("text_config");
    if (it == root_.end() || it->is_null())
        return true;
    seen_.insert("text_config");
    if (!it->is_object()) {
        problems().push_back({"text_config", "must be an object, got " + std::string(it->type_name())});
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
    if (const json* a = find(root_, "", "architectures"); a && a->is_array() && !a->empty() && a->front().is_string())
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
        {"n_routed_experts", Family::DeepSeek}, {"kv_lora_rank", Family::DeepSeek},
        {"ffn_dim", Family::Opt},               {"intermediate_size_mlp", Family::Llama4},
        {"num_local_experts", Family::Mixtral}, {"moe_intermediate_size", Family::QwenMoe},
        {"num_experts", Family::Olmoe},         {"intermediate_size", Family::Dense},
    };
    const std::string what = modelType_.empty() ? std::string("no model_type")
                                                : "model_type \"" + modelType_ + "\"";
    for (const auto& c : clues) {
        if (!cfg_->contains(c.key))
            continue;
        note(path("model_type"), what + " is not a family Tierlens knows; read as " + std::string(displayName(c.family))
                                     + " because the config has " + std::string(c.key));
        return c.family;
    }
    problems().push_back({path("model_type"), what + ", and none of the fields Tierlens reads an FFN size from "
                                                     "(intermediate_size, ffn_dim, moe_intermediate_size): "
                                                     "not a decoder config Tierlens can import"});
    return std::nullopt;
}

void Importer::readAttention(Family f)
{
    ModelSpec& m = model();
    static constexpr KeyMap<ModelSpec> sizes[] = {
        {"hidden_size", &ModelSpec::hidden, "hidden"},
        {"num_hidden_layers", &ModelSpec::layers, "layers"},
        {"num_attention_heads", &ModelSpec::heads, "heads"},
        {"vocab_size", &ModelSpec::vocab, "vocab"},
    };
    // The checks below combine sizes, so they wait until all of them read.
    const bool sized = readAll(m, sizes, "");

    if (const auto kv = whole("num_key_value_heads", false)) {
        m.kvHeads = *kv;
        origin("kv_heads", path("num_key_value_heads"));
        if (sized && m.heads % *kv != 0)
            problems().push_back({path("num_key_value_heads"), "(" + std::to_string(*kv) + ") must divide num_attention_heads ("
                                                                   + std::to_string(m.heads) + ")"});
    } else if (sized && !present("num_key_value_heads")) {
        m.kvHeads = m.heads;
        origin("kv_heads", path("num_attention_heads"));
        note(path("num_key_value_heads"), "not given: multi-head attention assumed (kv_heads = heads = "
                                              + std::to_string(m.heads) + ")");
    }

    if (present("kv_lora_rank")) {
        readMla();
    } else if (const auto hd = whole("head_dim", false)) {
        m.headDim = *hd;
        origin("head_dim", path("head_dim"));
    } else if (sized && !present("head_dim")) {
        if (m.hidden % m.heads != 0) {
            problems().push_back({path("head_dim"), "is not given, and hidden_size (" + std::to_string(m.hidden)
                                                        + ") is not a multiple of num_attention_heads ("
                                                        + std::to_string(m.heads) + ")"});
        } else {
            m.headDim = m.hidden / m.heads;
            origin("head_dim", path("hidden_size") + " / num_attention_heads");
            note(path("head_dim"), "not given: hidden_size / num_attention_heads = " + std::to_string(m.headDim));
        }
    }
    if (f == Family::Opt) {
        if (const auto proj = whole("word_embed_proj_dim", false); proj && sized && *proj != m.hidden)
            note(path("word_embed_proj_dim"), "the projections between the " + std::to_string(*proj)
                                                  + "-wide embeddings and the layers are left out, as the embeddings are");
    }
}

void Importer::readMla()
{
    ModelSpec& m = model();
    static constexpr KeyMap<MlaSpec> ranks[] = {
        {"q_lora_rank", &MlaSpec::qLoraRank, "q_lora_rank"},
        {"kv_lora_rank", &MlaSpec::kvLoraRank, "kv_lora_rank"},
        {"qk_nope_head_dim", &MlaSpec::qkNopeHeadDim, "qk_nope_head_dim"},
        {"qk_rope_head_dim", &MlaSpec::qkRopeHeadDim, "qk_rope_head_dim", 0},
        {"v_head_dim", &MlaSpec::vHeadDim, "v_head_dim"},
    };
    const auto qLora = cfg_->find("q_lora_rank");
    if (qLora != cfg_->end() && qLora->is_null()) {
        seen_.insert(path("q_lora_rank"));
        problems().push_back({path("q_lora_rank"), "is null (queries without a low-rank projection, as in "
                                                   "DeepSeek-V2-Lite): Tierlens's MLA needs a query rank"});
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
        note(path("head_dim"), "not given: set to v_head_dim = " + std::to_string(a.vHeadDim)
                                   + "; with MLA, attention is costed from the mla fields and head_dim is not used");
    }
}

bool Importer::readRouting(std::string_view expertsKey, MoeSpec& moe)
{
    const auto experts = whole(expertsKey, true);
    const std::string_view topKey = pick({"num_experts_per_tok", "experts_per_token"});
    const auto topK = whole(topKey, true);
    if (topKey == "num_experts_per_tok" && topK) {
        // gpt-oss writes both names; they must agree.
        if (const auto other = whole("experts_per_token", false); other && *other != *topK)
            problems().push_back({path("experts_per_token"), "(" + std::to_string(*other) + ") disagrees with num_experts_per_tok ("
                                                                 + std::to_string(*topK) + ")"});
    }
    if (!experts || !topK)
        return false;
    if (*topK > *experts) {
        problems().push_back({path(topKey), "(" + std::to_string(*topK) + ") must not exceed " + std::string(expertsKey)
                                                + " (" + std::to_string(*experts) + ")"});
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
    ModelSpec& m = model();
    m.ffnKind = f == Family::Opt ? ModelSpec::FfnKind::Mlp : ModelSpec::FfnKind::SwiGlu;
    const std::string act = text(*cfg_, prefix_, f == Family::Opt ? "activation_function" : "hidden_act");
    if (f == Family::Opt) {
        origin("ffn_kind", path("activation_function") + " (OPT: fc1, fc2)");
    } else {
        origin("ffn_kind", path("hidden_act") + " (gated FFN)");
        if (!act.empty() && act != "silu" && act != "swiglu")
            note(path("hidden_act"), "\"" + act + "\" in a gated FFN: costed as SwiGLU, the same three matrices");
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
    const std::string_view expertsKey = f == Family::DeepSeek ? pick({"n_routed_experts", "num_local_experts"})
        : f == Family::QwenMoe || f == Family::Olmoe           ? pick({"num_experts", "num_local_experts"})
                                                                : pick({"num_local_experts", "num_experts"});
    const auto experts = cfg_->find(expertsKey);
    const bool switchedOff = experts != cfg_->end()
        && (experts->is_null() || (experts->is_number() && experts->get<double>() == 0));
    if ((f == Family::DeepSeek || f == Family::QwenMoe) && switchedOff) {
        note(path(expertsKey), "no routed experts: imported as a dense model");
        dense("intermediate_size");
        return;
    }

    MoeSpec moe;
    const bool routed = readRouting(expertsKey, moe);
    const std::string_view expertKey = f == Family::DeepSeek || f == Family::QwenMoe ? "moe_intermediate_size"
                                                                                      : "intermediate_size";
    const auto expertFfn = whole(expertKey, true);
    if (expertFfn) {
        moe.expertFfnDim = *expertFfn;
        origin("moe.expert_ffn_dim", path(expertKey));
    }
    // The dense FFN of the layers without experts; models with none reuse the expert size.
    if (f == Family::DeepSeek || f == Family::QwenMoe) {
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

    // Which layers have experts, in the config's own rule. An absurd layer count is the
    // validator's to report, before a per-layer list of that size is made.
    const int layers = m.layers;
    if (layers > findField(ModelSpec::fields(), "layers")->max)
        return;
    std::vector<bool> isMoe(static_cast<std::size_t>(layers), true);
    std::string source = "(every layer has experts)";
    if (f == Family::DeepSeek) {
        const bool v3 = modelType_ != "deepseek_v2";
        const int first = wholeOr("first_k_dense_replace", v3 ? 3 : 0, 0, "transformers' default");
        const int freq = wholeOr("moe_layer_freq", 1, 1, "transformers' default");
        for (int i = 0; i < layers; ++i)
            isMoe[static_cast<std::size_t>(i)] = i >= first && i % freq == 0;
        source = path("first_k_dense_replace") + ", moe_layer_freq";
    } else if (f == Family::QwenMoe) {
        const int step = wholeOr("decoder_sparse_step", 1, 1, "transformers' default");
        const auto denseOnly = layerList("mlp_only_layers").value_or(std::vector<int>{});
        for (int i = 0; i < layers; ++i)
            isMoe[static_cast<std::size_t>(i)] = (i + 1) % step == 0
                && std::find(denseOnly.begin(), denseOnly.end(), i) == denseOnly.end();
        source = path("decoder_sparse_step") + ", mlp_only_layers";
    } else if (f == Family::Llama4) {
        if (const auto listed = layerList("moe_layers")) {
            std::fill(isMoe.begin(), isMoe.end(), false);
            for (int i : *listed)
                isMoe[static_cast<std::size_t>(i)] = true;
            source = path("moe_layers");
        } else {
            const int step = wholeOr("interleave_moe_layer_step", 1, 1, "transformers' default");
            for (int i = 0; i < layers; ++i)
                isMoe[static_cast<std::size_t>(i)] = (i + 1) % step == 0;
            source = path("interleave_moe_layer_step");
        }
        if (std::find(isMoe.begin(), isMoe.end(), false) != isMoe.end() && !present("intermediate_size_mlp"))
            whole("intermediate_size_mlp", true);  // dense layers exist: their size is needed
    }
    if (problems().empty())
        applyPattern(isMoe, source);
}

void Importer::readSharedExperts(Family f, MoeSpec& moe)
{
    if (f == Family::DeepSeek) {
        const bool v3 = modelType_ != "deepseek_v2";
        moe.sharedExperts = wholeOr("n_shared_experts", v3 ? 1 : 0, 0, "transformers' default");
        origin("moe.shared_experts", path("n_shared_experts"));
    } else if (f == Family::Llama4) {
        // Llama4TextMoe always adds one shared expert of the routed experts' size.
        moe.sharedExperts = 1;
        origin("moe.shared_experts", "(Llama 4: one shared expert of intermediate_size)");
        note("shared expert", "Llama 4 has no key for it: every MoE layer has one shared expert of "
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
            note(path("shared_expert_intermediate_size"), std::to_string(*width) + " is not a multiple of moe_intermediate_size ("
                                                              + std::to_string(moe.expertFfnDim) + "): modelled as "
                                                              + std::to_string(units) + " shared expert(s) of "
                                                              + std::to_string(moe.expertFfnDim));
    }
}

void Importer::applyPattern(const std::vector<bool>& isMoe, const std::string& source)
{
    ModelSpec& m = model();
    const int layers = m.layers;
    std::vector<int> moeLayers, denseLayers;
    for (int i = 0; i < layers; ++i)
        (isMoe[static_cast<std::size_t>(i)] ? moeLayers : denseLayers).push_back(i);
    const int count = static_cast<int>(moeLayers.size());
    if (count == 0) {
        note(source, "no layer uses experts: imported as a dense model");
        m.moe.reset();
        std::erase_if(r_.origins, [](const auto& o) { return o.first.starts_with("moe."); });
        return;
    }
    MoeSpec& moe = *m.moe;
    origin("moe.first_dense_layers", source);
    origin("moe.layer_interval", source);

    // An evenly spaced pattern is represented exactly.
    int gap = count >= 2 ? moeLayers[1] - moeLayers[0] : layers - moeLayers[0];
    for (int i = 2; i < count; ++i)
        if (moeLayers[static_cast<std::size_t>(i)] - moeLayers[static_cast<std::size_t>(i) - 1] != gap)
            gap = 0;
    if (gap >= 1) {
        const int first = moeLayers[0] - gap + 1;
        if (first >= 0 && modelledPattern(layers, first, gap) == isMoe) {
            moe.firstDenseLayers = first;
            moe.layerInterval = gap;
            return;
        }
    }
    // Otherwise keep the number of MoE layers, which is all the cost depends on.
    moe.layerInterval = gap >= 1 && layers - count * gap >= 0 ? gap : 1;
    moe.firstDenseLayers = layers - count * moe.layerInterval;
    note(source, "MoE layers " + describeLayers(moeLayers) + ", dense layers " + describeLayers(denseLayers)
                     + ": not a run of dense layers followed by every n-th layer, so modelled as first_dense_layers "
                     + std::to_string(moe.firstDenseLayers) + ", layer_interval " + std::to_string(moe.layerInterval)
                     + ", which keeps the number of MoE layers (" + std::to_string(count) + " of "
                     + std::to_string(layers) + ") but not their positions");
}

void Importer::readDtype()
{
    // text_config's own dtype, else the top level's; newer transformers write "dtype".
    std::string where, dtype;
    for (const json* obj : {cfg_, &root_}) {
        const std::string p = obj == cfg_ ? prefix_ : std::string();
        for (std::string_view key : {"torch_dtype", "dtype"}) {
            const json* v = find(*obj, p, key);
            if (!v || !where.empty())
                continue;
            where = join(p, key);
            if (!v->is_string())
                problems().push_back({where, "must be a string naming a dtype (\"bfloat16\"), got " + std::string(v->type_name())});
            else
                dtype = v->get<std::string>();
        }
    }
    model().bytesPerParam = 2.0;
    origin("bytes_per_param", where.empty() ? std::string("(not given: BF16)") : where);
    if (where.empty()) {
        note("torch_dtype", "not given: 2 bytes per parameter (BF16) assumed");
    } else if (const auto bytes = bytesForDtype(dtype)) {
        model().bytesPerParam = *bytes;
        if (*bytes == 4.0)
            note(where, "\"" + dtype + "\": 4 bytes per parameter, as stored; inference usually runs in BF16 "
                                       "(set bytes_per_param to 2 for that)");
    } else if (!dtype.empty()) {
        note(where, "\"" + dtype + "\" is not a dtype Tierlens knows: 2 bytes per parameter (BF16) assumed");
    }
}

void Importer::readIdentity(Family f)
{
    ModelSpec& m = model();
    std::string nameOrPath = text(root_, "", "_name_or_path");
    if (nameOrPath.empty() && cfg_ != &root_)
        nameOrPath = text(*cfg_, prefix_, "_name_or_path");
    while (!nameOrPath.empty() && nameOrPath.back() == '/')
        nameOrPath.pop_back();
    std::string derived = nameOrPath.substr(nameOrPath.find_last_of('/') + 1);
    if (derived.empty())
        derived = text(root_, "", "model_type");  // "llama4" rather than text_config's "llama4_text"
    if (derived.empty())
        derived = modelType_.empty() ? "imported-model" : modelType_;
    std::replace_if(derived.begin(), derived.end(), [](unsigned char c) { return std::isspace(c); }, '-');
    m.id = id_.empty() ? derived : id_;
    m.name = nameOrPath.empty() ? std::string(displayName(f)) + " from config.json" : nameOrPath;
}

void Importer::noteUnmodelled(Family f)
{
    for (std::string_view key : {"rope_scaling", "rope_parameters"}) {
        const json* v = find(key);
        const bool plain = v && v->is_object() && v->value("rope_type", v->value("type", "")) == "default";
        if (v && !plain)
            note(path(key), "RoPE and its scaling are left out of the model, as in the reference study");
    }

    const json* window = find("sliding_window");
    const json* use = find("use_sliding_window");
    const json* types = find("layer_types");
    if (window && !(use && use->is_boolean() && !use->get<bool>())) {
        std::string where = "every layer";
        if (types && types->is_array()) {
            const auto sliding = std::count(types->begin(), types->end(), json("sliding_attention"));
            where = std::to_string(sliding) + " of " + std::to_string(types->size()) + " layers";
        }
        note(path("sliding_window"), "sliding-window attention (" + window->dump() + " tokens, " + where
                                         + ") is not modelled: those layers are costed as attention over the "
                                           "whole prompt, which overstates them for longer prompts");
    }
    if (const json* chunk = find("attention_chunk_size"))
        note(path("attention_chunk_size"), "chunked attention (" + chunk->dump() + "-token chunks, in the RoPE layers) "
                                               "is not modelled: every layer is costed as attention over the whole "
                                               "prompt, which overstates those layers for longer prompts");
    if (f == Family::GptOss)
        note("attention sinks", "gpt-oss's learned per-head sink logits are not modelled (their cost is negligible)");

    std::string quantPath = path("quantization_config");
    const json* quant = find("quantization_config");
    if (!quant && cfg_ != &root_) {
        quantPath = "quantization_config";
        quant = find(root_, "", quantPath);
    }
    if (quant) {
        const std::string method = quant->is_object() ? quant->value("quant_method", std::string("?")) : "?";
        note(quantPath, "weights stored as \"" + method + "\" are not modelled: bytes_per_param ("
                            + std::to_string(static_cast<int>(model().bytesPerParam))
                            + ") follows the dtype; set it by hand to study quantized weights");
    }
    if (const auto mtp = whole("num_nextn_predict_layers", false, 0); mtp && *mtp > 0)
        note(path("num_nextn_predict_layers"), std::to_string(*mtp) + " multi-token-prediction layer(s), used for "
                                                   "speculative decoding, are not modelled");
    const auto top = whole("topk_group", false);
    if (const auto groups = whole("n_group", false); groups && *groups > 1) {
        note(path("n_group"), "group-limited routing (" + (top ? "top " + std::to_string(*top) + " of " : std::string())
                                  + std::to_string(*groups) + " expert groups) is not modelled: routing is uniform "
                                                              "top-k over all experts");
    }
    if (cfg_ != &root_) {
        for (std::string_view key : {"vision_config", "audio_config"})
            if (find(root_, "", key))
                note(std::string(key), "not modelled: only the text decoder is imported");
    }
}

void Importer::noteUnrecognised()
{
    std::string list;
    auto scan = [&](const json& obj, const std::string& objPrefix) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            const std::string p = join(objPrefix, it.key());
            const bool irrelevant = std::find(std::begin(kIrrelevantKeys), std::end(kIrrelevantKeys), it.key())
                != std::end(kIrrelevantKeys);
            if (!seen_.contains(p) && !irrelevant && !it->is_null())
                list += (list.empty() ? "" : ", ") + p;
        }
    };
    if (cfg_ != &root_)
        scan(root_, "");
    scan(*cfg_, prefix_);
    if (!list.empty())
        note("other keys", "not known to Tierlens, left out: " + list);
}

void Importer::checkRules()
{
    // The validator's model rules, with paths turned back into where each value came from.
    for (const auto& p : validateModel(model(), "")) {
        const auto it = r_.origins.find(p.path);
        problems().push_back({it != r_.origins.end() ? it->second : p.path, p.message + " (as " + p.path + ")"});
    }
}

} // namespace

HfConfigImport importHfConfig(const json& config, const std::string& id)
{
    return Importer(config, id).run();
}

} // namespace tierlens
