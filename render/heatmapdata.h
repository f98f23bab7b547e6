#pragma once

#include <QString>

#include <vector>

namespace tierlens {

/// What a heatmap shows. Plain data, built from a core heatmap StudyResult.
struct HeatmapData {
    QString title;
    QString xLabel; ///< column axis caption
    QString yLabel; ///< row axis caption
    QString valueLabel; ///< colour scale caption: "Energy per token, MoE on SSD ÷ dense in HBM"
    std::vector<double> xValues; ///< one per column, left to right
    std::vector<double> yValues; ///< one per row; row 0 is drawn at the bottom
    std::vector<std::vector<double>> cells; ///< cells[row][column]
    /// Ratios get a diverging scale centred on `contourLevel` (log-symmetric) and the contour
    /// where cells cross it (the break-even line); plain values get a sequential scale.
    bool ratio = false;
    double contourLevel = 1.0;
    int decimals = 3; ///< significant digits of printed cell values
    /// Range mode: the cells at the low and high ends of the ranged constants (same shape as
    /// `cells`, or empty). A ratio map draws the break-even contour of each, dashed, around its own.
    std::vector<std::vector<double>> cellsLow;
    std::vector<std::vector<double>> cellsHigh;
};

/// A cell under a point.
struct HeatmapHit {
    int row = -1;
    int column = -1;
};

} // namespace tierlens
