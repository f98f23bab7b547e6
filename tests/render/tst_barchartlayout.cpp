// Bar chart layout: segments in proportion, the overlay column, ratios, the legend's place, hit
// tests, and texts that never overlap or leave the chart.
#include "render/barchartpainter.h"
#include "tests/support/barcharttestsupport.h"

#include <QImage>
#include <QtTest/QTest>

#include <algorithm>
#include <cmath>

using namespace tierlens;
using namespace tierlens::test;

class TestBarChartLayout : public QObject {
    Q_OBJECT
private slots:
    void segmentHeightsAreProportional_data();
    void segmentHeightsAreProportional();
    void logAxisDrawsTotalsOnly();
    void overlayColumnBesideStack();
    void ratioFollowsReferenceOf();
    void legendBesideOrAbove();
    void hitTestFindsEverySegment_data();
    void hitTestFindsEverySegment();
    void hitTestAboveStackAndEmptySpace();
    void labelsDoNotOverlap_data();
    void labelsDoNotOverlap();
};

// Layout cases shared by the data-driven tests: data × size × dpi × font size.
static void layoutCases()
{
    QTest::addColumn<BarChartData>("data");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("dpi");
    QTest::addColumn<double>("pt");
    QTest::addColumn<bool>("roomForValues"); // else the totals may be left out, all together
    QTest::newRow("energy widget") << energy() << QSize(640, 420) << 96.0 << 9.0 << true;
    QTest::newRow("energy log widget") << energy(true) << QSize(640, 420) << 96.0 << 9.0 << true;
    QTest::newRow("energy 1280") << energy() << QSize(1280, 800) << 96.0 << 10.0 << true;
    QTest::newRow("energy figure 300dpi") << energy() << QSize(1050, 780) << 300.0 << 8.0 << false;
    QTest::newRow("energy log figure") << energy(true) << QSize(1050, 780) << 300.0 << 8.0 << false;
    QTest::newRow("latency widget") << latency() << QSize(640, 420) << 96.0 << 9.0 << false;
    QTest::newRow("latency 1280") << latency() << QSize(1280, 800) << 96.0 << 10.0 << true;
    QTest::newRow("latency figure") << latency() << QSize(1050, 780) << 300.0 << 8.0 << false;
    const BarChartData few = simple({ { 1, 2, 3 }, { 2, 2, 2 }, { 0.5, 0, 4 } });
    QTest::newRow("few bars") << few << QSize(640, 420) << 96.0 << 9.0 << true;
    QTest::newRow("few bars figure") << few << QSize(1050, 780) << 300.0 << 8.0 << true;
}

void TestBarChartLayout::segmentHeightsAreProportional_data()
{
    layoutCases();
}

void TestBarChartLayout::segmentHeightsAreProportional()
{
    QFETCH(BarChartData, data);
    QFETCH(QSize, size);
    QFETCH(double, dpi);
    QFETCH(double, pt);
    data.logScale = false;
    BarChartPainter chart;
    chart.setData(data);
    const QImage img = canvas(size, dpi);
    const QRectF r(img.rect());
    const RenderOptions o = options(pt);
    const QRectF plot = chart.plotRect(r, o, &img);
    double pxPerUnit = -1;
    for (int b = 0; b < int(data.bars.size()); ++b) {
        const QRectF stack = chart.segmentRect(r, o, b, -1, &img);
        QCOMPARE(stack.bottom(), plot.bottom());
        double below = plot.bottom();
        for (int s = 0; s < int(data.bars[b].values.size()); ++s) {
            const QRectF seg = chart.segmentRect(r, o, b, s, &img);
            QCOMPARE(seg.bottom(), below); // stacked without gaps, in order
            below = seg.top();
            const double v = data.bars[b].values[s];
            if (v <= 0)
                continue;
            if (pxPerUnit < 0)
                pxPerUnit = seg.height() / v;
            QVERIFY2(std::fabs(seg.height() - v * pxPerUnit) < 1e-6 * plot.height(),
                qPrintable(
                    QStringLiteral("bar %1 series %2: %3 px for %4").arg(b).arg(s).arg(seg.height()).arg(v)));
        }
        QCOMPARE(below, stack.top());
    }
    QVERIFY(pxPerUnit > 0);
}

// On a log axis a segment's edges cannot sit at their own values (a stack's lower segments would
// have to start at 0, which the axis does not have), so only totals are drawn there: one segment
// per bar, from the axis bottom to the total's place on the log scale.
void TestBarChartLayout::logAxisDrawsTotalsOnly()
{
    BarChartPainter chart;
    chart.setData(simple({ { 0.001, 0.003, 0 }, { 1, 1, 2 }, { 10, 30, 60 } }, true));
    const QRectF r(0, 0, 640, 420);
    const RenderOptions o = options();
    const QRectF plot = chart.plotRect(r, o);
    const QRectF a = chart.segmentRect(r, o, 0, -1), b = chart.segmentRect(r, o, 1, -1),
                 c = chart.segmentRect(r, o, 2, -1);
    // Decades are equally tall: 0.004 → 4 → 100 span 3 and 1.4 decades.
    QVERIFY(a.height() > 0 && b.height() > a.height() && c.height() > b.height());
    QVERIFY(std::fabs((b.height() - a.height()) / (c.height() - b.height()) - 3 / std::log10(25.0)) < 1e-6);
    QCOMPARE(c.bottom(), plot.bottom());
    QVERIFY(c.top() >= plot.top() - 1e-9 * plot.height()); // 100 is the top decade
    for (int bar = 0; bar < 3; ++bar) {
        const QRectF stack = chart.segmentRect(r, o, bar, -1);
        QCOMPARE(chart.segmentRect(r, o, bar, 0), stack); // the one segment is the total
        for (int s = 1; s < 3; ++s)
            QVERIFY2(chart.segmentRect(r, o, bar, s).height() <= 0,
                qPrintable(QStringLiteral("bar %1 segment %2").arg(bar).arg(s)));
        // A click names the bar, never a component the chart does not show.
        const BarHit hit = chart.hitTest(r, o, stack.center());
        QCOMPARE(hit.bar, bar);
        QCOMPARE(hit.series, -1);
    }
}

void TestBarChartLayout::overlayColumnBesideStack()
{
    BarChartData d = simple({ { 1, 1, 1 }, { 2, 2, 2 } });
    d.bars[1].overlay = 9;
    BarChartPainter chart;
    chart.setData(d);
    const QRectF r(0, 0, 640, 420);
    const RenderOptions o = options();
    QVERIFY(chart.overlayRect(r, o, 0).isEmpty());
    const QRectF ghost = chart.overlayRect(r, o, 1), stack = chart.segmentRect(r, o, 1, -1);
    QCOMPARE(ghost.bottom(), chart.plotRect(r, o).bottom());
    QVERIFY(std::fabs(ghost.height() / stack.height() - 9.0 / 6.0) < 1e-9); // from the axis up to 9
    QVERIFY(ghost.width() < stack.width()); // narrow
    QVERIFY(ghost.left() >= stack.center().x() && ghost.left() <= stack.right() + 1);
    QCOMPARE(chart.hitTest(r, o, ghost.center()).bar, 1);
    QVERIFY(chart.valueLabelRect(r, o, 1).bottom() <= ghost.top()); // the total clears the column
}

void TestBarChartLayout::ratioFollowsReferenceOf()
{
    BarChartData d = simple({ { 1, 1, 1 }, { 2, 2, 2 }, { 3, 3, 3 } });
    d.referenceBar = 2; // overridden by referenceOf
    d.referenceOf = { -1, 0, 0 };
    BarChartPainter chart;
    chart.setData(d);
    QCOMPARE(chart.referenceOf(0), -1);
    QCOMPARE(chart.referenceOf(1), 0);
    QCOMPARE(chart.referenceOf(7), -1);
    const QRectF r(0, 0, 640, 420);
    const RenderOptions o = options();
    const QRectF alone = chart.valueLabelRect(r, o, 0), ratio = chart.valueLabelRect(r, o, 1);
    QVERIFY(!alone.isEmpty() && ratio.height() > 1.5 * alone.height()); // a second line: "2×"
    d.referenceOf.clear();
    chart.setData(d);
    QCOMPARE(chart.referenceOf(0), 2);
    QVERIFY(chart.valueLabelRect(r, o, 0).height() > 1.5 * alone.height()); // "0.333×"
    RenderOptions quiet = o;
    quiet.showValues = false;
    QVERIFY(chart.valueLabelRect(r, quiet, 0).isEmpty());
}

void TestBarChartLayout::legendBesideOrAbove()
{
    const RenderOptions o = options();
    const QRectF r(0, 0, 640, 420);
    const auto textsRightOfPlot = [&](const BarChartData& d) {
        BarChartPainter chart;
        chart.setData(d);
        const QRectF plot = chart.plotRect(r, o);
        const auto texts = chart.textRects(r, o);
        return std::count_if(
            texts.begin(), texts.end(), [&](const QRectF& t) { return t.left() > plot.right(); });
    };
    QCOMPARE(textsRightOfPlot(simple({ { 1, 2, 3 }, { 3, 2, 1 } })), 3); // A, B, C beside a roomy plot
    QCOMPARE(textsRightOfPlot(simple({ { 1, 0, 3 }, { 3, 0, 1 } })), 2); // B is zero in every bar: no entry
    BarChartData crowded = latency();
    QCOMPARE(textsRightOfPlot(crowded), 0); // 33 bars need the width: the legend goes above
    BarChartPainter chart;
    chart.setData(crowded);
    const QRectF plot = chart.plotRect(r, o);
    const auto texts = chart.textRects(r, o);
    QVERIFY(std::count_if(texts.begin(), texts.end(), [&](const QRectF& t) {
        return t.bottom() < plot.top();
    }) >= 6);
    RenderOptions bare = o;
    bare.showLegend = bare.showTitle = false;
    QVERIFY(chart.textRects(r, bare).size() + 6 <= texts.size());
}

void TestBarChartLayout::hitTestFindsEverySegment_data()
{
    layoutCases();
}

void TestBarChartLayout::hitTestFindsEverySegment()
{
    QFETCH(BarChartData, data);
    QFETCH(QSize, size);
    QFETCH(double, dpi);
    QFETCH(double, pt);
    BarChartPainter chart;
    chart.setData(data);
    const QImage img = canvas(size, dpi);
    const QRectF r(QPointF(7, 5), QSizeF(size) - QSizeF(9, 8)); // not at the origin
    const RenderOptions o = options(pt);
    int checked = 0;
    for (int b = 0; b < int(data.bars.size()); ++b)
        for (int s = 0; s < int(data.bars[b].values.size()); ++s) {
            const QRectF seg = chart.segmentRect(r, o, b, s, &img);
            if (seg.height() < 1)
                continue; // below a pixel, the centre is a neighbour's boundary
            const BarHit hit = chart.hitTest(r, o, seg.center(), &img);
            QVERIFY2(hit.bar == b && hit.series == (data.logScale ? -1 : s), // log: totals only
                qPrintable(QStringLiteral("bar %1 series %2 at %3: got %4/%5")
                               .arg(b)
                               .arg(s)
                               .arg(str(seg))
                               .arg(hit.bar)
                               .arg(hit.series)));
            ++checked;
        }
    QVERIFY(checked >= int(data.bars.size()));
}

void TestBarChartLayout::hitTestAboveStackAndEmptySpace()
{
    BarChartPainter chart;
    chart.setData(simple({ { 1, 2, 3 }, { 2, 2, 2 }, { 0.5, 0, 1 }, { 3, 3, 3 } }));
    const QRectF r(0, 0, 640, 420);
    const RenderOptions o = options();
    const QRectF low = chart.segmentRect(r, o, 2, -1), plot = chart.plotRect(r, o);
    QVERIFY(low.top() > plot.top() + 20);
    const BarHit above = chart.hitTest(r, o, QPointF(low.center().x(), (plot.top() + low.top()) / 2));
    QCOMPARE(above.bar, 2);
    QCOMPARE(above.series, -1);
    const BarHit onLabel = chart.hitTest(r, o, chart.barLabelRect(r, o, 3).center());
    QCOMPARE(onLabel.bar, 3);
    QCOMPARE(onLabel.series, -1);
    // Between the groups (bars 1 and 2), left of the axis, and in the title.
    const double gapX = (chart.segmentRect(r, o, 1, -1).right() + low.left()) / 2;
    for (const QPointF& p : { QPointF(gapX, plot.center().y()), QPointF(plot.left() - 5, plot.center().y()),
             QPointF(5, 5), QPointF(plot.right() - 1, plot.top() + 1) })
        QCOMPARE(chart.hitTest(r, o, p).bar, -1);
}

void TestBarChartLayout::labelsDoNotOverlap_data()
{
    layoutCases();
}

void TestBarChartLayout::labelsDoNotOverlap()
{
    QFETCH(BarChartData, data);
    QFETCH(QSize, size);
    QFETCH(double, dpi);
    QFETCH(double, pt);
    BarChartPainter chart;
    chart.setData(data);
    const QImage img = canvas(size, dpi);
    const QRectF r(img.rect());
    const RenderOptions o = options(pt);
    const int n = int(data.bars.size());
    int shown = 0;
    for (int b = 0; b < n; ++b) {
        const QRectF v = chart.valueLabelRect(r, o, b, &img);
        shown += v.isEmpty() ? 0 : 1;
        if (b + 1 < n)
            QVERIFY2(!v.intersects(chart.valueLabelRect(r, o, b + 1, &img)),
                qPrintable(QStringLiteral("value labels %1").arg(b)));
    }
    QFETCH(bool, roomForValues);
    QVERIFY2(shown == n || (!roomForValues && shown == 0),
        qPrintable(QStringLiteral("%1 of %2 totals").arg(shown).arg(n)));
    const std::vector<QRectF> texts = chart.textRects(r, o, &img);
    std::vector<QRectF> shapes;
    for (int b = 0; b < n; ++b)
        shapes.push_back(chart.segmentRect(r, o, b, -1, &img).united(chart.overlayRect(r, o, b, &img)));
    for (std::size_t i = 0; i < texts.size(); ++i) {
        QVERIFY2(r.contains(texts[i]),
            qPrintable(QStringLiteral("text %1 %2 leaves the chart").arg(i).arg(str(texts[i]))));
        for (std::size_t j = i + 1; j < texts.size(); ++j)
            QVERIFY2(!texts[i].intersects(texts[j]),
                qPrintable(QStringLiteral("texts %1 %2 and %3 %4 overlap")
                               .arg(i)
                               .arg(str(texts[i]))
                               .arg(j)
                               .arg(str(texts[j]))));
        for (const QRectF& s : shapes)
            QVERIFY2(!texts[i].intersects(s),
                qPrintable(QStringLiteral("text %1 %2 covers a bar").arg(i).arg(str(texts[i]))));
    }
}

QTEST_MAIN(TestBarChartLayout)
#include "tst_barchartlayout.moc"
