// Goal-seek against plain sweeps of the evaluator.
#include "core/data/parampath.h"
#include "core/io/presetlibrary.h"
#include "core/model/evaluator.h"
#include "core/study/goalseek.h"
#include "tests/support/testsupport.h"

using namespace tierlens;

class TestGoalSeek : public QObject {
    Q_OBJECT
private slots:
    void fig6BreakEvenMatchesFineSweep();
    void energyTargetIsMet();
    void noCrossingReportsTheRange();
    void nonMonotonicMetricGivesEveryCrossing();
    void badRequestsAreErrors();
};

namespace {

const std::string kFlash = "tiers.ssd.read_pj_per_bit";

double energyWith(Scenario s, const std::string& path, double v)
{
    parampath::set(s, path, v);
    return evaluate(s).totalEnergyJPerToken();
}

// Maverick on SSD over Llama 3.3 70B in HBM at batch 1, as paper/fig6 sets them up.
GoalSeekRequest fig6Request()
{
    GoalSeekRequest q;
    q.scenario = test::preset("paper/maverick-ssd-nvlink5");
    q.baseline = test::preset("paper/llama3.3-70b-hbm");
    q.scenario.workload.batch = q.baseline->workload.batch = 1;
    q.path = kFlash;
    q.low = 1.0;
    q.high = 102.4;
    q.metric = GoalMetric::Ratio;
    q.target = 1.0;
    return q;
}

// The fig4 Mixtral setup with its experts on SSD over NVLink-C2C gen 5.
Scenario mixtralSsd()
{
    Scenario s = test::preset("paper/mixtral-hbm");
    s.placement.expertTier = "ssd";
    s.placement.path = { "nvlink-c2c-gen5" };
    return s;
}

} // namespace

void TestGoalSeek::fig6BreakEvenMatchesFineSweep()
{
    const GoalSeekRequest q = fig6Request();
    const GoalSeekResult r = goalSeek(q);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.crossings.size(), std::size_t(1));
    const double x = r.crossings.front().value;

    // An independent 1000-point sweep: the ratio changes sign in exactly one step, and the
    // goal-seek answer lies inside it.
    const int n = 1000;
    const double base = energyWith(*q.baseline, "workload.batch", 1); // the baseline has no SSD tier
    int changes = 0;
    double a = 0, b = 0;
    double prev = energyWith(q.scenario, kFlash, q.low) / base - 1.0;
    for (int i = 1; i < n; ++i) {
        const double v = q.low + (q.high - q.low) * i / (n - 1);
        const double cur = energyWith(q.scenario, kFlash, v) / base - 1.0;
        if ((prev < 0) != (cur < 0)) {
            ++changes;
            a = q.low + (q.high - q.low) * (i - 1) / (n - 1);
            b = v;
        }
        prev = cur;
    }
    QCOMPARE(changes, 1);
    QVERIFY2(x >= a && x <= b, qPrintable(QStringLiteral("%1 not in [%2, %3]").arg(x).arg(a).arg(b)));
    TL_COMPARE_REL(energyWith(q.scenario, kFlash, x) / base, 1.0, 1e-6);
    // Dearer flash makes the offloaded MoE model dearer: the ratio rises through 1.
    QVERIFY(r.crossings.front().rising);
    // Between 0.5× and 0.9× of today's 102.4 pJ/b (Fig. 6's break-even, about 0.73×).
    QVERIFY(x > 0.5 * 102.4 && x < 0.9 * 102.4);
}

void TestGoalSeek::energyTargetIsMet()
{
    GoalSeekRequest q;
    q.scenario = mixtralSsd();
    q.path = kFlash;
    q.low = 10;
    q.high = 200;
    const double lo = energyWith(q.scenario, kFlash, q.low), hi = energyWith(q.scenario, kFlash, q.high);
    q.target = 0.3 * lo + 0.7 * hi;
    const GoalSeekResult r = goalSeek(q);
    QCOMPARE(r.crossings.size(), std::size_t(1));
    TL_COMPARE_REL(energyWith(q.scenario, kFlash, r.crossings.front().value), q.target, 1e-6);
    QVERIFY(r.crossings.front().rising);
    QCOMPARE(r.minMetric, lo);
    QCOMPARE(r.maxMetric, hi);
}

void TestGoalSeek::noCrossingReportsTheRange()
{
    GoalSeekRequest q = fig6Request();
    q.target = 0.01;
    const GoalSeekResult r = goalSeek(q);
    QVERIFY(r.ok());
    QVERIFY(!r.found());
    QVERIFY(r.minMetric > 0.01);
    QVERIFY(r.maxMetric > r.minMetric);
    const std::string s = r.summary(q);
    QVERIFY2(s.find("no crossing") != std::string::npos, s.c_str());
    QVERIFY2(s.find(kFlash) != std::string::npos, s.c_str());
    char lo[32];
    std::snprintf(lo, sizeof lo, "%.6g", r.minMetric);
    QVERIFY2(s.find(lo) != std::string::npos, s.c_str());
}

void TestGoalSeek::nonMonotonicMetricGivesEveryCrossing()
{
    // Mixtral's SSD/HBM energy ratio rises to ≈ 12.5 near batch 16 and falls to ≈ 3.8 at 1024: a
    // target of 10 is crossed twice. The batch is whole, so every batch is scanned.
    GoalSeekRequest q;
    q.scenario = mixtralSsd();
    q.baseline = test::preset("paper/mixtral-hbm");
    q.path = "workload.batch";
    q.low = 1;
    q.high = 1024;
    q.metric = GoalMetric::Ratio;
    q.target = 10;
    const GoalSeekResult r = goalSeek(q);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.crossings.size(), std::size_t(2));
    QCOMPARE(r.evaluations, 1024);
    auto ratio = [&](double b) {
        return energyWith(q.scenario, "workload.batch", b) / energyWith(*q.baseline, "workload.batch", b);
    };
    const auto& up = r.crossings[0];
    const auto& down = r.crossings[1];
    QVERIFY(up.rising && !down.rising);
    QVERIFY(up.value < 16 && down.value > 16);
    for (const auto& c : r.crossings) {
        QCOMPARE(c.value, std::round(c.value)); // a whole batch
        // the first whole batch past the target: the one before is on the other side
        QVERIFY((ratio(c.value) >= 10) != (ratio(c.value - 1) >= 10));
    }
    QVERIFY(r.summary(q).find("1 more crossing") != std::string::npos);
}

void TestGoalSeek::badRequestsAreErrors()
{
    GoalSeekRequest q = fig6Request();
    q.path = "tiers.nvme.read_pj_per_bit";
    QVERIFY(goalSeek(q).error.find("tiers.nvme") != std::string::npos);

    q = fig6Request();
    q.low = 50;
    q.high = 50;
    QVERIFY(goalSeek(q).error.find("range") != std::string::npos);

    q = fig6Request();
    q.baseline.reset();
    QVERIFY(goalSeek(q).error.find("baseline") != std::string::npos);

    q = fig6Request();
    q.path = "workload.batch";
    q.low = 1;
    q.high = 1e6; // a whole-number parameter is scanned value by value: refused, not approximated
    QVERIFY(goalSeek(q).error.find("whole number") != std::string::npos);

    q = fig6Request();
    q.low = -5; // the validator refuses a negative read energy: nothing is scanned
    const GoalSeekResult r = goalSeek(q);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.find(kFlash + " = -5") != std::string::npos, r.error.c_str());
    QCOMPARE(r.evaluations, 0);
    QVERIFY(r.crossings.empty());
}

QTEST_APPLESS_MAIN(TestGoalSeek)
#include "tst_goalseek.moc"
