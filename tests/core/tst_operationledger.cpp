// The energy ledger behind the Operations table and `eval --format json`: its rows account for the
// whole bar, and the terms charged outside the operations carry their own physics.
#include "core/model/evaluator.h"
#include "core/model/operationledger.h"
#include "tests/support/testsupport.h"

#include <QtTest/QtTest>

#include <numeric>

using namespace tierlens;

class TestOperationLedger : public QObject {
    Q_OBJECT
private slots:
    void rowsSumToTheBar_data();
    void rowsSumToTheBar();
    void copyRowIsTierReadPlusHbmWrite();
    void backgroundRowIsIdleAndStaticPower();
};

namespace {
Scenario onSsd()
{
    Scenario s = test::preset("paper/mixtral-hbm");
    s.placement.expertTier = "ssd";
    s.placement.path = { "nvlink-c2c-gen5" };
    return s;
}

const LedgerRow* find(const std::vector<LedgerRow>& rows, EnergyPart p)
{
    for (const auto& r : rows)
        if (r.operation < 0 && r.component == energyPartKey(p))
            return &r;
    return nullptr;
}
} // namespace

void TestOperationLedger::rowsSumToTheBar_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("tier");
    QTest::addColumn<int>("batch");
    QTest::newRow("mixtral hbm b1") << "paper/mixtral-hbm"
                                    << "" << 1;
    QTest::newRow("mixtral ssd b1") << "paper/mixtral-hbm"
                                    << "ssd" << 1;
    QTest::newRow("mixtral ddr b256") << "paper/mixtral-hbm"
                                      << "ddr" << 256;
    QTest::newRow("predictor prefetch b16") << "prefetch/predictor-97"
                                            << "" << 16;
    QTest::newRow("tiered b16") << "tiered/mixtral-hot-hbm-warm-ddr-cold-ssd"
                                << "" << 16;
    QTest::newRow("flash bundling") << "paper/flash-opt6.7b-bundling"
                                    << "" << 1;
    QTest::newRow("deepseek b64") << "paper/deepseek-r1-hbm"
                                  << "" << 64;
}

void TestOperationLedger::rowsSumToTheBar()
{
    QFETCH(QString, preset);
    QFETCH(QString, tier);
    QFETCH(int, batch);
    Scenario s = test::preset(preset.toStdString());
    if (!tier.isEmpty()) {
        s.placement.expertTier = tier.toStdString();
        s.placement.path = { "nvlink-c2c-gen5" };
    }
    const Result r = evaluate(s, batch);
    const auto rows = OperationLedger::rows(r);
    double sum = 0;
    for (const auto& row : rows) {
        sum += row.energyJPerToken;
        QVERIFY2(row.operation >= 0 || row.energyJPerToken != 0, row.name.c_str());
    }
    TL_COMPARE_REL(sum, r.totalEnergyJPerToken(), 1e-9);
    // Every component of the bar that the operations do not carry has a row of its own.
    for (EnergyPart p :
        { EnergyPart::MoeOffload, EnergyPart::PrefetchWaste, EnergyPart::Background, EnergyPart::FcOffload })
        if (r.energy(p) > 1e-9 * r.totalEnergyJPerToken()) {
            const LedgerRow* row = find(rows, p);
            QVERIFY2(row, energyPartKey(p).data());
            TL_COMPARE_REL(row->energyJPerToken, r.energy(p), 1e-9);
        }
}

void TestOperationLedger::copyRowIsTierReadPlusHbmWrite()
{
    Scenario s = onSsd();
    s.findLink("nvlink-c2c-gen5")->pjPerBit = 1.3; // the preset charges none; a published figure
    const Result r = evaluate(s, 1);
    const auto rows = OperationLedger::rows(r);
    const LedgerRow* copy = find(rows, EnergyPart::MoeOffload);
    const LedgerRow* link = find(rows, EnergyPart::Link);
    QVERIFY(copy && link);
    QVERIFY(copy->bytes > 0);
    // E = bytes · 8 bit · (tier read + HBM write) pJ/bit, per token at B = 1.
    const double tierPj = s.findTier("ssd")->readPjPerBit, writePj = s.gpu.hbmWritePjPerBit;
    TL_COMPARE_REL(copy->energyJPerToken, copy->bytes * 8 * (tierPj + writePj) * 1e-12, 1e-9);
    const double linkPj = s.findLink("nvlink-c2c-gen5")->pjPerBit;
    TL_COMPARE_REL(link->energyJPerToken, link->bytes * 8 * linkPj * 1e-12, 1e-9);
    // The issue that motivated the ledger: the operations alone were a small part of the bar.
    double ops = 0;
    for (const auto& row : rows)
        if (row.operation >= 0)
            ops += row.energyJPerToken;
    QVERIFY(ops < 0.5 * r.totalEnergyJPerToken());
}

void TestOperationLedger::backgroundRowIsIdleAndStaticPower()
{
    const Scenario s = onSsd();
    for (int batch : { 1, 64 }) {
        const Result r = evaluate(s, batch);
        const auto rows = OperationLedger::rows(r); // kept: bg points into it
        const LedgerRow* bg = find(rows, EnergyPart::Background);
        QVERIFY(bg);
        double watts = s.gpu.idlePowerW;
        for (const auto& t : s.tiers)
            watts += t.staticPowerW;
        const double stepS = bg->timeMs * 1e-3;
        QVERIFY(stepS > 0);
        TL_COMPARE_REL(stepS, r.totalLatencyS(), 1e-12);
        TL_COMPARE_REL(bg->energyJPerToken, stepS * s.cluster.gpus() * watts / batch, 1e-9);
    }
}

QTEST_APPLESS_MAIN(TestOperationLedger)
#include "tst_operationledger.moc"
