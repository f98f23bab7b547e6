// Heatmap chart: contour geometry, layout and hit tests, colours, exports, robustness, the widget.
#include "render/chartaxis.h"
#include "render/contourtracer.h"
#include "render/heatmapcolorscale.h"
#include "render/heatmappainter.h"
#include "tests/support/heatmaptestsupport.h"
#include "widgets/views/heatmapwidget.h"

#include <QPdfWriter>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QtTest/QTest>

#include <random>

using namespace tierlens;
using namespace tierlens::test;

class TestHeatmapPainter : public QObject {
    Q_OBJECT
private slots:
    void contour_data()
    {
        QTest::addColumn<Cells>("cells");
        QTest::addColumn<double>("level");
        QTest::addColumn<Points>("expected");
        QTest::addColumn<int>("lines");
        QTest::addColumn<bool>("closed");
        const double ln2 = std::log(2.0), ln15 = std::log(1.5);
        // Rows are y, columns x. ln 0.5 = -ln 2 and ln 2 meet halfway.
        QTest::newRow("2x2 vertical") << Cells { { 0.5, 2 }, { 0.5, 2 } } << 1.0 //
                                      << Points { { 0.5, 0 }, { 0.5, 1 } } << 1 << false;
        // Log, not linear: ln 0.5 to ln 4 crosses at 1/3 (linear would say 1/7); ln 0.25 to ln 4 at 1/2.
        QTest::newRow("2x2 log") << Cells { { 0.5, 4 }, { 0.25, 4 } } << 1.0 //
                                 << Points { { 1.0 / 3, 0 }, { 0.5, 1 } } << 1 << false;
        QTest::newRow("2x2 corner") << Cells { { 2, 0.5 }, { 0.5, 0.5 } } << 1.0 //
                                    << Points { { 0.5, 0 }, { 0, 0.5 } } << 1 << false;
        QTest::newRow("2x2 horizontal") << Cells { { 0.5, 0.5 }, { 2, 2 } } << 1.0 //
                                        << Points { { 0, 0.5 }, { 1, 0.5 } } << 1 << false;
        QTest::newRow("level 2") << Cells { { 1, 8 }, { 1, 8 } } << 2.0 //
                                 << Points { { 1.0 / 3, 0 }, { 1.0 / 3, 1 } } << 1 << false;
        const double x = ln2 / (ln2 + ln15);
        QTest::newRow("3x3 column") << Cells { { 0.5, 1.5, 4 }, { 0.5, 1.5, 4 }, { 0.5, 1.5, 4 } } << 1.0
                                    << Points { { x, 0 }, { x, 1 }, { x, 2 } } << 1 << false;
        // A peak of 8 among 0.5: from the centre, ln 8 = 3 ln 2 against -ln 2 crosses 3/4 of the way.
        QTest::newRow("3x3 loop") << Cells { { 0.5, 0.5, 0.5 }, { 0.5, 8, 0.5 }, { 0.5, 0.5, 0.5 } } << 1.0
                                  << Points { { 0.25, 1 }, { 1.75, 1 }, { 1, 0.25 }, { 1, 1.75 } } << 1
                                  << true;
        // Saddle: the centre mean (ln 2 - ln 2 = 0) is not above, so the two high corners are cut off.
        QTest::newRow("saddle") << Cells { { 2, 0.5 }, { 0.5, 2 } } << 1.0
                                << Points { { 0.5, 0 }, { 0, 0.5 }, { 1, 0.5 }, { 0.5, 1 } } << 2 << false;
        // No cell pair crosses: nothing, whatever the zeros and gaps.
        QTest::newRow("all below") << Cells { { 0.5, 0.9 }, { 0.99, 0.7 } } << 1.0 << Points {} << 0 << false;
        QTest::newRow("all above") << Cells { { 1.5, 1.9 }, { 1.01, 3.0 } } << 1.0 << Points {} << 0 << false;
        QTest::newRow("all at level") << Cells { { 1, 1 }, { 1, 1 } } << 1.0 << Points {} << 0 << false;
        QTest::newRow("below, zeros, NaN")
            << Cells { { 0, -2, 0.5 }, { kNaN, 0.2, 0.9 } } << 1.0 << Points {} << 0 << false;
        QTest::newRow("only across NaN")
            << Cells { { 0.5, kNaN }, { kNaN, 2 } } << 1.0 << Points {} << 0 << false;
        // One row has no squares: each crossing is a segment across the strip.
        QTest::newRow("one row") << Cells { { 0.5, 2, 0.5 } } << 1.0
                                 << Points { { 0.5, -0.5 }, { 0.5, 0.5 }, { 1.5, -0.5 }, { 1.5, 0.5 } } << 2
                                 << false;
    }
    void contour()
    {
        QFETCH(Cells, cells);
        QFETCH(double, level);
        QFETCH(Points, expected);
        QFETCH(int, lines);
        QFETCH(bool, closed);
        HeatmapPainter painter;
        HeatmapData d = grid(cells);
        d.contourLevel = level;
        painter.setData(d);
        const auto contour = painter.contour();
        QCOMPARE(int(contour.size()), lines);
        std::vector<QPointF> got;
        for (const QPolygonF& line : contour) {
            QCOMPARE(line.size() > 2 && line.constFirst() == line.constLast(), closed);
            got.insert(got.end(), line.begin(), line.end());
        }
        for (QPointF p : got)
            QVERIFY2(containsPoint({ expected.begin(), expected.end() }, p),
                qPrintable(QStringLiteral("unexpected (%1, %2)").arg(p.x()).arg(p.y())));
        for (QPointF p : expected)
            QVERIFY2(
                containsPoint(got, p), qPrintable(QStringLiteral("missing (%1, %2)").arg(p.x()).arg(p.y())));
    }

    void contourAtZeroAndInfinity()
    {
        // Zero and negative cells have no logarithm: they count as far below, so the line passes
        // nearer their positive neighbour (x > 0.5 in rows 0 and 1); +inf is far above, so the line
        // passes nearer the finite 0.5 (x < 0.5 in row 2).
        HeatmapPainter painter;
        painter.setData(grid({ { 0, 2 }, { -1, 2 }, { 0.5, kInf } }));
        const auto contour = painter.contour();
        QCOMPARE(int(contour.size()), 1);
        QCOMPARE(contour.front().size(), 3);
        for (QPointF p : contour.front()) {
            QVERIFY(std::isfinite(p.x()) && std::isfinite(p.y()));
            if (p.y() < 1.5)
                QVERIFY2(p.x() > 0.5 && p.x() < 1, qPrintable(QString::number(p.x())));
            else
                QVERIFY2(p.x() > 0 && p.x() < 0.5, qPrintable(QString::number(p.x())));
        }
    }

    // Every open end of the break-even line meets the grid's border, at all four edges alike: a
    // nearly tangential end used to stop on the outermost cell centres while others reached the
    // edge. Random fields (fixed seed) find such ends; the first case makes one on purpose.
    void contourReachesEveryEdge()
    {
        const auto onBorder = [](QPointF p, int rows, int columns) {
            const double e = 1e-9;
            return std::fabs(p.x() + 0.5) < e || std::fabs(p.x() - (columns - 0.5)) < e
                || std::fabs(p.y() + 0.5) < e || std::fabs(p.y() - (rows - 0.5)) < e;
        };
        // Along the bottom row and out at its centre: the last segment runs nearly parallel to the edge.
        const auto tangent
            = ContourTracer::extendToBorder({ QPolygonF { { 3, 1 }, { 2.5, 0.05 }, { 1.5, 0 } } }, 3, 4);
        QVERIFY(onBorder(tangent.front().constLast(), 3, 4));
        QCOMPARE(tangent.front().constLast(), QPointF(1.5, -0.5)); // straight out, half a cell
        std::mt19937 random(20261201);
        std::uniform_real_distribution<double> decades(-1, 1);
        int ends = 0;
        for (int trial = 0; trial < 300; ++trial) {
            const int rows = 2 + trial % 5, columns = 2 + trial % 7;
            Cells cells(
                static_cast<std::size_t>(rows), std::vector<double>(static_cast<std::size_t>(columns)));
            for (auto& row : cells)
                for (double& v : row)
                    v = std::pow(10.0, decades(random));
            HeatmapPainter painter;
            painter.setData(grid(cells));
            for (const QPolygonF& line : ContourTracer::extendToBorder(painter.contour(), rows, columns)) {
                if (line.size() > 2 && line.constFirst() == line.constLast())
                    continue; // a loop has no ends
                for (QPointF end : { line.constFirst(), line.constLast() }) {
                    ++ends;
                    QVERIFY2(onBorder(end, rows, columns),
                        qPrintable(QStringLiteral("trial %1: end (%2, %3) inside the grid")
                                       .arg(trial)
                                       .arg(end.x())
                                       .arg(end.y())));
                }
            }
        }
        QVERIFY(ends > 300);
    }

    // The line runs through the printed numbers (a column of exact break-even cells); it must be
    // drawn whole, the numbers standing on a halo: as many line pieces with numbers as without.
    void contourIsNotCutByNumbers()
    {
        Cells cells;
        for (int r = 0; r < 4; ++r)
            cells.push_back({ 0.5, 0.8, 1.0, 1.25, 2.0 });
        HeatmapPainter painter;
        painter.setData(grid(cells));
        RenderOptions o = screenOptions();
        o.showValues = true;
        const QByteArray with = svgOf(painter, o);
        o.showValues = false;
        const QByteArray without = svgOf(painter, o);
        QVERIFY(svgTexts(with).contains(QStringLiteral("1")));
        QVERIFY(with.count("<polyline") > 0);
        QCOMPARE(with.count("<polyline"), without.count("<polyline"));
        // Halos (the glyphs' outlines, stroked as paths) only where the line passes: the four
        // numbers of the break-even column, perhaps their neighbours, never the far columns.
        const auto halos = with.count("<path") - without.count("<path");
        QVERIFY2(halos >= 4 && halos <= 12, qPrintable(QString::number(halos)));

        // Range mode: the dashed low and high lines cross columns 1 and 3; their numbers need
        // halos as well, and the far columns still none.
        HeatmapData banded = grid(cells);
        for (const auto& row : cells) {
            banded.cellsLow.push_back({});
            banded.cellsHigh.push_back({});
            for (double v : row) {
                banded.cellsLow.back().push_back(v * 0.8);
                banded.cellsHigh.back().push_back(v * 1.25);
            }
        }
        painter.setData(banded);
        QVERIFY(painter.hasBand());
        o.showValues = true;
        const QByteArray bandWith = svgOf(painter, o);
        o.showValues = false;
        const auto bandHalos = bandWith.count("<path") - svgOf(painter, o).count("<path");
        QVERIFY2(bandHalos >= 12 && bandHalos < 20, qPrintable(QString::number(bandHalos)));
    }

    // Range mode's key has an entry per kind of line, each with a sample drawn as on the map:
    // the dashed low and high lines get a dashed sample of their own.
    void rangeKeyShowsTheDashedLines()
    {
        Cells cells, low, high;
        for (int r = 0; r < 4; ++r) {
            cells.push_back({ 0.5, 0.8, 1.0, 1.25, 2.0 });
            low.push_back({ 0.4, 0.64, 0.8, 1.0, 1.6 });
            high.push_back({ 0.625, 1.0, 1.25, 1.5625, 2.5 });
        }
        HeatmapData d = grid(cells);
        d.cellsLow = low;
        d.cellsHigh = high;
        HeatmapPainter painter;
        painter.setData(d);
        RenderOptions o = screenOptions();
        o.showLegend = true;
        const QByteArray with = svgOf(painter, o);
        o.showLegend = false;
        const QByteArray without = svgOf(painter, o);
        const QStringList texts = svgTexts(with);
        QVERIFY2(texts.contains(QStringLiteral("low, high")), qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY(with.count("stroke-dasharray") > without.count("stroke-dasharray"));
        // Without a band there is no such entry.
        painter.setData(grid(cells));
        o.showLegend = true;
        QVERIFY(!svgTexts(svgOf(painter, o)).contains(QStringLiteral("low, high")));
    }

    void contourEndsAndGaps()
    {
        const auto lines = ContourTracer::extendToBorder({ QPolygonF { { 0.5, 0 }, { 0.5, 1 } } }, 2, 2);
        QCOMPARE(lines.front(), (QPolygonF { { 0.5, -0.5 }, { 0.5, 0 }, { 0.5, 1 }, { 0.5, 1.5 } }));
        // A closed loop stays as it is.
        const QPolygonF loop { { 0.25, 1 }, { 1, 0.25 }, { 1.75, 1 }, { 1, 1.75 }, { 0.25, 1 } };
        QCOMPARE(ContourTracer::extendToBorder({ loop }, 3, 3).front(), loop);
        // Cut around a number: both halves stay; a stub shorter than minPiece does not.
        const QPolygonF line { { 0, 0 }, { 10, 0 } };
        const auto cut = ContourTracer::cutAround({ line }, { QRectF(4, -1, 2, 2) }, 1.0);
        QCOMPARE(cut, (std::vector<QPolygonF> { { { 0, 0 }, { 4, 0 } }, { { 6, 0 }, { 10, 0 } } }));
        const auto stub = ContourTracer::cutAround({ line }, { QRectF(0.5, -1, 2, 2) }, 1.0);
        QCOMPARE(stub, (std::vector<QPolygonF> { { { 2.5, 0 }, { 10, 0 } } }));
    }

    void colorScale()
    {
        const HeatmapColorScale s({ 0.5, 2, 4, 0, kNaN }, true, 1.0);
        QCOMPARE(s.span(), 4.0);
        QCOMPARE(s.position(1.0), 0.5);
        QCOMPARE(s.position(4.0), 1.0);
        QCOMPARE(s.position(0.25), 0.0);
        QCOMPARE(s.position(2.0), 0.75);
        QCOMPARE(s.position(0.0), 0.0);
        QVERIFY(!s.color(kNaN, PaletteKind::ColorBlindSafe).isValid());
        const std::vector<double> ticks = s.ticks();
        QVERIFY(std::find(ticks.begin(), ticks.end(), 1.0) != ticks.end());
        QCOMPARE(HeatmapColorScale({ 1.0, 1.0 }, true, 1.0).span(), HeatmapColorScale::kMinRatioSpan);
        const HeatmapColorScale plain({ 2, 7, kNaN }, false, 1.0);
        QCOMPARE(plain.position(2), 0.0);
        QCOMPARE(plain.position(7), 1.0);
        for (double t : plain.ticks())
            QVERIFY(t >= 2 && t <= 7);
    }

    void hitTestMatchesCellRect_data()
    {
        QTest::addColumn<HeatmapData>("data");
        QTest::addColumn<bool>("print");
        QTest::newRow("fig6 screen") << fig6() << false;
        QTest::newRow("fig6 300 dpi") << fig6() << true;
        QTest::newRow("64x64") << stress64() << false;
        QTest::newRow("1x1") << grid({ { 2 } }) << false;
        HeatmapData short_ = grid({ { 1, 2, 3 }, { 4 } });
        short_.yValues.push_back(9); // a y value without cells
        QTest::newRow("mismatched") << short_ << false;
    }
    void hitTestMatchesCellRect()
    {
        QFETCH(HeatmapData, data);
        QFETCH(bool, print);
        HeatmapPainter painter;
        painter.setData(data);
        const QImage image = print ? printImage() : screenImage();
        const RenderOptions o = print ? printOptions() : screenOptions();
        const QRectF rect(image.rect());
        QVERIFY(painter.rowCount() > 0 && painter.columnCount() > 0);
        for (int r = 0; r < painter.rowCount(); ++r)
            for (int c = 0; c < painter.columnCount(); ++c) {
                const QRectF cell = painter.cellRect(rect, o, r, c, &image);
                QVERIFY(!cell.isEmpty() && rect.contains(cell));
                const HeatmapHit hit = painter.hitTest(rect, o, cell.center(), &image);
                QCOMPARE(hit.row, r);
                QCOMPARE(hit.column, c);
            }
        const QRectF first = painter.cellRect(rect, o, 0, 0, &image);
        for (QPointF outside : { QPointF(2, 2), first.bottomLeft() + QPointF(-1, -1),
                 first.bottomLeft() + QPointF(1, 1), rect.bottomRight() - QPointF(2, 2) }) {
            const HeatmapHit hit = painter.hitTest(rect, o, outside, &image);
            QCOMPARE(hit.row, -1);
            QCOMPARE(hit.column, -1);
        }
        QVERIFY(painter.cellRect(rect, o, painter.rowCount(), 0, &image).isEmpty());
    }

    void rowZeroAtBottom()
    {
        HeatmapPainter painter;
        painter.setData(fig6());
        const RenderOptions o = screenOptions();
        const QRectF r0 = painter.cellRect(kScreen, o, 0, 0), r3 = painter.cellRect(kScreen, o, 3, 0);
        QVERIFY(r0.center().y() > r3.center().y());
        QCOMPARE(r0.top(), painter.cellRect(kScreen, o, 1, 0).bottom());
        QVERIFY(r0.center().x() < painter.cellRect(kScreen, o, 0, 9).center().x());
        QCOMPARE(r0.right(), painter.cellRect(kScreen, o, 0, 1).left());
    }

    void colours_data()
    {
        QTest::addColumn<PaletteKind>("palette");
        QTest::newRow("colour") << PaletteKind::ColorBlindSafe;
        QTest::newRow("grayscale") << PaletteKind::Grayscale;
    }
    void colours()
    {
        QFETCH(PaletteKind, palette);
        HeatmapPainter painter;
        painter.setData(fig6());
        RenderOptions o = screenOptions(palette);
        o.showValues = false;
        const QImage image = render(painter, o, screenImage());
        const QColor low = image.pixelColor(painter.cellRect(kScreen, o, 0, 9).center().toPoint()); // 0.63
        const QColor high = image.pixelColor(painter.cellRect(kScreen, o, 3, 0).center().toPoint()); // 3.09
        if (palette == PaletteKind::ColorBlindSafe) {
            QVERIFY2(low.blue() > low.red() + 40, qPrintable(low.name()));
            QVERIFY2(high.red() > high.blue() + 40, qPrintable(high.name()));
            return;
        }
        QVERIFY(low != high);
        const QString coloured = firstPixel(image,
            [](QColor c) { return std::abs(c.red() - c.green()) > 3 || std::abs(c.green() - c.blue()) > 3; });
        QVERIFY2(coloured.isEmpty(), qPrintable(coloured));
    }

    void svgExport()
    {
        HeatmapPainter painter;
        painter.setData(fig6());
        const QByteArray svg = svgOf(painter, screenOptions());
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        const QStringList texts = svgTexts(svg);
        QVERIFY2(texts.contains(QStringLiteral("3.09")), qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY(texts.contains(fig6().title));
    }

    void reusedPainterMeasuresNewAxes()
    {
        // Tick labels are kept from one repaint to the next while the axes stay: new axis values
        // must be laid out exactly as a fresh painter lays them out.
        HeatmapPainter reused;
        reused.setData(fig6());
        const RenderOptions o = screenOptions();
        const QRectF before = reused.cellRect(kScreen, o, 0, 0);
        HeatmapData wide = fig6();
        for (double& y : wide.yValues)
            y *= 1e7; // far wider row labels than the batches 1 to 4
        reused.setData(wide);
        HeatmapPainter fresh;
        fresh.setData(wide);
        QCOMPARE(reused.cellRect(kScreen, o, 0, 0), fresh.cellRect(kScreen, o, 0, 0));
        QVERIFY(fresh.cellRect(kScreen, o, 0, 0).left() > before.left());
        // And back: the first axes' layout again.
        reused.setData(fig6());
        QCOMPARE(reused.cellRect(kScreen, o, 0, 0), before);
    }

    void pdfExport()
    {
        // A 3.5 in × 2.6 in PDF at 300 dpi lays the chart out exactly as the 300 dpi PNG does:
        // sizes follow the device's resolution, not the screen's.
        HeatmapPainter painter;
        painter.setData(fig6());
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        const QImage image = printImage();
        {
            QPdfWriter pdf(&buffer);
            pdf.setPageSize(QPageSize(QSizeF(3.5, 2.6), QPageSize::Inch));
            pdf.setPageMargins({});
            pdf.setResolution(300);
            QCOMPARE(pdf.logicalDpiY(), 300);
            QPainter p(&pdf);
            painter.paint(p, QRectF(0, 0, pdf.width(), pdf.height()), printOptions());
            const QRectF rect(image.rect());
            const QRectF inPdf = painter.cellRect(rect, printOptions(), 2, 3, &pdf);
            const QRectF inPng = painter.cellRect(rect, printOptions(), 2, 3, &image);
            QVERIFY2(std::abs(inPdf.left() - inPng.left()) < 1 && std::abs(inPdf.width() - inPng.width()) < 1,
                qPrintable(QStringLiteral("%1 vs %2").arg(inPdf.left()).arg(inPng.left())));
            // At the screen's 96 dpi the same 8 pt font is a third as many pixels: a different layout.
            QVERIFY(painter.cellRect(rect, printOptions(), 2, 3).width() > inPng.width() * 1.1);
        }
        QVERIFY(buffer.data().startsWith("%PDF"));
    }

    void valuesShownOrOmitted_data()
    {
        QTest::addColumn<HeatmapData>("data");
        QTest::addColumn<bool>("showValues");
        QTest::addColumn<bool>("expectValues");
        QTest::newRow("fig6") << fig6() << true << true;
        QTest::newRow("fig6 values off") << fig6() << false << false;
        QTest::newRow("64x64 too small") << stress64() << true << false;
    }
    void valuesShownOrOmitted()
    {
        QFETCH(HeatmapData, data);
        QFETCH(bool, showValues);
        QFETCH(bool, expectValues);
        HeatmapPainter painter;
        painter.setData(data);
        RenderOptions o = screenOptions();
        o.showValues = showValues;
        QStringList texts = svgTexts(svgOf(painter, o));
        o.showValues = false;
        const QStringList labels = svgTexts(svgOf(painter, o));
        for (const QString& label : labels)
            texts.removeOne(label);
        // What is left are the cell numbers: all of them, in cell order (bottom row last), or none.
        QStringList values;
        for (auto row = data.cells.rbegin(); row != data.cells.rend(); ++row)
            for (double v : *row)
                values << ChartAxis::format(v, data.decimals);
        QCOMPARE(texts, expectValues ? values : QStringList());
    }

    void contourDrawnWhereComputed_data()
    {
        QTest::addColumn<HeatmapData>("data");
        QTest::addColumn<bool>("print");
        QTest::newRow("fig6") << fig6() << false;
        QTest::newRow("fig6 300 dpi") << fig6() << true;
        QTest::newRow("64x64") << stress64() << false;
    }
    void contourDrawnWhereComputed()
    {
        QFETCH(HeatmapData, data);
        QFETCH(bool, print);
        HeatmapPainter painter;
        painter.setData(data);
        RenderOptions o = print ? printOptions() : screenOptions();
        o.showValues = false;
        const QImage image = render(painter, o, print ? printImage() : screenImage());
        const QRectF rect(image.rect());
        const QRectF c00 = painter.cellRect(rect, o, 0, 0, &image);
        const auto contour = painter.contour();
        QVERIFY(!contour.empty());
        for (const QPolygonF& line : contour)
            for (int i = 0; i + 1 < line.size(); ++i) {
                const QPointF m = (line.at(i) + line.at(i + 1)) / 2;
                const QPointF px(
                    c00.center().x() + m.x() * c00.width(), c00.center().y() - m.y() * c00.height());
                const QColor c = image.pixelColor(int(std::floor(px.x())), int(std::floor(px.y())));
                QVERIFY2(c.lightness() < 90,
                    qPrintable(QStringLiteral("%1 at (%2, %3)").arg(c.name()).arg(px.x()).arg(px.y())));
            }
    }

    void staysInsideRect_data()
    {
        QTest::addColumn<HeatmapData>("data");
        QTest::addColumn<QRectF>("rect");
        QTest::addColumn<bool>("print");
        HeatmapData longCaptions = fig6();
        longCaptions.xLabel = longCaptions.yLabel = longCaptions.valueLabel = longCaptions.title
            = QStringLiteral("A caption far too long for any axis of this chart, repeated: ").repeated(4);
        QTest::newRow("fig6") << fig6() << QRectF(100, 80, 640, 420) << false;
        QTest::newRow("fig6 300 dpi") << fig6() << QRectF(60, 50, 900, 650) << true;
        QTest::newRow("long captions") << longCaptions << QRectF(100, 80, 640, 420) << false;
        QTest::newRow("64x64") << stress64() << QRectF(100, 80, 640, 420) << false;
        QTest::newRow("tiny") << fig6() << QRectF(100, 80, 60, 40) << false;
        QTest::newRow("empty") << HeatmapData() << QRectF(100, 80, 640, 420) << false;
    }
    void staysInsideRect()
    {
        QFETCH(HeatmapData, data);
        QFETCH(QRectF, rect);
        QFETCH(bool, print);
        HeatmapPainter painter;
        painter.setData(data);
        painter.setSelectedCell(0, 0);
        QImage canvas = print ? printImage() : screenImage({ 900, 700 });
        canvas.fill(Qt::magenta);
        const QImage image = render(painter, print ? printOptions() : screenOptions(), canvas, rect);
        const QString outside = firstPixel(
            image, [&](QColor c, QPointF p) { return c != QColor(Qt::magenta) && !rect.contains(p); });
        QVERIFY2(outside.isEmpty(), qPrintable(outside));
        const bool drewInside = !firstPixel(image, [](QColor c) { return c != Qt::magenta; }).isEmpty();
        QVERIFY(drewInside || rect.width() < 100);
    }

    void robustness_data()
    {
        QTest::addColumn<HeatmapData>("data");
        QTest::newRow("empty") << HeatmapData();
        QTest::newRow("1x1") << grid({ { 2 } });
        QTest::newRow("1x5") << grid({ { 0.5, 2, 0.5, 0.1, 9 } });
        QTest::newRow("5x1") << grid({ { 0.5 }, { 2 }, { 0.5 }, { 0.1 }, { 9 } });
        QTest::newRow("64x64") << stress64();
        HeatmapData shortRows = grid({ { 1, 2, 3 }, { 4 }, {} });
        shortRows.xValues.resize(5, 7.0);
        QTest::newRow("mismatched") << shortRows;
        HeatmapData noAxes = grid({ { 1, 2 }, { 3, 4 } });
        noAxes.xValues.clear();
        QTest::newRow("no x values") << noAxes;
        QTest::newRow("zeros, negatives") << grid({ { 0, -1, 2 }, { -5, 0, 3 } });
        QTest::newRow("NaN, inf") << grid({ { kNaN, kInf, 2 }, { -kInf, 0.5, kNaN } });
        QTest::newRow("all NaN") << grid({ { kNaN, kNaN }, { kNaN, kNaN } });
        QTest::newRow("huge span") << grid({ { 1e-300, 1e300 }, { 1, 1e-5 } });
        QTest::newRow("plain flat") << grid({ { 3, 3 }, { 3, 3 } }, false);
        QTest::newRow("plain mixed") << grid({ { -1e9, kNaN }, { kInf, 1e9 } }, false);
        HeatmapData badLevel = fig6();
        badLevel.contourLevel = 0;
        badLevel.decimals = -4;
        QTest::newRow("level 0") << badLevel;
        badLevel.contourLevel = kNaN;
        badLevel.decimals = 99;
        QTest::newRow("level NaN") << badLevel;
    }
    void robustness()
    {
        QFETCH(HeatmapData, data);
        HeatmapPainter painter;
        painter.setData(data);
        painter.setSelectedCell(99, -3);
        for (const QPolygonF& line : painter.contour())
            for (QPointF p : line)
                QVERIFY(std::isfinite(p.x()) && std::isfinite(p.y()));
        const RenderOptions o = screenOptions();
        const QImage image = render(painter, o, screenImage());
        QVERIFY(!firstPixel(image, [](QColor c) { return c != Qt::white; }).isEmpty()); // at least "No data"
        for (QRectF tiny : { QRectF(0, 0, 0, 0), QRectF(0, 0, 12, 9), QRectF(5, 5, -20, 30) })
            render(painter, o, screenImage(), tiny);
        QVERIFY(QSvgRenderer(svgOf(painter, o)).isValid());
        const HeatmapHit hit = painter.hitTest(kScreen, o, kScreen.center());
        QVERIFY(hit.row < painter.rowCount() && hit.column < painter.columnCount());
    }

    void widgetEmitsCellClicked_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::newRow("bottom left") << 0 << 0;
        QTest::newRow("top right") << 3 << 9;
        QTest::newRow("middle") << 2 << 4;
    }
    void widgetEmitsCellClicked()
    {
        QFETCH(int, row);
        QFETCH(int, column);
        HeatmapWidget widget;
        widget.setData(fig6());
        widget.resize(640, 420);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QSignalSpy spy(&widget, &HeatmapWidget::cellClicked);
        const QRectF cell
            = widget.painter().cellRect(QRectF(widget.rect()), widget.renderOptions(), row, column, &widget);
        QTest::mouseClick(&widget, Qt::LeftButton, {}, cell.center().toPoint());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), row);
        QCOMPARE(spy.at(0).at(1).toInt(), column);
        QTest::mouseClick(&widget, Qt::LeftButton, {}, QPoint(1, 1));
        QCOMPARE(spy.count(), 1);
    }

    void toolTip()
    {
        struct Probe : HeatmapWidget {
            using HeatmapWidget::toolTipAt;
        } widget;
        widget.setData(fig6());
        widget.resize(640, 420);
        const QRectF rect(widget.rect());
        auto at = [&](int r, int c) {
            const QRectF cell = widget.painter().cellRect(rect, widget.renderOptions(), r, c, &widget);
            return widget.toolTipAt(cell.center());
        };
        QCOMPARE(at(1, 5),
            QStringLiteral("Batch = 2, Flash read energy (× 102.4 pJ/b) = 0.5: 1.21509 (above break-even)"));
        QCOMPARE(at(0, 9),
            QStringLiteral("Batch = 1, Flash read energy (× 102.4 pJ/b) = 0.1: 0.626271 (below break-even)"));
        QVERIFY(widget.toolTipAt(QPointF(1, 1)).isEmpty());
    }
};

QTEST_MAIN(TestHeatmapPainter)
#include "tst_heatmappainter.moc"
