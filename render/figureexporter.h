#pragma once

#include "render/renderoptions.h"

#include <QCoreApplication>
#include <QString>

namespace tierlens {

class ChartPainter;

/// How a figure is written: the device, its physical size and the look of the chart.
struct FigureExportOptions {
    enum class Format { FromSuffix, Svg, Pdf, Png };
    enum class Unit { Millimeter, Inch, Pixel };

    Format format = Format::FromSuffix;
    double width = 3.5; ///< in `unit`
    double height = 2.6;
    Unit unit = Unit::Inch;
    double dpi = 300; ///< PNG pixels per inch; converts pixel sizes for SVG and PDF
    QString fontFamily; ///< empty: the application's default family
    double fontPt = 8; ///< physical points on every device
    PaletteKind palette = PaletteKind::ColorBlindSafe;
    bool showTitle = true;
    bool showLegend = true;
    QString title; ///< overrides the chart's own title when not empty
};

/// Renders any ChartPainter into an SVG, PDF or PNG file through the one paint path: only the
/// device differs. Files are written through QSaveFile, so a failed export leaves no half file.
class FigureExporter {
    Q_DECLARE_TR_FUNCTIONS(tierlens::FigureExporter)
public:
    /// The format of a file name's suffix (svg, pdf, png); FromSuffix when unknown.
    static FigureExportOptions::Format formatForPath(const QString& path);
    /// Width and height in inches, or an empty size when they are not positive and finite.
    static QSizeF sizeInches(const FigureExportOptions& options);
    /// The options the chart is drawn with: font in points, palette, title and legend.
    static RenderOptions renderOptions(const FigureExportOptions& options);

    /// Writes the figure; returns an empty string on success, else why it failed.
    static QString exportToFile(
        const ChartPainter& chart, const QString& path, const FigureExportOptions& options);
    /// The figure as file bytes in `format` (Svg, Pdf or Png); empty with `error` set on failure.
    static QByteArray render(const ChartPainter& chart, FigureExportOptions::Format format,
        const FigureExportOptions& options, QString* error = nullptr);
};

} // namespace tierlens
