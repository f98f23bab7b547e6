#pragma once

#include "render/chartpainter.h"
#include "render/heatmapcolorscale.h"
#include "render/heatmapdata.h"

#include <QFont>
#include <QPolygonF>
#include <QString>

#include <optional>
#include <vector>

class QPaintDevice;

namespace tierlens {

class HeatmapColorScale;

/// Draws a heatmap: cells coloured by value, the break-even contour of ratio maps, axes, a
/// colour-scale legend and the title. Row 0 is at the bottom, column 0 at the left.
///
/// Sizes derive from the font measured on the target device, so one paint() serves the screen and
/// a 300 dpi figure alike. hitTest() and cellRect() take that device too (nullptr: the default
/// screen resolution); the widget passes itself so clicks land exactly on what was drawn.
class HeatmapPainter : public ChartPainter {
public:
    void setData(HeatmapData data);
    const HeatmapData& data() const { return data_; }
    /// Outlined strongly; (-1, -1) for none.
    void setSelectedCell(int row, int column);
    HeatmapHit selectedCell() const { return selected_; }

    /// Rows and columns actually drawn: the part where values, x and y labels are all present.
    int rowCount() const { return rows_; }
    int columnCount() const { return columns_; }
    /// cells[row][column], or NaN where the data has no such cell.
    double value(int row, int column) const;

    void paint(QPainter& painter, const QRectF& rect, const RenderOptions& options) const override;
    /// The cell under `point`; (-1, -1) outside the grid.
    HeatmapHit hitTest(const QRectF& rect, const RenderOptions& options, const QPointF& point,
        const QPaintDevice* device = nullptr) const;
    /// A cell exactly as painted; empty for a cell that is not drawn.
    QRectF cellRect(const QRectF& rect, const RenderOptions& options, int row, int column,
        const QPaintDevice* device = nullptr) const;

    /// The contour where cells cross data().contourLevel, as polylines in cell coordinates
    /// (x = column, y = row, cell centres at integers), by marching squares with linear
    /// interpolation of log(value) between neighbouring cell centres. Empty when no cell pair
    /// crosses. Computed for any data; paint() draws it for ratio data only.
    std::vector<QPolygonF> contour() const;
    /// Range mode: the same contour of data().cellsLow (high = false) or cellsHigh; empty when
    /// there are none.
    std::vector<QPolygonF> bandContour(bool high) const;
    /// Whether the data carry low and high cells of the drawn grid's shape.
    bool hasBand() const;

private:
    struct Layout;
    /// The one place positions are computed: paint(), hitTest() and cellRect() all go through it.
    /// `fitValues` also sizes the cell numbers' font, which moves nothing but costs a measurement
    /// per cell, so hit tests skip it.
    Layout layout(const QRectF& rect, const RenderOptions& options, const QPaintDevice* device,
        bool fitValues = false) const;
    // The phases of layout(), in the order it runs them.
    void layoutMetrics(Layout& l, const RenderOptions& options, const QPaintDevice* device) const;
    /// Places the title; returns where the rest starts.
    double layoutTitle(
        Layout& l, const QRectF& inner, const RenderOptions& options, const QPaintDevice* device) const;
    /// Places the "No data" message; false when there are cells to lay out.
    bool layoutNoData(Layout& l, const QRectF& inner, double top, const QPaintDevice* device) const;
    /// Tick and legend labels and their widths; returns the contour key's entries.
    QStringList layoutLabels(Layout& l, const QPaintDevice* device) const;
    /// The grid, the captions, the colour bar and the key, with or without the legend.
    void layoutAroundGrid(Layout& l, const QRectF& inner, double top, bool legend,
        const QStringList& keyEntries, const QPaintDevice* device) const;
    static QRectF fitGridToLabels(const Layout& l, const QRectF& inner, double left, double width,
        double limitRight, double top, double bottom);
    /// Cell size, label spacing and borders, from the placed grid.
    static void layoutCells(Layout& l);
    /// The cell numbers' font, or no numbers when they cannot fit.
    void fitCellValues(Layout& l, bool wanted, const QPaintDevice* device) const;
    HeatmapColorScale colorScale() const;
    /// An axis' tick labels and the widest one's width. An edit changes the cells, rarely the
    /// axes: formatting and measuring 256 labels per axis on every repaint would cost a
    /// millisecond, so they are kept while the values, the font and the device stay the same.
    struct TickLabels {
        std::vector<double> values;
        QFont font;
        const QPaintDevice* device = nullptr;
        int dpiX = 0, dpiY = 0;
        std::vector<QString> texts;
        double widest = 0;
    };
    static const TickLabels& tickLabels(std::optional<TickLabels>& cache, const std::vector<double>& values,
        int count, const QFont& font, const QPaintDevice* device);
    /// contour() of any field of the drawn grid's shape (`at(row, column)`).
    template <class At> std::vector<QPolygonF> contourOf(At at) const;

    void paintCells(QPainter& p, const Layout& l, const RenderOptions& o, const HeatmapColorScale& s) const;
    /// Numbers in the cells; those the `lines` (the contour and the band's dashed lines) pass
    /// behind sit on an outline of width `halo` in their cell's colour.
    void paintValues(QPainter& p, const Layout& l, const RenderOptions& o, const HeatmapColorScale& s,
        const std::vector<QPolygonF>& lines, double halo) const;
    /// The contour in painted coordinates, reaching the grid's edge at every open end.
    std::vector<QPolygonF> paintedContour(const Layout& l) const;
    void paintSelection(QPainter& p, const Layout& l) const;
    void paintAxes(QPainter& p, const Layout& l) const;
    void paintLegend(QPainter& p, const Layout& l, const RenderOptions& o, const HeatmapColorScale& s) const;

    HeatmapData data_;
    HeatmapHit selected_;
    int rows_ = 0;
    int columns_ = 0;
    // Both follow from the data alone, and each paint and layout needs them: kept until setData.
    mutable std::optional<HeatmapColorScale> scale_;
    mutable std::optional<std::vector<QPolygonF>> contour_;
    // Kept across setData: each carries the values, font and device it was made for (TickLabels).
    mutable std::optional<TickLabels> xTicks_, yTicks_;
};

} // namespace tierlens
