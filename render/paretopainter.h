#pragma once

#include "core/study/paretostudy.h"
#include "render/chartpainter.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

class QPaintDevice;

namespace tierlens {

/// What the Pareto scatter draws: every design point (step latency, energy per token), the front,
/// the latency SLO and the best point under it.
struct ParetoChartData {
    QString title;
    QString yCaption = QStringLiteral("Energy per token (J)"); ///< the study's objective
    QString yUnit = QStringLiteral("J/token");
    std::vector<ParetoPoint> points;
    std::vector<std::uint8_t> fits; ///< per point, 0 for a design that does not fit memory; empty: all fit
    std::vector<std::size_t> front; ///< by rising energy
    std::optional<double> sloMs;
    std::optional<std::size_t> best;
    QString bestLabel; ///< "SSD, batch 64, …": names the best point on the chart

    static ParetoChartData fromResult(const ParetoResult& r);
    bool fitsAt(std::size_t i) const { return i >= fits.size() || fits[i] != 0; }
    /// One point's settings, one per line: case and placement, then each axis "label = value".
    static QString describe(const Study& st, std::size_t index);
};

/// Energy (or cost) per token against step latency, log-log: the points in gray, the front in colour and
/// joined, the SLO as a vertical line and the best point under it ringed and named.
class ParetoPainter : public ChartPainter {
public:
    void setData(ParetoChartData data)
    {
        data_ = std::move(data);
        cloud_ = {};
    }
    const ParetoChartData& data() const { return data_; }
    /// Ringed as the hovered point; none for no ring.
    void setHighlighted(std::optional<std::size_t> i) { highlighted_ = i; }

    void paint(QPainter& painter, const QRectF& rect, const RenderOptions& options) const override;
    /// The point nearest `pos` within half an em (front points first), or none.
    std::optional<std::size_t> hitTest(const QRectF& rect, const RenderOptions& options, const QPointF& pos,
        const QPaintDevice* device = nullptr) const;

    /// Where each point is drawn in `rect`, and the radius of a cloud dot there.
    std::vector<QPointF> positions(
        const QRectF& rect, const RenderOptions& options, const QPaintDevice* device = nullptr) const;
    double dotRadius(
        const QRectF& rect, const RenderOptions& options, const QPaintDevice* device = nullptr) const;
    /// The points the cloud draws in `rect`: one per cell of a grid a third of a dot wide (the
    /// first point in it), so a million points cost the plot's area, not their count.
    const std::vector<std::size_t>& cloud(
        const QRectF& rect, const RenderOptions& options, const QPaintDevice* device = nullptr) const;

private:
    struct Cloud {
        QRectF plot;
        double em = 0;
        bool valid = false;
        std::vector<std::size_t> shown;
    };
    ParetoChartData data_;
    mutable Cloud cloud_; ///< for the last plot drawn; painting and hovering share it
    std::optional<std::size_t> highlighted_;
};

} // namespace tierlens
