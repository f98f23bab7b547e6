#pragma once

#include "core/data/modelspec.h"
#include "core/data/problem.h"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <vector>

namespace tierlens {

/// A ModelSpec read from a Hugging Face `config.json`, and what did not carry over.
struct HfConfigImport {
    /// The model, or the problems with the config (each with its JSON path, such as
    /// "text_config.num_experts_per_tok"). Problems name the config's keys, not ours.
    Loaded<ModelSpec> model;
    /// One sentence per key that was left out or only approximated, and per assumption made,
    /// each starting with the config key it concerns ("sliding_window: ...").
    std::vector<std::string> notes;
    /// Where each field of the model came from: our field ("moe.top_k") to the config key or
    /// rule that gave it ("num_experts_per_tok", "hidden_size / num_attention_heads").
    std::map<std::string, std::string> origins;

    bool ok() const { return model.ok(); }
};

/// Maps the parsed JSON of a Hugging Face `config.json` onto a ModelSpec.
///
/// Recognises Mixtral, DeepSeek-V2/V3/R1 (MLA), Qwen2-MoE and Qwen3-MoE, dense Llama-style models
/// (Llama 3, Mistral, Qwen2/3), Llama 4 (fields under `text_config`), OLMoE, gpt-oss and OPT, by
/// `model_type`, then `architectures`, then the field names. Sizes must be present and positive;
/// keys that only fine-tune the structure (`head_dim`, `num_key_value_heads`, the MoE layer
/// pattern) fall back to transformers' defaults with a note. Which layers are MoE is fitted to
/// first_dense_layers + layer_interval, keeping the number of MoE layers exact. The result is
/// checked against the validator's model rules as well.
///
/// \param config the parsed config.json
/// \param id the model's id; empty: the last part of `_name_or_path`, else `model_type`
HfConfigImport importHfConfig(const nlohmann::json& config, const std::string& id = {});

/// Reads, parses and imports a config.json file. An unreadable file or a syntax error (with its
/// line and column) is a problem naming the file; so is each problem of the import, as
/// "<path>: text_config.num_experts_per_tok: ...". The CLI and the window both read configs here.
HfConfigImport importHfConfigFile(const std::string& path, const std::string& id = {});

} // namespace tierlens
