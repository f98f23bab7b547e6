#pragma once

#include <QFont>
#include <QString>

namespace tierlens {

/// Colour schemes: the colour-blind-safe default (Okabe–Ito) and grayscale with hatching for print.
enum class PaletteKind { ColorBlindSafe, Grayscale };

/// How a chart is drawn, on screen and in every export format alike (one paint path).
struct RenderOptions {
    QFont font; ///< base font; titles are drawn larger, ticks slightly smaller
    PaletteKind palette = PaletteKind::ColorBlindSafe;
    bool showTitle = true;
    bool showLegend = true;
    bool showValues = true; ///< totals on bars, numbers in heatmap cells
    QString title; ///< overrides the chart's own title when not empty
};

} // namespace tierlens
