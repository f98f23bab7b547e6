#include "render/figureexporter.h"

#include "render/chartpainter.h"

#include <QBuffer>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFontInfo>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace tierlens {

namespace {

constexpr double kMmPerInch = 25.4;
constexpr double kMaxInches = 100; // far beyond any page; stops a typo from allocating gigabytes

// Painting happens in device pixels at the export DPI on every device, so a line one pixel wide
// or a gap measured in font heights comes out the same in the PNG, the PDF and the SVG.
void paintOn(
    QPaintDevice& device, const QRectF& rect, const ChartPainter& chart, const RenderOptions& ro, bool opaque)
{
    QPainter p(&device);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.setFont(ro.font); // the SVG names the painter's font on every group, drawn text or not
    if (opaque)
        p.fillRect(rect, Qt::white);
    chart.paint(p, rect, ro);
}

// The generic family a reader falls back to when the named one is not installed.
QString genericFamily(const QString& family)
{
    if (QFontDatabase::isFixedPitch(family))
        return QStringLiteral("monospace");
    const bool serif = family.contains(QLatin1String("serif"), Qt::CaseInsensitive)
        && !family.contains(QLatin1String("sans"), Qt::CaseInsensitive);
    return serif ? QStringLiteral("serif") : QStringLiteral("sans-serif");
}

// QSvgGenerator names only the family; a viewer without it would pick any font at all, with
// other widths than the layout measured. A generic fallback keeps the look close.
QByteArray withFallbackFamily(const QByteArray& svg)
{
    static const QRegularExpression attribute(QStringLiteral("font-family=\"([^\",]*)\""));
    QString text = QString::fromUtf8(svg);
    QString out;
    qsizetype from = 0;
    for (auto it = attribute.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString family = m.captured(1).trimmed();
        out += QStringView(text).mid(from, m.capturedStart() - from);
        out += QStringLiteral("font-family=\"%1, %2\"").arg(family, genericFamily(family));
        from = m.capturedEnd();
    }
    out += QStringView(text).mid(from);
    return out.toUtf8();
}

} // namespace

FigureExportOptions::Format FigureExporter::formatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("svg"))
        return FigureExportOptions::Format::Svg;
    if (suffix == QStringLiteral("pdf"))
        return FigureExportOptions::Format::Pdf;
    if (suffix == QStringLiteral("png"))
        return FigureExportOptions::Format::Png;
    return FigureExportOptions::Format::FromSuffix;
}

QSizeF FigureExporter::sizeInches(const FigureExportOptions& o)
{
    const bool finite = std::isfinite(o.width) && std::isfinite(o.height) && o.width > 0 && o.height > 0;
    if (!finite || (o.unit == FigureExportOptions::Unit::Pixel && !(o.dpi > 0 && std::isfinite(o.dpi))))
        return {};
    QSizeF in(o.width, o.height);
    if (o.unit == FigureExportOptions::Unit::Millimeter)
        in /= kMmPerInch;
    else if (o.unit == FigureExportOptions::Unit::Pixel)
        in /= o.dpi;
    if (in.width() > kMaxInches || in.height() > kMaxInches)
        return {};
    return in;
}

RenderOptions FigureExporter::renderOptions(const FigureExportOptions& o)
{
    RenderOptions ro;
    // The family actually drawn with, by name ("DejaVu Sans", not Qt's alias "Sans Serif"), so a
    // file names the font its text was measured in.
    ro.font.setFamily(o.fontFamily.isEmpty() ? QFontInfo(QFont()).family() : o.fontFamily);
    // Points, not pixels: Qt resolves them against each device's DPI, so 8 pt is 8/72 in on paper.
    ro.font.setPointSizeF(o.fontPt);
    ro.palette = o.palette;
    ro.showTitle = o.showTitle;
    ro.showLegend = o.showLegend;
    ro.title = o.title;
    return ro;
}

QByteArray FigureExporter::render(const ChartPainter& chart, FigureExportOptions::Format format,
    const FigureExportOptions& o, QString* error)
{
    auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return QByteArray();
    };
    const QSizeF in = sizeInches(o);
    if (in.isEmpty())
        return fail(tr("The figure size must be positive and at most %1 inches a side.").arg(kMaxInches));
    if (!(o.dpi >= 10 && o.dpi <= 2400))
        return fail(tr("The resolution must be between 10 and 2400 dpi."));
    if (!(o.fontPt >= 2 && o.fontPt <= 72))
        return fail(tr("The font size must be between 2 and 72 pt."));

    const RenderOptions ro = renderOptions(o);
    // PNG: exactly the requested pixels (pixel sizes are taken as given, not converted twice).
    const QSize pixels = o.unit == FigureExportOptions::Unit::Pixel
        ? QSize(int(std::lround(o.width)), int(std::lround(o.height)))
        : QSize(int(std::lround(in.width() * o.dpi)), int(std::lround(in.height() * o.dpi)));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    switch (format) {
    case FigureExportOptions::Format::Png: {
        QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
        if (image.isNull())
            return fail(
                tr("Cannot allocate a %1 × %2 pixel image.").arg(pixels.width()).arg(pixels.height()));
        const int dotsPerMeter = int(std::lround(o.dpi / kMmPerInch * 1000));
        image.setDotsPerMeterX(dotsPerMeter);
        image.setDotsPerMeterY(dotsPerMeter);
        paintOn(image, QRectF(QPointF(0, 0), QSizeF(pixels)), chart, ro, true);
        if (!image.save(&buffer, "PNG"))
            return fail(tr("Could not encode the PNG image."));
        break;
    }
    case FigureExportOptions::Format::Svg: {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setResolution(int(std::lround(o.dpi)));
        svg.setSize(pixels);
        svg.setViewBox(QRect(QPoint(0, 0), pixels));
        svg.setTitle(ro.title);
        svg.setDescription(tr("Tierlens figure"));
        paintOn(svg, QRectF(QPointF(0, 0), QSizeF(pixels)), chart, ro, true);
        buffer.close();
        bytes = withFallbackFamily(bytes);
        break;
    }
    case FigureExportOptions::Format::Pdf: {
        QPdfWriter pdf(&buffer);
        pdf.setCreator(tr("Tierlens"));
        pdf.setTitle(ro.title);
        pdf.setResolution(int(std::lround(o.dpi)));
        // ExactMatch: a custom size must not snap to the nearest standard paper size.
        const QPageSize page(in, QPageSize::Inch, QString(), QPageSize::ExactMatch);
        pdf.setPageLayout(QPageLayout(page, QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
        paintOn(pdf, QRectF(0, 0, pdf.width(), pdf.height()), chart, ro, false);
        break;
    }
    case FigureExportOptions::Format::FromSuffix:
        return fail(tr("Unknown figure format; use .svg, .pdf or .png."));
    }
    buffer.close();
    if (bytes.isEmpty())
        return fail(tr("Nothing was drawn."));
    return bytes;
}

QString FigureExporter::exportToFile(
    const ChartPainter& chart, const QString& path, const FigureExportOptions& o)
{
    const auto format = o.format == FigureExportOptions::Format::FromSuffix ? formatForPath(path) : o.format;
    if (format == FigureExportOptions::Format::FromSuffix)
        return tr("%1: unknown figure format; use .svg, .pdf or .png.").arg(path);
    QString error;
    const QByteArray bytes = render(chart, format, o, &error);
    if (bytes.isEmpty())
        return error;
    // QSaveFile writes a temporary next to the target and renames it only on commit().
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("%1: cannot write: %2").arg(path, file.errorString());
    if (file.write(bytes) != bytes.size()) {
        file.cancelWriting();
        return tr("%1: cannot write: %2").arg(path, file.errorString());
    }
    if (!file.commit())
        return tr("%1: cannot write: %2").arg(path, file.errorString());
    return {};
}

} // namespace tierlens
