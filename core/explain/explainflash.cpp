// The flash-offload path explained (LLM in a Flash): which share of the weights is read from flash
// per token, at what throughput for the read's chunk size, and what those reads cost.

#include "core/explain/explainsupport.h"

namespace tierlens::explain {

namespace {

// The bytes read from flash per step, from the parameters that decide them.
void addFlashBytesSteps(Explanation& ex, const Sources& in)
{
    const FlashQuantities& f = in.q.flash;
    const FlashOffload& p = in.s.flash;
    if (!p.predictor()) {
        ex.steps.push_back(step("Weights read from flash per token: all outside the DRAM budget, "
                                "streamed sequentially",
            "bytes = (1 − d) × W", "(1 − " + num(p.dramFraction) + ") × " + qty(f.totalWeightBytes, "B"),
            f.flashBytes, "B"));
        return;
    }
    ex.steps.push_back(step("FFN neurons the predictor flags per token (true positives plus false "
                            "positives)",
        "p = (1 − s)(1 − fn) + s·fp",
        "(1 − " + num(p.sparsity) + ") × (1 − " + num(p.falseNegativeRate) + ") + " + num(p.sparsity) + " × "
            + num(p.falsePositiveRate),
        f.predictedFraction, ""));
    if (p.windowing())
        ex.steps.push_back(
            step("With a window of " + num(p.windowTokens) + " tokens only neurons the window lacks are read",
                "f = f_window", "window_load_fraction", f.loadedFraction, ""));
    const std::string share = p.windowing() ? "f" : "p";
    ex.steps.push_back(step("FFN bytes read from flash per token; attention and embeddings stay in DRAM",
        "bytes = " + share + " × W_FFN", num(f.loadedFraction) + " × " + qty(f.ffnWeightBytes, "B"),
        f.flashBytes, "B"));
}

} // namespace

Explanation flashIoLatency(const Sources& in)
{
    Explanation ex;
    const FlashQuantities& f = in.q.flash;
    if (!f.on) {
        ex.steps.push_back(
            step("No weights on flash in this scenario", "T_io = 0", "flash offload off", 0, "s"));
        return ex;
    }
    addFlashBytesSteps(ex, in);
    const FlashOffload& p = in.s.flash;
    const std::string chunkWhy = !p.predictor() ? "one layer's weights, read sequentially"
        : p.bundling ? "a neuron's rows of all " + num(in.s.model.ffnMatrices()) + " FFN matrices, bundled"
                     : "one neuron's row of one FFN matrix, h × b";
    ex.steps.push_back(step("Flash throughput at the read's chunk (" + chunkWhy + ")",
        "throughput(chunk), log-linear in the tier's table", "chunk " + qty(f.chunkBytes, "B"),
        f.throughputGBs * 1e9, "B/s"));
    ex.steps.push_back(step("Flash I/O time per token", "T_io = bytes / throughput(chunk)",
        qty(f.flashBytes, "B") + " / " + qty(f.throughputGBs * 1e9, "B/s"),
        f.throughputGBs > 0 ? f.flashBytes / (f.throughputGBs * 1e9) : 0, "s"));
    return ex;
}

Explanation flashOffloadEnergy(const Sources& in)
{
    Explanation ex;
    const FlashQuantities& f = in.q.flash;
    if (!f.on) {
        ex.steps.push_back(
            step("No weights on flash in this scenario", "E = 0", "flash offload off", 0, "J"));
        return ex;
    }
    addFlashBytesSteps(ex, in);
    const double bits = f.flashBytes * kBitsPerByte;
    const MemoryTier* tier = in.s.findTier(in.s.flash.tier);
    if (tier && tier->readPowerW > 0)
        ex.steps.push_back(step("Flash read energy from the tier's read power at this chunk's throughput",
            "e_flash_read = P_read / throughput(chunk)",
            num(tier->readPowerW) + " W / " + num(f.throughputGBs) + " GB/s", f.readPjPerBit, "pJ/bit"));
    ex.steps.push_back(step("Flash offload energy per token: read from flash, written into DRAM",
        "E = bits × (e_flash_read + e_DRAM_write) / B",
        qty(bits, "bit") + " × (" + num(f.readPjPerBit) + " + " + num(f.writePjPerBit) + ") pJ/bit / "
            + num(in.batch),
        bits * (f.readPjPerBit + f.writePjPerBit) * kPico / in.batch, "J"));
    return ex;
}

} // namespace tierlens::explain
