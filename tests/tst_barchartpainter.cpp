#include "barchartpainter.h"
#include "barchartwidget.h"
#include "chartpalette.h"
#include "presetlibrary.h"
#include "studyrunner.h"

#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QLoggingCategory>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QSvgRenderer>
#include <QtTest/QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace tierlens;

Q_DECLARE_METATYPE(tierlens::BarChartData)
Q_DECLARE_METATYPE(tierlens::PaletteKind)

namespace {

// Bars of a paper study, as the views build them. Energy: grouped by batch, one bar per placement.
// Latency: grouped by series, one bar per batch, with the hidden expert copy as the overlay.
BarChartData studyData(const char* id, StudyMetric metric)
{
    const PresetLibrary& lib = PresetLibrary::builtin();
    auto loaded = loadStudy(lib.find(PresetKind::Study, id)->json, lib);
    if (!loaded.ok())
        qFatal("study %s did not load", id);
    const StudyResult r = runStudy(loaded.value);
    std::vector<const BarResult*> order;
    for (const BarResult& b : r.bars)
        order.push_back(&b);
    BarChartData d;
    if (metric == StudyMetric::EnergyPerToken) {
        std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->batch < b->batch; });
        d.title = QStringLiteral("Mixtral 8x7B energy per token");
        d.valueLabel = QStringLiteral("Energy per token (J)");
        for (int p = 0; p < kEnergyPartCount; ++p) {
            d.seriesLabels << QString::fromUtf8(energyPartLabel(EnergyPart(p)));
            d.colorSlots.push_back(ChartPalette::energySlot(p));
        }
    } else {
        d.title = QStringLiteral("Step latency");
        d.valueLabel = QStringLiteral("Latency per step (ms)");
        d.overlayLabel = QStringLiteral("Copy hidden by prefetch");
        for (int p = 0; p < kLatencyPartCount; ++p) {
            d.seriesLabels << QString::fromUtf8(latencyPartLabel(LatencyPart(p)));
            d.colorSlots.push_back(ChartPalette::latencySlot(p));
        }
    }
    for (const BarResult* b : order) {
        BarStack s;
        if (metric == StudyMetric::EnergyPerToken) {
            s.label = QString::fromStdString(b->series->placementLabel);
            s.group = QStringLiteral("B = %1").arg(b->batch);
            for (int p = 0; p < kEnergyPartCount; ++p)
                s.values.push_back(b->result.energy(EnergyPart(p)));
        } else {
            s.label = QString::number(b->batch);
            s.group = QString::fromStdString(b->series->label);
            for (int p = 0; p < kLatencyPartCount; ++p)
                s.values.push_back(1e3 * b->result.latency(LatencyPart(p)));
            s.overlay = 1e3 * b->result.copyHiddenS;
        }
        d.bars.push_back(s);
    }
    if (metric == StudyMetric::EnergyPerToken) {
        // As the breakdown view does: each bar against the HBM bar of its batch.
        for (std::size_t i = 0; i < d.bars.size(); ++i)
            d.referenceOf.push_back(int(i - i % 3));
    }
    return d;
}

BarChartData energy(bool log = false)
{
    BarChartData d = studyData("paper/fig4-mixtral", StudyMetric::EnergyPerToken);
    d.logScale = log;
    return d;
}

BarChartData latency() { return studyData("paper/fig5", StudyMetric::Latency); }

BarChartData simple(std::vector<std::vector<double>> values, bool log = false)
{
    BarChartData d;
    d.title = QStringLiteral("Simple");
    d.valueLabel = QStringLiteral("Value");
    d.seriesLabels = {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")};
    d.colorSlots = {0, 4, 7};
    d.logScale = log;
    for (std::size_t i = 0; i < values.size(); ++i)
        d.bars.push_back({QStringLiteral("bar %1").arg(i), QStringLiteral("G%1").arg(i / 2), values[i], 0});
    return d;
}

RenderOptions options(double pt = 9, PaletteKind palette = PaletteKind::ColorBlindSafe)
{
    RenderOptions o;
    o.font = QFont(QStringLiteral("DejaVu Sans"));
    o.font.setPointSizeF(pt);
    o.palette = palette;
    return o;
}

// A white image of `size` pixels at `dpi`: 96 for the screen, 300 for a printed figure.
QImage canvas(QSize size, double dpi)
{
    QImage img(size, QImage::Format_ARGB32);
    img.setDotsPerMeterX(qRound(dpi / 0.0254));
    img.setDotsPerMeterY(qRound(dpi / 0.0254));
    img.fill(Qt::white);
    return img;
}

QImage render(const BarChartPainter& chart, QSize size, double dpi, const RenderOptions& o)
{
    QImage img = canvas(size, dpi);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    chart.paint(p, QRectF(img.rect()), o);
    return img;
}

bool finite(const QRectF& r)
{
    return std::isfinite(r.x()) && std::isfinite(r.y()) && std::isfinite(r.width())
        && std::isfinite(r.height());
}

QString str(const QRectF& r)
{
    return QStringLiteral("(%1,%2 %3x%4)").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

} // namespace

class TestBarChartPainter : public QObject {
    Q_OBJECT
private slots:
    void segmentHeightsAreProportional_data();
    void segmentHeightsAreProportional();
    void logStackIsSplitByShare();
    void overlayColumnBesideStack();
    void ratioFollowsReferenceOf();
    void legendBesideOrAbove();
    void hitTestFindsEverySegment_data();
    void hitTestFindsEverySegment();
    void hitTestAboveStackAndEmptySpace();
    void labelsDoNotOverlap_data();
    void labelsDoNotOverlap();
    void fillColourAtSegmentCentre_data();
    void fillColourAtSegmentCentre();
    void selectedBarIsOutlined();
    void svgExportKeepsTextAsText();
    void robustness_data();
    void robustness();
    void widgetEmitsBarClicked();
    void widgetToolTip();
    void screenshots();
};

// Layout cases shared by the data-driven tests: data × size × dpi × font size.
static void layoutCases()
{
    QTest::addColumn<BarChartData>("data");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("dpi");
    QTest::addColumn<double>("pt");
    QTest::addColumn<bool>("roomForValues");  // else the totals may be left out, all together
    QTest::newRow("energy widget") << energy() << QSize(640, 420) << 96.0 << 9.0 << true;
    QTest::newRow("energy log widget") << energy(true) << QSize(640, 420) << 96.0 << 9.0 << true;
    QTest::newRow("energy 1280") << energy() << QSize(1280, 800) << 96.0 << 10.0 << true;
    QTest::newRow("energy figure 300dpi") << energy() << QSize(1050, 780) << 300.0 << 8.0 << false;
    QTest::newRow("energy log figure") << energy(true) << QSize(1050, 780) << 300.0 << 8.0 << false;
    QTest::newRow("latency widget") << latency() << QSize(640, 420) << 96.0 << 9.0 << false;
    QTest::newRow("latency 1280") << latency() << QSize(1280, 800) << 96.0 << 10.0 << true;
    QTest::newRow("latency figure") << latency() << QSize(1050, 780) << 300.0 << 8.0 << false;
    const BarChartData few = simple({{1, 2, 3}, {2, 2, 2}, {0.5, 0, 4}});
    QTest::newRow("few bars") << few << QSize(640, 420) << 96.0 << 9.0 << true;
    QTest::newRow("few bars figure") << few << QSize(1050, 780) << 300.0 << 8.0 << true;
}

void TestBarChartPainter::segmentHeightsAreProportional_data() { layoutCases(); }

void TestBarChartPainter::segmentHeightsAreProportional()
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
            QCOMPARE(seg.bottom(), below);  // stacked without gaps, in order
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

void TestBarChartPainter::logStackIsSplitByShare()
{
    BarChartPainter chart;
    chart.setData(simple({{0.001, 0.003, 0}, {1, 1, 2}, {10, 30, 60}}, true));
    const QRectF r(0, 0, 640, 420);
    const RenderOptions o = options();
    const QRectF plot = chart.plotRect(r, o);
    const QRectF a = chart.segmentRect(r, o, 0, -1), b = chart.segmentRect(r, o, 1, -1),
                 c = chart.segmentRect(r, o, 2, -1);
    // Decades are equally tall: 0.004 → 4 → 100 span 3 and 1.4 decades.
    QVERIFY(a.height() > 0 && b.height() > a.height() && c.height() > b.height());
    QVERIFY(std::fabs((b.height() - a.height()) / (c.height() - b.height()) - 3 / std::log10(25.0)) < 1e-6);
    QCOMPARE(c.bottom(), plot.bottom());
    QVERIFY(c.top() >= plot.top());
    QVERIFY(std::fabs(chart.segmentRect(r, o, 2, 2).height() - 0.6 * c.height()) < 1e-9);
    QVERIFY(std::fabs(chart.segmentRect(r, o, 1, 2).height() - 0.5 * b.height()) < 1e-9);
}

void TestBarChartPainter::overlayColumnBesideStack()
{
    BarChartData d = simple({{1, 1, 1}, {2, 2, 2}});
    d.bars[1].overlay = 9;
    BarChartPainter chart;
    chart.setData(d);
    const QRectF r(0, 0, 640, 420);
    const RenderOptions o = options();
    QVERIFY(chart.overlayRect(r, o, 0).isEmpty());
    const QRectF ghost = chart.overlayRect(r, o, 1), stack = chart.segmentRect(r, o, 1, -1);
    QCOMPARE(ghost.bottom(), chart.plotRect(r, o).bottom());
    QVERIFY(std::fabs(ghost.height() / stack.height() - 9.0 / 6.0) < 1e-9);  // from the axis up to 9
    QVERIFY(ghost.width() < stack.width());                                  // narrow
    QVERIFY(ghost.left() >= stack.center().x() && ghost.left() <= stack.right() + 1);
    QCOMPARE(chart.hitTest(r, o, ghost.center()).bar, 1);
    QVERIFY(chart.valueLabelRect(r, o, 1).bottom() <= ghost.top());  // the total clears the column
}

void TestBarChartPainter::ratioFollowsReferenceOf()
{
    BarChartData d = simple({{1, 1, 1}, {2, 2, 2}, {3, 3, 3}});
    d.referenceBar = 2;  // overridden by referenceOf
    d.referenceOf = {-1, 0, 0};
    BarChartPainter chart;
    chart.setData(d);
    QCOMPARE(chart.referenceOf(0), -1);
    QCOMPARE(chart.referenceOf(1), 0);
    QCOMPARE(chart.referenceOf(7), -1);
    const QRectF r(0, 0, 640, 420);
    const RenderOptions o = options();
    const QRectF alone = chart.valueLabelRect(r, o, 0), ratio = chart.valueLabelRect(r, o, 1);
    QVERIFY(!alone.isEmpty() && ratio.height() > 1.5 * alone.height());  // a second line: "2×"
    d.referenceOf.clear();
    chart.setData(d);
    QCOMPARE(chart.referenceOf(0), 2);
    QVERIFY(chart.valueLabelRect(r, o, 0).height() > 1.5 * alone.height());  // "0.333×"
    RenderOptions quiet = o;
    quiet.showValues = false;
    QVERIFY(chart.valueLabelRect(r, quiet, 0).isEmpty());
}

void TestBarChartPainter::legendBesideOrAbove()
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
    QCOMPARE(textsRightOfPlot(simple({{1, 2, 3}, {3, 2, 1}})), 3);  // A, B, C beside a roomy plot
    BarChartData crowded = latency();
    QCOMPARE(textsRightOfPlot(crowded), 0);  // 33 bars need the width: the legend goes above
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

void TestBarChartPainter::hitTestFindsEverySegment_data() { layoutCases(); }

void TestBarChartPainter::hitTestFindsEverySegment()
{
    QFETCH(BarChartData, data);
    QFETCH(QSize, size);
    QFETCH(double, dpi);
    QFETCH(double, pt);
    BarChartPainter chart;
    chart.setData(data);
    const QImage img = canvas(size, dpi);
    const QRectF r(QPointF(7, 5), QSizeF(size) - QSizeF(9, 8));  // not at the origin
    const RenderOptions o = options(pt);
    int checked = 0;
    for (int b = 0; b < int(data.bars.size()); ++b)
        for (int s = 0; s < int(data.bars[b].values.size()); ++s) {
            const QRectF seg = chart.segmentRect(r, o, b, s, &img);
            if (seg.height() < 1)
                continue;  // below a pixel, the centre is a neighbour's boundary
            const BarHit hit = chart.hitTest(r, o, seg.center(), &img);
            QVERIFY2(hit.bar == b && hit.series == s,
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

void TestBarChartPainter::hitTestAboveStackAndEmptySpace()
{
    BarChartPainter chart;
    chart.setData(simple({{1, 2, 3}, {2, 2, 2}, {0.5, 0, 1}, {3, 3, 3}}));
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

void TestBarChartPainter::labelsDoNotOverlap_data() { layoutCases(); }

void TestBarChartPainter::labelsDoNotOverlap()
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

void TestBarChartPainter::fillColourAtSegmentCentre_data()
{
    QTest::addColumn<PaletteKind>("palette");
    QTest::addColumn<double>("dpi");
    QTest::newRow("colour screen") << PaletteKind::ColorBlindSafe << 96.0;
    QTest::newRow("colour 300dpi") << PaletteKind::ColorBlindSafe << 300.0;
    QTest::newRow("grayscale screen") << PaletteKind::Grayscale << 96.0;
    QTest::newRow("grayscale 300dpi") << PaletteKind::Grayscale << 300.0;
}

void TestBarChartPainter::fillColourAtSegmentCentre()
{
    QFETCH(PaletteKind, palette);
    QFETCH(double, dpi);
    BarChartData d = simple({{1, 1, 1}, {1, 2, 3}});
    d.colorSlots = {0, 2, 7};  // solid, hatched in grayscale, solid light gray
    BarChartPainter chart;
    chart.setData(d);
    const RenderOptions o = options(9, palette);
    const QImage img = render(chart, dpi > 100 ? QSize(1050, 780) : QSize(640, 420), dpi, o);
    const QRectF r(img.rect());
    for (int b = 0; b < 2; ++b)
        for (int s = 0; s < 3; ++s) {
            const QPoint c = chart.segmentRect(r, o, b, s, &img).center().toPoint();
            const QRgb got = img.pixel(c) & 0xFFFFFF,
                       want = ChartPalette::slotColor(d.colorSlots[s], palette).rgb() & 0xFFFFFF;
            const bool hatched
                = ChartPalette::slotBrush(d.colorSlots[s], palette).style() != Qt::SolidPattern;
            const QRgb line = ChartPalette::slotBrush(d.colorSlots[s], palette).color().rgb() & 0xFFFFFF;
            QVERIFY2(got == want || (hatched && got == line),
                qPrintable(QStringLiteral("bar %1 series %2: %3, expected %4")
                               .arg(b)
                               .arg(s)
                               .arg(got, 6, 16)
                               .arg(want, 6, 16)));
        }
}

void TestBarChartPainter::selectedBarIsOutlined()
{
    BarChartPainter chart;
    chart.setData(simple({{1, 1, 1}, {1, 2, 3}}));
    const RenderOptions o = options();
    const QImage plain = render(chart, QSize(640, 420), 96, o);
    chart.setSelectedBar(1);
    QCOMPARE(chart.selectedBar(), 1);
    const QImage selected = render(chart, QSize(640, 420), 96, o);
    const QRectF stack = chart.segmentRect(QRectF(plain.rect()), o, 1, -1);
    // The outline is drawn just outside the stack.
    const QPoint edge(int(std::floor(stack.left() - 1)), qRound(stack.center().y()));
    QVERIFY2(QColor(selected.pixel(edge)).lightness() < 40, qPrintable(QColor(selected.pixel(edge)).name()));
    QVERIFY(plain.pixel(edge) != selected.pixel(edge));
    const QRectF other = chart.segmentRect(QRectF(plain.rect()), o, 0, -1);
    const QPoint otherEdge(int(std::floor(other.left() - 1)), qRound(other.center().y()));
    QCOMPARE(plain.pixel(otherEdge), selected.pixel(otherEdge));
}

void TestBarChartPainter::svgExportKeepsTextAsText()
{
    BarChartPainter chart;
    chart.setData(latency());
    RenderOptions o = options(8, PaletteKind::Grayscale);
    o.title = QStringLiteral("Latency of Mixtral & DeepSeek");
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(QSize(504, 374));  // 3.5 × 2.6 in at the generator's 72 dpi
    svg.setViewBox(QRect(0, 0, 504, 374));
    {
        QPainter p(&svg);
        chart.paint(p, QRectF(0, 0, 504, 374), o);
    }
    const QByteArray xml = buffer.data();
    // Qt's own SVG renderer (SVG Tiny) cannot fill with <pattern>s and says so for each hatch;
    // browsers and Inkscape show them.
    QLoggingCategory::setFilterRules(QStringLiteral("qt.svg.warning=false"));
    QSvgRenderer renderer(xml);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(renderer.isValid());
    QVERIFY2(xml.contains(">Latency of Mixtral &amp; DeepSeek</text>"), xml.left(2000).constData());
    QVERIFY(xml.contains("fillpattern"));  // grayscale hatches stay patterns
}

void TestBarChartPainter::robustness_data()
{
    const double nan = std::numeric_limits<double>::quiet_NaN(),
                 inf = std::numeric_limits<double>::infinity();
    QTest::addColumn<BarChartData>("data");
    QTest::newRow("empty") << BarChartData();
    QTest::newRow("single bar") << simple({{1, 2, 3}});
    QTest::newRow("all zero") << simple({{0, 0, 0}, {0, 0, 0}});
    QTest::newRow("huge") << simple({{1e12, 3e12, 1}, {2e12, 0, 5e11}});
    QTest::newRow("tiny") << simple({{1e-300, 0, 0}, {2e-12, 1e-13, 0}});
    QTest::newRow("log with zeros") << simple({{0, 0, 0}, {0, 1, 0}, {3, 0, 0}}, true);
    QTest::newRow("log all zero") << simple({{0, 0, 0}}, true);
    QTest::newRow("log single value") << simple({{1, 0, 0}}, true);
    QTest::newRow("nan and inf") << simple({{nan, 1, inf}, {-inf, -2, 3}, {nan, nan, nan}});
    QTest::newRow("log nan") << simple({{nan, 1, inf}, {1e-3, 0, 3}}, true);
    BarChartData ragged = simple({{1}, {1, 2, 3, 4, 5}, {}});
    ragged.colorSlots = {42, -3};
    ragged.referenceBar = 17;
    ragged.bars[0].overlay = nan;
    ragged.bars[1].overlay = 1e6;
    QTest::newRow("ragged") << ragged;
    BarChartData zeroRef = simple({{0, 0, 0}, {1, 2, 3}});
    zeroRef.referenceBar = 0;
    QTest::newRow("zero reference") << zeroRef;
    BarChartData many = energy(true);
    for (int k = 0; k < 6; ++k)
        many.bars.insert(many.bars.end(), many.bars.begin(), many.bars.begin() + 18);
    QTest::newRow("126 bars") << many;
}

void TestBarChartPainter::robustness()
{
    QFETCH(BarChartData, data);
    BarChartPainter chart;
    chart.setData(data);
    chart.setSelectedBar(0);
    for (const QSize size : {QSize(640, 420), QSize(1050, 780), QSize(120, 80), QSize(3, 2), QSize(0, 0)}) {
        const QImage img
            = render(chart, size.isEmpty() ? QSize(1, 1) : size, size.width() > 1000 ? 300 : 96, options());
        const QRectF r(QPointF(0, 0), QSizeF(size));
        const RenderOptions o = options();
        QVERIFY(finite(chart.plotRect(r, o, &img)));
        for (const QRectF& t : chart.textRects(r, o, &img))
            QVERIFY2(finite(t), qPrintable(str(t)));
        const int n = int(data.bars.size());
        for (int b : {-1, 0, n / 2, n - 1, n}) {
            for (int s = -2; s < 7; ++s)
                QVERIFY(finite(chart.segmentRect(r, o, b, s, &img)));
            QVERIFY(finite(chart.overlayRect(r, o, b, &img)) && finite(chart.valueLabelRect(r, o, b, &img)));
        }
        for (int i = 0; i <= 10; ++i) {
            const BarHit h
                = chart.hitTest(r, o, QPointF(r.width() * i / 10, r.height() * (10 - i) / 10), &img);
            QVERIFY(h.bar >= -1 && h.bar < int(data.bars.size()));
        }
    }
}

void TestBarChartPainter::widgetEmitsBarClicked()
{
    BarChartWidget widget;
    widget.resize(640, 420);
    widget.setData(energy());
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    std::vector<BarHit> hits;
    connect(&widget, &BarChartWidget::barClicked, this, [&hits](BarHit h) { hits.push_back(h); });
    const QRectF r(widget.rect());
    // The tallest segment of the SSD bar at B = 1 and the top of the HBM bar at B = 1024.
    const QRectF seg = widget.painter().segmentRect(r, widget.renderOptions(), 2, 7);
    QVERIFY(seg.height() > 4);
    QTest::mouseClick(&widget, Qt::LeftButton, {}, seg.center().toPoint());
    QCOMPARE(hits.size(), std::size_t(1));
    QCOMPARE(hits[0].bar, 2);
    QCOMPARE(hits[0].series, 7);
    const QRectF stack = widget.painter().segmentRect(r, widget.renderOptions(), 15, -1);
    QTest::mouseClick(
        &widget, Qt::LeftButton, {}, QPoint(qRound(stack.center().x()), qRound(stack.top() - 3)));
    QCOMPARE(hits.size(), std::size_t(2));
    QCOMPARE(hits[1].bar, 15);
    QCOMPARE(hits[1].series, -1);
    QTest::mouseClick(&widget, Qt::LeftButton, {}, QPoint(2, 2));               // empty space
    QTest::mouseClick(&widget, Qt::RightButton, {}, seg.center().toPoint());    // not a left click
    QCOMPARE(hits.size(), std::size_t(2));
}

// Exposes the protected tooltip text.
class ProbeWidget : public BarChartWidget {
public:
    using BarChartWidget::toolTipAt;
};

void TestBarChartPainter::widgetToolTip()
{
    ProbeWidget widget;
    widget.resize(640, 420);
    BarChartData d = simple({{1, 3, 0}, {2, 2, 4}});
    d.overlayLabel = QStringLiteral("Hidden copy");
    d.bars[1].overlay = 5;
    d.referenceBar = 0;
    widget.setData(d);
    const QRectF r(widget.rect());
    const RenderOptions& o = widget.renderOptions();
    const QString seg = widget.toolTipAt(widget.painter().segmentRect(r, o, 1, 2, &widget).center());
    QVERIFY2(seg.contains(QStringLiteral("bar 1")) && seg.contains(QStringLiteral("G0")), qPrintable(seg));
    QVERIFY2(seg.contains(QStringLiteral("C: 4 (50 %")), qPrintable(seg));
    QVERIFY2(
        seg.contains(QStringLiteral("Total: 8")) && seg.contains(QStringLiteral("2\u00d7")), qPrintable(seg));
    QVERIFY2(!seg.contains(QStringLiteral("Hidden copy")), qPrintable(seg));
    const QString ghost = widget.toolTipAt(widget.painter().overlayRect(r, o, 1, &widget).center());
    QVERIFY2(ghost.contains(QStringLiteral("Hidden copy: 5")), qPrintable(ghost));
    QVERIFY(widget.toolTipAt(QPointF(2, 2)).isEmpty());
}

// With TIERLENS_SCREENSHOT_DIR set, saves the figures for a person to look at.
void TestBarChartPainter::screenshots()
{
    const QString dir = qEnvironmentVariable("TIERLENS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("TIERLENS_SCREENSHOT_DIR not set");
    QVERIFY(QDir().mkpath(dir));
    const auto save = [&dir](const BarChartData& d, QSize size, double dpi, const RenderOptions& o,
                          const char* name, int selected = -1) {
        BarChartPainter chart;
        chart.setData(d);
        chart.setSelectedBar(selected);
        QVERIFY(render(chart, size, dpi, o).save(dir + QLatin1Char('/') + QLatin1String(name)));
    };
    const QSize figure(1050, 780);  // 3.5 × 2.6 in at 300 dpi
    save(energy(), QSize(1280, 800), 96, options(10), "energy-1280.png");
    save(energy(), figure, 300, options(8), "energy-figure-300dpi.png");
    save(energy(true), QSize(1280, 800), 96, options(10), "energy-log-1280.png");
    save(energy(true), figure, 300, options(8, PaletteKind::Grayscale), "energy-log-gray-300dpi.png");
    save(energy(), QSize(640, 420), 96, options(9), "energy-widget.png", 4);
    save(energy(true), QSize(640, 420), 96, options(9), "energy-log-widget.png");
    save(latency(), QSize(640, 420), 96, options(9), "latency-widget.png", 20);
    save(latency(), QSize(1280, 800), 96, options(10), "latency-1280.png");
    save(latency(), figure, 300, options(8), "latency-figure-300dpi.png");
    // Vector exports of the printed figure: 3.5 × 2.6 in.
    BarChartPainter chart;
    chart.setData(energy(true));
    QSvgGenerator svg;
    svg.setFileName(dir + QStringLiteral("/energy-log-gray.svg"));
    svg.setSize(QSize(252, 187));
    svg.setViewBox(QRect(0, 0, 252, 187));
    {
        QPainter p(&svg);
        chart.paint(p, QRectF(0, 0, 252, 187), options(8, PaletteKind::Grayscale));
    }
    QPdfWriter pdf(dir + QStringLiteral("/energy-log.pdf"));
    pdf.setPageSize(QPageSize(QSizeF(3.5, 2.6), QPageSize::Inch));
    pdf.setPageMargins(QMarginsF());
    pdf.setResolution(300);
    {
        QPainter p(&pdf);
        chart.paint(p, QRectF(0, 0, pdf.width(), pdf.height()), options(8));
    }
    BarChartData few = simple({{1, 2, 3}, {2, 2, 2}, {0.5, 0, 4}});
    few.referenceBar = 1;
    few.overlayLabel = QStringLiteral("Overlay");
    few.bars[2].overlay = 3;
    save(few, QSize(640, 420), 96, options(9, PaletteKind::Grayscale), "few-gray-widget.png", 2);
}

QTEST_MAIN(TestBarChartPainter)
#include "tst_barchartpainter.moc"
