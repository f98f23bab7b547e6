#pragma once
// Internal to BarChartPainter: where every part of a bar chart goes for one rectangle and device.

#include "render/barchartpainter.h"

#include <QColor>
#include <QFont>
#include <QLineF>
#include <QRectF>
#include <QString>

#include <vector>

namespace tierlens {

/// Everything paint() draws, in device coordinates of the painted rectangle. Computed by
/// BarChartPainter::layout() (barchartlayout.cpp), the one source of positions for painting,
/// hit tests and the geometry queries.
struct BarChartLayout {
    /// The colours of text; kSubtle also draws the rules under group captions.
    static inline const QColor kText { 30, 30, 30 }, kSubtle { 90, 90, 90 };
    static constexpr int kWhiskerSlot = -2;

    struct Text {
        QString text;
        QFont font;
        QRectF box; // axis-aligned, as drawn
        QColor color;
        bool rotated = false; // reads bottom to top
    };
    struct Bar {
        std::vector<double> values;
        double total = 0, overlay = 0;
        bool whisker = false; // range mode: a line from low to high with caps
        double low = 0, high = 0;
        QLineF whiskerLine, capLow, capHigh;
        std::vector<QRectF> segments;
        QRectF stack, ghost, column, valueBox, labelBox;
    };
    struct Tick {
        double y = 0;
        bool major = true, grid = true;
    };
    struct Swatch {
        QRectF box;
        int slot = 0; // -1: the overlay; kWhiskerSlot: the range whisker
    };
    double line = 1, hatch = 1, tickLen = 0;
    bool totalsOnly = false; // a log axis: one segment per bar, its total
    QRectF plot;
    std::vector<Bar> bars;
    std::vector<int> slotOf;
    std::vector<Tick> ticks;
    std::vector<QLineF> rules;
    std::vector<Swatch> swatches;
    std::vector<Text> texts;
};

} // namespace tierlens
