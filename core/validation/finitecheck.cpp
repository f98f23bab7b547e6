#include "core/validation/finitecheck.h"

#include "core/data/parampath.h"
#include "core/io/inputlimits.h"
#include "core/io/shortestnumber.h"

#include <cmath>

namespace tierlens {

namespace {

// Far outside any real hardware or model, yet inside some fields' ranges; products and quotients
// of a few such numbers leave the range of a double.
bool extreme(double v)
{
    const double a = std::fabs(v);
    return a != 0 && (a < 1e-6 || a > 1e12 || !std::isfinite(a));
}

} // namespace

std::string extremeInputs(const Scenario& s)
{
    std::string list;
    auto add = [&](const std::string& what) {
        if (list.size() < 400) // a handful is enough to point at the culprit
            list += (list.empty() ? "" : ", ") + what;
    };
    for (const ParamInfo& p : parampath::list(s))
        if (const auto v = parampath::get(s, p.path); v && extreme(*v))
            add(p.path + " = " + shortestNumber(*v));
    const auto& counts = s.workload.routing.layerCounts;
    if (s.workload.routing.kind == Routing::Kind::Trace)
        for (std::size_t l = 0; l < counts.size(); ++l)
            for (std::size_t e = 0; e < counts[l].size(); ++e)
                if (extreme(counts[l][e]) && counts[l][e] > 1)
                    add("workload.routing.counts[" + std::to_string(l) + "][" + std::to_string(e)
                        + "] = " + shortestNumber(counts[l][e]));
    return list.empty() ? "none stands out" : list;
}

Problems nonFiniteResults(const Scenario& s, const Result& r)
{
    Problems out;
    // The name is built only for a value that is not finite: this runs after every evaluation.
    auto check = [&](double v, std::string_view what, std::string_view key = {}) {
        if (!std::isfinite(v))
            out.push_back({ std::string(what) + std::string(key),
                "is " + shortestNumber(v) + ", not a number Tierlens can show" });
    };
    for (int i = 0; i < kEnergyPartCount; ++i)
        check(r.energyJPerToken[i], "energy.", energyPartKey(EnergyPart(i)));
    for (int i = 0; i < kLatencyPartCount; ++i)
        check(r.latencyS[i], "latency.", latencyPartKey(LatencyPart(i)));
    if (out.empty()) { // parts finite, yet their sum may still overflow
        check(r.totalEnergyJPerToken(), "energy per token");
        check(r.totalLatencyS(), "latency");
    }
    check(r.copyS, "copy time");
    check(r.copiedBytes, "copied bytes");
    check(r.effectiveHbmBandwidthGBs, "effective HBM bandwidth");
    check(r.activeExpertsPerLayer, "active experts per layer");
    check(r.tokensPerActiveExpert, "tokens per active expert");
    if (!out.empty()) {
        const std::string cause = "; inputs of extreme magnitude: " + extremeInputs(s);
        for (auto& p : out)
            p.message += cause;
    }
    return out;
}

Problems nonFiniteStudy(const StudyResult& r)
{
    Problems out;
    std::size_t more = 0;
    auto add = [&](Problem p) {
        if (out.size() < limits::kMaxProblemsShown)
            out.push_back(std::move(p));
        else
            ++more;
    };
    for (const auto& b : r.bars)
        for (auto& p : nonFiniteResults(b.series->scenario, b.result))
            add({ b.series->label + " at batch " + std::to_string(b.batch) + ": " + p.path, p.message });
    const Study* st = r.study;
    auto at = [&](const StudyAxis& a, std::size_t i) {
        return a.path + " = " + (i < a.values.size() ? shortestNumber(a.values[i]) : "?")
            + (a.scale ? " (scale)" : "");
    };
    for (std::size_t row = 0; row < r.cells.size(); ++row)
        for (std::size_t col = 0; col < r.cells[row].size(); ++col)
            if (!std::isfinite(r.cells[row][col])) {
                if (out.size() >= limits::kMaxProblemsShown || !st || st->series.empty()) {
                    ++more;
                    continue;
                }
                const Scenario cell = st->cellScenario(st->series.front().scenario, int(row), int(col));
                add({ "cell at " + at(st->y, row) + ", " + at(st->x, col),
                    "is " + shortestNumber(r.cells[row][col])
                        + "; inputs of extreme magnitude: " + extremeInputs(cell) });
            }
    for (const auto& line : r.lines)
        for (std::size_t i = 0; i < line.values.size(); ++i)
            if (!std::isfinite(line.values[i])) {
                if (out.size() >= limits::kMaxProblemsShown || !st) {
                    ++more;
                    continue;
                }
                const Scenario point = st->cellScenario(line.series->scenario, 0, int(i));
                add({ line.series->label + " at " + at(st->x, i),
                    "is " + shortestNumber(line.values[i])
                        + "; inputs of extreme magnitude: " + extremeInputs(point) });
            }
    if (more > 0)
        out.push_back({ "", "… and " + std::to_string(more) + " more numbers that are not finite" });
    return out;
}

} // namespace tierlens
