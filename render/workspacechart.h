#pragma once

#include "core/data/workspace.h"
#include "render/chartdatabuilder.h"
#include "render/chartpainter.h"
#include "render/renderoptions.h"
#include "render/tornadopainter.h"

#include <memory>
#include <optional>
#include <string>

namespace tierlens {

/// The one place a workspace's figure is built from the workspace and its view settings: the
/// window's charts, Copy Figure, Export Figure, `tierlens-cli export` and bundles all take their
/// chart data and drawing options from here, so the same workspace cannot give two figures.
class WorkspaceChart {
public:
    enum class View { Energy, Latency, Heatmap, Tornado, Roofline, Pareto };

    /// "energy", "latency", "heatmap", "tornado", "roofline" or "pareto"; empty for anything else.
    static std::optional<View> viewFromName(const std::string& name);
    static const char* viewName(View v);

    /// The breakdown's axis and reference under the settings; unset ones take the view's
    /// defaults (energy normalised, latency absolute; the first placement as reference).
    static BreakdownOptions breakdownOptions(const WorkspaceResult& r, bool latency, const ViewSettings& s);
    static BreakdownChart breakdown(const Workspace& w, const WorkspaceResult& r, bool latency);
    /// `base` (font, whether a title is drawn at all) with palette, legend, value labels and
    /// title taken from the settings.
    static RenderOptions renderOptions(const ViewSettings& s, RenderOptions base);
    static PaletteKind palette(ViewSettings::Palette p);

    /// The tornado of the workspace's scenario over its ranged constants (rangesFor), ranking
    /// energy per token; no rows when the ranges are missing or wrong.
    static TornadoData tornado(const Workspace& w, const RangeMetric& metric = {});
    /// The view's painter with the workspace's settings applied to whatever options it is painted
    /// with; `selection` is left unset (a figure carries no on-screen selection).
    static std::unique_ptr<ChartPainter> painter(const Workspace& w, const WorkspaceResult& r, View view);
    /// The memory-level roofline of the workspace's scenario at its batch (the roofline view).
    static std::unique_ptr<ChartPainter> rooflinePainter(const Workspace& w);
    /// The scatter of a Pareto study, evaluated here on every core. The pareto view of a workspace
    /// draws its source study when that is a Pareto study preset.
    static std::unique_ptr<ChartPainter> paretoPainter(const Study& st, const ViewSettings& s);
};

} // namespace tierlens
