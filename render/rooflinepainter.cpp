#include "render/rooflinepainter.h"

#include "render/chartaxis.h"
#include "render/chartpalette.h"
#include "render/loglogframe.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QPen>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace tierlens {

namespace {

QString gbs(double bytesPerS)
{
    return ChartAxis::format(bytesPerS / 1e9) + QStringLiteral(" GB/s");
}

double peakFor(const Scenario& s, QString& type)
{
    const GpuSpec& g = s.gpu;
    if (s.model.bytesPerParam <= 0.5 && g.peakTflopsFp4 > 0) {
        type = QStringLiteral("FP4");
        return g.peakTflopsFp4 * 1e12;
    }
    if (s.model.bytesPerParam <= 1 && g.peakTflopsFp8 > 0) {
        type = QStringLiteral("FP8");
        return g.peakTflopsFp8 * 1e12;
    }
    type = QStringLiteral("BF16");
    return g.peakTflops * 1e12;
}

// The link chain from an offload tier to HBM streams at its slowest link.
void addOffloadRoofs(const Scenario& s, const std::string& tierId, const std::vector<std::string>& path,
    std::vector<RooflineRoof>& out)
{
    if (tierId.empty() || tierId == kHbmTierId)
        return;
    // Levels of equal bandwidth share one roof and one label (the reference's SSD keeps up with
    // NVLink-C2C): two labels on one line would print over each other.
    const auto add = [&](const QString& name, double bw, int slot) {
        if (!(bw > 0))
            return;
        for (auto& r : out)
            if (r.bytesPerS == bw) {
                if (!r.label.contains(name))
                    r.label = name + QStringLiteral(", ") + r.label;
                return;
            }
        out.push_back({ name + QStringLiteral(" ") + gbs(bw), bw, slot });
    };
    double slowest = std::numeric_limits<double>::infinity();
    QStringList names;
    for (const auto& id : path)
        if (const Interconnect* l = s.findLink(id)) {
            slowest = std::min(slowest, l->bandwidthGBs * 1e9);
            names << QString::fromStdString(l->name.empty() ? l->id : l->name);
        }
    if (std::isfinite(slowest))
        add(names.join(QStringLiteral(" → ")), slowest, 8);
    if (const MemoryTier* t = s.findTier(tierId))
        add(QString::fromStdString(t->name.empty() ? t->id : t->name), t->bandwidthGBs * 1e9, 5);
}

} // namespace

RooflineData RooflineData::fromResult(const Scenario& s, const Result& r)
{
    RooflineData d;
    // Named after the step drawn, not the scenario's name: a bar of the breakdowns places the
    // experts elsewhere than the scenario it came from.
    QString where;
    if (!s.placement.tiers.empty())
        where = QStringLiteral("experts on %1 tiers").arg(s.placement.tiers.size());
    else if (s.placement.expertTier == kHbmTierId)
        where = QStringLiteral("experts in HBM");
    else if (const MemoryTier* t = s.findTier(s.placement.expertTier))
        where = QStringLiteral("experts on ") + QString::fromStdString(t->name.empty() ? t->id : t->name);
    d.title = QStringLiteral("Roofline: %1 on %2 × %3, %4, batch %5")
                  .arg(QString::fromStdString(s.model.name))
                  .arg(s.cluster.gpus())
                  .arg(QString::fromStdString(s.gpu.name), where)
                  .arg(r.batch);
    QString type;
    d.peakFlopsPerS = peakFor(s, type);
    d.computeLabel
        = QStringLiteral("Peak %1 TFLOP/s (%2)").arg(ChartAxis::format(d.peakFlopsPerS / 1e12), type);
    d.roofs.push_back(
        { QStringLiteral("HBM ") + gbs(s.gpu.hbmBandwidthGBs * 1e9), s.gpu.hbmBandwidthGBs * 1e9, 0 });
    if (r.q.offloaded) {
        if (s.placement.tiers.empty())
            addOffloadRoofs(s, s.placement.expertTier, s.placement.path, d.roofs);
        for (const auto& t : s.placement.tiers)
            addOffloadRoofs(s, t.tier, t.path, d.roofs);
    }
    for (const auto& op : r.operations) {
        if (!(op.flops > 0) || !(op.bytes > 0) || !(op.timeS > 0))
            continue;
        d.points.push_back({ QString::fromStdString(op.name + " (" + op.layerKind + ")"), op.flops / op.bytes,
            op.flops / op.timeS, ChartPalette::latencySlot(int(op.timePart)) });
    }
    return d;
}

namespace {

LogLogFrame frameOf(
    const RooflineData& d, const QRectF& rect, const RenderOptions& o, const QPaintDevice* device)
{
    LogLogFrame::Axes a;
    a.title = d.title;
    a.xCaption = QStringLiteral("Arithmetic intensity (FLOP/byte)");
    a.yCaption = QStringLiteral("TFLOP/s");
    double xlo = std::numeric_limits<double>::infinity(), xhi = 0,
           ylo = std::numeric_limits<double>::infinity();
    for (const auto& p : d.points) {
        xlo = std::min(xlo, p.intensity);
        xhi = std::max(xhi, p.intensity);
        ylo = std::min(ylo, p.flopsPerS / 1e12);
    }
    for (std::size_t i = 0; i < d.roofs.size(); ++i)
        xhi = std::max(xhi, d.ridge(i) * 2);
    if (!std::isfinite(xlo))
        xlo = 0.1;
    xlo = std::min(xlo, xhi / 1e4);
    // The slowest roof at the left edge stays in view, but not far below the lowest point.
    double roofLow = std::numeric_limits<double>::infinity();
    for (const auto& r : d.roofs)
        roofLow = std::min(roofLow, r.bytesPerS * xlo / 1e12);
    if (!std::isfinite(ylo))
        ylo = roofLow;
    a.xMin = xlo;
    a.xMax = xhi;
    a.yMin = std::max(std::min(ylo, roofLow), ylo / 1e3);
    a.yMax = d.peakFlopsPerS / 1e12 * 1.5;
    return LogLogFrame(a, rect, o, device);
}

} // namespace

void RooflinePainter::paint(QPainter& p, const QRectF& rect, const RenderOptions& o) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    const LogLogFrame f = frameOf(data_, rect, o, p.device());
    f.paint(p);
    const double em = f.em();
    const double peakT = data_.peakFlopsPerS / 1e12;
    const QFontMetricsF sfm(f.smallFont(), p.device());
    p.setClipRect(f.plot());
    // Bandwidth roofs up to the ridge, then the compute roof from the leftmost ridge on.
    double leftRidge = f.xMax();
    for (std::size_t i = 0; i < data_.roofs.size(); ++i) {
        const RooflineRoof& r = data_.roofs[i];
        const double ridge = data_.ridge(i);
        leftRidge = std::min(leftRidge, ridge);
        const QColor c = ChartPalette::slotColor(r.slot, o.palette);
        QPen pen(c, 0.14 * em);
        if (i > 0)
            pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        const double xs = std::max(f.xMin(), f.yMin() * 1e12 / r.bytesPerS);
        p.drawLine(f.map(xs, r.bytesPerS * xs / 1e12), f.map(ridge, peakT));
        // The label rides the line, a little after it enters the plot.
        const QPointF a = f.map(xs, r.bytesPerS * xs / 1e12), b = f.map(ridge, peakT);
        const double angle = std::atan2(b.y() - a.y(), b.x() - a.x()) * 180 / std::numbers::pi;
        const double len = std::hypot(b.x() - a.x(), b.y() - a.y());
        p.save();
        p.translate(a);
        p.rotate(angle);
        p.setFont(f.smallFont());
        const double w = sfm.horizontalAdvance(r.label);
        // Staggered along the line, so that labels of nearby parallel roofs do not meet.
        const double start
            = std::clamp((0.06 + 0.3 * double(i)) * len, 0.3 * em, std::max(0.3 * em, len - w - 0.3 * em));
        p.drawText(QRectF(start, -sfm.height() - 0.1 * em, w + 1, sfm.height()),
            Qt::AlignLeft | Qt::AlignBottom, r.label);
        p.restore();
    }
    p.setPen(QPen(QColor(30, 30, 30), 0.14 * em));
    p.drawLine(f.map(leftRidge, peakT), f.map(f.xMax(), peakT));
    p.setFont(f.smallFont());
    // Above the roof, right-aligned: below it the bandwidth roofs climb into the text.
    const QPointF pr = f.map(f.xMax(), peakT);
    p.drawText(QRectF(f.plot().left(), pr.y() - 0.15 * em - sfm.height(), pr.x() - f.plot().left() - 0.3 * em,
                   sfm.height()),
        Qt::AlignRight | Qt::AlignBottom, data_.computeLabel);
    // The points, outlined so that overlapping ones stay apart.
    const double rad = 0.28 * em;
    for (const auto& pt : data_.points) {
        p.setPen(QPen(Qt::white, 0.06 * em));
        p.setBrush(ChartPalette::slotColor(pt.slot, o.palette));
        p.drawEllipse(f.map(pt.intensity, pt.flopsPerS / 1e12), rad, rad);
    }
    if (data_.points.empty()) {
        p.setPen(QColor(30, 30, 30));
        p.setFont(f.font());
        p.drawText(f.plot(), Qt::AlignCenter, QStringLiteral("No operations"));
    }
    p.restore();
}

int RooflinePainter::hitTest(
    const QRectF& rect, const RenderOptions& options, const QPointF& pos, const QPaintDevice* device) const
{
    const LogLogFrame f = frameOf(data_, rect, options, device);
    int best = -1;
    double bestD = 0.5 * f.em();
    for (std::size_t i = 0; i < data_.points.size(); ++i) {
        const QPointF c = f.map(data_.points[i].intensity, data_.points[i].flopsPerS / 1e12);
        const double d = std::hypot(c.x() - pos.x(), c.y() - pos.y());
        if (d <= bestD) {
            bestD = d;
            best = int(i);
        }
    }
    return best;
}

} // namespace tierlens
