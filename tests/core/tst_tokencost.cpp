// Cost per token: the priced hardware over its serving lifetime plus electricity, checked against
// the arithmetic written out here from prices, counts and the evaluated rate.

#include "core/data/parampath.h"
#include "core/explain/explainer.h"
#include "core/io/scenariojson.h"
#include "core/model/evaluator.h"
#include "core/model/tokencost.h"
#include "core/validation/validator.h"
#include "tests/support/testsupport.h"

#include <nlohmann/json.hpp>

#include <QTest>

using namespace tierlens;
using test::preset;

namespace {

constexpr double kYear = 365.25 * 24 * 3600;

// Experts of Llama 4 Maverick on SSD, with prices on the GPU, the SSD and electricity.
Scenario priced()
{
    Scenario s = preset("paper/maverick-ssd-nvlink5");
    s.gpu.priceUsd = 30000;
    s.findTier("ssd")->usdPerGB = 0.1;
    s.cost.powerUsdPerKWh = 0.12;
    s.cost.amortisationYears = 4;
    s.cost.utilisation = 1;
    return s;
}

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b));
}

} // namespace

class TestTokenCost : public QObject {
    Q_OBJECT
private slots:
    void matchesTheArithmetic()
    {
        const Scenario s = priced();
        const Result r = evaluate(s);
        const TokenCost c = tokenCost(s, r);
        const int gpus = s.cluster.gpus();
        const double tokensPerS = r.batch / r.totalLatencyS();
        const double ssdGB = s.findTier("ssd")->capacityGiB * 1024.0 * 1024 * 1024 / 1e9;
        const double capital = gpus * 30000.0 + gpus * ssdGB * 0.1;
        const double capitalPerToken = capital / (4 * kYear * tokensPerS);
        const double energyPerToken = r.totalEnergyJPerToken() / 3.6e6 * 0.12;
        QVERIFY(c.priced);
        QVERIFY(near(c.tokensPerS, tokensPerS));
        QVERIFY(near(c.capitalUsd, capital));
        QCOMPARE(c.capital.size(), std::size_t(2));
        QVERIFY(near(c.capitalUsdPerToken, capitalPerToken));
        QVERIFY(near(c.energyUsdPerToken, energyPerToken));
        QVERIFY(near(c.usdPerMillionTokens(), (capitalPerToken + energyPerToken) * 1e6));
    }

    void unusedTiersAreNotBought()
    {
        Scenario s = priced();
        MemoryTier ddr;
        ddr.id = "ddr";
        ddr.name = "DDR5";
        ddr.bandwidthGBs = 100;
        ddr.capacityGiB = 256;
        ddr.usdPerGB = 5;
        s.tiers.push_back(ddr);
        const Result r = evaluate(s);
        const TokenCost withDdr = tokenCost(s, r);
        QVERIFY(near(withDdr.capitalUsd, tokenCost(priced(), evaluate(priced())).capitalUsd));
        // Experts moved to the DDR tier: now it is bought, and the SSD is not.
        s.placement.expertTier = "ddr";
        const TokenCost onDdr = tokenCost(s, evaluate(s));
        const double ddrGB = 256 * 1024.0 * 1024 * 1024 / 1e9;
        QVERIFY(near(onDdr.capitalUsd, s.cluster.gpus() * (30000.0 + ddrGB * 5)));
    }

    void idleTimeRaisesTheCost()
    {
        Scenario s = priced();
        const Result r = evaluate(s);
        const TokenCost full = tokenCost(s, r);
        s.cost.utilisation = 0.5;
        const TokenCost half = tokenCost(s, r);
        QVERIFY(near(half.capitalUsdPerToken, 2 * full.capitalUsdPerToken));
        // Half the time idle: the background power of one more serving second per serving second.
        const double background = r.energy(EnergyPart::Background);
        QVERIFY(background > 0);
        QVERIFY(near(half.energyJPerToken, r.totalEnergyJPerToken() + background));
    }

    void pricesMoveTheCostOneWay()
    {
        Scenario s = priced();
        double previous = 0;
        for (double price : { 0.0, 10000.0, 30000.0, 60000.0 }) {
            s.gpu.priceUsd = price;
            const double cost = tokenCost(s, evaluate(s)).usdPerMillionTokens();
            QVERIFY(cost > previous);
            previous = cost;
        }
    }

    void nothingPricedReportsNothing()
    {
        const Scenario s = preset("paper/maverick-ssd-nvlink5");
        QVERIFY(!tokenCost(s, evaluate(s)).priced);
    }

    void explanationEndsAtTheCost()
    {
        const Scenario s = priced();
        const Result r = evaluate(s);
        const Explanation ex = explainCost(s, r);
        QVERIFY(!ex.empty());
        QVERIFY(near(ex.value, tokenCost(s, r).usdPerMillionTokens()));
        QVERIFY(near(ex.steps.front().value, r.batch / r.totalLatencyS()));
    }

    void jsonAndPathsCarryThePrices()
    {
        const Scenario s = priced();
        Scenario back;
        Problems problems;
        fromJson(toJson(s), back, "", problems);
        QVERIFY2(problems.empty(), problems.empty() ? "" : problems.front().message.c_str());
        QCOMPARE(back.cost.powerUsdPerKWh, 0.12);
        QCOMPARE(back.gpu.priceUsd, 30000.0);
        QCOMPARE(back.findTier("ssd")->usdPerGB, 0.1);
        Scenario t = s;
        QVERIFY(parampath::set(t, "cost.power_usd_per_kwh", 0.3));
        QCOMPARE(t.cost.powerUsdPerKWh, 0.3);
        QCOMPARE(parampath::get(t, "tiers.ssd.usd_per_gb").value_or(-1), 0.1);
    }

    void badPricesNameTheField_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<double>("value");
        QTest::newRow("negative power price") << "cost.power_usd_per_kwh" << -0.1;
        QTest::newRow("zero years") << "cost.amortisation_years" << 0.0;
        QTest::newRow("utilisation above one") << "cost.utilisation" << 1.5;
        QTest::newRow("negative GPU price") << "gpu.price_usd" << -1.0;
        QTest::newRow("negative tier price") << "tiers.ssd.usd_per_gb" << -1.0;
    }

    void badPricesNameTheField()
    {
        QFETCH(QString, path);
        QFETCH(double, value);
        Scenario s = priced();
        QVERIFY(parampath::set(s, path.toStdString(), value));
        const Problems problems = validateScenario(s);
        // Tiers are named by id or by index ("tiers.ssd.x" or "tiers[0].x"): accept either.
        const std::string want = path.toStdString();
        const std::string head = want.substr(0, want.find_first_of(".["));
        const std::string key = want.substr(want.rfind('.'));
        bool named = false;
        for (const auto& p : problems)
            named = named || p.path == want || (p.path.starts_with(head) && p.path.ends_with(key));
        QVERIFY2(named, qPrintable(path));
    }
};

QTEST_GUILESS_MAIN(TestTokenCost)
#include "tst_tokencost.moc"
