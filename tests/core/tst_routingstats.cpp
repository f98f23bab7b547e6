#include "core/model/routingstats.h"
#include "tests/support/testsupport.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

using namespace tierlens;

class TestRoutingStats : public QObject {
    Q_OBJECT
private slots:
    void activeExperts_data();
    void activeExperts();
    void binomialMaxMatchesModelText();
    void hypergeometricIsExactAtBatchOne();
    void busiestGpuMatchesExactEnumeration_data();
    void busiestGpuMatchesExactEnumeration();
    void activeCountDistributionIsConsistent();
    void tokensPerActiveExpert();
    void saturation();
    void monteCarloAgrees_data();
    void monteCarloAgrees();
};

void TestRoutingStats::activeExperts_data()
{
    QTest::addColumn<int>("experts");
    QTest::addColumn<int>("topK");
    QTest::addColumn<int>("batch");
    QTest::addColumn<double>("expected");
    // MODEL.md §4: E(1 - (1 - k/E)^B).
    QTest::newRow("mixtral B4") << 8 << 2 << 4 << 5.47;
    QTest::newRow("deepseek B4") << 256 << 8 << 4 << 30.6;
    QTest::newRow("deepseek B16") << 256 << 8 << 16 << 102.0;
    QTest::newRow("deepseek B64") << 256 << 8 << 64 << 222.4;
}

void TestRoutingStats::activeExperts()
{
    QFETCH(int, experts);
    QFETCH(int, topK);
    QFETCH(int, batch);
    QFETCH(double, expected);
    const auto r = RoutingStats::uniform(experts, topK, batch, 4);
    // MODEL.md rounds to 0.1 (and prints 30.6 where the formula gives 30.53).
    QVERIFY(std::fabs(r.activeExperts - expected) < 0.1);
}

void TestRoutingStats::binomialMaxMatchesModelText()
{
    // MODEL.md §4: Mixtral B=1 on 4 GPUs, the binomial approximation gives 1.127.
    const auto r = RoutingStats::uniform(8, 2, 1, 4, BusiestGpuModel::Binomial);
    QVERIFY(std::fabs(r.busiestGpuExperts - 1.127) < 0.001);
}

void TestRoutingStats::hypergeometricIsExactAtBatchOne()
{
    // Two of 8 experts (2 per GPU) are chosen: both on one GPU with probability 4/28 = 1/7.
    const auto mixtral = RoutingStats::uniform(8, 2, 1, 4);
    TL_COMPARE_REL(mixtral.busiestGpuExperts, 8.0 / 7.0, 1e-12);
    // Llama 4 Maverick: one expert is active at batch 1, so the busiest GPU holds exactly one.
    const auto maverick = RoutingStats::uniform(128, 1, 1, 8);
    TL_COMPARE_REL(maverick.busiestGpuExperts, 1.0, 1e-12);
    // Everything active: every GPU holds all of its experts.
    const auto full = RoutingStats::uniform(256, 8, 4096, 32);
    TL_COMPARE_REL(full.busiestGpuExperts, 8.0, 1e-6);
}

namespace {
// E[max over GPUs of active experts] by visiting every way `batch` tokens can each pick `topK`
// distinct experts (all equally likely); experts sit on GPUs in blocks of experts / gpus.
double enumerateBusiestGpu(int experts, int topK, int batch, int gpus)
{
    std::vector<unsigned> subsets; // every topK-subset of the experts as a bit mask
    for (unsigned m = 0; m < (1u << experts); ++m)
        if (std::popcount(m) == topK)
            subsets.push_back(m);
    const int block = experts / gpus;
    double sum = 0;
    long long count = 0;
    std::vector<std::size_t> pick(std::size_t(batch), 0);
    while (true) {
        unsigned active = 0;
        for (auto i : pick)
            active |= subsets[i];
        int most = 0;
        for (int g = 0; g < gpus; ++g)
            most = std::max(most, std::popcount((active >> (g * block)) & ((1u << block) - 1)));
        sum += most;
        ++count;
        std::size_t d = 0;
        while (d < pick.size() && ++pick[d] == subsets.size())
            pick[d++] = 0;
        if (d == pick.size())
            break;
    }
    return sum / count;
}
} // namespace

void TestRoutingStats::busiestGpuMatchesExactEnumeration_data()
{
    QTest::addColumn<int>("experts");
    QTest::addColumn<int>("topK");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("gpus");
    QTest::newRow("mixtral B2") << 8 << 2 << 2 << 4;
    QTest::newRow("mixtral B3") << 8 << 2 << 3 << 4; // 1.881, where interpolating gave 1.914
    QTest::newRow("E6 k2 B4 on 3") << 6 << 2 << 4 << 3;
    QTest::newRow("E8 k1 B5 on 2") << 8 << 1 << 5 << 2;
    QTest::newRow("E9 k3 B2 on 3") << 9 << 3 << 2 << 3;
}

void TestRoutingStats::busiestGpuMatchesExactEnumeration()
{
    // The expected active count is fractional here; the busiest GPU must still be exact.
    QFETCH(int, experts);
    QFETCH(int, topK);
    QFETCH(int, batch);
    QFETCH(int, gpus);
    const double exact = enumerateBusiestGpu(experts, topK, batch, gpus);
    const auto r = RoutingStats::uniform(experts, topK, batch, gpus);
    TL_COMPARE_REL(r.busiestGpuExperts, exact, 1e-9);
}

void TestRoutingStats::activeCountDistributionIsConsistent()
{
    // Sums to 1, and its mean is E·p with p = 1 − (1 − k/E)^B from first principles.
    for (int batch : { 1, 3, 16, 64 }) {
        const auto d = activeCountDistribution(256, 8, batch);
        double total = 0, mean = 0;
        for (std::size_t a = 0; a < d.size(); ++a) {
            total += d[a];
            mean += a * d[a];
        }
        QVERIFY(std::fabs(total - 1) < 1e-9);
        TL_COMPARE_REL(mean, 256 * (1 - std::pow(1 - 8.0 / 256, batch)), 1e-9);
    }
    // Batch 1 activates exactly k experts.
    QCOMPARE(activeCountDistribution(8, 2, 1)[2], 1.0);
}

void TestRoutingStats::tokensPerActiveExpert()
{
    // B·k/(E·p): every routed token lands on some active expert.
    const auto r = RoutingStats::uniform(256, 8, 64, 32);
    TL_COMPARE_REL(r.tokensPerActiveExpert * r.activeExperts, 64.0 * 8, 1e-12);
}

void TestRoutingStats::saturation()
{
    // MODEL.md §7: unique experts saturate near batch 16 (Mixtral) and 64 (DeepSeek-R1).
    QVERIFY(RoutingStats::uniform(8, 2, 16, 4).activeExperts > 0.98 * 8);
    QVERIFY(RoutingStats::uniform(8, 2, 4, 4).activeExperts < 0.70 * 8);
    QVERIFY(RoutingStats::uniform(256, 8, 64, 32).activeExperts > 0.85 * 256);
    QVERIFY(RoutingStats::uniform(256, 8, 16, 32).activeExperts < 0.45 * 256);
}

void TestRoutingStats::monteCarloAgrees_data()
{
    QTest::addColumn<int>("experts");
    QTest::addColumn<int>("topK");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("gpus");
    QTest::newRow("mixtral B1") << 8 << 2 << 1 << 4;
    QTest::newRow("mixtral B4") << 8 << 2 << 4 << 4;
    QTest::newRow("deepseek B4") << 256 << 8 << 4 << 32;
    QTest::newRow("deepseek B16") << 256 << 8 << 16 << 32;
    QTest::newRow("maverick B2") << 128 << 1 << 2 << 8;
    QTest::newRow("maverick B4") << 128 << 1 << 4 << 8;
}

void TestRoutingStats::monteCarloAgrees()
{
    // The reference draws top-k per token at random; the closed forms must match its average.
    QFETCH(int, experts);
    QFETCH(int, topK);
    QFETCH(int, batch);
    QFETCH(int, gpus);
    std::mt19937 rng(12345);
    std::vector<int> ids(experts);
    const int trials = 20000;
    double sumActive = 0, sumMax = 0;
    std::vector<char> active(experts);
    std::vector<int> perGpu(gpus);
    for (int t = 0; t < trials; ++t) {
        std::fill(active.begin(), active.end(), 0);
        for (int b = 0; b < batch; ++b) {
            std::iota(ids.begin(), ids.end(), 0);
            for (int j = 0; j < topK; ++j) { // partial Fisher-Yates: k distinct experts
                std::uniform_int_distribution<int> pick(j, experts - 1);
                std::swap(ids[j], ids[pick(rng)]);
                active[ids[j]] = 1;
            }
        }
        std::fill(perGpu.begin(), perGpu.end(), 0);
        const int perGpuExperts = experts / gpus;
        for (int e = 0; e < experts; ++e)
            if (active[e]) {
                ++perGpu[e / perGpuExperts];
                ++sumActive;
            }
        sumMax += *std::max_element(perGpu.begin(), perGpu.end());
    }
    const auto r = RoutingStats::uniform(experts, topK, batch, gpus);
    TL_COMPARE_REL(r.activeExperts, sumActive / trials, 0.02);
    // The busiest-GPU model conditions on the expected active count, so it may differ a little.
    TL_COMPARE_REL(r.busiestGpuExperts, sumMax / trials, 0.05);
}

QTEST_APPLESS_MAIN(TestRoutingStats)
#include "tst_routingstats.moc"
