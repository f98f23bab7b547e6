#pragma once
// Data and rendering helpers for tst_heatmappainter: hand-made grids, the reference study's
// heatmap, a 64 × 64 stress map, and rendering into images and SVG.

#include "render/heatmappainter.h"

#include <QApplication>
#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

namespace tierlens::test {

using Cells = std::vector<std::vector<double>>;
using Points = QList<QPointF>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
const QRectF kScreen(0, 0, 640, 420);

inline HeatmapData grid(Cells cells, bool ratio = true)
{
    HeatmapData d;
    d.xLabel = QStringLiteral("x");
    d.yLabel = QStringLiteral("y");
    d.valueLabel = QStringLiteral("ratio");
    std::size_t columns = 0;
    for (const auto& row : cells)
        columns = std::max(columns, row.size());
    for (std::size_t c = 0; c < columns; ++c)
        d.xValues.push_back(double(c));
    for (std::size_t r = 0; r < cells.size(); ++r)
        d.yValues.push_back(double(r + 1));
    d.cells = std::move(cells);
    d.ratio = ratio;
    return d;
}

// The reference study paper/fig6 (tierlens-cli study paper/fig6 --format json).
inline HeatmapData fig6()
{
    HeatmapData d;
    d.title = QStringLiteral("Flash read energy vs. batch (paper fig. 6)");
    d.xLabel = QStringLiteral("Flash read energy (× 102.4 pJ/b)");
    d.yLabel = QStringLiteral("Batch");
    d.valueLabel = QStringLiteral("Energy per token, MoE on SSD ÷ dense in HBM");
    d.xValues = { 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1 };
    d.yValues = { 1, 2, 3, 4 };
    const double first[] = { 1.1398435205670623, 1.7681414511587719, 2.424543326731197, 3.088260448463125 };
    const double step[] = { 0.0570635724775276, 0.1106108033795131, 0.1629704992883614, 0.2141713058744496 };
    for (int r = 0; r < 4; ++r) {
        d.cells.emplace_back();
        for (int c = 0; c < 10; ++c)
            d.cells.back().push_back(first[r] - c * step[r]);
    }
    d.ratio = true;
    return d;
}

// 64 × 64: a wavy break-even line, far too many cells for numbers.
inline HeatmapData stress64()
{
    HeatmapData d = fig6();
    d.title = QStringLiteral("64 × 64 stress map");
    d.xValues.clear();
    d.yValues.clear();
    d.cells.assign(64, std::vector<double>(64));
    for (int i = 0; i < 64; ++i) {
        d.xValues.push_back(1.0 - 0.9 * i / 63.0);
        d.yValues.push_back(i + 1);
    }
    for (int r = 0; r < 64; ++r)
        for (int c = 0; c < 64; ++c) {
            const double wave = 0.25 * std::sin(r / 7.0) * std::cos(c / 9.0);
            d.cells[r][c] = 0.8 * std::exp(1.6 * r / 63.0 - 1.3 * c / 63.0 + wave);
        }
    return d;
}

inline RenderOptions screenOptions(PaletteKind palette = PaletteKind::ColorBlindSafe)
{
    RenderOptions o;
    o.font = QApplication::font();
    o.palette = palette;
    return o;
}

inline RenderOptions printOptions(PaletteKind palette = PaletteKind::ColorBlindSafe)
{
    RenderOptions o = screenOptions(palette);
    o.font.setPointSizeF(8);
    return o;
}

// A 3.5 in × 2.6 in figure at 300 dpi.
inline QImage printImage()
{
    QImage image(1050, 780, QImage::Format_RGB32);
    image.setDotsPerMeterX(11811);
    image.setDotsPerMeterY(11811);
    image.fill(Qt::white);
    return image;
}

inline QImage render(
    const HeatmapPainter& painter, const RenderOptions& o, QImage image, const QRectF& rect = {})
{
    QPainter p(&image);
    painter.paint(p, rect.isNull() ? QRectF(image.rect()) : rect, o);
    return image;
}

inline QImage screenImage(QSize size = { 640, 420 })
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    return image;
}

inline QByteArray svgOf(const HeatmapPainter& painter, const RenderOptions& o)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(kScreen.size().toSize());
    generator.setViewBox(kScreen);
    QPainter p(&generator);
    painter.paint(p, kScreen, o);
    p.end();
    return buffer.data();
}

inline QStringList svgTexts(const QByteArray& svg)
{
    QStringList texts;
    QXmlStreamReader xml(svg);
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("text"))
            texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
    return texts;
}

inline bool containsPoint(const std::vector<QPointF>& points, QPointF p)
{
    return std::any_of(points.begin(), points.end(),
        [&](QPointF q) { return std::hypot(p.x() - q.x(), p.y() - q.y()) < 1e-9; });
}

// The first pixel (pixel centres, as "(x, y) #rrggbb") for which `test(colour)` or
// `test(colour, centre)` holds; empty if none.
template <typename Test> QString firstPixel(const QImage& image, Test test)
{
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            bool hit = false;
            if constexpr (std::is_invocable_v<Test, QColor, QPointF>)
                hit = test(c, QPointF(x + 0.5, y + 0.5));
            else
                hit = test(c);
            if (hit)
                return QStringLiteral("(%1, %2) %3").arg(x).arg(y).arg(c.name());
        }
    return {};
}

} // namespace tierlens::test

Q_DECLARE_METATYPE(tierlens::test::Cells)
Q_DECLARE_METATYPE(tierlens::HeatmapData)
Q_DECLARE_METATYPE(tierlens::PaletteKind)
