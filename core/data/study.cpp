#include "core/data/study.h"

#include "core/data/parampath.h"

namespace tierlens {

std::string_view studyKindName(Study::Kind k)
{
    switch (k) {
    case Study::Kind::Breakdown:
        return "breakdown";
    case Study::Kind::Heatmap:
        return "heatmap";
    case Study::Kind::Line:
        return "line";
    case Study::Kind::Pareto:
        return "pareto";
    }
    return "breakdown";
}

std::string_view studyMetricName(StudyMetric m)
{
    return m == StudyMetric::Latency ? "latency" : "energy_per_token";
}

std::string_view studyMetricUnit(StudyMetric m)
{
    return m == StudyMetric::Latency ? "ms" : "J/token";
}

double metricValue(const Result& r, StudyMetric m)
{
    return m == StudyMetric::Latency ? r.totalLatencyS() * 1e3 : r.totalEnergyJPerToken();
}

namespace {
void applyAxis(const StudyAxis& axis, const Scenario& base, Scenario& s, std::size_t index)
{
    if (index >= axis.values.size())
        return;
    const auto baseValue = parampath::get(base, axis.path);
    if (!baseValue)
        return; // the scenario has no such parameter (a dense baseline has no SSD tier)
    const double v = axis.scale ? *baseValue * axis.values[index] : axis.values[index];
    parampath::set(s, axis.path, v);
}
} // namespace

Scenario Study::cellScenario(const Scenario& base, int row, int column) const
{
    Scenario s = base;
    applyAxis(x, base, s, static_cast<std::size_t>(column));
    applyAxis(y, base, s, static_cast<std::size_t>(row));
    return s;
}

} // namespace tierlens
