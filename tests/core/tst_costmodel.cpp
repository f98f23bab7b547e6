#include "core/model/costmodel.h"
#include "tests/support/testsupport.h"

using namespace tierlens;

class TestCostModel : public QObject {
    Q_OBJECT
private slots:
    void gemvIsMemoryBound();
    void bigGemmIsComputeBound();
    void softmax();
    void allReduce_data();
    void allReduce();
};

static const GpuSpec kH100 {}; // the defaults are the H100 SXM of the reference
static constexpr double kHbm = 3352e9;

void TestCostModel::gemvIsMemoryBound()
{
    const OpCost c = gemmCost({ 1, 4096, 14336, 2 }, kH100, kHbm);
    QCOMPARE(c.flops, 2.0 * 4096 * 14336);
    QCOMPARE(c.bytes, (4096.0 + 4096.0 * 14336 + 14336) * 2);
    QVERIFY(!c.computeBound);
    TL_COMPARE_REL(c.timeS, c.bytes / kHbm, 1e-12);
    // DRAM, L2 and L1 bytes as hand-checked in tst_tilemodel.
    TL_COMPARE_REL(c.energyOffchipJ, 117477376.0 * 8 * 4.2e-12, 1e-12);
    const double onchip = c.flops * 0.16e-12 + 117698560.0 * 8 * 0.3e-12 + 124809216.0 * 8 * 0.16e-12;
    TL_COMPARE_REL(c.energyOnchipJ, onchip, 1e-12);
}

void TestCostModel::bigGemmIsComputeBound()
{
    const OpCost c = gemmCost({ 1024, 8192, 8192, 2 }, kH100, kHbm);
    QVERIFY(c.computeBound);
    TL_COMPARE_REL(c.timeS, 2.0 * 1024 * 8192 * 8192 / 989.4e12, 1e-12);
    // Halving the bandwidth leaves a compute-bound GEMM's time alone.
    QCOMPARE(gemmCost({ 1024, 8192, 8192, 2 }, kH100, kHbm / 2).timeS, c.timeS);
}

void TestCostModel::softmax()
{
    const OpCost c = softmaxCost(1025, 8, 2, kH100, kHbm);
    QCOMPARE(c.flops, 7.0 * 1025 * 8);
    QCOMPARE(c.bytes, 2.0 * 1025 * 8 * 2);
    TL_COMPARE_REL(c.timeS, c.bytes / kHbm, 1e-12);
    TL_COMPARE_REL(c.energyOffchipJ, c.bytes * 8 * 4.2e-12, 1e-12);
}

void TestCostModel::allReduce_data()
{
    QTest::addColumn<int>("p");
    QTest::addColumn<double>("bytes");
    QTest::addColumn<double>("expected");
    // 2(p-1)(latency + (S/p)/bandwidth), NVLink4: 0.8 µs, 450 GB/s.
    QTest::newRow("p1") << 1 << 8192.0 << 0.0;
    QTest::newRow("p4 batch1 mixtral") << 4 << 8192.0 << 6 * (0.8e-6 + 2048 / 450e9);
    QTest::newRow("p8 8 MiB") << 8 << 8388608.0 << 14 * (0.8e-6 + 1048576 / 450e9);
}

void TestCostModel::allReduce()
{
    QFETCH(int, p);
    QFETCH(double, bytes);
    QFETCH(double, expected);
    Interconnect nvlink;
    nvlink.bandwidthGBs = 450;
    nvlink.latencyUs = 0.8;
    if (expected == 0)
        QCOMPARE(ringAllReduceSeconds(p, bytes, nvlink), 0.0);
    else
        TL_COMPARE_REL(ringAllReduceSeconds(p, bytes, nvlink), expected, 1e-12);
}

QTEST_APPLESS_MAIN(TestCostModel)
#include "tst_costmodel.moc"
