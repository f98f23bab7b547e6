// A heatmap cell explained: the axes' values at the cell, the metric of its scenario and of the
// baseline, and their ratio.

#include "core/explain/explainer.h"

#include "core/data/parampath.h"
#include "core/explain/explainsupport.h"
#include "core/model/evaluator.h"

namespace tierlens {

using namespace explain;

namespace {

std::string metricSymbol(StudyMetric m)
{
    return m == StudyMetric::Latency ? "T_step" : "E_token";
}

// The metric's nonzero components, in the cell's unit (latency cells are in ms).
std::vector<Item> metricItems(StudyMetric metric, const Result& r)
{
    std::vector<Item> items;
    if (metric == StudyMetric::Latency) {
        for (int i = 0; i < kLatencyPartCount; ++i) {
            const auto p = static_cast<LatencyPart>(i);
            if (r.latency(p) != 0)
                items.push_back(
                    { std::string(latencyPartLabel(p)), "", qty(r.latency(p), "s"), r.latency(p) * 1e3 });
        }
        return items;
    }
    for (int i = 0; i < kEnergyPartCount; ++i) {
        const auto p = static_cast<EnergyPart>(i);
        if (r.energy(p) != 0)
            items.push_back({ std::string(energyPartLabel(p)), "", qty(r.energy(p), "J"), r.energy(p) });
    }
    return items;
}

// One side of a heatmap cell: the metric as the sum of its components.
ExplainStep metricStep(StudyMetric metric, const Scenario& s, const Result& r, const std::string& who)
{
    const double v = metricValue(r, metric);
    std::vector<Item> items = metricItems(metric, r);
    for (auto& i : items)
        i.detail = share(i.value, v);
    sortItems(items);
    std::vector<std::string> inlined;
    for (const auto& i : items)
        inlined.push_back(i.inlineText);
    const std::string unit = metric == StudyMetric::Latency ? "ms" : "J";
    ExplainStep st = step(who + ": " + describe(s) + " · batch " + num(r.batch),
        metric == StudyMetric::Latency ? "T_step = T_FC + T_attn + T_MoE + T_comm + T_stall"
                                       : "E_token = Σ components",
        inlined.empty() ? "0" : joined(inlined, " + "), v, unit);
    st.terms = termsOf(items, unit);
    return st;
}

ExplainStep axisStep(
    const HeatmapCellAxis& a, std::string_view which, const Scenario& s, const Scenario* baseline)
{
    Scenario copy = s; // resolve needs a mutable scenario
    const auto ref = parampath::resolve(copy, a.path);
    std::string sub = num(a.value);
    std::string formula = a.path + (a.scale ? " = value × its value in the base scenario" : " = value");
    if (ref) {
        const std::string unit(ref->info.unit);
        if (a.scale && a.value != 0)
            sub += " × " + qty(ref->get() / a.value, unit) + " → " + a.path + " = " + qty(ref->get(), unit);
        else
            sub += " → " + a.path + " = " + qty(ref->get(), unit);
    } else {
        sub += " (the scenario has no " + a.path + ": unchanged)";
    }
    if (baseline) {
        if (const auto bv = parampath::get(*baseline, a.path))
            sub += "; in the baseline " + num(*bv);
        else
            sub += "; the baseline has no " + a.path + " and stays as it is";
    }
    return step(std::string(which) + ": " + (a.label.empty() ? a.path : a.label), formula, sub, a.value,
        a.scale ? "×" : "");
}

} // namespace

Explanation explainHeatmapCell(StudyMetric metric, const HeatmapCellAxis& x, const HeatmapCellAxis& y,
    const Scenario& scenario, const Result& result, const Scenario* baseline, const Result* baselineResult)
{
    Explanation ex;
    const bool ratio = baseline && baselineResult;
    const std::string what = metric == StudyMetric::Latency ? "step latency" : "energy per token";
    ex.title = "Heatmap cell — " + what + (ratio ? ", ratio to the baseline" : "");
    ex.context = (x.label.empty() ? x.path : x.label) + " = " + num(x.value) + " · "
        + (y.label.empty() ? y.path : y.label) + " = " + num(y.value);
    ex.steps.push_back(axisStep(x, "Column", scenario, ratio ? baseline : nullptr));
    ex.steps.push_back(axisStep(y, "Row", scenario, ratio ? baseline : nullptr));
    ExplainStep top = metricStep(metric, scenario, result, ratio ? "Numerator" : "Value");
    double reported = top.value;
    if (ratio) {
        ExplainStep bottom = metricStep(metric, *baseline, *baselineResult, "Baseline");
        const std::string sym = metricSymbol(metric);
        ExplainStep cell = step("Cell: the scenario's " + what + " over the baseline's",
            "cell = " + sym + "(scenario) / " + sym + "(baseline)",
            qty(top.value, top.unit) + " / " + qty(bottom.value, bottom.unit),
            bottom.value > 0 ? top.value / bottom.value : 0.0, "×");
        const double base = metricValue(*baselineResult, metric);
        reported = base > 0 ? metricValue(result, metric) / base : 0.0;
        ex.steps.push_back(std::move(top));
        ex.steps.push_back(std::move(bottom));
        ex.steps.push_back(std::move(cell));
        ex.note = "Below 1 the scenario beats the baseline; the break-even contour is where cells cross 1. "
                  "Click a bar to see how either number is built.";
    } else {
        ex.steps.push_back(std::move(top));
        ex.note = "Each component has its own explanation in the breakdown views.";
    }
    finish(ex, reported);
    return ex;
}

Explanation explainHeatmapCell(const Study& study, int row, int column)
{
    if (study.series.empty() || row < 0 || column < 0
        || static_cast<std::size_t>(row) >= study.y.values.size()
        || static_cast<std::size_t>(column) >= study.x.values.size())
        return {};
    const Scenario cell = study.cellScenario(study.series.front().scenario, row, column);
    const Result r = evaluate(cell);
    const HeatmapCellAxis x { study.x.label, study.x.path, study.x.values[static_cast<std::size_t>(column)],
        study.x.scale };
    const HeatmapCellAxis y { study.y.label, study.y.path, study.y.values[static_cast<std::size_t>(row)],
        study.y.scale };
    if (!study.baseline)
        return explainHeatmapCell(study.metric, x, y, cell, r);
    const Scenario base = study.cellScenario(*study.baseline, row, column);
    const Result br = evaluate(base);
    return explainHeatmapCell(study.metric, x, y, cell, r, &base, &br);
}

} // namespace tierlens
