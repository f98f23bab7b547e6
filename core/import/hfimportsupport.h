#pragma once
// Shared by the source files of importHfConfig(); not part of the public API:
//  - hfquantization.cpp: quantization_config, the data type of each weight class;
//  - hfconfigimporter.cpp: the run, the look-ups that mark keys as seen, dtype and identity,
//    the notes on what is not modelled, the validator's checks;
//  - hffamilies.cpp: recognising the family, and the attention and FFN fields of each;
//  - hfmoelayers.cpp: which layers are MoE, and how that maps onto our layer pattern.

#include "core/import/hfconfigimporter.h"
#include "core/io/jsonfields.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tierlens::hfimport {

using jsonio::join;
using nlohmann::json;

enum class Family { Dense, Mixtral, DeepSeek, QwenMoe, Llama4, Olmoe, GptOss, Opt, Dbrx, Falcon, Glm4Moe };

/// DeepSeek's MoE keys (n_routed_experts, n_shared_experts, moe_intermediate_size,
/// first_k_dense_replace): DeepSeek-V2/V3, Kimi-K2, and GLM-4.5 with ordinary GQA attention.
inline bool deepSeekLayout(Family f)
{
    return f == Family::DeepSeek || f == Family::Glm4Moe;
}

/// The family's name in notes and in a derived model name (hffamilies.cpp).
std::string_view displayName(Family f);

// One required whole-number key of a config and the field of S it fills.
template <class S> struct KeyMap {
    std::string_view key;
    int S::*member;
    std::string_view field; ///< our JSON key
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
    void readFalconKvHeads();
    void readFeedForward(Family f);
    void readDbrxFeedForward();
    void readFalconFeedForward();
    // Runs `read` with look-ups inside the config's object `key` (DBRX's attn_config, ffn_config);
    // false, with a problem, when it is present but not an object. Absent: read sees an empty one.
    template <class F> bool inside(std::string_view key, F read);
    bool readRouting(std::string_view expertsKey, MoeSpec& moe);
    void readSharedExperts(Family f, MoeSpec& moe);
    void readMoeLayers(Family f);
    void applyPattern(const std::vector<bool>& isMoe, const std::string& source);
    void readDtype();
    // quantization_config: the data type of each weight class (hfquantization.cpp).
    void readQuantization();
    void quantizeClasses(DataType weights, bool experts, bool dense, const std::string& why);
    void readIdentity(Family f);
    void noteUnmodelled(Family f);
    void noteUnrecognised();
    void checkRules();

    const json& root_;
    const json* cfg_;
    std::string prefix_;
    std::string id_;
    std::string modelType_;
    DataType stored_ = DataType::Bf16; // torch_dtype's type: what unquantized weights keep
    std::set<std::string> seen_;
    HfConfigImport r_;
};

template <class F> bool Importer::inside(std::string_view key, F read)
{
    static const json empty = json::object();
    const json* obj = find(key);
    if (obj && !obj->is_object()) {
        problems().push_back({ path(key), "must be an object, got " + std::string(obj->type_name()) });
        return false;
    }
    const json* outer = cfg_;
    const std::string outerPrefix = prefix_;
    cfg_ = obj ? obj : &empty;
    prefix_ = path(key);
    read();
    cfg_ = outer;
    prefix_ = outerPrefix;
    return true;
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

} // namespace tierlens::hfimport
