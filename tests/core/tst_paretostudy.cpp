#include "core/data/parampath.h"
#include "core/io/presetlibrary.h"
#include "core/model/capacitycheck.h"
#include "core/model/evaluator.h"
#include "core/model/tokencost.h"
#include "core/study/paretostudy.h"
#include "tests/support/testsupport.h"

#include <algorithm>
#include <random>
#include <set>

using namespace tierlens;
using nlohmann::json;

class TestParetoStudy : public QObject {
    Q_OBJECT
private slots:
    void frontMatchesBruteForceOnRandomPoints();
    void frontKeepsTiesAndDropsNonFinite();
    void presetFrontMatchesBruteForce();
    void pointCountIsProductOfAxes();
    void pointsEqualPlainEvaluations();
    void threadCountDoesNotChangeNumbers();
    void controlStopsTheRun();
    void tooManyPointsNamesTheAxis();
    void badSloIsReported();
    void costObjectiveIsEachPointsTokenCost();
    void designsThatDoNotFitAreLeftOffTheFront();
};

namespace {

Study load(const json& j)
{
    auto r = loadStudy(j, PresetLibrary::builtin());
    for (const auto& p : r.problems)
        qWarning("%s", p.toString().c_str());
    if (!r.ok())
        qFatal("study did not load");
    return std::move(r.value);
}

Study preset()
{
    return load(PresetLibrary::builtin().find(PresetKind::Study, "pareto/mixtral-placements")->json);
}

// The definition, one point at a time: a design that fits is on the front unless some j that fits
// is no worse in both objectives and better in one. O(n²), independent of the sort-and-sweep under
// test.
std::vector<std::size_t> bruteFront(
    const std::vector<ParetoPoint>& p, const std::vector<std::uint8_t>& fits = {})
{
    const auto fit = [&fits](std::size_t i) { return fits.empty() || fits[i] != 0; };
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (!fit(i) || !std::isfinite(p[i].value) || !std::isfinite(p[i].latencyMs))
            continue;
        bool dominated = false;
        for (std::size_t j = 0; j < p.size() && !dominated; ++j)
            dominated = fit(j) && p[j].value <= p[i].value && p[j].latencyMs <= p[i].latencyMs
                && (p[j].value < p[i].value || p[j].latencyMs < p[i].latencyMs);
        if (!dominated)
            out.push_back(i);
    }
    return out;
}

std::vector<std::size_t> sorted(std::vector<std::size_t> v)
{
    std::sort(v.begin(), v.end());
    return v;
}

// Lowest energy with latency ≤ slo among the designs that fit, scanning every point; ties by
// latency then index.
std::optional<std::size_t> bruteBest(
    const std::vector<ParetoPoint>& p, double slo, const std::vector<std::uint8_t>& fits = {})
{
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < p.size(); ++i)
        if ((fits.empty() || fits[i]) && p[i].latencyMs <= slo
            && (!best
                || std::make_pair(p[i].value, p[i].latencyMs)
                    < std::make_pair(p[*best].value, p[*best].latencyMs)))
            best = i;
    return best;
}

json smallStudy(const json& axes)
{
    return { { "id", "test/pareto" }, { "kind", "pareto" }, { "slo_ms", 50 },
        { "cases",
            json::array(
                { { { "label", "Mixtral" }, { "scenario", { { "base", "prefetch/st-moe-85" } } } } }) },
        { "placements",
            json::array(
                { { { "id", "hbm" },
                      { "patch",
                          { { "placement", { { "expert_tier", "hbm" }, { "path", json::array() } } } } } },
                    { { "id", "ssd" },
                        { "patch",
                            { { "placement",
                                { { "expert_tier", "ssd" },
                                    { "path", json::array({ "nvlink-c2c-gen5" }) } } } } } } }) },
        { "axes", axes } };
}

} // namespace

void TestParetoStudy::frontMatchesBruteForceOnRandomPoints()
{
    std::mt19937_64 rng(7);
    for (int trial = 0; trial < 200; ++trial) {
        const std::size_t n = 1 + rng() % 300;
        // Few distinct values in each objective, so that equal energies, equal latencies and
        // duplicated points are common.
        const int levels = 1 + int(rng() % 12);
        std::vector<ParetoPoint> pts(n);
        for (auto& p : pts)
            p = { double(rng() % unsigned(levels)), double(rng() % unsigned(levels)) };
        QCOMPARE(sorted(paretoFront(pts)), bruteFront(pts));
        const double slo = double(rng() % unsigned(levels + 1)) - 0.5;
        QCOMPARE(bestUnderSlo(pts, slo), bruteBest(pts, slo));
        // A fifth of the designs do not fit memory: they must neither be on the front nor hide
        // a point that fits.
        std::vector<std::uint8_t> fits(n);
        for (auto& f : fits)
            f = rng() % 5 != 0;
        QCOMPARE(sorted(paretoFront(pts, fits)), bruteFront(pts, fits));
        QCOMPARE(bestUnderSlo(pts, slo, fits), bruteBest(pts, slo, fits));
    }
    // Continuous values: no ties.
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<ParetoPoint> pts(5000);
    for (auto& p : pts)
        p = { u(rng), u(rng) };
    QCOMPARE(sorted(paretoFront(pts)), bruteFront(pts));
}

void TestParetoStudy::frontKeepsTiesAndDropsNonFinite()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // 0 and 3 are the same point: neither dominates the other, both are on the front. 1 has the
    // energy of 0 but more latency; 2 has the latency of 0 but more energy: both dominated.
    // 7 would dominate them all, but does not fit memory.
    const std::vector<ParetoPoint> pts { { 1, 5 }, { 1, 6 }, { 2, 5 }, { 1, 5 }, { 3, 1 }, { nan, 0 },
        { 0, nan }, { 0.5, 0.5 } };
    const std::vector<std::uint8_t> fits { 1, 1, 1, 1, 1, 1, 1, 0 };
    const std::vector<std::size_t> want { 0, 3, 4 };
    QCOMPARE(sorted(paretoFront(pts, fits)), want);
    QCOMPARE(bruteFront(pts, fits), want);
    QCOMPARE(bestUnderSlo(pts, 5.0, fits), std::optional<std::size_t>(0));
    QCOMPARE(bestUnderSlo(pts, 0.5, fits), std::optional<std::size_t>());
}

void TestParetoStudy::presetFrontMatchesBruteForce()
{
    const Study st = preset();
    const ParetoResult r = runParetoStudy(st);
    QVERIFY(!r.stopped);
    QVERIFY(r.sloMs.has_value());
    QCOMPARE(sorted(r.front), bruteFront(r.points, r.fits));
    QVERIFY(r.front.size() >= 2);
    QCOMPARE(r.bestUnderSlo, bruteBest(r.points, *r.sloMs, r.fits));
    QVERIFY(r.bestUnderSlo.has_value());
    // The best point under the SLO is on the front: anything dominating it would meet the SLO too
    // and use no more energy.
    QVERIFY(std::find(r.front.begin(), r.front.end(), *r.bestUnderSlo) != r.front.end());
}

void TestParetoStudy::pointCountIsProductOfAxes()
{
    const Study st = preset();
    std::size_t want = st.series.size();
    QCOMPARE(want, std::size_t(3)); // HBM, CPU memory, SSD
    for (const auto& a : st.axes)
        want *= a.values.size();
    QCOMPARE(paretoPointCount(st), want);
    QCOMPARE(runParetoStudy(st).points.size(), want);
    // Every combination once: the settings of all points are distinct.
    std::set<std::pair<std::size_t, std::vector<double>>> seen;
    for (std::size_t i = 0; i < want; ++i) {
        const ParetoSettings s = paretoSettings(st, i);
        seen.insert({ s.series, s.values });
    }
    QCOMPARE(seen.size(), want);
}

void TestParetoStudy::pointsEqualPlainEvaluations()
{
    const Study st
        = load(smallStudy(json::array({ { { "path", "workload.batch" }, { "values", { 1, 8, 64 } } },
            { { "path", "tiers.ssd.read_pj_per_bit" }, { "values", { 0.5, 1 } }, { "scale", true } },
            { { "path", "placement.cache.capacity" }, { "values", { 0, 3 } } } })));
    const ParetoResult r = runParetoStudy(st, nullptr, 2);
    QCOMPARE(r.points.size(), std::size_t(2 * 3 * 2 * 2));
    const double ssdBase = *parampath::get(st.series[1].scenario, "tiers.ssd.read_pj_per_bit");
    for (std::size_t i = 0; i < r.points.size(); ++i) {
        // The point's scenario built here from its index by hand, not through paretoScenario.
        const std::size_t series = i / 12, batch = (i / 4) % 3, scale = (i / 2) % 2, cache = i % 2;
        Scenario s = st.series[series].scenario;
        s.workload.batch = std::array { 1, 8, 64 }[batch];
        s.findTier("ssd")->readPjPerBit = ssdBase * (scale ? 1.0 : 0.5);
        s.placement.cache.capacity = cache ? 3 : 0;
        const Result e = evaluate(s);
        QCOMPARE(r.points[i].value, e.totalEnergyJPerToken());
        QCOMPARE(r.points[i].latencyMs, e.totalLatencyS() * 1e3);
        const Result viaPath = evaluate(paretoScenario(st, i));
        QCOMPARE(viaPath.totalEnergyJPerToken(), e.totalEnergyJPerToken());
    }
}

void TestParetoStudy::threadCountDoesNotChangeNumbers()
{
    const Study st = preset();
    const ParetoResult one = runParetoStudy(st, nullptr, 1), three = runParetoStudy(st, nullptr, 3);
    QCOMPARE(one.points.size(), three.points.size());
    for (std::size_t i = 0; i < one.points.size(); ++i) {
        QCOMPARE(one.points[i].value, three.points[i].value);
        QCOMPARE(one.points[i].latencyMs, three.points[i].latencyMs);
    }
    QCOMPARE(one.front, three.front);
}

void TestParetoStudy::controlStopsTheRun()
{
    const Study st = preset();
    StudyControl done;
    const ParetoResult all = runParetoStudy(st, &done, 2);
    QVERIFY(!all.stopped);
    QCOMPARE(done.done.load(), paretoPointCount(st));
    StudyControl stop;
    stop.stop = true;
    const ParetoResult none = runParetoStudy(st, &stop, 2);
    QVERIFY(none.stopped);
    QVERIFY(none.front.empty());
    QCOMPARE(stop.done.load(), std::size_t(0));
}

void TestParetoStudy::tooManyPointsNamesTheAxis()
{
    json values = json::array();
    for (int i = 1; i <= 1000; ++i)
        values.push_back(i);
    // 2 series × 1000 × 1000 = 2·10⁶ points is fine; the third axis crosses 10⁷.
    const json axes = json::array({ { { "path", "workload.batch" }, { "values", values } },
        { { "path", "tiers.ssd.read_pj_per_bit" }, { "values", values } },
        { { "path", "placement.cache.recall" }, { "values", { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6 } } } });
    const auto r = loadStudy(smallStudy(axes), PresetLibrary::builtin());
    QVERIFY(!r.ok());
    bool named = false;
    for (const auto& p : r.problems)
        named = named
            || (p.path == "axes[2]" && p.message.find("placement.cache.recall") != std::string::npos
                && p.message.find("12000000") != std::string::npos);
    QVERIFY2(named, r.problems.front().toString().c_str());
}

void TestParetoStudy::badSloIsReported()
{
    json j = smallStudy(json::array({ { { "path", "workload.batch" }, { "values", { 1, 2 } } } }));
    j["slo_ms"] = -3;
    const auto r = loadStudy(j, PresetLibrary::builtin());
    QVERIFY(!r.ok());
    QCOMPARE(r.problems.front().path, std::string("slo_ms"));
    j["axes"][0]["path"] = "workload.no_such";
    j["slo_ms"] = 3;
    const auto bad = loadStudy(j, PresetLibrary::builtin());
    QVERIFY(!bad.ok());
    QVERIFY(bad.problems.front().path.rfind("axes[0]", 0) == 0);
}

// With metric cost_per_mtok every point is its own scenario's cost per million tokens, built here
// point by point (tokenCost of a plain evaluation), and the JSON names the objective.
void TestParetoStudy::costObjectiveIsEachPointsTokenCost()
{
    const Study st
        = load(PresetLibrary::builtin().find(PresetKind::Study, "pareto/mixtral-placements-cost")->json);
    QCOMPARE(st.metric, StudyMetric::CostPerMTok);
    const ParetoResult r = runParetoStudy(st, nullptr, 2);
    QCOMPARE(r.points.size(), paretoPointCount(st));
    double lowest = std::numeric_limits<double>::infinity(), highest = 0;
    for (std::size_t i = 0; i < r.points.size(); i += 7) { // a spread of points, every series
        const Scenario s = paretoScenario(st, i);
        const Result e = evaluate(s);
        const double cost = tokenCost(s, e).usdPerMillionTokens();
        QVERIFY(cost > 0);
        QVERIFY2(std::abs(r.points[i].value - cost) <= 1e-9 * cost, qPrintable(QString::number(i)));
        QCOMPARE(r.points[i].latencyMs, e.totalLatencyS() * 1e3);
        lowest = std::min(lowest, cost);
        highest = std::max(highest, cost);
    }
    QVERIFY(highest > 2 * lowest); // batch moves the cost: the objective is not a constant
    QCOMPARE(sorted(r.front), bruteFront(r.points, r.fits));
    const auto objective = paretoObjective(st);
    QCOMPARE(std::string(objective.key), std::string("usd_per_mtok"));
    // Cost is for Pareto studies only.
    json heat = PresetLibrary::builtin().find(PresetKind::Study, "paper/fig6")->json;
    heat["metric"] = "cost_per_mtok";
    const auto bad = loadStudy(heat, PresetLibrary::builtin());
    QVERIFY(!bad.ok());
    QCOMPARE(bad.problems.front().path, std::string("metric"));
}

void TestParetoStudy::designsThatDoNotFitAreLeftOffTheFront()
{
    // At batch 4096 the KV cache alone outgrows each GPU's 80 GiB of HBM, so those designs are the
    // fastest per token yet cannot be built; the cheapest SSD energy is re-priced, so the flag
    // must survive re-pricing too.
    const Study st
        = load(smallStudy(json::array({ { { "path", "workload.batch" }, { "values", { 1, 64, 4096 } } },
            { { "path", "tiers.ssd.read_pj_per_bit" }, { "values", { 10, 100 } } } })));
    const ParetoResult r = runParetoStudy(st, nullptr, 2);
    std::size_t unfit = 0;
    for (std::size_t i = 0; i < r.points.size(); ++i) {
        const Scenario s = paretoScenario(st, i);
        const bool fits = CapacityCheck::of(s, s.workload.batch).warnings.empty();
        QCOMPARE(r.fits[i] != 0, fits);
        unfit += fits ? 0 : 1;
        if (s.workload.batch == 4096)
            QVERIFY(!fits);
    }
    QCOMPARE(unfit, std::size_t(2 * 2)); // both placements, both SSD energies, at batch 4096
    QCOMPARE(sorted(r.front), bruteFront(r.points, r.fits));
    for (std::size_t i : r.front)
        QVERIFY(r.fits[i]);
    // Without the flags, a batch-4096 design would be on the front: the filter is what keeps it off.
    const auto naive = paretoFront(r.points);
    QVERIFY(std::any_of(naive.begin(), naive.end(), [&](std::size_t i) { return !r.fits[i]; }));
    QVERIFY(r.bestUnderSlo.has_value());
    QVERIFY(r.fits[*r.bestUnderSlo]);
    QCOMPARE(r.bestUnderSlo, bruteBest(r.points, *r.sloMs, r.fits));
}

QTEST_GUILESS_MAIN(TestParetoStudy)
#include "tst_paretostudy.moc"
