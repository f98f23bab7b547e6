// importHfConfig(): the run, the look-ups every reader goes through, dtype and identity, and the
// notes on what did not carry over. Families: hffamilies.cpp; MoE layers: hfmoelayers.cpp.
#include "core/import/hfimportsupport.h"
#include "core/io/jsontext.h"

#include "core/validation/validator.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace tierlens {

namespace hfimport {

namespace {

// Keys that change nothing Tierlens computes for a decode step: token ids, training-only
// settings, and parts the model leaves out on purpose (norms, RoPE, biases, embeddings).
constexpr std::string_view kIrrelevantKeys[] = {
    "transformers_version",
    "auto_map",
    "_attn_implementation_autoset",
    "for_llm_compressor",
    "bos_token_id",
    "eos_token_id",
    "pad_token_id",
    "decoder_start_token_id",
    "prefix",
    "boi_token_index",
    "eoi_token_index",
    "image_token_index",
    "initializer_range",
    "init_std",
    "use_cache",
    "dropout",
    "attention_dropout",
    "activation_dropout",
    "layerdrop",
    "output_router_logits",
    "router_aux_loss_coef",
    "aux_loss_alpha",
    "seq_aux",
    "router_jitter_noise",
    "norm_topk_prob",
    "routed_scaling_factor",
    "scoring_func",
    "topk_method",
    "ep_size",
    "rms_norm_eps",
    "layer_norm_eps",
    "do_layer_norm_before",
    "_remove_final_layer_norm",
    "layer_norm_elementwise_affine",
    "use_qk_norm",
    "clip_qkv",
    "max_position_embeddings",
    "initial_context_length",
    "rope_theta",
    "rope_interleave",
    "partial_rotary_factor",
    "no_rope_layers",
    "no_rope_layer_interval",
    "attn_temperature_tuning",
    "floor_scale",
    "attn_scale",
    "tie_word_embeddings",
    "pretraining_tp",
    "enable_bias",
    "mlp_bias",
    "attention_bias",
    "qkv_bias",
    "max_window_layers",
    "swiglu_limit",
    "swiglu_alpha",
    // Falcon and DBRX
    "bias",
    "apply_residual_connection_post_layernorm",
    "hidden_dropout",
    "layer_norm_epsilon",
    "num_ln_in_parallel_attn",
    "emb_pdrop",
    "resid_pdrop",
    "max_seq_len",
};

std::optional<double> bytesForDtype(std::string dtype)
{
    std::transform(
        dtype.begin(), dtype.end(), dtype.begin(), [](unsigned char c) { return std::tolower(c); });
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

// The data type unquantized weights keep: the dtype's, BF16 for a 2-byte name that is not FP16.
DataType storedType(std::string dtype, double bytes)
{
    std::transform(
        dtype.begin(), dtype.end(), dtype.begin(), [](unsigned char c) { return std::tolower(c); });
    if (bytes == 4.0)
        return DataType::Fp32;
    if (bytes == 1.0)
        return dtype.find("e5m2") != std::string::npos ? DataType::Fp8E5m2 : DataType::Fp8E4m3;
    if (dtype.find("float16") != std::string::npos && dtype.find("bfloat16") == std::string::npos)
        return DataType::Fp16;
    return dtype == "half" || dtype == "fp16" || dtype == "torch.fp16" ? DataType::Fp16 : DataType::Bf16;
}

} // namespace

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
            problems().push_back({ p, "is missing (a whole number is required)" });
        return std::nullopt;
    }
    double d = 0;
    if (!jsonio::readNumber(*cfg_, key, d, true, p, problems()))
        return std::nullopt;
    if (d < min) {
        problems().push_back({ p,
            std::string(min >= 1 ? "must be a positive whole number" : "must not be negative") + ", got "
                + v->dump() });
        return std::nullopt;
    }
    return static_cast<int>(d);
}

int Importer::wholeOr(std::string_view key, int fallback, int min, const std::string& why)
{
    if (const auto v = whole(key, false, min))
        return *v;
    if (!find(key)) // absent, not merely wrong: a wrong value is already a problem
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
        problems().push_back({ p, "must be a list of layer indices, got " + std::string(v->type_name()) });
        return std::nullopt;
    }
    std::vector<int> out;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const json& e = (*v)[i];
        const int layers = model().layers;
        if (!e.is_number_integer() || e.get<long long>() < 0 || e.get<long long>() >= layers) {
            problems().push_back({ p + "[" + std::to_string(i) + "]",
                "must be a layer index from 0 to " + std::to_string(layers - 1) + ", got " + e.dump() });
            return std::nullopt;
        }
        out.push_back(e.get<int>());
    }
    return out;
}

std::string Importer::text(const json& obj, const std::string& objPrefix, std::string_view key)
{
    const json* v = find(obj, objPrefix, key);
    if (!v)
        return {};
    if (!v->is_string()) {
        problems().push_back(
            { join(objPrefix, key), "must be a string, got " + std::string(v->type_name()) });
        return {};
    }
    return v->get<std::string>();
}

HfConfigImport Importer::run()
{
    if (!root_.is_object()) {
        problems().push_back({ "",
            "must be a JSON object (the contents of a config.json), got " + std::string(root_.type_name()) });
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
    readQuantization();
    readIdentity(*family);
    if (!problems().empty())
        return std::move(r_);
    noteUnmodelled(*family);
    noteUnrecognised();
    checkRules();
    return std::move(r_);
}

void Importer::readDtype()
{
    // text_config's own dtype, else the top level's; newer transformers write "dtype".
    std::string where, dtype;
    for (const json* obj : { cfg_, &root_ }) {
        const std::string p = obj == cfg_ ? prefix_ : std::string();
        for (std::string_view key : { "torch_dtype", "dtype" }) {
            const json* v = find(*obj, p, key);
            if (!v || !where.empty())
                continue;
            where = join(p, key);
            if (!v->is_string())
                problems().push_back({ where,
                    "must be a string naming a dtype (\"bfloat16\"), got " + std::string(v->type_name()) });
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
        stored_ = storedType(dtype, *bytes);
        if (*bytes == 4.0)
            note(where,
                "\"" + dtype
                    + "\": 4 bytes per parameter, as stored; inference usually runs in BF16 "
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
        derived = text(root_, "", "model_type"); // "llama4" rather than text_config's "llama4_text"
    if (derived.empty())
        derived = modelType_.empty() ? "imported-model" : modelType_;
    std::replace_if(
        derived.begin(), derived.end(), [](unsigned char c) { return std::isspace(c); }, '-');
    m.id = id_.empty() ? derived : id_;
    m.name = nameOrPath.empty() ? std::string(displayName(f)) + " from config.json" : nameOrPath;
}

void Importer::noteUnmodelled(Family f)
{
    for (std::string_view key : { "rope_scaling", "rope_parameters" }) {
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
        note(path("sliding_window"),
            "sliding-window attention (" + window->dump() + " tokens, " + where
                + ") is not modelled: those layers are costed as attention over the "
                  "whole prompt, which overstates them for longer prompts");
    }
    if (const json* chunk = find("attention_chunk_size"))
        note(path("attention_chunk_size"),
            "chunked attention (" + chunk->dump()
                + "-token chunks, in the RoPE layers) "
                  "is not modelled: every layer is costed as attention over the whole "
                  "prompt, which overstates those layers for longer prompts");
    if (f == Family::GptOss)
        note("attention sinks",
            "gpt-oss's learned per-head sink logits are not modelled: one extra logit per head in "
            "the softmax, a negligible cost");

    // transformers ties the LM head to the embeddings unless a config says otherwise; Llama-style
    // and MoE configs say so, OPT and Falcon leave it to the default.
    const json* tied = find("tie_word_embeddings");
    const bool tiedByDefault = f == Family::Opt || f == Family::Falcon;
    if (tied ? tied->is_boolean() && tied->get<bool>() : tiedByDefault)
        note(path("tie_word_embeddings"),
            std::string(tied ? "true" : "not given (true by default)")
                + ": the LM head is the embedding matrix. Parameter counts list it under "
                  "both embeddings and LM head, so their total is vocab × hidden above "
                  "the checkpoint's");
    if (const auto mtp = whole("num_nextn_predict_layers", false, 0); mtp && *mtp > 0)
        note(path("num_nextn_predict_layers"),
            std::to_string(*mtp)
                + " multi-token-prediction layer(s), used for "
                  "speculative decoding, are not modelled");
    const auto top = whole("topk_group", false);
    if (const auto groups = whole("n_group", false); groups && *groups > 1) {
        note(path("n_group"),
            "group-limited routing (" + (top ? "top " + std::to_string(*top) + " of " : std::string())
                + std::to_string(*groups)
                + " expert groups) is not modelled: routing is uniform "
                  "top-k over all experts");
    }
    if (cfg_ != &root_) {
        for (std::string_view key : { "vision_config", "audio_config" })
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
            const bool irrelevant
                = std::find(std::begin(kIrrelevantKeys), std::end(kIrrelevantKeys), it.key())
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
        problems().push_back(
            { it != r_.origins.end() ? it->second : p.path, p.message + " (as " + p.path + ")" });
    }
}

} // namespace hfimport

HfConfigImport importHfConfig(const nlohmann::json& config, const std::string& id)
{
    return hfimport::Importer(config, id).run();
}

HfConfigImport importHfConfigFile(const std::string& path, const std::string& id)
{
    HfConfigImport out;
    const auto text = readTextFile(path);
    if (!text.ok()) {
        out.model.problems = text.problems;
        return out;
    }
    const auto j = parseJsonText(text.value, path);
    if (!j.ok()) {
        out.model.problems = j.problems;
        return out;
    }
    out = importHfConfig(j.value, id);
    for (auto& p : out.model.problems)
        p.path = p.path.empty() ? path : path + ": " + p.path;
    return out;
}

} // namespace tierlens
