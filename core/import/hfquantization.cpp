// quantization_config: which weight classes a checkpoint stores in a narrower type, and which it
// leaves at torch_dtype. The classes are ModelSpec's four (routed experts, the other weights,
// embeddings and LM head, KV cache); the step costs each at its own type.
#include "core/import/hfimportsupport.h"

#include <algorithm>

namespace tierlens::hfimport {

namespace {

// True when a module list (modules_to_not_convert, ignore) names something containing `part`.
bool lists(const json* list, std::string_view part)
{
    if (!list || !list->is_array())
        return false;
    return std::any_of(list->begin(), list->end(),
        [&](const json& e) { return e.is_string() && e.get<std::string>().find(part) != std::string::npos; });
}

std::string joined(const json* list)
{
    std::string out;
    if (list && list->is_array())
        for (const auto& e : *list)
            if (e.is_string())
                out += (out.empty() ? "" : ", ") + e.get<std::string>();
    return out;
}

std::string name(DataType t)
{
    return std::string(dataTypeName(t));
}

} // namespace

void Importer::quantizeClasses(DataType weights, bool experts, bool dense, const std::string& why)
{
    ModelPrecision& p = model().precision;
    const bool moe = model().moe.has_value();
    p.set(WeightClass::Experts, experts && moe ? weights : stored_);
    p.set(WeightClass::Dense, dense ? weights : stored_);
    p.set(WeightClass::Embeddings, stored_);
    p.set(WeightClass::KvCache, stored_);
    for (int i = 0; i < kWeightClassCount; ++i)
        origin("precision." + std::string(weightClassKey(static_cast<WeightClass>(i))), why);
}

void Importer::readQuantization()
{
    std::string at = path("quantization_config");
    const json* q = find("quantization_config");
    if (!q && cfg_ != &root_) {
        at = "quantization_config";
        q = find(root_, "", at);
    }
    if (!q)
        return;
    if (!q->is_object()) {
        problems().push_back({ at, "must be an object, got " + std::string(q->type_name()) });
        return;
    }
    const std::string method = text(*q, at, "quant_method");
    const std::string stored = name(stored_) + " (torch_dtype)";

    if (method == "fp8") {
        // DeepSeek-V3/R1 and Kimi-K2: every linear layer in FP8 with one scale per 128×128 block.
        const std::string fmt = text(*q, at, "fmt");
        const DataType t = fmt == "e5m2" ? DataType::Fp8E5m2 : DataType::Fp8E4m3;
        quantizeClasses(t, true, true, join(at, "quant_method"));
        std::string blocks;
        if (const json* b = find(*q, at, "weight_block_size"))
            blocks = " with " + b->dump() + " block scales (their 0.002 bits per weight left out)";
        note(at,
            "\"fp8\": routed experts, attention, dense FFN and shared experts stored as " + name(t) + blocks
                + ", their GEMMs at the GPU's FP8 peak; embeddings, LM head and KV cache stay " + stored
                + ". The router stays BF16 in the checkpoint but is costed with the other weights in "
                  "FP8 (hidden × experts per layer, under 0.1 % of the weights)");
        return;
    }
    if (method == "mxfp4") {
        // gpt-oss: only the experts are MXFP4; transformers converts nothing else.
        const json* keep = find(*q, at, "modules_to_not_convert");
        quantizeClasses(DataType::Mxfp4, true, false, join(at, "quant_method"));
        note(at,
            "\"mxfp4\": routed experts stored as MXFP4 (4-bit values plus one 8-bit scale per 32 = 4.25 "
            "bits), their GEMMs at the FP4 peak, else FP8, else BF16; "
                + (keep ? "modules_to_not_convert (" + joined(keep) + ")" : std::string("everything else"))
                + " and the KV cache stay " + stored);
        return;
    }
    if (method == "gptq" || method == "awq") {
        // Weight-only integer quantization of every linear layer; the LM head stays.
        double bits = 0, group = 128;
        jsonio::readNumber(*q, "bits", bits, true, join(at, "bits"), problems(), false);
        jsonio::readNumber(*q, "w_bit", bits, true, join(at, "w_bit"), problems(), false);
        jsonio::readNumber(*q, "group_size", group, true, join(at, "group_size"), problems(), false);
        if (bits != 4 && bits != 8) {
            note(join(at, "bits"),
                "\"" + method + "\" with " + std::to_string(static_cast<int>(bits))
                    + " bits is not a type Tierlens models: every weight left at " + stored);
            return;
        }
        const DataType t = bits == 8 ? DataType::Int8 : DataType::Int4G128;
        quantizeClasses(t, true, true, join(at, "quant_method"));
        note(at,
            "\"" + method + "\": every linear layer weight-only " + name(t)
                + ", dequantized and run at the BF16 peak"
                + (bits == 4 && group != 128 ? "; group size " + std::to_string(static_cast<int>(group))
                            + " costed as 128 (4.125 bits)"
                                             : std::string())
                + "; embeddings, LM head and KV cache stay " + stored);
        return;
    }
    if (method == "compressed-tensors") {
        // llm-compressor checkpoints: the first config group's weight scheme, over the Linear
        // layers it targets, minus its ignore list.
        const json* groups = find(*q, at, "config_groups");
        const json* ignore = find(*q, at, "ignore");
        const json* weights = nullptr;
        std::string wat;
        if (groups && groups->is_object() && !groups->empty() && groups->begin()->is_object()) {
            const std::string gat = join(join(at, "config_groups"), groups->begin().key());
            weights = find(*groups->begin(), gat, "weights");
            wat = join(gat, "weights");
        }
        std::optional<DataType> t;
        if (weights && weights->is_object()) {
            // Read through the checked readers: a missing or mistyped field is a problem naming
            // it, never an exception or an unchecked lookup.
            double bits = 0, group = 0;
            jsonio::readNumber(*weights, "num_bits", bits, true, join(wat, "num_bits"), problems(), false);
            jsonio::readNumber(
                *weights, "group_size", group, true, join(wat, "group_size"), problems(), false);
            std::string kind = text(*weights, wat, "type");
            if (kind.empty())
                kind = "int";
            if (bits == 8)
                t = kind == "float" ? DataType::Fp8E4m3 : DataType::Int8;
            else if (bits == 4 && kind == "float")
                t = group == 16 ? DataType::Nvfp4 : DataType::Mxfp4;
            else if (bits == 4)
                t = DataType::Int4G128;
        }
        if (!t) {
            note(join(at, "config_groups"),
                "a compressed-tensors scheme Tierlens does not model: every weight left at " + stored);
            return;
        }
        // Checkpoints that quantize only the experts (Kimi-K2-Thinking's INT4) ignore attention.
        const bool dense = !lists(ignore, "self_attn") && !lists(ignore, "attn");
        quantizeClasses(*t, true, dense, join(at, "config_groups"));
        note(at,
            "\"compressed-tensors\": " + std::string(dense ? "every linear layer" : "the routed experts")
                + " stored as " + name(*t)
                + (*t == DataType::Int4G128 ? " (group scales costed at one per 128)" : std::string()) + "; "
                + (ignore ? "ignore (" + joined(ignore) + ")" : std::string("the LM head"))
                + ", embeddings and KV cache stay " + stored);
        return;
    }
    note(join(at, "quant_method"),
        "\"" + method + "\" is not a quantization Tierlens models: every weight left at " + stored + ", "
            + std::to_string(static_cast<int>(model().bytesPerParam))
            + " bytes per parameter; set the model's precision by hand to study it");
}

} // namespace tierlens::hfimport
