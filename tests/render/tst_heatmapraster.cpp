// A heatmap of cells a few pixels small is drawn on screen as one pixel per cell scaled up; it must
// show every cell in the colour the rectangle per cell (what vector exports draw) gives it, to
// within the 1024 steps it samples the colour scale at.
#include "render/heatmappainter.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPicture>
#include <QTest>

#include <cmath>

using namespace tierlens;

class TestHeatmapRaster : public QObject {
    Q_OBJECT
private slots:
    void pixelPerCellMatchesRectanglePerCell();
};

void TestHeatmapRaster::pixelPerCellMatchesRectanglePerCell()
{
    HeatmapData d;
    d.title = QStringLiteral("256 × 256");
    d.xLabel = QStringLiteral("x");
    d.yLabel = QStringLiteral("y");
    d.valueLabel = QStringLiteral("ratio");
    d.ratio = true;
    const int n = 256;
    for (int i = 0; i < n; ++i) {
        d.xValues.push_back(i);
        d.yValues.push_back(i);
    }
    d.cells.assign(n, std::vector<double>(n));
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            d.cells[r][c] = std::exp(std::sin(r * 0.07) + std::cos(c * 0.05) - 0.5); // around 1
    HeatmapPainter painter;
    painter.setData(d);
    const QRectF rect(0, 0, 900, 700);
    RenderOptions options;
    options.showValues = false;

    // Raster: the image path.
    QImage direct(900, 700, QImage::Format_ARGB32);
    direct.fill(Qt::white);
    {
        QPainter p(&direct);
        painter.paint(p, rect, options);
    }
    // Through a picture (not a raster engine): a rectangle per cell, replayed into an image.
    QPicture picture;
    {
        QPainter p(&picture);
        painter.paint(p, rect, options);
    }
    QImage replayed(900, 700, QImage::Format_ARGB32);
    replayed.fill(Qt::white);
    {
        QPainter p(&replayed);
        p.drawPicture(0, 0, picture);
    }
    const QRectF cell = painter.cellRect(rect, options, 0, 0, &direct);
    QVERIFY(cell.width() < 4 && cell.height() < 4); // the case under test
    int compared = 0, differ = 0;
    for (int r = 0; r < n; r += 7)
        for (int c = 0; c < n; c += 5) {
            const QPoint at = painter.cellRect(rect, options, r, c, &direct).center().toPoint();
            ++compared;
            // Within 2 of 255 per channel: the image path samples the scale at 1024 steps.
            const QColor a = direct.pixelColor(at), b = replayed.pixelColor(at);
            differ += std::abs(a.red() - b.red()) > 2 || std::abs(a.green() - b.green()) > 2
                    || std::abs(a.blue() - b.blue()) > 2
                ? 1
                : 0;
        }
    QVERIFY(compared > 1000);
    // Contour lines pass over a few sampled centres in both pictures alike; the fills must agree.
    QVERIFY2(differ == 0, qPrintable(QStringLiteral("%1 of %2 cells differ").arg(differ).arg(compared)));
}

QTEST_MAIN(TestHeatmapRaster)
#include "tst_heatmapraster.moc"
