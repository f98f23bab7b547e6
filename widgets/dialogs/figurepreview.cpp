#include "widgets/dialogs/figurepreview.h"

#include "render/workspacefigure.h"

#include <QPainter>
#include <QPalette>

#include <algorithm>

namespace tierlens {

namespace {
constexpr int kMargin = 8;
} // namespace

FigurePreview::FigurePreview(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setToolTip(tr("The figure as it will be exported, at the chosen size and font, scaled to fit"));
}

void FigurePreview::setFigure(
    const Workspace& w, std::shared_ptr<const WorkspaceResult> r, const std::string& view)
{
    workspace_ = w;
    result_ = std::move(r);
    view_ = view;
    render();
}

void FigurePreview::setViewSettings(const ViewSettings& v)
{
    if (workspace_.view == v)
        return;
    workspace_.view = v;
    render();
}

void FigurePreview::setOptions(const FigureExportOptions& options)
{
    options_ = options;
    render();
}

QSize FigurePreview::sizeHint() const
{
    return { 360, 270 };
}

QSize FigurePreview::minimumSizeHint() const
{
    return { 200, 150 };
}

QRectF FigurePreview::pageRect() const
{
    const QSizeF in = FigureExporter::sizeInches(options_);
    const QRectF area = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    if (in.isEmpty() || area.isEmpty())
        return {};
    const double scale = std::min(area.width() / in.width(), area.height() / in.height());
    QSizeF page(in.width() * scale, in.height() * scale);
    QRectF r(QPointF(), page);
    r.moveCenter(area.center());
    return r;
}

void FigurePreview::render()
{
    image_ = {};
    error_.clear();
    const QRectF page = pageRect();
    const QSizeF in = FigureExporter::sizeInches(options_);
    if (page.isEmpty()) {
        error_ = tr("Width and height must be positive");
        update();
        return;
    }
    // Drawn by the export function at the DPI that makes the page fill the preview (times the
    // screen's pixel ratio): the layout sees the real page size and font, only the resolution is
    // the preview's, and the pixels come from the very path the file will.
    FigureExportOptions o = options_;
    o.unit = FigureExportOptions::Unit::Inch;
    o.width = in.width();
    o.height = in.height();
    o.dpi = std::clamp(page.width() / in.width() * devicePixelRatioF(), 10.0, 2400.0);
    if (result_) {
        const QByteArray png = WorkspaceFigure::render(
            workspace_, *result_, view_, FigureExportOptions::Format::Png, o, &error_);
        image_ = QImage::fromData(png, "PNG");
    } else {
        image_ = QImage(QSize(std::max(1, int(page.width() * devicePixelRatioF())),
                            std::max(1, int(page.height() * devicePixelRatioF()))),
            QImage::Format_RGB32);
        image_.fill(Qt::white);
    }
    image_.setDevicePixelRatio(devicePixelRatioF());
    update();
}

void FigurePreview::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    render();
}

void FigurePreview::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Mid));
    if (image_.isNull()) {
        p.setPen(palette().color(QPalette::Text));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, error_);
        return;
    }
    // Unscaled: the widget shows the rendered pixels themselves.
    const QPoint at = imageOrigin();
    p.drawImage(at, image_);
    p.setPen(palette().color(QPalette::Dark));
    p.drawRect(QRectF(at, image_.deviceIndependentSize()).adjusted(-0.5, -0.5, 0.5, 0.5));
}

} // namespace tierlens
