#include "chartdatabuilder.h"

#include "chartpalette.h"

#include <QObject>

#include <algorithm>

namespace tierlens {

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
} // namespace

BreakdownChart ChartDataBuilder::skeleton(const Workspace& w, const WorkspaceResult& r)
{
    BreakdownChart c;
    std::vector<int> batches;
    for (const auto& b : r.bars)
        if (std::find(batches.begin(), batches.end(), b.batch) == batches.end())
            batches.push_back(b.batch);
    for (int batch : batches)
        for (std::size_t i = 0; i < r.bars.size(); ++i)
            if (r.bars[i].batch == batch) {
                BarStack s;
                s.label = q(r.placements[std::size_t(r.bars[i].placement)].label);
                s.group = QObject::tr("B = %1").arg(batch);
                c.data.bars.push_back(std::move(s));
                c.resultIndex.push_back(int(i));
            }
    // The bars compare placements, so the title names what they share: model and system.
    const Scenario& sc = w.scenario;
    c.data.title = QObject::tr("%1 · %2 × %3 %4")
                       .arg(q(sc.model.name))
                       .arg(sc.cluster.nodes)
                       .arg(sc.cluster.gpusPerNode)
                       .arg(q(sc.gpu.name));
    return c;
}

BreakdownChart ChartDataBuilder::energy(const Workspace& w, const WorkspaceResult& r, bool logScale)
{
    BreakdownChart c = skeleton(w, r);
    c.data.valueLabel = QObject::tr("Energy per token (J)");
    c.data.logScale = logScale;
    for (int p = 0; p < kEnergyPartCount; ++p) {
        c.data.seriesLabels << q(std::string(energyPartLabel(EnergyPart(p))));
        c.data.colorSlots.push_back(ChartPalette::energySlot(p));
    }
    for (std::size_t i = 0; i < c.data.bars.size(); ++i) {
        const Result& res = r.bars[std::size_t(c.resultIndex[i])].result;
        c.data.bars[i].values.assign(res.energyJPerToken.begin(), res.energyJPerToken.end());
    }
    return c;
}

BreakdownChart ChartDataBuilder::latency(const Workspace& w, const WorkspaceResult& r, bool logScale)
{
    BreakdownChart c = skeleton(w, r);
    c.data.valueLabel = QObject::tr("Step latency (ms)");
    c.data.logScale = logScale;
    c.data.overlayLabel = QObject::tr("Expert copy hidden by prefetch");
    for (int p = 0; p < kLatencyPartCount; ++p) {
        c.data.seriesLabels << q(std::string(latencyPartLabel(LatencyPart(p))));
        c.data.colorSlots.push_back(ChartPalette::latencySlot(p));
    }
    for (std::size_t i = 0; i < c.data.bars.size(); ++i) {
        const Result& res = r.bars[std::size_t(c.resultIndex[i])].result;
        for (double s : res.latencyS)
            c.data.bars[i].values.push_back(s * 1e3);
        c.data.bars[i].overlay = res.copyHiddenS * 1e3;
    }
    return c;
}

HeatmapData ChartDataBuilder::heatmap(const Workspace& w, const WorkspaceResult& r)
{
    const HeatmapSpec& h = w.heatmap;
    HeatmapData d;
    d.title = q(w.scenario.name);
    d.xLabel = q(h.x.label.empty() ? h.x.path : h.x.label);
    d.yLabel = q(h.y.label.empty() ? h.y.path : h.y.label);
    d.xValues = h.x.values;
    d.yValues = h.y.values;
    d.cells = r.cells;
    d.ratio = h.baseline.has_value();
    const QString metric = h.metric == StudyMetric::Latency ? QObject::tr("Step latency") : QObject::tr("Energy per token");
    d.valueLabel = d.ratio ? QObject::tr("%1 ÷ %2").arg(metric, q(h.baseline->name))
                           : QStringLiteral("%1 (%2)").arg(metric, q(std::string(studyMetricUnit(h.metric))));
    return d;
}

} // namespace tierlens
