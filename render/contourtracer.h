#pragma once

#include <QPolygonF>

#include <vector>

namespace tierlens {

/// Iso-lines of a sampled field by marching squares, in sample coordinates: x = column, y = row,
/// samples at integer positions. Kept apart from the painter so the geometry can be tested alone.
class ContourTracer {
public:
    /// `field[row][column]` must be rows × columns. NaN marks a missing sample: squares touching it
    /// are skipped, so the line breaks there. Infinite samples are not allowed (map them first).
    ContourTracer(std::vector<std::vector<double>> field, int rows, int columns);

    /// Polylines where the field crosses `level`, interpolated linearly between neighbouring
    /// samples; a sample counts as above when it is > level. Closed loops repeat their first point.
    /// A single row (or column) has no squares: each crossing becomes a segment across the strip.
    std::vector<QPolygonF> trace(double level) const;

    /// The sampled area is the union of unit squares around the samples, so an open line that
    /// stops on the outermost samples still has half a cell to go. This extends such ends to the
    /// outer border [-0.5, columns - 0.5] × [-0.5, rows - 0.5]: along their last segment when that
    /// reaches it within one cell, else (a nearly tangential end, where following the segment would
    /// invent a long run of line without data) straight across the half cell to the nearest edge.
    /// Every open end on the outermost samples thus meets the border, at all four edges alike.
    static std::vector<QPolygonF> extendToBorder(std::vector<QPolygonF> lines, int rows, int columns);

    /// The lines with gaps where they pass through `holes` (e.g. printed numbers). Pieces shorter
    /// than `minPiece` that a cut leaves over are dropped: a lone dash next to a number reads as a
    /// minus sign. Works in any coordinates.
    static std::vector<QPolygonF> cutAround(
        const std::vector<QPolygonF>& lines, const std::vector<QRectF>& holes, double minPiece);

private:
    struct Segment {
        int a;
        int b;
    };
    double at(int row, int column) const { return field_[std::size_t(row)][std::size_t(column)]; }
    int edgeId(int row, int column, bool vertical) const
    {
        return (row * columns_ + column) * 2 + (vertical ? 1 : 0);
    }
    QPointF crossing(int edge, double level) const;
    std::vector<QPolygonF> traceStrip(double level) const;
    std::vector<QPolygonF> chain(const std::vector<Segment>& segments, double level) const;

    std::vector<std::vector<double>> field_;
    int rows_ = 0;
    int columns_ = 0;
};

} // namespace tierlens
