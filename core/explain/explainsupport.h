#pragma once
// Shared by the explainer's source files (explainer.cpp, explainenergy.cpp, explainlatency.cpp,
// explainheatmap.cpp, explainformat.cpp); not part of the public API.

#include "core/explain/explainer.h"

#include <string>
#include <string_view>
#include <vector>

namespace tierlens::explain {

inline constexpr double kPico = 1e-12;
inline constexpr double kBitsPerByte = 8;

/// What an explanation reads. Every computed number comes from the Result and the evaluator's
/// own intermediate quantities (Result::q); the scenario only supplies inputs: names, pJ/bit,
/// powers, shapes. Re-deriving a quantity here is how explanations drift from the model.
struct Sources {
    Sources(const Scenario& scenario, const Result& result);

    const Scenario& s;
    const Result& r;
    const StepQuantities& q;
    double batch = 0;
    bool hasMoe = false; ///< the model has routed experts
    bool copyApplies = false; ///< the latency rule saw a copy (the evaluator's copyS > 0)
};

// ---- Text (explainformat.cpp) ----------------------------------------------------------------

std::string num(double v);
std::string qty(double v, std::string_view unit);
/// A share of a total with 3 significant digits: "53.5 % of the total"; empty for a zero total.
std::string share(double part, double whole);
std::string joined(const std::vector<std::string>& parts, std::string_view sep);
ExplainStep step(
    std::string what, std::string formula, std::string substituted, double value, std::string unit);

/// One item of a sum: written out inline for the largest few, listed as terms below the step.
struct Item {
    std::string label;
    std::string detail;
    std::string inlineText; ///< how the item appears inside the substituted sum
    double value = 0; ///< its contribution, in the sum's unit
};

/// Largest magnitude first; ties keep their order.
void sortItems(std::vector<Item>& items);
double total(const std::vector<Item>& items);
/// "a + b + c + 4 more (1.2 ms)": the largest items inline, the rest gathered.
std::string inlineSum(const std::vector<Item>& items, std::string_view unit);
/// The largest items as terms; a last "n more" term gathers the rest so the terms add up.
std::vector<ExplainTerm> termsOf(const std::vector<Item>& items, std::string_view unit);
/// The step whose value is the sum of `items`: the largest written out inline, all listed as terms.
ExplainStep sumStep(std::string what, std::string formula, std::vector<Item> items, std::string_view unit);

// ---- The scenario and the explanation (explainer.cpp) ------------------------------------------

std::string nameOf(const MemoryTier& t);
std::string nameOf(const Interconnect& l);
/// The tier's read bandwidth per GPU with its name; for a drive array how the drives make it up:
/// "1 drive × 14 GB/s = 14 GB/s (NVMe Gen5 array)".
std::string tierBandwidthText(const MemoryTier& t);
/// Why the copy is not hidden when it is not: "copying 2.3 GB per step takes 164 ms, longer than
/// the 20 ms of compute it streams behind, so 144 ms are not hidden"; empty when it is hidden.
std::string unhiddenCopyText(const Sources& in);
/// The links of the placement's copy path that the scenario has, tier side first.
std::vector<const Interconnect*> copyLinks(const Scenario& s);
/// "Mixtral 8x7B on 1 × 4 NVIDIA H100 SXM, TP4 · experts on SSD via NVLink-C2C gen 5".
std::string describe(const Scenario& s);
/// describe() and the batch, the context line of every explanation.
std::string contextOf(const Sources& in);
/// "B = 1 sequence over DP = 4 groups: 3 groups idle", or empty when every DP group is busy.
std::string idleGroups(const Sources& in);
/// Closes an explanation: its value is the last step's. When that differs from `reported`, the
/// note says so rather than show a silently wrong derivation.
void finish(Explanation& ex, double reported);
/// Gives `ex` its title, the context line and its note, then finish()es it against `reported`.
Explanation complete(Explanation ex, const Sources& in, std::string title, std::string note, double reported);
ExplainStep noBatch(std::string unit);

// ---- Flash offload (explainflash.cpp) ---------------------------------------------------------

/// T_io: the bytes read from flash per token over the tier's throughput at the read's chunk.
Explanation flashIoLatency(const Sources& in);
/// The flash read and DRAM write energy of those bytes, per token.
Explanation flashOffloadEnergy(const Sources& in);

// ---- Operations (explainer.cpp) ----------------------------------------------------------------

bool isGemm(const OperationRow& op);
bool isComm(const OperationRow& op);
std::string shapeText(const GemmShape& g);
/// "m×k×n = 2 × 4096 × 14336", "sends 14.34 kB", "reads and writes 8.2 kB".
std::string opWhat(const OperationRow& op);

template <typename Pred> std::vector<const OperationRow*> opsWhere(const Result& r, Pred pred)
{
    std::vector<const OperationRow*> v;
    for (const auto& op : r.operations)
        if (pred(op))
            v.push_back(&op);
    return v;
}

// ---- Step groups shared by several explanations (explainer.cpp) ---------------------------------

/// Sequences per GPU, and the idle DP groups when B < DP.
void addTokensStep(Explanation& ex, const Sources& in);
/// p and A; with `busiest` A_max, with `tokens` the tokens per active expert.
void addRoutingSteps(Explanation& ex, const Sources& in, bool busiest, bool tokens);
void addExpertBytesStep(Explanation& ex, const Sources& in);
void addRouterBytesStep(Explanation& ex, const Sources& in);
/// Copy bandwidth, expert and router bytes, the copy time per MoE layer and, with `total`, per step.
void addCopyTimeSteps(Explanation& ex, const Sources& in, bool total);
/// The HBM bandwidth compute sees, with the copy's share taken out when it competes.
void addBandwidthStep(Explanation& ex, const Sources& in);

// ---- Routing beyond uniform, expert cache, prefetch and links (explainmoe.cpp) ------------------
/// Popularity, A, p, with `busiest` A_max and with `tokens` m, for Zipf and trace routing.
void addSkewedRoutingSteps(Explanation& ex, const Sources& in, bool busiest, bool tokens);
/// h, and the shares of active experts prefetched, wasted and copied on demand.
void addCacheFlowSteps(Explanation& ex, const Sources& in);
/// Whether the cache and predictor differ from the reference (no cache, perfect prefetch).
bool cacheOrPredictorSet(const Sources& in);
Explanation linkEnergy(const Sources& in);
Explanation prefetchWasteEnergy(const Sources& in);
Explanation stallLatency(const Sources& in);

// ---- Tiered expert placement (explaintiers.cpp) ------------------------------------------------

/// The scenario lists placement.tiers and copies experts.
bool tieredPlacement(const Sources& in);
/// Each placement entry's share of the active experts.
void addTierShareSteps(Explanation& ex, const Sources& in);
/// The offload energy as a sum over the tiers copied from.
void addTieredOffloadEnergy(Explanation& ex, const Sources& in);
/// Per-tier copy times, shared links and their maximum.
void addTieredCopyTimeSteps(Explanation& ex, const Sources& in, bool total);

} // namespace tierlens::explain
