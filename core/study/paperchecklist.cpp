// The gallery's entries: MODEL.md §7 and the LLM in a Flash Table 2 of §8, one PaperCheck each.
#include "core/study/papercheck.h"

#include "core/data/parampath.h"
#include "core/study/goalseek.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace tierlens {

namespace {

const std::string kMixtral = "Mixtral 8x7B";
const std::string kDeepSeek = "DeepSeek-R1";
const char* const kFig6 = "paper/fig6";
constexpr double kSaturated = 0.95; // share of experts active that counts as saturated

std::string fig4(const std::string& model)
{
    return model == kMixtral ? "paper/fig4-mixtral" : "paper/fig4-deepseek-r1";
}

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
    const auto it
        = high ? std::max_element(v.begin(), v.end(), cmp) : std::min_element(v.begin(), v.end(), cmp);
    return wantBatch ? double(it->first) : it->second;
}

double ssdOverCpuEnd(const PaperRuns& r, bool high)
{
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    for (const auto& model : { kMixtral, kDeepSeek })
        for (int b : r.ssdBatches(model))
            if (r.hasBar(model, "ddr", b)) {
                const double x = r.energyRatio(model, "ssd", "ddr", b);
                lo = std::min(lo, x);
                hi = std::max(hi, x);
            }
    return high ? hi : lo;
}

double share(const Result& r, EnergyPart part)
{
    return 100.0 * r.energy(part) / r.totalEnergyJPerToken();
}

// The continuous batch at which uniform top-k routing keeps kSaturated of the experts busy:
// 1 − (1 − k/E)^B = kSaturated (MODEL.md §4).
double saturationBatch(const PaperRuns& r, const std::string& model)
{
    const auto& moe = *r.study(fig4(model)).series.front().scenario.model.moe;
    return std::log(1.0 - kSaturated) / std::log(1.0 - double(moe.topK) / moe.experts);
}

// SSD access as the reference counts it at batch 1024 (MODEL.md §7): the copied experts' flash read
// and HBM write (our MoE offload part) plus their later read from HBM, as a share of the energy per
// token with the experts on SSD. Prefetches that go unused are not part of it (the paper presets
// prefetch none).
double ssdAccessShare(const PaperRuns& r, const std::string& model)
{
    const Result& res = r.bar(model, "ssd", 1024);
    const Scenario* s = nullptr;
    for (const auto& series : r.study(fig4(model)).series)
        if (series.model == model && series.placement == "ssd")
            s = &series.scenario;
    if (!s)
        throw std::out_of_range(model + " has no ssd series in " + fig4(model));
    const double usefulBytes = res.copiedBytes - res.q.wastedBytes;
    const double hbmRead = usefulBytes * 8 * s->gpu.hbmReadPjPerBit * 1e-12 / res.batch;
    return 100.0 * (res.energy(EnergyPart::MoeOffload) + hbmRead) / res.totalEnergyJPerToken();
}

// A cell of the fig6 grid by its batch and flash read energy scale, looked up by value so that a
// reordered preset cannot shift the comparison.
double fig6Cell(const PaperRuns& r, int batch, double scale)
{
    const Study& st = r.study(kFig6);
    const auto near = [](double a, double b) { return std::fabs(a - b) < 1e-9; };
    const auto row
        = std::find_if(st.y.values.begin(), st.y.values.end(), [&](double v) { return near(v, batch); });
    const auto col
        = std::find_if(st.x.values.begin(), st.x.values.end(), [&](double v) { return near(v, scale); });
    if (row == st.y.values.end() || col == st.x.values.end())
        throw std::out_of_range("the fig6 grid has no cell at batch " + std::to_string(batch));
    return r.result(kFig6)
        .cells[std::size_t(row - st.y.values.begin())][std::size_t(col - st.x.values.begin())];
}

// Flash read energy, as a fraction of the preset's, at which Maverick on SSD ties Llama 3.3 70B in
// HBM at `batch`: goal-seek on the fig6 setup.
double fig6BreakEvenScale(const PaperRuns& r, int batch)
{
    const Study& st = r.study(kFig6);
    GoalSeekRequest q;
    q.scenario = st.series.front().scenario;
    q.baseline = st.baseline;
    q.scenario.workload.batch = q.baseline->workload.batch = batch;
    q.path = st.x.path;
    const double today = *parampath::get(q.scenario, q.path);
    q.low = 0.01 * today;
    q.high = today;
    q.metric = GoalMetric::Ratio;
    q.target = 1.0;
    const auto res = goalSeek(q);
    return res.found() ? res.crossings.front().value / today : std::numeric_limits<double>::quiet_NaN();
}

// The reference's Fig. 6 table (MODEL.md §7): rows batch 1…4, columns flash read energy 1.0…0.1 ×.
constexpr int kFig6Batches = 4;
constexpr int kFig6Scales = 10;
constexpr double kFig6Table[kFig6Batches][kFig6Scales] = {
    { 1.14, 1.08, 1.03, 0.97, 0.91, 0.85, 0.80, 0.74, 0.68, 0.63 },
    { 1.78, 1.67, 1.55, 1.44, 1.33, 1.22, 1.11, 0.99, 0.89, 0.78 },
    { 2.49, 2.32, 2.16, 2.00, 1.83, 1.67, 1.50, 1.33, 1.18, 1.01 },
    { 3.15, 2.94, 2.72, 2.51, 2.29, 2.08, 1.86, 1.64, 1.43, 1.22 },
};
double fig6Scale(int column)
{
    return (kFig6Scales - column) / 10.0;
}

void addFig6(std::vector<PaperCheck>& c)
{
    const std::string cellHow
        = "energy per token of Llama 4 Maverick with its experts on SSD (NVLink-C2C gen 5) over "
          "Llama 3.3 70B in HBM, the paper/fig6 cell at ";
    for (int b = 1; b <= kFig6Batches; ++b)
        for (int col = 0; col < kFig6Scales; ++col) {
            const double scale = fig6Scale(col);
            char key[32], label[96];
            std::snprintf(key, sizeof key, "fig6.b%d.flash-%.1f", b, scale);
            std::snprintf(label, sizeof label,
                "Fig. 6: Maverick on SSD / Llama 3.3 70B, batch %d, flash at %.1f×", b, scale);
            char where[64];
            std::snprintf(where, sizeof where, "batch %d and %.1f × 102.4 pJ/b", b, scale);
            c.push_back(
                { key, label, kFig6Table[b - 1][col], "×", PaperTolerance::Relative, 0.06, cellHow + where,
                    kFig6, 0, {}, [b, scale](const PaperRuns& r) { return fig6Cell(r, b, scale); } });
        }
    // Break-evens read off the table by linear interpolation between the columns on either side of 1:
    // batch 1 between 0.8× (1.03) and 0.7× (0.97), batch 2 between 0.4× (1.11) and 0.3× (0.99). A
    // cell's ±6 % moves the crossing by about 0.1× (the cells fall about 0.06 per 0.1×); we allow half.
    const std::string seekHow
        = "goal-seek on tiers.ssd.read_pj_per_bit over 0.01…1 × 102.4 pJ/b for a ratio of 1 "
          "between the two scenarios of paper/fig6 at batch ";
    c.push_back({ "fig6.break-even-b1",
        "Fig. 6: flash energy (× today's) where Maverick on SSD ties Llama 3.3 70B, batch 1", 0.75, "×",
        PaperTolerance::Points, 0.05, seekHow + "1, divided by 102.4; published: read off the table", kFig6,
        0, {}, [](const PaperRuns& r) { return fig6BreakEvenScale(r, 1); } });
    c.push_back({ "fig6.break-even-b2",
        "Fig. 6: flash energy (× today's) where Maverick on SSD ties Llama 3.3 70B, batch 2", 0.31, "×",
        PaperTolerance::Points, 0.05, seekHow + "2, divided by 102.4; published: read off the table", kFig6,
        0, {}, [](const PaperRuns& r) { return fig6BreakEvenScale(r, 2); } });
    // The text's summary, restated as the table supports it.
    c.push_back({ "fig6.text.dense-wins-at-1.0",
        "Fig. 6 text: at today's flash energy the dense model wins at every batch", 1.0, "×",
        PaperTolerance::Above, 0, "the smallest paper/fig6 cell at 1.0 × 102.4 pJ/b over batches 1…4", kFig6,
        0, {}, [](const PaperRuns& r) {
            double lo = std::numeric_limits<double>::infinity();
            for (int b = 1; b <= kFig6Batches; ++b)
                lo = std::min(lo, fig6Cell(r, b, 1.0));
            return lo;
        } });
    c.push_back({ "fig6.text.moe-wins-b1-b2-at-0.1",
        "Fig. 6 text: at ≈ 10 pJ/b (0.1×) the MoE model wins at batch 1 and 2", 1.0, "×",
        PaperTolerance::Below, 0, "the larger of the paper/fig6 cells at batch 1 and 2, 0.1 × 102.4 pJ/b",
        kFig6, 0, {},
        [](const PaperRuns& r) { return std::max(fig6Cell(r, 1, 0.1), fig6Cell(r, 2, 0.1)); } });
    c.push_back({ "fig6.text.tie-b3-at-0.1", "Fig. 6 text: at ≈ 10 pJ/b (0.1×) the two models tie at batch 3",
        1.0, "×", PaperTolerance::Relative, 0.06,
        "the paper/fig6 cell at batch 3, 0.1 × 102.4 pJ/b; a tie is a ratio of 1 within a cell's ±6 %", kFig6,
        0, {}, [](const PaperRuns& r) { return fig6Cell(r, 3, 0.1); } });
}

// LLM in a Flash, Table 2 (MODEL.md §8): flash I/O time per token of OPT-6.7B on an M1 Max, one bar
// per configuration of paper/llm-in-a-flash-table2, by its case label.
void addFlashTable2(std::vector<PaperCheck>& c)
{
    const char* const study = "paper/llm-in-a-flash-table2";
    const std::pair<const char*, double> rows[] = { { "Naive", 2196 }, { "Hybrid", 1090 },
        { "+ Predictor", 738 }, { "+ Windowing", 164 }, { "+ Bundling", 87 } };
    int index = 0;
    for (const auto& [label, ms] : rows) {
        const std::string row = label;
        std::string key = row.substr(row.find_first_not_of("+ "));
        for (auto& ch : key)
            ch = char(std::tolower(static_cast<unsigned char>(ch)));
        c.push_back({ "flash.table2." + key, "LLM in a Flash, Table 2: OPT-6.7B flash I/O per token, " + row,
            ms, "ms", PaperTolerance::Relative, 0.02,
            "latency_ms.io of the \"" + row + "\" bar of " + std::string(study)
                + ": bytes read from flash (from sparsity, predictor, window and DRAM budget) over the "
                  "flash throughput at the read chunk size",
            study, index++,
            // The documented miss is about 3 %; beyond 5 % something else moved.
            row == "+ Bundling"
                ? PaperDeviation { "The paper prints 0.2 GB for both windowing rows, but 164 ms at 1.25 GB/s "
                                   "is 0.205 GB and 87 ms at 2.25 GB/s is 0.196 GB; with the same bytes "
                                   "read, no "
                                   "setting puts both rows within 2 %. Ours reads 0.202 GB (2.35 % of the "
                                   "FFN), "
                                   "leaving this row about 3 % high.",
                    0.05 }
                : PaperDeviation {},
            [study, row](const PaperRuns& r) {
                for (const auto& b : r.result(study).bars)
                    if (b.series->model == row)
                        return b.result.latency(LatencyPart::Io) * 1e3;
                throw std::out_of_range(row + " is not a bar of " + study);
            } });
    }
}

// A published serving measurement beside the model: NVIDIA's NIM 1.8.0 benchmark of Llama 3.3
// 70B at concurrency 1. The model runs every GEMM at the roofline of peak FLOP/s and peak HBM
// bandwidth and leaves out kernel launches, scheduling, sampling and the HTTP round trip, so a
// real stack can only be slower: ours must come out below the measurement, and the difference
// says by how much. Nothing in the model or the scenario was fitted to these numbers.
void addMeasuredServing(std::vector<PaperCheck>& c)
{
    const std::string scenario = "measured/nim-llama3.3-70b-fp8-tp2";
    const std::string study = "measured/nim-llama3.3-70b";
    const std::string source
        = "NVIDIA NIM LLM benchmarking, Llama-3.3-70b-instruct, NIM 1.8.0, 2 × H100 80G, fp8 "
          "TP2, concurrency 1, AIPerf (docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance)";
    struct Row {
        int prompt, output;
        double ttftMs, itlMs;
    };
    for (const Row row : { Row { 500, 2000, 47.77, 18.91 }, Row { 5000, 500, 406.77, 18.58 } }) {
        const std::string setup = std::to_string(row.prompt) + " in, " + std::to_string(row.output) + " out";
        const std::string at = scenario + " with a prompt of " + std::to_string(row.prompt) + " and "
            + std::to_string(row.output) + " output tokens";
        c.push_back({ "measured.nim.llama3.3-70b.ttft.p" + std::to_string(row.prompt),
            "Measured: Llama 3.3 70B FP8, 2 × H100, time to first token (" + setup + ")", row.ttftMs, "ms",
            PaperTolerance::Below, 0,
            "prefill plus the first decode step of " + at
                + "; a roofline without serving overheads, so it must stay below the measurement",
            study, 0, {},
            [=](const PaperRuns& r) { return r.request(scenario, row.prompt, row.output).ttftS * 1e3; },
            source });
        c.push_back({ "measured.nim.llama3.3-70b.itl.p" + std::to_string(row.prompt),
            "Measured: Llama 3.3 70B FP8, 2 × H100, time per output token (" + setup + ")", row.itlMs, "ms",
            PaperTolerance::Below, 0,
            "mean decode step (TPOT) of " + at
                + ", against the measured inter-token latency; a roofline without serving overheads, so it "
                  "must stay below the measurement",
            study, 0, {},
            [=](const PaperRuns& r) { return r.request(scenario, row.prompt, row.output).tpotMeanS * 1e3; },
            source });
    }
}

std::vector<PaperCheck> build()
{
    std::vector<PaperCheck> c;
    const std::string ratioHow
        = "energy per token of the SSD placement (NVLink-C2C gen 5) over the HBM one, same batch, from ";
    for (const auto& model : { kMixtral, kDeepSeek }) {
        const bool mx = model == kMixtral;
        const std::string key = mx ? "mixtral" : "deepseek-r1";
        const std::string study = fig4(model);
        const std::string how = ratioHow + study + "; over its batches ";
        c.push_back({ "fig4." + key + ".ssd-over-hbm.min", model + " SSD / HBM energy, lowest",
            mx ? 3.8 : 4.7, "×", PaperTolerance::Relative, 0.05, how + "the smallest", study, 0, {},
            [model](const PaperRuns& r) { return rangeEnd(r, model, false, false); } });
        c.push_back({ "fig4." + key + ".ssd-over-hbm.max", model + " SSD / HBM energy, highest",
            mx ? 12.5 : 9.8, "×", PaperTolerance::Relative, 0.05, how + "the largest", study, 0, {},
            [model](const PaperRuns& r) { return rangeEnd(r, model, true, false); } });
        c.push_back(
            { "fig4." + key + ".ssd-over-hbm.argmin", model + " SSD / HBM energy, batch of the lowest",
                mx ? 1024.0 : 4.0, "batch", PaperTolerance::Points, 0, how + "the batch of the smallest",
                study, 0, {}, [model](const PaperRuns& r) { return rangeEnd(r, model, false, true); } });
        c.push_back(
            { "fig4." + key + ".ssd-over-hbm.argmax", model + " SSD / HBM energy, batch of the highest",
                mx ? 16.0 : 64.0, "batch", PaperTolerance::Points, 0, how + "the batch of the largest", study,
                0, {}, [model](const PaperRuns& r) { return rangeEnd(r, model, true, true); } });
    }
    c.push_back({ "fig4.abstract.up-to", "Abstract: SSD offload costs up to ~12× the energy", 12.0, "×",
        PaperTolerance::Relative, 0.05,
        ratioHow + "both fig4 studies; the largest over both models and all batches", "paper/fig4-mixtral", 0,
        {}, [](const PaperRuns& r) {
            return std::max(rangeEnd(r, kMixtral, true, false), rangeEnd(r, kDeepSeek, true, false));
        } });
    const std::string cpuHow
        = "energy per token with the experts on SSD over CPU memory (both over NVLink-C2C gen 5), "
          "same batch, both fig4 studies; ";
    c.push_back({ "fig4.ssd-over-cpu.min", "SSD / CPU-memory energy, both models, lowest", 2.1, "×",
        PaperTolerance::Relative, 0.05, cpuHow + "the smallest", "paper/fig4-mixtral", 0, {},
        [](const PaperRuns& r) { return ssdOverCpuEnd(r, false); } });
    c.push_back({ "fig4.ssd-over-cpu.max", "SSD / CPU-memory energy, both models, highest", 3.6, "×",
        PaperTolerance::Relative, 0.05, cpuHow + "the largest", "paper/fig4-mixtral", 0, {},
        [](const PaperRuns& r) { return ssdOverCpuEnd(r, true); } });

    for (const auto& model : { kMixtral, kDeepSeek }) {
        const bool mx = model == kMixtral;
        const std::string key = mx ? "mixtral" : "deepseek-r1";
        c.push_back({ "fig5." + key + ".latency-b1024", model + " latency at batch 1024, SSD (NVLink5) / HBM",
            mx ? 1.32 : 1.25, "×", PaperTolerance::Relative, 0.05,
            "step latency with the experts on SSD over NVLink-C2C gen 5 (prefetch overlapped) over the HBM "
            "one, "
            "batch 1024, paper/fig5",
            "paper/fig5", mx ? 0 : 1, {}, [model](const PaperRuns& r) {
                return r.bar(model, "ssd-nvlink5", 1024).totalLatencyS()
                    / r.bar(model, "hbm", 1024).totalLatencyS();
            } });
        c.push_back({ "fig4." + key + ".ssd-share-b1024", model + " batch 1024: SSD access's share of energy",
            mx ? 73.0 : 80.0, "%", PaperTolerance::Above, 0,
            "flash read and HBM write of the copied experts (MoE offload) plus their later HBM read "
            "(copied bytes × HBM read pJ/b), over the total energy per token, SSD placement, batch 1024",
            fig4(model), 0, {}, [model](const PaperRuns& r) { return ssdAccessShare(r, model); } });
        c.push_back(
            { "fig4." + key + ".hbm-moe-share-b1024", model + " batch 1024, HBM: MoE weight reads' share",
                mx ? 11.0 : 15.0, "%", PaperTolerance::Points, 1,
                "MoE off-chip energy (expert weights read from HBM) over the total per token, HBM placement, "
                "batch 1024",
                fig4(model), 0, {}, [model](const PaperRuns& r) {
                    return share(r.bar(model, "hbm", 1024), EnergyPart::MoeOffchip);
                } });
    }
    for (const auto& model : { kMixtral, kDeepSeek }) {
        const bool mx = model == kMixtral;
        c.push_back({ "routing." + std::string(mx ? "mixtral" : "deepseek-r1") + ".saturation",
            model + ": unique experts saturate near batch", mx ? 16.0 : 64.0, "batch", PaperTolerance::Factor,
            2,
            "the batch B at which 1 − (1 − k/E)^B, the share of experts active per MoE layer under uniform "
            "top-k routing, reaches 95 %",
            fig4(model), 0, {}, [model](const PaperRuns& r) { return saturationBatch(r, model); } });
    }
    addFig6(c);

    const int mb[] = { 1, 4, 16, 64, 256, 1024 };
    const double mr[] = { 8.62, 11.01, 12.46, 11.16, 7.79, 3.82 };
    const int db[] = { 4, 16, 64, 256, 1024 };
    const double dr[] = { 4.75, 7.62, 9.78, 8.50, 4.95 };
    auto perBatch = [&](const std::string& model, const std::string& key, int b, double v) {
        c.push_back({ "rebuild." + key + ".ssd-over-hbm.b" + std::to_string(b),
            model + " SSD / HBM energy, batch " + std::to_string(b) + " (rebuild)", v, "×",
            PaperTolerance::Relative, 0.05, ratioHow + fig4(model) + " at batch " + std::to_string(b),
            fig4(model), 0, {},
            [model, b](const PaperRuns& r) { return r.energyRatio(model, "ssd", "hbm", b); } });
    };
    for (int i = 0; i < 6; ++i)
        perBatch(kMixtral, "mixtral", mb[i], mr[i]);
    for (int i = 0; i < 5; ++i)
        perBatch(kDeepSeek, "deepseek-r1", db[i], dr[i]);
    for (const auto& [placement, value] : { std::pair<std::string, double> { "hbm", 3.19 }, { "ssd", 27.5 } })
        c.push_back({ "rebuild.mixtral." + placement + "-b1",
            "Mixtral batch 1 energy per token, " + placement + " (rebuild)", value, "J/token",
            PaperTolerance::Relative, 0.05,
            "total energy per token of the " + placement + " placement at batch 1, paper/fig4-mixtral",
            "paper/fig4-mixtral", 0, {},
            [p = placement](const PaperRuns& r) { return r.bar(kMixtral, p, 1).totalEnergyJPerToken(); } });
    addFlashTable2(c);
    addMeasuredServing(c);
    return c;
}

} // namespace

const std::vector<PaperCheck>& paperChecks()
{
    static const std::vector<PaperCheck> checks = build();
    return checks;
}

} // namespace tierlens
