#pragma once

#include "core/data/modelspec.h"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace tierlens {

/// The parts of a model its parameters are counted in, as a model card splits them.
enum class ParamClass {
    Attention,
    DenseFfn,
    SharedExperts,
    RoutedExperts,
    Router,
    Embeddings,
    LmHead,
    Count
};

inline constexpr int kParamClassCount = static_cast<int>(ParamClass::Count);

/// Parameters of a model, in all and active for one token at batch 1, by class. The one place
/// Tierlens counts them: the CLI's import-model and eval, the import dialog and the model editor
/// all show these.
struct ModelParams {
    std::array<double, kParamClassCount> total {};
    std::array<double, kParamClassCount> active {};
    double bytesPerParam = 2.0;
    /// Bytes per parameter of each class, at its weight class's data type (ModelSpec::bytesOf).
    std::array<double, kParamClassCount> bytesPer { 2, 2, 2, 2, 2, 2, 2 };

    double of(ParamClass c) const { return total[static_cast<std::size_t>(c)]; }
    double activeOf(ParamClass c) const { return active[static_cast<std::size_t>(c)]; }
    double bytesOf(ParamClass c) const { return bytesPer[static_cast<std::size_t>(c)]; }
    double totalParams() const;
    double activePerToken() const;
    double totalBytes() const;
    double activeBytes() const;
};

/// The weight class (and so the data type) a parameter class is stored in.
WeightClass weightClassOf(ParamClass c);

/// Counts the weight matrices of `m` (MODEL.md §1): attention (Q, K, V and output projections, or
/// MLA's down- and up-projections), the dense FFN of the layers without experts, shared and routed
/// experts, the routers, the token embeddings and the LM head. Norm weights and biases are left
/// out, as the model leaves them out of the step (under 0.01 % of any shipped model). Active per
/// token: everything but the routed experts, of which top-k per MoE layer. Embeddings and LM head
/// count as active, as model cards count them.
ModelParams countModelParams(const ModelSpec& m);

std::string_view paramClassKey(ParamClass c); ///< "attention", "dense_ffn", … (JSON)
std::string_view paramClassLabel(ParamClass c); ///< "Attention", "Dense FFN", … (tables)

/// "235.1 B", "12.88 B", "131.1 M": parameters as people read them, four significant digits.
std::string paramCountText(double params);
/// "470.2 GB": decimal units, as the parameter counts.
std::string paramBytesText(double bytes);

/// `{"total", "active_per_token", "bytes_per_param", "total_bytes", "active_bytes_per_token",
/// "by_class": {"attention": {"total", "active_per_token", "bytes", "active_bytes"}, …}}`
nlohmann::json modelParamsToJson(const ModelParams& p);

/// A class's counts as people read them; what the CLI's table, the import dialog and the model
/// editor list.
struct ModelParamsRow {
    std::string label; ///< "Routed experts", or "Total"
    std::string total; ///< "45.1 B"
    std::string totalBytes; ///< "90.19 GB" at the model's bytes per parameter
    std::string active; ///< per token at batch 1
    std::string activeBytes;
};

/// One row per class the model has (classes with no parameters are left out), then "Total".
std::vector<ModelParamsRow> modelParamsRows(const ModelParams& p);

/// The rows as an aligned text table: what `import-model --format table` prints under the model.
std::string modelParamsText(const ModelParams& p);

} // namespace tierlens
