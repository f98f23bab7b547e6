#pragma once
// Shared by the bar chart tests (tst_barchartlayout, tst_barchartpainter): the bars of the paper
// studies and small hand-made charts, render options, and painting into an image.

#include "core/io/presetlibrary.h"
#include "core/study/studyrunner.h"
#include "render/barchartpainter.h"
#include "render/chartpalette.h"

#include <QImage>
#include <QMetaType>
#include <QPainter>
#include <QtTest/QTest>

#include <algorithm>
#include <vector>

Q_DECLARE_METATYPE(tierlens::BarChartData)

namespace tierlens::test {

// Bars of a paper study, as the views build them. Energy: grouped by batch, one bar per placement.
// Latency: grouped by series, one bar per batch, with the hidden expert copy as the overlay.
inline BarChartData studyData(const char* id, StudyMetric metric)
{
    const PresetLibrary& lib = PresetLibrary::builtin();
    auto loaded = loadStudy(lib.find(PresetKind::Study, id)->json, lib);
    if (!loaded.ok())
        qFatal("study %s did not load", id);
    const StudyResult r = runStudy(loaded.value);
    std::vector<const BarResult*> order;
    for (const BarResult& b : r.bars)
        order.push_back(&b);
    BarChartData d;
    if (metric == StudyMetric::EnergyPerToken) {
        std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->batch < b->batch; });
        d.title = QStringLiteral("Mixtral 8x7B energy per token");
        d.valueLabel = QStringLiteral("Energy per token (J)");
        for (int p = 0; p < kEnergyPartCount; ++p) {
            d.seriesLabels << QString::fromUtf8(energyPartLabel(EnergyPart(p)));
            d.colorSlots.push_back(ChartPalette::energySlot(p));
        }
    } else {
        d.title = QStringLiteral("Step latency");
        d.valueLabel = QStringLiteral("Latency per step (ms)");
        d.overlayLabel = QStringLiteral("Copy hidden by prefetch");
        for (int p = 0; p < kLatencyPartCount; ++p) {
            d.seriesLabels << QString::fromUtf8(latencyPartLabel(LatencyPart(p)));
            d.colorSlots.push_back(ChartPalette::latencySlot(p));
        }
    }
    for (const BarResult* b : order) {
        BarStack s;
        if (metric == StudyMetric::EnergyPerToken) {
            s.label = QString::fromStdString(b->series->placementLabel);
            s.group = QStringLiteral("B = %1").arg(b->batch);
            for (int p = 0; p < kEnergyPartCount; ++p)
                s.values.push_back(b->result.energy(EnergyPart(p)));
        } else {
            s.label = QString::number(b->batch);
            s.group = QString::fromStdString(b->series->label);
            for (int p = 0; p < kLatencyPartCount; ++p)
                s.values.push_back(1e3 * b->result.latency(LatencyPart(p)));
            s.overlay = 1e3 * b->result.copyHiddenS;
        }
        d.bars.push_back(s);
    }
    if (metric == StudyMetric::EnergyPerToken) {
        // As the breakdown view does: each bar against the HBM bar of its batch.
        for (std::size_t i = 0; i < d.bars.size(); ++i)
            d.referenceOf.push_back(int(i - i % 3));
    }
    return d;
}

inline BarChartData energy(bool log = false)
{
    BarChartData d = studyData("paper/fig4-mixtral", StudyMetric::EnergyPerToken);
    d.logScale = log;
    return d;
}

inline BarChartData latency()
{
    return studyData("paper/fig5", StudyMetric::Latency);
}

inline BarChartData simple(std::vector<std::vector<double>> values, bool log = false)
{
    BarChartData d;
    d.title = QStringLiteral("Simple");
    d.valueLabel = QStringLiteral("Value");
    d.seriesLabels = { QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C") };
    d.colorSlots = { 0, 4, 7 };
    d.logScale = log;
    for (std::size_t i = 0; i < values.size(); ++i)
        d.bars.push_back({ QStringLiteral("bar %1").arg(i), QStringLiteral("G%1").arg(i / 2), values[i], 0 });
    return d;
}

inline RenderOptions options(double pt = 9, PaletteKind palette = PaletteKind::ColorBlindSafe)
{
    RenderOptions o;
    o.font = QFont(QStringLiteral("DejaVu Sans"));
    o.font.setPointSizeF(pt);
    o.palette = palette;
    return o;
}

// A white image of `size` pixels at `dpi`: 96 for the screen, 300 for a printed figure.
inline QImage canvas(QSize size, double dpi)
{
    QImage img(size, QImage::Format_ARGB32);
    img.setDotsPerMeterX(qRound(dpi / 0.0254));
    img.setDotsPerMeterY(qRound(dpi / 0.0254));
    img.fill(Qt::white);
    return img;
}

inline QImage render(const BarChartPainter& chart, QSize size, double dpi, const RenderOptions& o)
{
    QImage img = canvas(size, dpi);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    chart.paint(p, QRectF(img.rect()), o);
    return img;
}

inline QString str(const QRectF& r)
{
    return QStringLiteral("(%1,%2 %3x%4)").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

} // namespace tierlens::test
