// Which layers of a config are MoE, in each family's own rule, and how that pattern maps onto
// first_dense_layers + layer_interval.
#include "core/import/hfimportsupport.h"

#include <algorithm>

namespace tierlens::hfimport {

namespace {

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

} // namespace

// Which layers have experts, in the config's own rule. An absurd layer count is the
// validator's to report, before a per-layer list of that size is made.
void Importer::readMoeLayers(Family f)
{
    const int layers = model().layers;
    if (layers > findField(ModelSpec::fields(), "layers")->max)
        return;
    std::vector<bool> isMoe(static_cast<std::size_t>(layers), true);
    std::string source = "(every layer has experts)";
    if (deepSeekLayout(f)) {
        const bool v3 = modelType_ != "deepseek_v2";
        const int first = wholeOr("first_k_dense_replace", v3 ? 3 : 0, 0, "transformers' default");
        const int freq = wholeOr("moe_layer_freq", 1, 1, "transformers' default");
        for (int i = 0; i < layers; ++i)
            isMoe[static_cast<std::size_t>(i)] = i >= first && i % freq == 0;
        source = path("first_k_dense_replace") + ", moe_layer_freq";
    } else if (f == Family::QwenMoe) {
        const int step = wholeOr("decoder_sparse_step", 1, 1, "transformers' default");
        const auto denseOnly = layerList("mlp_only_layers").value_or(std::vector<int> {});
        for (int i = 0; i < layers; ++i)
            isMoe[static_cast<std::size_t>(i)]
                = (i + 1) % step == 0 && std::find(denseOnly.begin(), denseOnly.end(), i) == denseOnly.end();
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
            whole("intermediate_size_mlp", true); // dense layers exist: their size is needed
    }
    if (problems().empty())
        applyPattern(isMoe, source);
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
    note(source,
        "MoE layers " + describeLayers(moeLayers) + ", dense layers " + describeLayers(denseLayers)
            + ": not a run of dense layers followed by every n-th layer, so modelled as first_dense_layers "
            + std::to_string(moe.firstDenseLayers) + ", layer_interval " + std::to_string(moe.layerInterval)
            + ", which keeps the number of MoE layers (" + std::to_string(count) + " of "
            + std::to_string(layers) + ") but not their positions");
}

} // namespace tierlens::hfimport
