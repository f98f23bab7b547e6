// The Pareto scatter's cloud at a million points: drawn as one dot per small grid cell, it must
// look the same as drawing every dot (each point lies within half a dot of a drawn one), cost the
// plot's area rather than the point count, and keep the front and the hover exact.
#include "render/paretopainter.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QTest>

#include <cmath>
#include <random>

using namespace tierlens;

class TestParetoCloud : public QObject {
    Q_OBJECT
private slots:
    void everyPointIsNearADrawnOne();
    void aMillionPointsDrawAsTheirArea();
};

namespace {

// A log-normal cloud along a trade-off, as a design space gives.
ParetoChartData cloudOf(std::size_t n, unsigned seed)
{
    ParetoChartData d;
    d.title = QStringLiteral("Cloud");
    std::mt19937 rng(seed);
    std::normal_distribution<double> spread(0, 0.4);
    for (std::size_t i = 0; i < n; ++i) {
        const double latency = std::exp(1 + spread(rng));
        d.points.push_back({ 10 / latency * std::exp(std::abs(spread(rng))), latency });
    }
    d.front = paretoFront(d.points);
    return d;
}

} // namespace

void TestParetoCloud::everyPointIsNearADrawnOne()
{
    ParetoPainter painter;
    painter.setData(cloudOf(4000, 3));
    const QRectF rect(0, 0, 600, 400);
    const RenderOptions options;
    const std::vector<std::size_t> shown = painter.cloud(rect, options);
    const auto& pts = painter.data().points;
    QVERIFY(!shown.empty());
    QVERIFY(shown.size() < pts.size()); // thinned
    // Brute force: the nearest drawn dot to every point's own position.
    const double r = painter.dotRadius(rect, options);
    const std::vector<QPointF> at = painter.positions(rect, options);
    double worst = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        double nearest = INFINITY;
        for (std::size_t k : shown)
            nearest = std::min(nearest, QLineF(at[i], at[k]).length());
        worst = std::max(worst, nearest);
    }
    QVERIFY2(worst <= 0.5 * r,
        qPrintable(QStringLiteral("%1 px from a drawn dot of radius %2").arg(worst).arg(r)));
    // Hovering over any front point finds that point, drawn or not.
    for (std::size_t i : painter.data().front) {
        const auto hit = painter.hitTest(rect, options, at[i]);
        QVERIFY(hit.has_value());
        QCOMPARE(at[*hit], at[i]);
    }
}

void TestParetoCloud::aMillionPointsDrawAsTheirArea()
{
    ParetoPainter painter;
    painter.setData(cloudOf(1'000'000, 5));
    const QRectF rect(0, 0, 800, 500);
    const RenderOptions options;
    const double r = painter.dotRadius(rect, options);
    const std::size_t shown = painter.cloud(rect, options).size();
    // At most one dot per cell of a third of the radius over the plot (and its margin).
    const double cells = (rect.width() / (r / 3) + 1) * (rect.height() / (r / 3) + 1);
    QVERIFY2(double(shown) <= cells, qPrintable(QString::number(shown)));
    QVERIFY(shown < 100'000);
    QImage image(800, 500, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    painter.paint(p, rect, options);
    p.end();
    // The cloud is drawn: the pixel under a drawn dot is no longer white.
    const QPointF at = painter.positions(rect, options)[painter.cloud(rect, options).front()];
    QVERIFY(image.pixelColor(at.toPoint()) != QColor(Qt::white));
}

QTEST_MAIN(TestParetoCloud)
#include "tst_paretocloud.moc"
