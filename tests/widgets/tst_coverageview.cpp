// The coverage view follows the scenario's routing and names it.

#include "core/data/workspace.h"
#include "tests/support/testsupport.h"
#include "widgets/views/coverageview.h"

#include <QApplication>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

using namespace tierlens;

class TestCoverageView : public QObject {
    Q_OBJECT
private slots:
    void uniformRouting();
    void zipfRouting();
    void traceRouting();
};

namespace {
Workspace mixtral(const Routing& routing)
{
    Workspace w;
    w.scenario = test::preset("paper/mixtral-hbm");
    w.scenario.workload.routing = routing;
    return w;
}

// Active experts per layer when each of `batch` tokens draws 2 of 8 experts one after another
// without replacement, each draw in proportion to 1/(i+1)^s among those left.
double monteCarloActive(double s, int batch)
{
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<double> w(8);
    for (int i = 0; i < 8; ++i)
        w[i] = std::pow(i + 1.0, -s);
    const int trials = 40000;
    double sum = 0;
    for (int t = 0; t < trials; ++t) {
        std::vector<char> active(8, 0);
        for (int b = 0; b < batch; ++b) {
            int first = -1;
            for (int j = 0; j < 2; ++j) {
                double left = 0;
                for (int i = 0; i < 8; ++i)
                    left += i == first ? 0 : w[i];
                double x = u(rng) * left;
                int pick = 0;
                for (int i = 0; i < 8; ++i) {
                    if (i == first)
                        continue;
                    pick = i;
                    if ((x -= w[i]) < 0)
                        break;
                }
                active[pick] = 1;
                first = pick;
            }
        }
        sum += std::accumulate(active.begin(), active.end(), 0);
    }
    return sum / trials;
}

double pointAt(const QList<QPointF>& points, double batch)
{
    for (const auto& p : points)
        if (p.x() == batch)
            return p.y();
    return -1;
}
} // namespace

void TestCoverageView::uniformRouting()
{
    CoverageView view;
    const Workspace w = mixtral(Routing {});
    view.setResult(w, evaluateWorkspace(w));
    QVERIFY2(view.title().contains(QStringLiteral("uniform routing")), qPrintable(view.title()));
    QVERIFY(view.note().startsWith(QStringLiteral("Uniform routing")));
    // E (1 − (1 − k/E)^B) at batch 4.
    TL_COMPARE_REL(pointAt(view.activePoints(), 4), 8 * (1 - std::pow(0.75, 4)), 1e-9);
}

void TestCoverageView::zipfRouting()
{
    Routing zipf;
    zipf.kind = Routing::Kind::Zipf;
    zipf.zipfExponent = 2;
    CoverageView view;
    const Workspace w = mixtral(zipf);
    view.setResult(w, evaluateWorkspace(w));
    QVERIFY2(view.title().contains(QStringLiteral("Zipf routing (s = 2)")), qPrintable(view.title()));
    QVERIFY(view.note().startsWith(QStringLiteral("Zipf routing")));
    // The skew keeps experts idle: the curve is the Zipf draw's, well below uniform routing's 5.47.
    for (int batch : { 2, 4, 16 })
        TL_COMPARE_REL(pointAt(view.activePoints(), batch), monteCarloActive(2, batch), 0.02);
}

void TestCoverageView::traceRouting()
{
    // Two layers, each using only two experts: every token takes both, so two are active.
    Routing trace;
    trace.kind = Routing::Kind::Trace;
    trace.layerCounts = { { 5, 5, 0, 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0, 0, 3, 3 } };
    CoverageView view;
    const Workspace w = mixtral(trace);
    view.setResult(w, evaluateWorkspace(w));
    QVERIFY2(view.title().contains(QStringLiteral("trace of 2 layers")), qPrintable(view.title()));
    for (const auto& p : view.activePoints())
        TL_COMPARE_REL(p.y(), 2.0, 1e-9);
}

QTEST_MAIN(TestCoverageView)
#include "tst_coverageview.moc"
