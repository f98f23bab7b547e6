#include "render/chartdatabuilder.h"

#include "render/barchartpainter.h"
#include "render/chartpalette.h"

#include <QObject>

#include <algorithm>

namespace tierlens {

namespace {
QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

QString tierName(const Scenario& s, const std::string& id)
{
    const MemoryTier* t = s.findTier(id);
    return t && !t->name.empty() ? q(t->name) : q(id);
}

// Link names of a placement's chain, tier side first: "PCIe Gen5 x16 → NVLink-C2C gen 5".
QString linkChain(const Scenario& s, const std::vector<std::string>& path)
{
    QStringList names;
    for (const auto& id : path) {
        const Interconnect* l = s.findLink(id);
        names << (l && !l->name.empty() ? q(l->name) : q(id));
    }
    return names.join(QStringLiteral(" \u2192 "));
}
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
                const PlacementOption& p = r.placements[std::size_t(r.bars[i].placement)];
                s.label = q(p.label);
                // Two placements of one tier differ only by their links: the label tells them apart.
                if (const QString links = linkChain(w.scenario, p.path);
                    !links.isEmpty() && !p.expertTier.empty() && p.expertTier != kHbmTierId) {
                    s.label = QObject::tr("%1 \u00b7 %2").arg(s.label, links);
                    s.toolTip = QObject::tr("Experts in %1, copied over %2")
                                    .arg(tierName(w.scenario, p.expertTier), links);
                }
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

void ChartDataBuilder::addWhiskers(
    BreakdownChart& c, const std::vector<Band>& bands, double scale, RangeMethod method)
{
    // Range mode only: the workspace result has a band per bar.
    if (bands.empty())
        return;
    for (std::size_t i = 0; i < c.data.bars.size(); ++i) {
        const auto at = std::size_t(c.resultIndex[i]);
        if (at >= bands.size())
            return;
        c.data.bars[i].low = bands[at].low * scale;
        c.data.bars[i].high = bands[at].high * scale;
    }
    // Short, so the legend keeps its columns; the method is said in full in the docs.
    c.data.whiskerLabel
        = method == RangeMethod::Corners ? QObject::tr("Low–high range") : QObject::tr("Low–high (estimate)");
}

BreakdownOptions ChartDataBuilder::defaultOptions(const WorkspaceResult& r, bool latency)
{
    BreakdownOptions o;
    o.axis = latency ? BreakdownAxis::Linear : BreakdownAxis::Normalised;
    if (!r.placements.empty())
        o.reference = r.placements.front().id;
    return o;
}

// Ratios to the reference placement's bar of the same batch; normalised bars are divided by it.
void ChartDataBuilder::compare(
    BreakdownChart& c, const WorkspaceResult& r, const BreakdownOptions& o, const QString& unit)
{
    auto& d = c.data;
    d.logScale = o.axis == BreakdownAxis::Log;
    if (o.reference.empty())
        return;
    d.referenceOf.assign(d.bars.size(), -1);
    for (std::size_t i = 0; i < d.bars.size(); ++i) {
        const auto& bar = r.bars[std::size_t(c.resultIndex[i])];
        for (std::size_t j = 0; j < d.bars.size(); ++j) {
            const auto& other = r.bars[std::size_t(c.resultIndex[j])];
            if (other.batch == bar.batch && r.placements[std::size_t(other.placement)].id == o.reference)
                d.referenceOf[i] = int(j);
        }
    }
    if (o.axis != BreakdownAxis::Normalised)
        return;
    const auto total = [&d](std::size_t i) {
        double t = 0;
        for (double v : d.bars[i].values)
            t += BarChartPainter::drawnValue(v);
        return t;
    };
    std::vector<double> refTotal(d.bars.size(), 0.0);
    for (std::size_t i = 0; i < d.bars.size(); ++i) {
        const int ref = d.referenceOf[i];
        refTotal[i] = ref >= 0 ? total(std::size_t(ref)) : 0;
        if (!(refTotal[i] > 0))
            return; // some batch has nothing to divide by: absolute stacks say more
    }
    QString refName;
    for (const auto& p : r.placements)
        if (p.id == o.reference)
            refName = q(p.label);
    for (std::size_t i = 0; i < d.bars.size(); ++i) {
        BarStack& b = d.bars[i];
        b.absoluteTotal = total(i);
        for (double& v : b.values)
            v = BarChartPainter::drawnValue(v) / refTotal[i];
        b.overlay = BarChartPainter::drawnValue(b.overlay) / refTotal[i];
        // A whisker is scaled like its bar: in units of the reference's total at the values.
        if (b.low && b.high) {
            b.low = *b.low / refTotal[i];
            b.high = *b.high / refTotal[i];
        }
    }
    d.absoluteUnit = unit;
    d.valueLabel = QObject::tr("%1 (%2 = 1)").arg(d.valueLabel, refName); // at each batch: the ratios say so
}

BreakdownChart ChartDataBuilder::energy(const Workspace& w, const WorkspaceResult& r, bool logScale)
{
    BreakdownOptions o = defaultOptions(r, false);
    o.axis = logScale ? BreakdownAxis::Log : BreakdownAxis::Linear;
    return energy(w, r, o);
}

BreakdownChart ChartDataBuilder::latency(const Workspace& w, const WorkspaceResult& r, bool logScale)
{
    BreakdownOptions o = defaultOptions(r, true);
    o.axis = logScale ? BreakdownAxis::Log : BreakdownAxis::Linear;
    return latency(w, r, o);
}

BreakdownChart ChartDataBuilder::energy(
    const Workspace& w, const WorkspaceResult& r, const BreakdownOptions& o)
{
    BreakdownChart c = skeleton(w, r);
    c.data.valueLabel = o.axis == BreakdownAxis::Normalised ? QObject::tr("Energy per token")
                                                            : QObject::tr("Energy per token (J)");
    c.data.totalsLabel = QObject::tr("Energy per token, total (log axis: components not stacked)");
    for (int p = 0; p < kEnergyPartCount; ++p) {
        c.data.seriesLabels << q(std::string(energyPartLabel(EnergyPart(p))));
        c.data.colorSlots.push_back(ChartPalette::energySlot(p));
    }
    for (std::size_t i = 0; i < c.data.bars.size(); ++i) {
        const Result& res = r.bars[std::size_t(c.resultIndex[i])].result;
        c.data.bars[i].values.assign(res.energyJPerToken.begin(), res.energyJPerToken.end());
    }
    addWhiskers(c, r.barEnergyBands, 1.0, r.rangeMethod);
    compare(c, r, o, QObject::tr("J"));
    if (o.axis == BreakdownAxis::Normalised && c.data.absoluteUnit.isEmpty())
        c.data.valueLabel = QObject::tr("Energy per token (J)");
    return c;
}

BreakdownChart ChartDataBuilder::latency(
    const Workspace& w, const WorkspaceResult& r, const BreakdownOptions& o)
{
    BreakdownChart c = skeleton(w, r);
    c.data.valueLabel = o.axis == BreakdownAxis::Normalised ? QObject::tr("Step latency")
                                                            : QObject::tr("Step latency (ms)");
    c.data.totalsLabel = QObject::tr("Step latency, total (log axis: components not stacked)");
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
    addWhiskers(c, r.barLatencyBands, 1e3, r.rangeMethod);
    compare(c, r, o, QObject::tr("ms"));
    if (o.axis == BreakdownAxis::Normalised && c.data.absoluteUnit.isEmpty())
        c.data.valueLabel = QObject::tr("Step latency (ms)");
    return c;
}

HeatmapData ChartDataBuilder::heatmap(const Workspace& w, const WorkspaceResult& r)
{
    const HeatmapSpec& h = w.heatmap;
    // The study's captions follow the scenario as it is now and name the unit on each axis.
    const Study st = w.heatmapStudy();
    HeatmapData d;
    d.title = q(st.name);
    d.xLabel = q(st.x.label);
    d.yLabel = q(st.y.label);
    d.xValues = h.x.values;
    d.yValues = h.y.values;
    d.cells = r.cells;
    // Range mode: the cells at the low and high ends, for the break-even band.
    if (r.cellBands.size() == r.cells.size())
        for (const auto& row : r.cellBands) {
            d.cellsLow.emplace_back();
            d.cellsHigh.emplace_back();
            for (const Band& b : row) {
                d.cellsLow.back().push_back(b.low);
                d.cellsHigh.back().push_back(b.high);
            }
        }
    d.ratio = h.baseline.has_value();
    const QString metric
        = h.metric == StudyMetric::Latency ? QObject::tr("Step latency") : QObject::tr("Energy per token");
    d.valueLabel = d.ratio ? QObject::tr("%1 ÷ %2").arg(metric, q(h.baseline->name))
                           : QStringLiteral("%1 (%2)").arg(metric, q(std::string(studyMetricUnit(h.metric))));
    return d;
}

} // namespace tierlens
