#include "core/data/flashoffload.h"

namespace tierlens {

std::span<const FieldSpec<FlashOffload>> FlashOffload::fields()
{
    using F = FlashOffload;
    static const FieldSpec<F> table[] = {
        { "dram_fraction", &F::dramFraction, "", 0, false, 1,
            "DRAM budget as a share of the model's weights. Without the predictor this share stays "
            "resident and the rest is read from flash every token (LLM in a Flash \"hybrid\": 0.5).",
            true },
        { "sparsity", &F::sparsity, "", 0, false, 0.999,
            "FFN neurons inactive per token. Above 0 a low-rank predictor loads only the neurons it "
            "flags. OPT-6.7B 0.97, ReLU-fied Falcon-7B 0.95, Llama-2-7B with FATReLU 0.90.",
            true },
        { "predictor_fraction", &F::predictorFraction, "", 0, false, 1,
            "Predictor size as a share of the weights; it lives in DRAM. LLM in a Flash: under 0.024.",
            true },
        { "false_negative_rate", &F::falseNegativeRate, "", 0, false, 1,
            "Active neurons the predictor misses; they are not loaded (an accuracy cost). About 0.05.",
            true },
        { "false_positive_rate", &F::falsePositiveRate, "", 0, false, 1,
            "Inactive neurons the predictor flags; loaded anyway. 0.08 makes OPT-6.7B load the ~10 % "
            "of its FFN per token that LLM in a Flash measured with the predictor alone.",
            true },
        { "window_tokens", &F::windowTokens, "tokens", 0, false, 1e6,
            "Windowing: neurons used by the last k tokens stay in DRAM and only new ones are read. "
            "0: off. LLM in a Flash: 4 for OPT-6.7B.",
            true },
        { "window_load_fraction", &F::windowLoadFraction, "", 0, false, 1,
            "Share of the FFN neurons read per token with the window (the increment). OPT-6.7B, "
            "k = 4: 0.024 (about 0.10 without the window).",
            true },
        { "bundling", &F::bundling, "", 0, false, 1,
            "1: row-column bundling stores a neuron's column of the up projection and row of the "
            "down projection together, so one read covers every FFN matrix (twice the chunk for OPT).",
            true },
        { "memory_management_ms", &F::memoryManagementMs, "ms", 0, false, 1e6,
            "Per-token time to update the DRAM neuron cache (copying, pointer moves), added to the "
            "FC time.",
            true },
    };
    return table;
}

} // namespace tierlens
