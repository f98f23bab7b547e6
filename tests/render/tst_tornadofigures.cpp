// Range mode's figures: the tornado chart (full labels, bars inside the axis, SVG text), error
// bars on a bar chart (whiskers at their values on the axis, the axis covering them) and the
// break-even band of a heatmap.
#include "render/barchartpainter.h"
#include "render/figureexporter.h"
#include "render/heatmappainter.h"
#include "render/tornadopainter.h"
#include "tests/support/barcharttestsupport.h"
#include "tests/support/svgtexts.h"

#include <QImage>
#include <QPainter>
#include <QtTest/QTest>

#include <cmath>

using namespace tierlens;
using namespace tierlens::test;

namespace {

constexpr double kDpi = 300;
// 3.5 in × 2.6 in, a one-column figure.
const QSize kFigure(int(3.5 * kDpi), int(2.6 * kDpi));

TornadoData tornadoData()
{
    TornadoData d;
    d.title = QStringLiteral(
        "Energy per token · Llama 4 Maverick · 1 × 8 H100 · experts on SSD (nvlink-c2c-gen5) "
        "· batch 4");
    d.valueLabel = QStringLiteral("Energy per token (J/token)");
    d.base = 10;
    d.rows = { { QStringLiteral(
                     "SSD read energy per bit, NVMe flash as the reference study assumes it (60–140)"),
                   7, 13 },
        { QStringLiteral("links.nvlink-c2c-gen5.pj_per_bit (1–2)"), 9.5, 10.25 },
        { QStringLiteral("HBM read (3–4)"), 9.9, 10.1 } };
    return d;
}

bool inside(const QRectF& inner, const QRectF& outer)
{
    const double eps = 1e-6;
    return inner.left() >= outer.left() - eps && inner.right() <= outer.right() + eps
        && inner.top() >= outer.top() - eps && inner.bottom() <= outer.bottom() + eps;
}

QString joined(const TornadoPainter::Layout& l, int firstText, int count)
{
    QString s;
    for (int i = firstText; i < firstText + count; ++i)
        s += l.texts[std::size_t(i)].text;
    return s;
}

} // namespace

class TestTornadoFigures : public QObject {
    Q_OBJECT

private slots:
    // At 8 pt on 3.5 in, every label is there in full (wrapped, never cut), every text inside the
    // figure, and no two texts overlap.
    void labelsWholeAndInside()
    {
        TornadoPainter p;
        p.setData(tornadoData());
        QImage img = canvas(kFigure, kDpi);
        const QRectF rect(QPointF(0, 0), QSizeF(kFigure));
        const auto l = p.layout(rect, options(8), &img);
        QCOMPARE(int(l.labelText.size()), 3);
        for (int i = 0; i < 3; ++i) {
            const int first = l.labelText[std::size_t(i)];
            const int next = i + 1 < 3 ? l.labelText[std::size_t(i + 1)] : int(l.texts.size());
            // The label's lines are followed by the row's end values: take the lines that join to it.
            const QString want = QString(tornadoData().rows[std::size_t(i)].label).remove(QLatin1Char(' '));
            bool found = false;
            for (int n = 1; n <= next - first && !found; ++n)
                found = QString(joined(l, first, n)).remove(QLatin1Char(' ')) == want;
            QVERIFY2(found, qPrintable(want));
        }
        for (const auto& t : l.texts)
            QVERIFY2(inside(t.box, rect), qPrintable(t.text));
        for (std::size_t a = 0; a < l.texts.size(); ++a)
            for (std::size_t b = a + 1; b < l.texts.size(); ++b)
                QVERIFY2(!l.texts[a].box.intersects(l.texts[b].box),
                    qPrintable(l.texts[a].text + QStringLiteral(" / ") + l.texts[b].text));
    }

    // Twelve constants with two-line names do not fit 2.6 in: the rows that fit are drawn, widest
    // swing first, none over another, and the caption counts the rest.
    void crowdedRowsAreCountedNotStacked()
    {
        TornadoData d = tornadoData();
        d.rows.clear();
        for (int i = 0; i < 12; ++i)
            d.rows.push_back(
                { QStringLiteral("NVIDIA H100 SXM: hbm_read_pj_per_bit number %1 (3.9–4.5)").arg(i),
                    10.0 - 0.2 * (12 - i), 10.0 + 0.2 * (12 - i) });
        TornadoPainter p;
        p.setData(d);
        QImage img = canvas(kFigure, kDpi);
        const QRectF rect(QPointF(0, 0), QSizeF(kFigure));
        const auto l = p.layout(rect, options(8), &img);
        const int drawn = int(l.labelText.size());
        QVERIFY(drawn > 0 && drawn < 12);
        QCOMPARE(int(l.lowBars.size()), drawn);
        bool counted = false;
        for (const auto& t : l.texts)
            counted = counted || t.text.contains(QString::number(12 - drawn) + QStringLiteral(" more"));
        QVERIFY(counted);
        for (std::size_t a = 0; a < l.texts.size(); ++a)
            for (std::size_t b = a + 1; b < l.texts.size(); ++b)
                QVERIFY2(!l.texts[a].box.intersects(l.texts[b].box),
                    qPrintable(l.texts[a].text + QStringLiteral(" / ") + l.texts[b].text));
    }

    // Bars stand inside the plot at their values: the base line at the base, each end at its value.
    void barsAtTheirValues()
    {
        TornadoPainter p;
        const TornadoData d = tornadoData();
        p.setData(d);
        QImage img = canvas(kFigure, kDpi);
        const QRectF rect(QPointF(0, 0), QSizeF(kFigure));
        const auto l = p.layout(rect, options(8), &img);
        QVERIFY(l.axisLow <= 7 && l.axisHigh >= 13);
        const auto x = [&](double v) {
            return l.plot.left() + (v - l.axisLow) / (l.axisHigh - l.axisLow) * l.plot.width();
        };
        QVERIFY(std::fabs(l.baseLine.x1() - x(10)) < 1e-6);
        for (std::size_t i = 0; i < d.rows.size(); ++i) {
            QVERIFY(inside(l.lowBars[i], l.plot));
            QVERIFY(inside(l.highBars[i], l.plot));
            QVERIFY(std::fabs(l.lowBars[i].left() - x(d.rows[i].atLow)) < 1e-6);
            QVERIFY(std::fabs(l.highBars[i].right() - x(d.rows[i].atHigh)) < 1e-6);
        }
        // The first row (widest swing) is on top.
        QVERIFY(l.lowBars[0].top() < l.lowBars[1].top());
    }

    // The SVG holds every label's words as text at 8 pt.
    void svgKeepsTheLabels()
    {
        TornadoPainter p;
        p.setData(tornadoData());
        FigureExportOptions o;
        o.width = 3.5;
        o.height = 2.6;
        o.fontPt = 8;
        QString error;
        const QByteArray svg = FigureExporter::render(p, FigureExportOptions::Format::Svg, o, &error);
        QVERIFY2(!svg.isEmpty(), qPrintable(error));
        QString all;
        for (const auto& t : readSvgTexts(svg, o.dpi))
            all += t.text;
        all.remove(QLatin1Char(' '));
        for (const auto& r : tornadoData().rows)
            QVERIFY2(all.contains(QString(r.label).remove(QLatin1Char(' '))), qPrintable(r.label));
    }

    // A whisker sits at its low and high on the axis, and the axis grows to hold the highest.
    void whiskersOnTheAxis()
    {
        BarChartData d = simple({ { 1, 2, 0 }, { 3, 0, 0 } });
        BarChartPainter plain;
        plain.setData(d);
        d.bars[0].low = 2.5;
        d.bars[0].high = 4.5;
        d.bars[1].low = 2;
        d.bars[1].high = 9;
        BarChartPainter ranged;
        ranged.setData(d);
        QImage img = canvas(kFigure, kDpi);
        const QRectF rect(QPointF(0, 0), QSizeF(kFigure));
        const RenderOptions o = options(8);
        const QRectF plot = ranged.plotRect(rect, o, &img);
        for (int bar : { 0, 1 }) {
            const QLineF w = ranged.whiskerLine(rect, o, bar, &img);
            QVERIFY(!w.isNull());
            QVERIFY2(w.y2() >= plot.top() - 1e-6, "whisker above the axis' top");
            // Positions proportional to the values on a linear axis from 0: the stack's top is
            // its total, so y(high) / y(total) from the baseline is high / total.
            const QRectF stack = ranged.segmentRect(rect, o, bar, -1, &img);
            const double total = 3; // both stacks sum to 3
            const double perValue = stack.height() / total;
            QVERIFY(std::fabs((plot.bottom() - w.y2()) - perValue * *d.bars[std::size_t(bar)].high)
                < 1e-6 * plot.height());
            QVERIFY(std::fabs((plot.bottom() - w.y1()) - perValue * *d.bars[std::size_t(bar)].low)
                < 1e-6 * plot.height());
            // The printed total stands above the whisker.
            const QRectF value = ranged.valueLabelRect(rect, o, bar, &img);
            if (!value.isEmpty())
                QVERIFY(value.bottom() <= w.y2() + 1e-6);
        }
        // Without whiskers the axis ends lower: the same bar stands taller.
        QVERIFY(plain.segmentRect(rect, o, 1, -1, &img).height()
            > ranged.segmentRect(rect, o, 1, -1, &img).height());
        QVERIFY(plain.whiskerLine(rect, o, 0, &img).isNull());
    }

    // The break-even line at the low end lies where the cells at their low cross 1: to the right of
    // the value's line on a map rising to the right, the high end's to its left.
    void heatmapBandAroundTheContour()
    {
        HeatmapData d;
        d.ratio = true;
        d.title = QStringLiteral("Band");
        d.xValues = { 0, 1, 2, 3, 4, 5 };
        d.yValues = { 1, 2, 3 };
        for (std::size_t r = 0; r < 3; ++r) {
            d.cells.emplace_back();
            d.cellsLow.emplace_back();
            d.cellsHigh.emplace_back();
            for (std::size_t c = 0; c < 6; ++c) {
                const double v = 0.4 + 0.25 * double(c);
                d.cells.back().push_back(v);
                d.cellsLow.back().push_back(0.8 * v);
                d.cellsHigh.back().push_back(1.2 * v);
            }
        }
        HeatmapPainter p;
        p.setData(d);
        QVERIFY(p.hasBand());
        const auto meanX = [](const std::vector<QPolygonF>& lines) {
            double sum = 0;
            int n = 0;
            for (const auto& l : lines)
                for (const QPointF& pt : l)
                    sum += pt.x(), ++n;
            return n ? sum / n : std::nan("");
        };
        const double mid = meanX(p.contour()), low = meanX(p.bandContour(false)),
                     high = meanX(p.bandContour(true));
        QVERIFY(low > mid);
        QVERIFY(high < mid);
        // Without low and high cells there is no band.
        d.cellsLow.clear();
        p.setData(d);
        QVERIFY(!p.hasBand());
        QVERIFY(p.bandContour(false).empty());
    }
};

QTEST_MAIN(TestTornadoFigures)
#include "tst_tornadofigures.moc"
