#pragma once
// Internal to HeatmapPainter: where every part of a heatmap goes for one rectangle and device.

#include "render/heatmappainter.h"

#include <QFont>
#include <QRectF>
#include <QStringList>

#include <vector>

namespace tierlens {

struct HeatmapPainter::Layout {
    int rows = 0;
    int columns = 0;
    QRectF grid; ///< outer rectangle of the cells; empty when there is nothing to draw
    double cellW = 0;
    double cellH = 0;

    QFont font; ///< captions
    QFont tickFont; ///< tick labels, legend key
    QFont titleFont;
    QFont valueFont; ///< numbers in cells, shrunk to fit
    bool values = false;
    int decimals = 3;

    double line = 0; ///< line height of `font`
    double tickLine = 0; ///< line height of `tickFont`
    double gap = 0;
    double tickLen = 0;
    double hairline = 0; ///< frames and ticks
    double borderWidth = 0; ///< white lines between cells; 0 when cells are too small for them
    double contourWidth = 0;

    QString title;
    QRectF titleRect;
    QString message; ///< shown instead of an empty grid
    QRectF messageRect;

    std::vector<QString> xLabels;
    std::vector<QString> yLabels;
    int xEvery = 1; ///< label every n-th column so labels never touch
    int yEvery = 1;
    double xLabelTop = 0;
    double xLabelWidth = 0;
    double yLabelLeft = 0;
    double yLabelWidth = 0;
    QStringList xCaption;
    QRectF xCaptionRect;
    QStringList yCaption; ///< drawn rotated, centred on yCaptionRect
    QRectF yCaptionRect;

    bool legend = false;
    QRectF bar;
    double barLabelLeft = 0;
    double barLabelWidth = 0;
    QStringList scaleCaption;
    QRectF scaleCaptionRect;
    QStringList keyText; ///< contour legend, every line of every entry; empty for plain data
    /// Where each entry of the key starts in keyText: the solid break-even line, then in range
    /// mode the dashed low and high lines. Each entry's first line carries its sample.
    std::vector<int> keyEntryLine;
    QRectF key;
    double keySample = 0; ///< length of the sample line in the key

    /// Cell coordinates (x = column, y = row, centres at integers) to painted coordinates.
    QPointF centre(double x, double y) const
    {
        return { grid.left() + (x + 0.5) * cellW, grid.bottom() - (y + 0.5) * cellH };
    }
    QRectF cell(int row, int column) const
    {
        return { grid.left() + column * cellW, grid.top() + (rows - 1 - row) * cellH, cellW, cellH };
    }
};

} // namespace tierlens
