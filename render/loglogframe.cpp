#include "render/loglogframe.h"

#include "render/chartaxis.h"

#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <QPen>

#include <algorithm>
#include <cmath>

namespace tierlens {

namespace {

const QColor kInk(30, 30, 30);
const QColor kGrid(225, 225, 225);

// Whole decades around [lo, hi]; a degenerate range gets one decade on each side.
void decades(double lo, double hi, double& a, double& b)
{
    if (!(lo > 0) || !std::isfinite(lo))
        lo = 1;
    if (!(hi > 0) || !std::isfinite(hi))
        hi = lo * 10;
    a = std::pow(10.0, std::floor(std::log10(lo)));
    b = std::pow(10.0, std::ceil(std::log10(hi)));
    if (b <= a)
        b = a * 10;
}

// "10^k" ticks read poorly as 1e+12; the label is the plain number where it is short.
QString tickLabel(double v)
{
    const int e = int(std::lround(std::log10(v)));
    if (e >= -3 && e <= 4)
        return ChartAxis::format(v);
    return QStringLiteral("1e%1").arg(e);
}

QStringList wrapWords(const QString& text, const QFontMetricsF& fm, double width)
{
    QStringList lines;
    QString line;
    for (const QString& w : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString tryLine = line.isEmpty() ? w : line + QLatin1Char(' ') + w;
        if (!line.isEmpty() && fm.horizontalAdvance(tryLine) > width) {
            lines << line;
            line = w;
        } else {
            line = tryLine;
        }
    }
    if (!line.isEmpty())
        lines << line;
    return lines;
}

} // namespace

QFont LogLogFrame::inPoints(QFont font, const QPaintDevice* device)
{
    if (font.pointSizeF() <= 0 && font.pixelSize() > 0)
        font.setPointSizeF(font.pixelSize() * 72.0 / (device ? device->logicalDpiY() : 96));
    return font;
}

LogLogFrame::LogLogFrame(
    const Axes& axes, const QRectF& rect, const RenderOptions& options, const QPaintDevice* device)
    : axes_(axes)
{
    font_ = inPoints(options.font, device);
    small_ = font_;
    if (small_.pointSizeF() > 0)
        small_.setPointSizeF(small_.pointSizeF() * 0.9);
    titleFont_ = font_;
    titleFont_.setBold(true);
    const QFontMetricsF fm(font_, device), sfm(small_, device), tfm(titleFont_, device);
    em_ = fm.height();
    const double gap = 0.4 * em_;
    decades(axes.xMin, axes.xMax, x0_, x1_);
    decades(axes.yMin, axes.yMax, y0_, y1_);

    inner_ = rect.adjusted(gap, gap, -gap, -gap);
    const QRectF& inner = inner_;
    double top = inner.top();
    const QString title = options.title.isEmpty() ? axes.title : options.title;
    if (options.showTitle && !title.isEmpty()) {
        // Wrapped, never cut: a 3.5 in figure is narrower than most titles.
        titleLines_ = wrapWords(title, tfm, inner.width());
        if (titleLines_.size() > 2) {
            titleLines_ = titleLines_.mid(0, 2);
            titleLines_[1] = tfm.elidedText(titleLines_[1] + QStringLiteral(" …"), Qt::ElideRight,
                inner.width() - tfm.averageCharWidth());
        }
        const double h = tfm.height() + double(titleLines_.size() - 1) * tfm.lineSpacing();
        titleRect_ = QRectF(inner.left(), top, inner.width(), h);
        top += h + gap;
    }
    // Left: the rotated y caption, then the widest tick label; bottom: tick labels, then the caption.
    double tickW = 0;
    for (double v : ChartAxis::logTicks(y0_, y1_))
        tickW = std::max(tickW, sfm.horizontalAdvance(tickLabel(v)));
    const double left = inner.left() + (axes.yCaption.isEmpty() ? 0 : em_ + gap) + tickW + gap;
    // Half a tick label spills past the last x tick: keep it inside.
    const double right = inner.right() - 0.5 * sfm.horizontalAdvance(tickLabel(x1_));
    // The x caption wraps under the plot, never cut, like the title.
    xCaptionLines_ = wrapWords(axes.xCaption, fm, std::max(1.0, right - left));
    const double captionH = xCaptionLines_.isEmpty()
        ? 0
        : fm.height() + double(xCaptionLines_.size() - 1) * fm.lineSpacing() + gap;
    const double bottom = inner.bottom() - captionH - sfm.height() - gap;
    plot_ = QRectF(QPointF(left, top + 0.5 * sfm.height()),
        QPointF(std::max(left + 1, right), std::max(top + 1, bottom)));
}

QPointF LogLogFrame::map(double x, double y) const
{
    const auto t = [](double v, double a, double b) {
        return v > 0 ? (std::log10(v) - std::log10(a)) / (std::log10(b) - std::log10(a)) : -1.0;
    };
    return { plot_.left() + t(x, x0_, x1_) * plot_.width(),
        plot_.bottom() - t(y, y0_, y1_) * plot_.height() };
}

double LogLogFrame::xAt(double px) const
{
    const double t = (px - plot_.left()) / plot_.width();
    return std::pow(10.0, std::log10(x0_) + t * (std::log10(x1_) - std::log10(x0_)));
}

double LogLogFrame::yAt(double py) const
{
    const double t = (plot_.bottom() - py) / plot_.height();
    return std::pow(10.0, std::log10(y0_) + t * (std::log10(y1_) - std::log10(y0_)));
}

void LogLogFrame::paint(QPainter& p) const
{
    const double hair = std::max(0.5, 0.06 * em_);
    const double tick = 0.3 * em_;
    const double gap = 0.4 * em_;
    const QFontMetricsF sfm(small_, p.device());
    p.setPen(QPen(kGrid, hair));
    p.setBrush(Qt::NoBrush);
    const auto xt = ChartAxis::logTicks(x0_, x1_), yt = ChartAxis::logTicks(y0_, y1_);
    for (double v : xt)
        p.drawLine(QPointF(map(v, y0_).x(), plot_.top()), QPointF(map(v, y0_).x(), plot_.bottom()));
    for (double v : yt)
        p.drawLine(QPointF(plot_.left(), map(x0_, v).y()), QPointF(plot_.right(), map(x0_, v).y()));
    p.setPen(QPen(kInk, hair));
    p.drawRect(plot_);
    p.setFont(small_);
    for (double v : xt) {
        const double x = map(v, y0_).x();
        p.drawLine(QPointF(x, plot_.bottom()), QPointF(x, plot_.bottom() + tick));
        p.drawText(QRectF(x - 3 * em_, plot_.bottom() + tick, 6 * em_, sfm.height()),
            Qt::AlignHCenter | Qt::AlignTop, tickLabel(v));
    }
    for (double v : yt) {
        const double y = map(x0_, v).y();
        p.drawLine(QPointF(plot_.left() - tick, y), QPointF(plot_.left(), y));
        p.drawText(
            QRectF(plot_.left() - tick - 10 * em_ - 0.2 * gap, y - sfm.height() / 2, 10 * em_, sfm.height()),
            Qt::AlignRight | Qt::AlignVCenter, tickLabel(v));
    }
    p.setFont(font_);
    if (!xCaptionLines_.isEmpty())
        p.drawText(QRectF(plot_.left(), plot_.bottom() + tick + sfm.height() + 0.5 * gap, plot_.width(),
                       em_ * double(xCaptionLines_.size()) * 1.2),
            Qt::AlignHCenter | Qt::AlignTop, xCaptionLines_.join(QLatin1Char('\n')));
    if (!axes_.yCaption.isEmpty()) {
        // Read bottom to top, centred on the plot's height, in the band left of the tick labels.
        const QFontMetricsF fm(font_, p.device());
        p.save();
        p.translate(inner_.left(), plot_.center().y());
        p.rotate(-90);
        p.drawText(QRectF(-plot_.height() / 2, 0, plot_.height(), em_), Qt::AlignHCenter | Qt::AlignTop,
            fm.elidedText(axes_.yCaption, Qt::ElideRight, plot_.height()));
        p.restore();
    }
    if (!titleLines_.isEmpty()) {
        p.setFont(titleFont_);
        p.drawText(titleRect_, Qt::AlignHCenter | Qt::AlignTop, titleLines_.join(QLatin1Char('\n')));
    }
}

} // namespace tierlens
