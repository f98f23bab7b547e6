#pragma once

#include "core/data/result.h"
#include "core/data/scenario.h"
#include "render/chartpainter.h"

#include <QString>

#include <vector>

class QPaintDevice;

namespace tierlens {

/// One bandwidth roof of the memory-level roofline: the memory a byte comes from and how fast.
struct RooflineRoof {
    QString label; ///< "HBM 3352 GB/s"
    double bytesPerS = 0;
    int slot = 0; ///< ChartPalette slot of its line
};

/// One operation of the step: its arithmetic intensity against the bytes it reads from HBM and
/// the FLOP/s it achieves on the GPU that sets the step time.
struct RooflinePoint {
    QString name; ///< "expert.up (moe)"
    double intensity = 0; ///< FLOP per byte
    double flopsPerS = 0;
    int slot = 0; ///< ChartPalette slot of its latency component
};

/// A memory-level roofline of one evaluated step (as Intel Advisor draws one): the GPU's compute
/// roof and one bandwidth roof per memory level the step uses. Every operation computes from HBM
/// (offloaded experts are copied into HBM first), so roofs[0], HBM, is the roof the points sit
/// under; the copy path and the offload tier show how far below it a byte that came from there
/// would be bound were it not staged ahead.
struct RooflineData {
    QString title;
    QString computeLabel; ///< "Peak 989 TFLOP/s (BF16)"
    double peakFlopsPerS = 0;
    std::vector<RooflineRoof> roofs;
    std::vector<RooflinePoint> points;

    /// The intensity where roof `i` meets the compute roof.
    double ridge(std::size_t i) const { return peakFlopsPerS / roofs.at(i).bytesPerS; }

    /// Operations with flops, bytes and time (communication has no FLOPs and no point); the
    /// compute roof is the peak of the type the weights are held in, as the GEMMs run at it.
    static RooflineData fromResult(const Scenario& s, const Result& r);
};

class RooflinePainter : public ChartPainter {
public:
    void setData(RooflineData data) { data_ = std::move(data); }
    const RooflineData& data() const { return data_; }

    void paint(QPainter& painter, const QRectF& rect, const RenderOptions& options) const override;
    /// The point under `pos` (within half an em of its centre), or -1.
    int hitTest(const QRectF& rect, const RenderOptions& options, const QPointF& pos,
        const QPaintDevice* device = nullptr) const;

private:
    RooflineData data_;
};

} // namespace tierlens
