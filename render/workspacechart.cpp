#include "render/workspacechart.h"

#include "core/study/figurecaption.h"
#include "core/validation/validator.h"
#include "render/barchartpainter.h"
#include "render/heatmappainter.h"
#include "render/paretopainter.h"
#include "render/rooflinepainter.h"

#include "core/io/presetlibrary.h"
#include "core/model/evaluator.h"

namespace tierlens {

namespace {

// Paints the view's own painter with the workspace's settings laid over the options it is handed
// (the exporter's font and size): the settings, not the caller, decide palette, legend and values.
template <class Painter> class SettingsPainter : public ChartPainter {
public:
    explicit SettingsPainter(const ViewSettings& s)
        : settings_(s)
    {
    }
    void paint(QPainter& painter, const QRectF& rect, const RenderOptions& options) const override
    {
        inner.paint(painter, rect, WorkspaceChart::renderOptions(settings_, options));
    }
    Painter inner;

private:
    ViewSettings settings_;
};

} // namespace

std::optional<WorkspaceChart::View> WorkspaceChart::viewFromName(const std::string& name)
{
    for (View v : { View::Energy, View::Latency, View::Heatmap, View::Tornado, View::Roofline, View::Pareto })
        if (name == viewName(v))
            return v;
    return std::nullopt;
}

const char* WorkspaceChart::viewName(View v)
{
    switch (v) {
    case View::Latency:
        return "latency";
    case View::Heatmap:
        return "heatmap";
    case View::Tornado:
        return "tornado";
    case View::Roofline:
        return "roofline";
    case View::Pareto:
        return "pareto";
    case View::Energy:
        break;
    }
    return "energy";
}

BreakdownOptions WorkspaceChart::breakdownOptions(
    const WorkspaceResult& r, bool latency, const ViewSettings& s)
{
    BreakdownOptions o = ChartDataBuilder::defaultOptions(r, latency);
    if (s.axis)
        o.axis = *s.axis;
    if (s.reference)
        o.reference = *s.reference;
    return o;
}

BreakdownChart WorkspaceChart::breakdown(const Workspace& w, const WorkspaceResult& r, bool latency)
{
    const BreakdownOptions o = breakdownOptions(r, latency, w.view);
    return latency ? ChartDataBuilder::latency(w, r, o) : ChartDataBuilder::energy(w, r, o);
}

PaletteKind WorkspaceChart::palette(ViewSettings::Palette p)
{
    return p == ViewSettings::Palette::Grayscale ? PaletteKind::Grayscale : PaletteKind::ColorBlindSafe;
}

RenderOptions WorkspaceChart::renderOptions(const ViewSettings& s, RenderOptions base)
{
    base.palette = palette(s.palette);
    base.showLegend = s.legend;
    base.showValues = s.values;
    base.title = QString::fromStdString(s.title);
    return base;
}

TornadoData WorkspaceChart::tornado(const Workspace& w, const RangeMetric& metric)
{
    const std::vector<RangedConstant> ranges = rangesFor(w);
    if (ranges.empty() || !checkRanges(w.scenario, ranges).empty() || !validateScenario(w.scenario).empty()) {
        TornadoData d;
        d.title = QString::fromStdString(metric.label() + " · " + FigureCaption::scenario(w.scenario));
        return d;
    }
    return TornadoData::from(tierlens::tornado(w.scenario, ranges, metric));
}

std::unique_ptr<ChartPainter> WorkspaceChart::rooflinePainter(const Workspace& w)
{
    auto p = std::make_unique<SettingsPainter<RooflinePainter>>(w.view);
    p->inner.setData(RooflineData::fromResult(w.scenario, evaluate(w.scenario)));
    return p;
}

std::unique_ptr<ChartPainter> WorkspaceChart::paretoPainter(const Study& st, const ViewSettings& s)
{
    auto p = std::make_unique<SettingsPainter<ParetoPainter>>(s);
    p->inner.setData(ParetoChartData::fromResult(runParetoStudy(st)));
    return p;
}

std::unique_ptr<ChartPainter> WorkspaceChart::painter(const Workspace& w, const WorkspaceResult& r, View view)
{
    if (view == View::Tornado) {
        auto p = std::make_unique<SettingsPainter<TornadoPainter>>(w.view);
        p->inner.setData(tornado(w));
        return p;
    }
    if (view == View::Roofline)
        return rooflinePainter(w);
    if (view == View::Pareto) {
        // The study outlives the result the painter was built from: ParetoChartData keeps copies.
        const auto& lib = PresetLibrary::builtin();
        if (const PresetEntry* e = lib.find(PresetKind::Study, w.sourceStudy)) {
            auto st = loadStudy(e->json, lib);
            if (st.ok() && st.value.kind == Study::Kind::Pareto)
                return paretoPainter(st.value, w.view);
        }
        auto p = std::make_unique<SettingsPainter<ParetoPainter>>(w.view);
        p->inner.setData({});
        return p;
    }
    if (view == View::Heatmap) {
        auto p = std::make_unique<SettingsPainter<HeatmapPainter>>(w.view);
        p->inner.setData(ChartDataBuilder::heatmap(w, r));
        return p;
    }
    auto p = std::make_unique<SettingsPainter<BarChartPainter>>(w.view);
    p->inner.setData(breakdown(w, r, view == View::Latency).data);
    return p;
}

} // namespace tierlens
