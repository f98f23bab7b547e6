#pragma once

#include "core/data/workspace.h"
#include "render/figureexporter.h"

#include <QImage>
#include <QWidget>

#include <memory>
#include <string>

namespace tierlens {

struct WorkspaceResult;

/// The figure as it will be exported, scaled into the widget: drawn by WorkspaceFigure, the
/// function the file is written with, from the same workspace, view settings, page size and
/// font, only at the resolution that makes the page fill the widget. The page keeps the chosen
/// aspect ratio and the font is laid out on the chosen page, so what wraps or crowds in the file
/// does so here too.
class FigurePreview : public QWidget {
    Q_OBJECT
public:
    explicit FigurePreview(QWidget* parent = nullptr);

    /// The figure drawn: `view` ("energy", "latency" or "heatmap") of `w` with its numbers `r`.
    /// Without numbers the preview is an empty page of the chosen proportions.
    void setFigure(const Workspace& w, std::shared_ptr<const WorkspaceResult> r, const std::string& view);
    /// The view settings the figure is drawn with (the dialog's choices, not yet in the workspace).
    void setViewSettings(const ViewSettings& v);
    void setOptions(const FigureExportOptions& options);

    /// Where the page is laid out inside the widget, for its current size and options; empty
    /// when the size is not valid.
    QRectF pageRect() const;
    /// The top-left corner the image is painted at, unscaled (whole pixels, so the widget shows
    /// the image's own pixels).
    QPoint imageOrigin() const { return pageRect().topLeft().toPoint(); }
    /// The last rendered page (its device pixel ratio is the widget's); null when the size is
    /// not valid or the figure could not be drawn.
    const QImage& image() const { return image_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void render();

    Workspace workspace_;
    std::shared_ptr<const WorkspaceResult> result_;
    std::string view_;
    FigureExportOptions options_;
    QImage image_;
    QString error_;
};

} // namespace tierlens
