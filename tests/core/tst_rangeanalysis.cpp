// Range mode and the tornado chart against first principles: the expert copy's bytes times the
// change of pJ/bit, random points inside the box of ranges, and hand-built rankings.

#include "core/data/parampath.h"
#include "core/data/provenance.h"
#include "core/data/workspace.h"
#include "core/io/presetlibrary.h"
#include "core/model/evaluator.h"
#include "core/study/rangeanalysis.h"
#include "core/study/studyrunner.h"
#include "tests/support/testsupport.h"

#include <QtTest/QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace tierlens;
using tierlens::test::preset;

namespace {

constexpr double kPico = 1e-12;
constexpr int kBatch = 4;

// Experts on SSD behind NVLink-C2C: every step copies the routed experts, each byte paying the
// SSD's read energy once.
Scenario ssdScenario()
{
    Scenario s = preset("paper/maverick-ssd-nvlink5");
    s.workload.batch = kBatch;
    return s;
}

double get(const Scenario& s, const std::string& path)
{
    const auto v = parampath::get(s, path);
    if (!v)
        qFatal("no %s", path.c_str());
    return *v;
}

bool within(double v, const Band& b)
{
    // Rounding of sums in a different order: a few ulps of the band's size.
    const double slack = 1e-12 * std::max(std::fabs(b.low), std::fabs(b.high));
    return v >= b.low - slack && v <= b.high + slack;
}

bool hasProblem(const Problems& ps, const std::string& path, const std::string& text)
{
    for (const auto& p : ps)
        if (p.path == path && p.message.find(text) != std::string::npos)
            return true;
    return false;
}

} // namespace

class TestRangeAnalysis : public QObject {
    Q_OBJECT

private slots:
    // Energy per token at SSD read energy 80 and 120 pJ/bit: the value's energy plus the copied
    // bytes × 8 bit × ΔpJ/bit, shared by the batch's tokens.
    void ssdReadEnergyEndsFromFirstPrinciples()
    {
        const Scenario s = ssdScenario();
        const double own = get(s, "tiers.ssd.read_pj_per_bit");
        QVERIFY(own > 80 && own < 120);
        const std::vector<RangedConstant> ranges { { "tiers.ssd.read_pj_per_bit", "SSD read energy", 80, 120,
            "" } };
        QVERIFY(checkRanges(s, ranges).empty());
        const Result base = evaluate(s, kBatch);
        QVERIFY(base.copiedBytes > 0);
        const auto shift = [&](double pj) { return base.copiedBytes * 8 * (pj - own) * kPico / kBatch; };

        const ResultRange rr = evaluateRange(s, kBatch, ranges);
        QCOMPARE(rr.method, RangeMethod::Corners);
        TL_COMPARE_REL(rr.totalEnergy.low, base.totalEnergyJPerToken() + shift(80), 1e-12);
        TL_COMPARE_REL(rr.totalEnergy.high, base.totalEnergyJPerToken() + shift(120), 1e-12);
        // The copy's energy lands in the offload and prefetch-waste parts; together they move by
        // the same amount.
        const double copyParts = base.energy(EnergyPart::MoeOffload) + base.energy(EnergyPart::PrefetchWaste);
        TL_COMPARE_REL(
            rr.energy[int(EnergyPart::MoeOffload)].high + (rr.energy[int(EnergyPart::PrefetchWaste)].high),
            copyParts + shift(120), 1e-12);
        // Energy does not change the time of a step.
        QCOMPARE(rr.totalLatency.low, base.totalLatencyS());
        QCOMPARE(rr.totalLatency.high, base.totalLatencyS());
        QCOMPARE(rr.result.totalEnergyJPerToken(), base.totalEnergyJPerToken());
    }

    // 2000 random points in the box of three ranged constants (two energies and a bandwidth that
    // sets the step time and with it the background energy) never leave [low, high].
    void monteCarloStaysInsideTheBand()
    {
        const Scenario s = ssdScenario();
        const std::vector<RangedConstant> ranges {
            { "tiers.ssd.read_pj_per_bit", "", 60, 140, "" },
            { "links.nvlink-c2c-gen5.pj_per_bit", "", 0.5, 3, "" },
            { "tiers.ssd.bandwidth_gb_s", "", 100, 900, "" },
        };
        QVERIFY(checkRanges(s, ranges).empty());
        const ResultRange rr = evaluateRange(s, kBatch, ranges);
        QVERIFY(rr.totalEnergy.high > rr.totalEnergy.low);
        QVERIFY(rr.totalLatency.high > rr.totalLatency.low);
        std::mt19937 rng(13);
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        double seenLow = std::numeric_limits<double>::infinity(), seenHigh = 0;
        for (int i = 0; i < 2000; ++i) {
            Scenario t = s;
            for (const auto& r : ranges)
                QVERIFY(parampath::set(t, r.path, r.low + unit(rng) * (r.high - r.low)));
            const Result x = evaluate(t, kBatch);
            const double e = x.totalEnergyJPerToken();
            QVERIFY2(within(e, rr.totalEnergy), qPrintable(QString::number(e, 'g', 17)));
            QVERIFY(within(x.totalLatencyS(), rr.totalLatency));
            for (int p = 0; p < kEnergyPartCount; ++p)
                QVERIFY(within(x.energyJPerToken[std::size_t(p)], rr.energy[std::size_t(p)]));
            seenLow = std::min(seenLow, e);
            seenHigh = std::max(seenHigh, e);
        }
        // The band is not wider than needed: random points come close to both ends.
        const double width = rr.totalEnergy.high - rr.totalEnergy.low;
        QVERIFY(seenLow - rr.totalEnergy.low < 0.1 * width);
        QVERIFY(rr.totalEnergy.high - seenHigh < 0.1 * width);
    }

    // Past kMaxExactRanged constants the bound is one at a time. Energy is a sum of terms each
    // linear in one energy constant (bytes × pJ/bit, MACs × pJ/MAC, power × step time), so the
    // bound still holds every random point and reaches the all-high corner.
    void oneAtATimeBoundHoldsForEnergy()
    {
        const Scenario s = ssdScenario();
        std::vector<RangedConstant> ranges;
        for (const auto& info : parampath::list(s)) {
            // Every energy constant; a zero one (a link without a figure) over 0–1. A zero power
            // is left alone: a tier's read power, once set, replaces its pJ/bit.
            const bool energy = info.path.find("pj_per") != std::string::npos;
            const bool power = info.path.find("power_w") != std::string::npos;
            const double v = get(s, info.path);
            if (energy && v == 0)
                ranges.push_back({ info.path, "", 0, 1, "" });
            else if ((energy || power) && v > 0)
                ranges.push_back({ info.path, "", 0.7 * v, 1.4 * v, "" });
        }
        QVERIFY2(ranges.size() > rangelimits::kMaxExactRanged, qPrintable(QString::number(ranges.size())));
        QVERIFY(checkRanges(s, ranges).empty());
        const ResultRange rr = evaluateRange(s, kBatch, ranges);
        QCOMPARE(rr.method, RangeMethod::OneAtATime);
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        for (int i = 0; i < 500; ++i) {
            Scenario t = s;
            for (const auto& r : ranges)
                parampath::set(t, r.path, r.low + unit(rng) * (r.high - r.low));
            QVERIFY(within(evaluate(t, kBatch).totalEnergyJPerToken(), rr.totalEnergy));
        }
        // Every constant at its high end is the highest energy: the bound reaches it.
        Scenario top = s;
        for (const auto& r : ranges)
            parampath::set(top, r.path, r.high);
        TL_COMPARE_REL(rr.totalEnergy.high, evaluate(top, kBatch).totalEnergyJPerToken(), 1e-9);
    }

    // The SSD read energy over 60–140 pJ/bit moves energy by the copied bytes × 80 pJ/bit; the
    // C2C link over 1–2 pJ/bit by the same bytes × 1 pJ/bit. Given narrow first, the wide one
    // must still come first, each with its first-principles swing.
    void tornadoRanksWideAboveNarrow()
    {
        const Scenario s = ssdScenario();
        const std::vector<RangedConstant> ranges {
            { "links.nvlink-c2c-gen5.pj_per_bit", "NVLink-C2C energy", 1, 2, "" },
            { "tiers.ssd.read_pj_per_bit", "SSD read energy", 60, 140, "" },
        };
        const Result base = evaluate(s);
        QVERIFY(checkRanges(s, ranges).empty());
        const Tornado t = tornado(s, ranges, RangeMetric {});
        QCOMPARE(int(t.rows.size()), 2);
        QCOMPARE(t.rows[0].constant.path, std::string("tiers.ssd.read_pj_per_bit"));
        QCOMPARE(t.rows[1].constant.path, std::string("links.nvlink-c2c-gen5.pj_per_bit"));
        const double perPj = base.copiedBytes * 8 * kPico / s.workload.batch;
        TL_COMPARE_REL(t.rows[0].swing(), 80 * perPj, 1e-9);
        TL_COMPARE_REL(t.rows[1].swing(), 1 * perPj, 1e-9);
        TL_COMPARE_REL(t.base, base.totalEnergyJPerToken(), 1e-15);
        QVERIFY(t.rows[0].atLow < t.base && t.rows[0].atHigh > t.base);
        // Latency does not depend on either energy: both swings vanish.
        const Tornado lt = tornado(s, ranges, *rangeMetricFromKey("latency"));
        QCOMPARE(lt.rows[0].swing(), 0.0);
        QCOMPARE(lt.rows[1].swing(), 0.0);
    }

    void zeroWidthRangeIsTheValue()
    {
        const Scenario s = ssdScenario();
        std::vector<RangedConstant> ranges;
        for (const char* path :
            { "tiers.ssd.read_pj_per_bit", "tiers.ssd.bandwidth_gb_s", "gpu.hbm_read_pj_per_bit" })
            ranges.push_back({ path, "", get(s, path), get(s, path), "" });
        const ResultRange rr = evaluateRange(s, kBatch, ranges);
        const Result base = evaluate(s, kBatch);
        QCOMPARE(rr.totalEnergy.low, base.totalEnergyJPerToken());
        QCOMPARE(rr.totalEnergy.high, base.totalEnergyJPerToken());
        QCOMPARE(rr.totalLatency.low, base.totalLatencyS());
        QCOMPARE(rr.totalLatency.high, base.totalLatencyS());
        for (int p = 0; p < kEnergyPartCount; ++p) {
            QCOMPARE(rr.energy[std::size_t(p)].low, base.energyJPerToken[std::size_t(p)]);
            QCOMPARE(rr.energy[std::size_t(p)].high, base.energyJPerToken[std::size_t(p)]);
        }
    }

    void badRangesNameTheField()
    {
        const Scenario s = ssdScenario();
        Problems ps = checkRanges(s, { { "tiers.ssdd.read_pj_per_bit", "", 1, 2, "" } });
        QVERIFY(hasProblem(ps, "ranges[0].path", "tiers.ssdd.read_pj_per_bit"));
        ps = checkRanges(s,
            { { "tiers.ssd.read_pj_per_bit", "", 1, 2, "" }, { "gpu.hbm_read_pj_per_bit", "", 5, 3, "" } });
        QCOMPARE(int(ps.size()), 1);
        QVERIFY(hasProblem(ps, "ranges[1].low", "gpu.hbm_read_pj_per_bit"));
        ps = checkRanges(
            s, { { "gpu.hbm_read_pj_per_bit", "", 1, std::numeric_limits<double>::quiet_NaN(), "" } });
        QVERIFY(hasProblem(ps, "ranges[0].high", "finite"));
        // An end the field refuses (negative energy) is named too.
        ps = checkRanges(s, { { "tiers.ssd.read_pj_per_bit", "", -5, 2, "" } }, "workspace.ranges");
        QVERIFY(hasProblem(ps, "workspace.ranges[0].low", "tiers.ssd.read_pj_per_bit"));

        std::string why;
        QVERIFY(!parseRangeSpec("tiers.ssd.read_pj_per_bit=120:80", &why));
        QVERIFY(why.find("tiers.ssd.read_pj_per_bit=120:80") != std::string::npos);
        const auto ok = parseRangeSpec("tiers.ssd.read_pj_per_bit=80:120", &why);
        QVERIFY(ok);
        QCOMPARE(ok->path, std::string("tiers.ssd.read_pj_per_bit"));
        QCOMPARE(ok->low, 80.0);
        QCOMPARE(ok->high, 120.0);
    }

    // A study's bars get the bands of their own scenarios: the SSD bars move by their copy, the
    // HBM bars (no copy) not at all.
    void studyBarsFollowTheirCopy()
    {
        const PresetEntry* e = PresetLibrary::builtin().find(PresetKind::Study, "paper/fig4-mixtral");
        QVERIFY(e);
        const auto st = loadStudy(e->json, PresetLibrary::builtin());
        QVERIFY(st.ok());
        const std::vector<RangedConstant> ranges { { "tiers.ssd.read_pj_per_bit", "", 80, 120, "" } };
        QVERIFY(checkStudyRanges(st.value, ranges).empty());
        const StudyRange sr = evaluateStudyRange(st.value, ranges);
        QVERIFY(sr.problems.empty());
        const StudyResult base = runStudy(st.value);
        QCOMPARE(sr.barsEnergy.size(), base.bars.size());
        bool sawCopy = false;
        for (std::size_t i = 0; i < base.bars.size(); ++i) {
            const Result& r = base.bars[i].result;
            const auto* ssd = base.bars[i].series->scenario.findTier("ssd");
            const bool readsSsd = base.bars[i].series->scenario.placement.expertTier == "ssd";
            const double own = ssd ? ssd->readPjPerBit : 0;
            const double perPj = readsSsd ? r.copiedBytes * 8 * kPico / r.batch : 0;
            sawCopy = sawCopy || perPj > 0;
            TL_COMPARE_REL(
                sr.barsEnergy[i].low, r.totalEnergyJPerToken() + perPj * std::min(0.0, 80 - own), 1e-12);
            TL_COMPARE_REL(
                sr.barsEnergy[i].high, r.totalEnergyJPerToken() + perPj * std::max(0.0, 120 - own), 1e-12);
        }
        QVERIFY(sawCopy);
    }

    // One at a time in a study moves one constant and leaves the others as each series has them:
    // two series with different HBM energies get the bands their own scenarios get.
    void studyOneAtATimeKeepsEachSeries()
    {
        Study st;
        st.kind = Study::Kind::Breakdown;
        Scenario a = ssdScenario(), b = ssdScenario();
        QVERIFY(parampath::set(b, "gpu.hbm_read_pj_per_bit", 2 * get(a, "gpu.hbm_read_pj_per_bit")));
        st.series.push_back({ "a", "m", "ssd", "", a, { kBatch } });
        st.series.push_back({ "b", "m", "ssd", "", b, { kBatch } });
        std::vector<RangedConstant> ranges;
        for (const auto& info : parampath::list(a))
            if (info.path.find("pj_per") != std::string::npos) {
                const double v = get(a, info.path);
                ranges.push_back({ info.path, "", v > 0 ? 0.5 * v : 0, v > 0 ? 3 * v : 1, "" });
            }
        ranges.push_back({ "tiers.ssd.bandwidth_gb_s", "", 300, 900, "" });
        for (const char* p : { "gpu.idle_power_w", "workload.prompt_length" })
            if (get(a, p) > 0)
                ranges.push_back({ p, "", 0.5 * get(a, p), 2 * get(a, p), "" });
        QVERIFY2(ranges.size() > rangelimits::kMaxExactRanged, qPrintable(QString::number(ranges.size())));
        QVERIFY(checkStudyRanges(st, ranges).empty());
        const StudyRange sr = evaluateStudyRange(st, ranges);
        QVERIFY(sr.problems.empty());
        QCOMPARE(sr.method, RangeMethod::OneAtATime);
        QCOMPARE(int(sr.barsEnergy.size()), 2);
        for (int i = 0; i < 2; ++i) {
            const ResultRange own = evaluateRange(i == 0 ? a : b, kBatch, ranges);
            TL_COMPARE_REL(sr.barsEnergy[std::size_t(i)].low, own.totalEnergy.low, 1e-12);
            TL_COMPARE_REL(sr.barsEnergy[std::size_t(i)].high, own.totalEnergy.high, 1e-12);
            TL_COMPARE_REL(sr.barsLatency[std::size_t(i)].high, own.totalLatency.high, 1e-12);
        }
    }

    // The work is bounded before it starts, with the count in the message.
    void workIsBounded()
    {
        Study st;
        st.kind = Study::Kind::Heatmap;
        st.series.push_back({ "s", "m", "ssd", "", ssdScenario(), { 1 } });
        st.x = { "workload.batch", "", std::vector<double>(100, 1.0), false };
        st.y = { "workload.batch", "", std::vector<double>(100, 1.0), false };
        std::vector<RangedConstant> ranges;
        for (const char* p :
            { "tiers.ssd.read_pj_per_bit", "tiers.ssd.bandwidth_gb_s", "gpu.hbm_read_pj_per_bit",
                "gpu.hbm_write_pj_per_bit", "gpu.l2_pj_per_bit", "gpu.l1_pj_per_bit" })
            ranges.push_back({ p, "", 1, 2, "" });
        const std::size_t expected = 100 * 100 * ((std::size_t(1) << ranges.size()) + 1);
        QCOMPARE(studyRangeEvaluations(st, ranges.size()), expected);
        QVERIFY(expected > rangelimits::kMaxEvaluations);
        const StudyRange sr = evaluateStudyRange(st, ranges);
        QCOMPARE(int(sr.problems.size()), 1);
        QVERIFY(sr.problems[0].message.find(std::to_string(expected)) != std::string::npos);
        QVERIFY(sr.cells.empty());
    }

    // The workspace keeps its ranges and range mode through its file; files without them read as
    // before.
    void workspaceRoundTrip()
    {
        Workspace w;
        w.scenario = ssdScenario();
        w.heatmap = Workspace::defaultHeatmap(w.scenario);
        const auto plain = toJson(w);
        QVERIFY(!plain["workspace"].contains("ranges"));
        QVERIFY(!plain["workspace"]["view"].contains("range_mode"));
        w.ranges = { { "tiers.ssd.read_pj_per_bit", "SSD read", 80, 120, "assumed ±20 %" } };
        w.view.rangeMode = true;
        const auto back = loadWorkspace(toJson(w), PresetLibrary::builtin());
        QVERIFY(back.ok());
        QCOMPARE(int(back.value.ranges.size()), 1);
        QCOMPARE(back.value.ranges[0].label, std::string("SSD read"));
        QCOMPARE(back.value.ranges[0].source, std::string("assumed ±20 %"));
        QCOMPARE(back.value.ranges[0].high, 120.0);
        QVERIFY(back.value.view.rangeMode);
        // The user's range joins the constants' own, replacing the SSD's own range.
        const auto own = rangedConstants(back.value.scenario);
        const auto all = rangesFor(back.value);
        const bool ssdHadOne = std::any_of(own.begin(), own.end(),
            [](const RangedConstant& c) { return c.path == "tiers.ssd.read_pj_per_bit"; });
        QCOMPARE(all.size(), own.size() + (ssdHadOne ? 0 : 1));
        const auto ssd = std::find_if(all.begin(), all.end(),
            [](const RangedConstant& c) { return c.path == "tiers.ssd.read_pj_per_bit"; });
        QVERIFY(ssd != all.end());
        QCOMPARE(ssd->low, 80.0);
        QCOMPARE(ssd->high, 120.0);

        auto j = toJson(w);
        j["workspace"]["ranges"][0]["path"] = "tiers.nope.read_pj_per_bit";
        const auto bad = loadWorkspace(j, PresetLibrary::builtin());
        QVERIFY(hasProblem(bad.problems, "workspace.ranges[0].path", "tiers.nope.read_pj_per_bit"));
    }
};

QTEST_APPLESS_MAIN(TestRangeAnalysis)
#include "tst_rangeanalysis.moc"
