#include "core/model/tilemodel.h"
#include "tests/support/testsupport.h"

using namespace tierlens;

class TestTileModel : public QObject {
    Q_OBJECT
private slots:
    void handChecked_data();
    void handChecked();
    void dramNeverBelowCompulsory_data();
    void dramNeverBelowCompulsory();
    void cacheReturnsSameAsUncached();
    void emptyShapeMovesNothing();
};

static constexpr double kL1 = 256 * 1024.0, kL2 = 50 * 1024 * 1024.0;

void TestTileModel::handChecked_data()
{
    QTest::addColumn<double>("m");
    QTest::addColumn<double>("k");
    QTest::addColumn<double>("n");
    QTest::addColumn<double>("dram");
    QTest::addColumn<double>("l2");
    QTest::addColumn<double>("l1");
    QTest::addColumn<double>("l1TileM");
    QTest::addColumn<double>("l1TileN");
    // Decode GEMV, Mixtral expert up-projection at batch 1. L1 tile (1, 512); the L2 tile holds
    // the whole of n; registers 16×16 re-read the input 896 times.
    //   DRAM = (1·4096 + 1·14336·4096 + 14336)·2, L2 = (28·4096 + 14336·4096 + 14336)·2,
    //   L1 = (14336·4096 + 896·4096 + 14336)·2
    QTest::newRow("gemv 1x4096x14336")
        << 1.0 << 4096.0 << 14336.0 << 117477376.0 << 117698560.0 << 124809216.0 << 1.0 << 512.0;
    // Mixtral expert at batch 1024: 256 tokens. L1 tile (256, 384): (256+384)·32·2 + 256·384·2
    // = 237568 <= 256 KiB, while (256, 448) does not fit.
    //   L2 = (38·256·4096 + 1·14336·4096 + 256·14336)·2, DRAM = (256·4096 + 14336·4096 + 256·14336)·2,
    //   L1 = (16·14336·4096 + 896·256·4096 + 256·14336)·2
    QTest::newRow("gemm 256x4096x14336")
        << 256.0 << 4096.0 << 14336.0 << 126877696.0 << 204472320.0 << 3765436416.0 << 256.0 << 384.0;
}

void TestTileModel::handChecked()
{
    QFETCH(double, m);
    QFETCH(double, k);
    QFETCH(double, n);
    QFETCH(double, dram);
    QFETCH(double, l2);
    QFETCH(double, l1);
    QFETCH(double, l1TileM);
    QFETCH(double, l1TileN);
    const TileTraffic t = TileModel::computeUncached({ m, k, n, 2 }, kL1, kL2);
    QCOMPARE(t.l1TileM, l1TileM);
    QCOMPARE(t.l1TileN, l1TileN);
    QCOMPARE(t.dramBytes, dram);
    QCOMPARE(t.l2Bytes, l2);
    QCOMPARE(t.l1Bytes, l1);
}

void TestTileModel::dramNeverBelowCompulsory_data()
{
    QTest::addColumn<double>("m");
    QTest::addColumn<double>("k");
    QTest::addColumn<double>("n");
    QTest::newRow("attention score") << 4.0 << 128.0 << 1025.0;
    QTest::newRow("attention context") << 4.0 << 1025.0 << 128.0;
    QTest::newRow("fractional tokens") << 1.066 << 7168.0 << 2048.0;
    QTest::newRow("big square") << 4096.0 << 8192.0 << 8192.0;
    QTest::newRow("tall") << 65536.0 << 64.0 << 512.0;
}

void TestTileModel::dramNeverBelowCompulsory()
{
    QFETCH(double, m);
    QFETCH(double, k);
    QFETCH(double, n);
    const GemmShape s { m, k, n, 2 };
    const TileTraffic t = TileModel::computeUncached(s, kL1, kL2);
    // Each level moves at least what the next larger level moves, and DRAM at least the
    // compulsory bytes (every input, weight and output once).
    QVERIFY(t.dramBytes >= s.compulsoryBytes() * (1 - 1e-12));
    QVERIFY(t.l2Bytes >= t.dramBytes * (1 - 1e-12));
    QVERIFY(t.l1Bytes >= t.l2Bytes * (1 - 1e-12));
    // The chosen tiles fit their caches.
    QVERIFY((t.l1TileM + t.l1TileN) * 32 * 2 + t.l1TileM * t.l1TileN * 2 <= kL1);
}

void TestTileModel::cacheReturnsSameAsUncached()
{
    const GemmShape s { 64, 5120, 8192, 2 };
    const TileTraffic a = TileModel::traffic(s, kL1, kL2);
    const auto sizeAfterFirst = TileModel::cacheSize();
    const TileTraffic b = TileModel::traffic(s, kL1, kL2);
    const TileTraffic c = TileModel::computeUncached(s, kL1, kL2);
    QCOMPARE(TileModel::cacheSize(), sizeAfterFirst); // the second call was a hit
    QCOMPARE(a.dramBytes, c.dramBytes);
    QCOMPARE(b.l2Bytes, c.l2Bytes);
    QCOMPARE(b.l1Bytes, c.l1Bytes);
    // A different L2 size is a different entry.
    TileModel::traffic(s, kL1, kL2 / 2);
    QCOMPARE(TileModel::cacheSize(), sizeAfterFirst + 1);
}

void TestTileModel::emptyShapeMovesNothing()
{
    const TileTraffic t = TileModel::computeUncached({ 0, 4096, 14336, 2 }, kL1, kL2);
    QCOMPARE(t.dramBytes, 0.0);
    QCOMPARE(t.l1Bytes, 0.0);
}

QTEST_APPLESS_MAIN(TestTileModel)
#include "tst_tilemodel.moc"
