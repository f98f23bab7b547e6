// Bar chart painting: fills, the selection outline, SVG export, robustness, the widget, and
// screenshots on request.
#include "render/barchartpainter.h"
#include "render/chartdatabuilder.h"
#include "render/chartpalette.h"
#include "tests/support/barcharttestsupport.h"
#include "tests/support/testsupport.h"
#include "widgets/views/barchartwidget.h"
#include "widgets/views/breakdownview.h"

#include <QBuffer>
#include <QImage>
#include <QLoggingCategory>
#include <QPainter>
#include <QSvgGenerator>
#include <QSvgRenderer>
#include <QtTest/QTest>

#include <cmath>
#include <limits>

using namespace tierlens;
using namespace tierlens::test;

Q_DECLARE_METATYPE(tierlens::PaletteKind)

namespace {

bool finite(const QRectF& r)
{
    return std::isfinite(r.x()) && std::isfinite(r.y()) && std::isfinite(r.width())
        && std::isfinite(r.height());
}

} // namespace

class TestBarChartPainter : public QObject {
    Q_OBJECT
private slots:
    void fillColourAtSegmentCentre_data();
    void fillColourAtSegmentCentre();
    void selectedBarIsOutlined();
    void svgExportKeepsTextAsText();
    void robustness_data();
    void robustness();
    void widgetEmitsBarClicked();
    void widgetToolTip();
    void normalisedIsTheEnergyDefault();
    void normalisedBarsPrintAbsoluteTotals();
};

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
    BarChartData d = simple({ { 1, 1, 1 }, { 1, 2, 3 } });
    d.colorSlots = { 0, 2, 7 }; // solid, hatched in grayscale, solid light gray
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
    chart.setData(simple({ { 1, 1, 1 }, { 1, 2, 3 } }));
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
    svg.setSize(QSize(504, 374)); // 3.5 × 2.6 in at the generator's 72 dpi
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
    QVERIFY(xml.contains("fillpattern")); // grayscale hatches stay patterns
}

void TestBarChartPainter::robustness_data()
{
    const double nan = std::numeric_limits<double>::quiet_NaN(),
                 inf = std::numeric_limits<double>::infinity();
    QTest::addColumn<BarChartData>("data");
    QTest::newRow("empty") << BarChartData();
    QTest::newRow("single bar") << simple({ { 1, 2, 3 } });
    QTest::newRow("all zero") << simple({ { 0, 0, 0 }, { 0, 0, 0 } });
    QTest::newRow("huge") << simple({ { 1e12, 3e12, 1 }, { 2e12, 0, 5e11 } });
    QTest::newRow("tiny") << simple({ { 1e-300, 0, 0 }, { 2e-12, 1e-13, 0 } });
    QTest::newRow("log with zeros") << simple({ { 0, 0, 0 }, { 0, 1, 0 }, { 3, 0, 0 } }, true);
    QTest::newRow("log all zero") << simple({ { 0, 0, 0 } }, true);
    QTest::newRow("log single value") << simple({ { 1, 0, 0 } }, true);
    QTest::newRow("nan and inf") << simple({ { nan, 1, inf }, { -inf, -2, 3 }, { nan, nan, nan } });
    QTest::newRow("log nan") << simple({ { nan, 1, inf }, { 1e-3, 0, 3 } }, true);
    BarChartData ragged = simple({ { 1 }, { 1, 2, 3, 4, 5 }, {} });
    ragged.colorSlots = { 42, -3 };
    ragged.referenceBar = 17;
    ragged.bars[0].overlay = nan;
    ragged.bars[1].overlay = 1e6;
    QTest::newRow("ragged") << ragged;
    BarChartData zeroRef = simple({ { 0, 0, 0 }, { 1, 2, 3 } });
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
    for (const QSize size : { QSize(640, 420), QSize(1050, 780), QSize(120, 80), QSize(3, 2), QSize(0, 0) }) {
        const QImage img
            = render(chart, size.isEmpty() ? QSize(1, 1) : size, size.width() > 1000 ? 300 : 96, options());
        const QRectF r(QPointF(0, 0), QSizeF(size));
        const RenderOptions o = options();
        QVERIFY(finite(chart.plotRect(r, o, &img)));
        for (const QRectF& t : chart.textRects(r, o, &img))
            QVERIFY2(finite(t), qPrintable(str(t)));
        const int n = int(data.bars.size());
        for (int b : { -1, 0, n / 2, n - 1, n }) {
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
    QTest::mouseClick(&widget, Qt::LeftButton, {}, QPoint(2, 2)); // empty space
    QTest::mouseClick(&widget, Qt::RightButton, {}, seg.center().toPoint()); // not a left click
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
    BarChartData d = simple({ { 1, 3, 0 }, { 2, 2, 4 } });
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

    // Normalised (bar 0 = 1): the tooltip gives the absolute value behind each share.
    BarChartData n = simple({ { 0.25, 0.75, 0 }, { 0.5, 0.5, 1 } });
    n.bars[0].absoluteTotal = 4; // J
    n.bars[1].absoluteTotal = 8;
    n.absoluteUnit = QStringLiteral("J");
    n.referenceBar = 0;
    widget.setData(n);
    const QString c = widget.toolTipAt(widget.painter().segmentRect(r, o, 1, 2, &widget).center());
    QVERIFY2(c.contains(QStringLiteral("C: 4 J = 1× the reference (50 %")), qPrintable(c));
    QVERIFY2(c.contains(QStringLiteral("Total: 8 J")), qPrintable(c));
}

// The breakdown opens as the paper shows energy: each bar ÷ the HBM bar of its batch, stacked by
// component on a linear axis (HBM = 1), with the absolute totals kept for labels and tooltips.
void TestBarChartPainter::normalisedIsTheEnergyDefault()
{
    const PresetLibrary& lib = PresetLibrary::builtin();
    const Workspace w
        = workspaceFromStudy(loadStudy(lib.find(PresetKind::Study, "paper/fig4-mixtral")->json, lib).value);
    auto r = std::make_shared<const WorkspaceResult>(evaluateWorkspace(w));
    BreakdownView view(BreakdownView::Metric::Energy);
    QCOMPARE(view.axis(), BreakdownAxis::Normalised);
    view.setResult(w, r);
    const BarChartData& d = view.current().data;
    QVERIFY(!d.logScale);
    QVERIFY2(d.valueLabel.contains(QStringLiteral("HBM = 1")), qPrintable(d.valueLabel));
    QCOMPARE(d.bars.size(), r->bars.size());
    for (std::size_t i = 0; i < d.bars.size(); ++i) {
        const auto& bar = r->bars[std::size_t(view.current().resultIndex[i])];
        double hbm = 0; // the HBM bar of the same batch, straight from the evaluation
        for (const auto& other : r->bars)
            if (other.batch == bar.batch && r->placements[std::size_t(other.placement)].id == "hbm")
                hbm = other.result.totalEnergyJPerToken();
        QVERIFY(hbm > 0);
        double sum = 0;
        for (int p = 0; p < kEnergyPartCount; ++p) {
            const double got = d.bars[i].values[std::size_t(p)],
                         want = bar.result.energy(EnergyPart(p)) / hbm;
            if (want == 0)
                QCOMPARE(got, 0.0);
            else
                TL_COMPARE_REL(got, want, 1e-12);
            sum += got;
        }
        TL_COMPARE_REL(sum, bar.result.totalEnergyJPerToken() / hbm, 1e-12);
        TL_COMPARE_REL(d.bars[i].absoluteTotal, bar.result.totalEnergyJPerToken(), 1e-12);
    }
    // Latency keeps absolute stacks; the log choice draws totals only, said in the legend.
    QCOMPARE(BreakdownView(BreakdownView::Metric::Latency).axis(), BreakdownAxis::Linear);
    view.setAxis(BreakdownAxis::Log);
    QVERIFY(view.current().data.logScale);
    QVERIFY(view.current().data.totalsLabel.contains(QStringLiteral("log")));
}

// Normalised bars print their absolute total with its unit, and the ratio to the reference.
void TestBarChartPainter::normalisedBarsPrintAbsoluteTotals()
{
    BarChartData d = simple({ { 0.5, 0.25, 0.25 }, { 1, 0.5, 1 } });
    d.bars[0].absoluteTotal = 2.5;
    d.bars[1].absoluteTotal = 6.25;
    d.absoluteUnit = QStringLiteral("J");
    d.referenceOf = { 0, 0 };
    BarChartPainter chart;
    chart.setData(d);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(QSize(640, 420));
    svg.setViewBox(QRect(0, 0, 640, 420));
    {
        QPainter p(&svg);
        chart.paint(p, QRectF(0, 0, 640, 420), options());
    }
    const QString text = QString::fromUtf8(buffer.data());
    QVERIFY2(text.contains(QStringLiteral(">2.5 J<")), "reference bar's absolute total");
    QVERIFY2(text.contains(QStringLiteral(">6.25 J<")), "second bar's absolute total");
    QVERIFY2(text.contains(QStringLiteral(">2.5×<")), "ratio 2.5 / 1");
}

QTEST_MAIN(TestBarChartPainter)
#include "tst_barchartpainter.moc"
