// The gallery's entries: MODEL.md §7 and the LLM in a Flash Table 2 of §8, one PaperCheck each.
#include "papercheck.h"

#include "goalseek.h"
#include "parampath.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace tierlens {

namespace {

const std::string kMixtral = "Mixtral 8x7B";
const std::string kDeepSeek = "DeepSeek-R1";
const char* const kFig6 = "paper/fig6";
constexpr double kSaturated = 0.95;  // share of experts active that counts as saturated

std::string fig4(const std::string& model) { return model == kMixtral ? "paper/fig4-mixtral" : "paper/fig4-deepseek-r1"; }

// SSD over HBM energy per token at each of the model's batches, as (batch, ratio).
std::vector<std::pair<int, double>> ssdOverHbm(const PaperRuns& r, const std::string& model)
{
    std::vector<std::pair<int, double>> out;
    for (int b : r.ssdBatches(model))
        out.emplace_back(b, r.energyRatio(model, "ssd", "hbm", b));
    return out;
}

double rangeEnd(const PaperRuns& r, const std::string& model, bool high, bool wantBatch)
{
    const auto v = ssdOverHbm(r, model);
    const auto cmp = [](const auto& a, const auto& b) { return a.second < b.second; };
    const auto it = high ? std::max_element(v.begin(), v.end(), cmp) : std::min_element(v.begin(), v.end(), cmp);
    return wantBatch ? double(it->first) : it->second;
}

double ssdOverCpuEnd(const PaperRuns& r, bool high)
{
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    for (const auto& model : {kMixtral, kDeepSeek})
        for (int b : r.ssdBatches(model))
            if (r.hasBar(model, "ddr", b)) {
                const double x = r.energyRatio(model, "ssd", "ddr", b);
                lo = std::min(lo, x);
                hi = std::max(hi, x);
            }
    return high ? hi : lo;
}

double share(const Result& r, EnergyPart part) { return 100.0 * r.energy(part) / r.totalEnergyJPerToken(); }

// The continuous batch at which uniform top-k routing keeps kSaturated of the experts busy:
// 1 − (1 − k/E)^B = kSaturated (MODEL.md §4).
double saturationBatch(const PaperRuns& r, const std::string& model)
{
    const auto& moe = *r.study(fig4(model)).series.front().scenario.model.moe;
    return std::log(1.0 - kSaturated) / std::log(1.0 - double(moe.topK) / moe.experts);
}

// Flash read energy, as a fraction of the preset's, at which Maverick on SSD ties Llama 3.3 70B
// in HBM at batch 1: goal-seek on the fig6 setup.
double fig6BreakEvenScale(const PaperRuns& r)
{
    const Study& st = r.study(kFig6);
    GoalSeekRequest q;
    q.scenario = st.series.front().scenario;
    q.baseline = st.baseline;
    q.scenario.workload.batch = q.baseline->workload.batch = 1;
    q.path = st.x.path;
    const double today = *parampath::get(q.scenario, q.path);
    q.low = 0.01 * today;
    q.high = today;
    q.metric = GoalMetric::Ratio;
    q.target = 1.0;
    const auto res = goalSeek(q);
    return res.found() ? res.crossings.front().value / today : std::numeric_limits<double>::quiet_NaN();
}

// The largest batch of the fig6 grid at which the MoE model wins at the cheapest flash (0.1×).
double fig6LargestWinningBatch(const PaperRuns& r)
{
    const auto& cells = r.result(kFig6).cells;
    const auto& batches = r.study(kFig6).y.values;
    double best = 0;
    for (std::size_t row = 0; row < cells.size(); ++row)
        if (cells[row].back() < 1.0)
            best = std::max(best, batches[row]);
    return best;
}

// LLM in a Flash, Table 2 (MODEL.md §8): flash I/O time per token of OPT-6.7B on an M1 Max, one bar
// per configuration of paper/llm-in-a-flash-table2, by its case label.
void addFlashTable2(std::vector<PaperCheck>& c)
{
    const char* const study = "paper/llm-in-a-flash-table2";
    const std::pair<const char*, double> rows[] = {
        {"Naive", 2196}, {"Hybrid", 1090}, {"+ Predictor", 738}, {"+ Windowing", 164}, {"+ Bundling", 87}};
    int index = 0;
    for (const auto& [label, ms] : rows) {
        const std::string row = label;
        std::string key = row.substr(row.find_first_not_of("+ "));
        for (auto& ch : key)
            ch = char(std::tolower(static_cast<unsigned char>(ch)));
        c.push_back({"flash.table2." + key, "LLM in a Flash, Table 2: OPT-6.7B flash I/O per token, " + row, ms, "ms",
                     PaperTolerance::Relative, 0.02,
                     "latency_ms.io of the \"" + row + "\" bar of " + std::string(study)
                         + ": bytes read from flash (from sparsity, predictor, window and DRAM budget) over the "
                           "flash throughput at the read chunk size",
                     study, index++,
                     row == "+ Bundling"
                         ? "The paper prints 0.2 GB for both windowing rows, but 164 ms at 1.25 GB/s is 0.205 GB and "
                           "87 ms at 2.25 GB/s is 0.196 GB; with the same bytes read, no setting puts both rows "
                           "within 2 %. Ours reads 0.202 GB (2.35 % of the FFN), leaving this row about 3 % high."
                         : std::string(),
                     [study, row](const PaperRuns& r) {
                         for (const auto& b : r.result(study).bars)
                             if (b.series->model == row)
                                 return b.result.latency(LatencyPart::Io) * 1e3;
                         throw std::out_of_range(row + " is not a bar of " + study);
                     }});
    }
}

std::vector<PaperCheck> build()
{
    std::vector<PaperCheck> c;
    const std::string ratioHow = "energy per token of the SSD placement (NVLink-C2C gen 5) over the HBM one, same batch, from ";
    for (const auto& model : {kMixtral, kDeepSeek}) {
        const bool mx = model == kMixtral;
        const std::string key = mx ? "mixtral" : "deepseek-r1";
        const std::string study = fig4(model);
        const std::string how = ratioHow + study + "; over its batches ";
        c.push_back({"fig4." + key + ".ssd-over-hbm.min", model + " SSD / HBM energy, lowest", mx ? 3.8 : 4.7, "×",
                     PaperTolerance::Relative, 0.05, how + "the smallest", study, 0, {},
                     [model](const PaperRuns& r) { return rangeEnd(r, model, false, false); }});
        c.push_back({"fig4." + key + ".ssd-over-hbm.max", model + " SSD / HBM energy, highest", mx ? 12.5 : 9.8, "×",
                     PaperTolerance::Relative, 0.05, how + "the largest", study, 0, {},
                     [model](const PaperRuns& r) { return rangeEnd(r, model, true, false); }});
        c.push_back({"fig4." + key + ".ssd-over-hbm.argmin", model + " SSD / HBM energy, batch of the lowest",
                     mx ? 1024.0 : 4.0, "batch", PaperTolerance::Points, 0, how + "the batch of the smallest", study, 0, {},
                     [model](const PaperRuns& r) { return rangeEnd(r, model, false, true); }});
        c.push_back({"fig4." + key + ".ssd-over-hbm.argmax", model + " SSD / HBM energy, batch of the highest",
                     mx ? 16.0 : 64.0, "batch", PaperTolerance::Points, 0, how + "the batch of the largest", study, 0, {},
                     [model](const PaperRuns& r) { return rangeEnd(r, model, true, true); }});
    }
    c.push_back({"fig4.abstract.up-to", "Abstract: SSD offload costs up to ~12× the energy", 12.0, "×",
                 PaperTolerance::Relative, 0.05, ratioHow + "both fig4 studies; the largest over both models and all batches",
                 "paper/fig4-mixtral", 0, {},
                 [](const PaperRuns& r) { return std::max(rangeEnd(r, kMixtral, true, false), rangeEnd(r, kDeepSeek, true, false)); }});
    const std::string cpuHow = "energy per token with the experts on SSD over CPU memory (both over NVLink-C2C gen 5), "
                               "same batch, both fig4 studies; ";
    c.push_back({"fig4.ssd-over-cpu.min", "SSD / CPU-memory energy, both models, lowest", 2.1, "×", PaperTolerance::Relative,
                 0.05, cpuHow + "the smallest", "paper/fig4-mixtral", 0, {}, [](const PaperRuns& r) { return ssdOverCpuEnd(r, false); }});
    c.push_back({"fig4.ssd-over-cpu.max", "SSD / CPU-memory energy, both models, highest", 3.6, "×", PaperTolerance::Relative,
                 0.05, cpuHow + "the largest", "paper/fig4-mixtral", 0, {}, [](const PaperRuns& r) { return ssdOverCpuEnd(r, true); }});

    for (const auto& model : {kMixtral, kDeepSeek}) {
        const bool mx = model == kMixtral;
        const std::string key = mx ? "mixtral" : "deepseek-r1";
        c.push_back({"fig5." + key + ".latency-b1024", model + " latency at batch 1024, SSD (NVLink5) / HBM", mx ? 1.32 : 1.25,
                     "×", PaperTolerance::Relative, 0.05,
                     "step latency with the experts on SSD over NVLink-C2C gen 5 (prefetch overlapped) over the HBM one, "
                     "batch 1024, paper/fig5",
                     "paper/fig5", mx ? 0 : 1, {},
                     [model](const PaperRuns& r) {
                         return r.bar(model, "ssd-nvlink5", 1024).totalLatencyS() / r.bar(model, "hbm", 1024).totalLatencyS();
                     }});
        c.push_back({"fig4." + key + ".ssd-share-b1024", model + " batch 1024: SSD copy's share of energy", mx ? 73.0 : 80.0,
                     "%", PaperTolerance::AtLeast, 3,
                     "MoE offload energy (the copy from SSD into HBM) over the total per token, SSD placement, batch 1024",
                     fig4(model), 0, {}, [model](const PaperRuns& r) { return share(r.bar(model, "ssd", 1024), EnergyPart::MoeOffload); }});
        c.push_back({"fig4." + key + ".hbm-moe-share-b1024", model + " batch 1024, HBM: MoE weight reads' share",
                     mx ? 11.0 : 15.0, "%", PaperTolerance::Points, 3,
                     "MoE off-chip energy (expert weights read from HBM) over the total per token, HBM placement, batch 1024",
                     fig4(model), 0, {}, [model](const PaperRuns& r) { return share(r.bar(model, "hbm", 1024), EnergyPart::MoeOffchip); }});
    }
    for (const auto& model : {kMixtral, kDeepSeek}) {
        const bool mx = model == kMixtral;
        c.push_back({"routing." + std::string(mx ? "mixtral" : "deepseek-r1") + ".saturation",
                     model + ": unique experts saturate near batch", mx ? 16.0 : 64.0, "batch", PaperTolerance::Factor, 2,
                     "the batch B at which 1 − (1 − k/E)^B, the share of experts active per MoE layer under uniform "
                     "top-k routing, reaches 95 %",
                     fig4(model), 0, {}, [model](const PaperRuns& r) { return saturationBatch(r, model); }});
    }
    c.push_back({"fig6.break-even-b1", "Fig. 6: flash energy (× today's) where Maverick on SSD ties Llama 3.3 70B, batch 1",
                 0.1, "×", PaperTolerance::Factor, 2,
                 "goal-seek on tiers.ssd.read_pj_per_bit over 0.01…1 × 102.4 pJ/b for a ratio of 1 between the two "
                 "scenarios of paper/fig6 at batch 1, divided by 102.4",
                 kFig6, 0,
                 "Our batch-1 break-even comes much earlier, at about three quarters of today's flash read energy; the "
                 "reference reports a win only near 0.1× (≈ 10 pJ/b).",
                 fig6BreakEvenScale});
    c.push_back({"fig6.largest-winning-batch", "Fig. 6: largest batch at which the MoE model wins (flash at 0.1×)", 2.0,
                 "batch", PaperTolerance::AtMost, 0,
                 "the largest batch of the paper/fig6 grid (1…4) whose cell at 0.1 × 102.4 pJ/b is below 1", kFig6, 0,
                 "At 0.1× of today's flash read energy our MoE model still wins at batch 3, by a few per cent; the "
                 "reference's wins stop below batch 3. This follows from the earlier batch-1 break-even.",
                 fig6LargestWinningBatch});

    const int mb[] = {1, 4, 16, 64, 256, 1024};
    const double mr[] = {8.62, 11.01, 12.46, 11.16, 7.79, 3.82};
    const int db[] = {4, 16, 64, 256, 1024};
    const double dr[] = {4.75, 7.62, 9.78, 8.50, 4.95};
    auto perBatch = [&](const std::string& model, const std::string& key, int b, double v) {
        c.push_back({"rebuild." + key + ".ssd-over-hbm.b" + std::to_string(b),
                     model + " SSD / HBM energy, batch " + std::to_string(b) + " (rebuild)", v, "×",
                     PaperTolerance::Relative, 0.05, ratioHow + fig4(model) + " at batch " + std::to_string(b), fig4(model), 0, {},
                     [model, b](const PaperRuns& r) { return r.energyRatio(model, "ssd", "hbm", b); }});
    };
    for (int i = 0; i < 6; ++i)
        perBatch(kMixtral, "mixtral", mb[i], mr[i]);
    for (int i = 0; i < 5; ++i)
        perBatch(kDeepSeek, "deepseek-r1", db[i], dr[i]);
    for (const auto& [placement, value] : {std::pair<std::string, double>{"hbm", 3.19}, {"ssd", 27.5}})
        c.push_back({"rebuild.mixtral." + placement + "-b1", "Mixtral batch 1 energy per token, " + placement + " (rebuild)",
                     value, "J/token", PaperTolerance::Relative, 0.05,
                     "total energy per token of the " + placement + " placement at batch 1, paper/fig4-mixtral",
                     "paper/fig4-mixtral", 0, {},
                     [p = placement](const PaperRuns& r) { return r.bar(kMixtral, p, 1).totalEnergyJPerToken(); }});
    addFlashTable2(c);
    return c;
}

} // namespace

const std::vector<PaperCheck>& paperChecks()
{
    static const std::vector<PaperCheck> checks = build();
    return checks;
}

} // namespace tierlens
