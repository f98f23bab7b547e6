#pragma once

#include "render/figureexporter.h"

#include <QImage>
#include <QWidget>

namespace tierlens {

class ChartPainter;

/// The figure as it will be exported, scaled into the widget: the page keeps the chosen aspect
/// ratio, and the font is laid out at the chosen point size on the chosen page size, so what
/// wraps or crowds in the file does so here too.
class FigurePreview : public QWidget {
    Q_OBJECT
public:
    explicit FigurePreview(QWidget* parent = nullptr);

    /// The chart drawn; nullptr shows an empty page. Not owned: it must outlive the preview.
    void setChart(const ChartPainter* chart);
    void setOptions(const FigureExportOptions& options);

    /// Where the page is drawn inside the widget, for its current size and options; empty when
    /// the size is not valid.
    QRectF pageRect() const;
    /// The last rendered page; null before the first paint or when the size is not valid.
    const QImage& image() const { return image_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void render();

    const ChartPainter* chart_ = nullptr;
    FigureExportOptions options_;
    QImage image_;
    QString error_;
};

} // namespace tierlens
