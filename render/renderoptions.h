#pragma once

#include <QFont>
#include <QString>

#include <algorithm>
#include <cmath>

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

/// `f` at k times its size (points or pixels, whichever it is set in), bold if asked or already.
inline QFont scaledFont(const QFont& f, double k, bool bold = false)
{
    QFont s = f;
    if (f.pointSizeF() > 0)
        s.setPointSizeF(f.pointSizeF() * k);
    else if (f.pixelSize() > 0)
        s.setPixelSize(std::max(1, int(std::lround(f.pixelSize() * k))));
    s.setBold(bold || f.bold());
    return s;
}

} // namespace tierlens
