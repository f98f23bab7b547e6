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

namespace {
struct MetricNames {
    StudyMetric metric;
    std::string_view name;
    std::string_view unit;
};
constexpr MetricNames kMetrics[] = {
    { StudyMetric::EnergyPerToken, "energy_per_token", "J/token" },
    { StudyMetric::Latency, "latency", "ms" },
    { StudyMetric::Ttft, "ttft", "ms" },
    { StudyMetric::Tpot, "tpot", "ms" },
    { StudyMetric::EnergyPerRequest, "energy_per_request", "J/request" },
    { StudyMetric::CostPerMTok, "cost_per_mtok", "USD/Mtok" },
};
} // namespace

std::string_view studyMetricName(StudyMetric m)
{
    return kMetrics[static_cast<int>(m)].name;
}

std::string_view studyMetricUnit(StudyMetric m)
{
    return kMetrics[static_cast<int>(m)].unit;
}

bool studyMetricFromName(std::string_view name, StudyMetric& m)
{
    for (const auto& e : kMetrics)
        if (e.name == name) {
            m = e.metric;
            return true;
        }
    return false;
}

double metricValue(const Result& r, StudyMetric m)
{
    if (isRequestMetric(m) || m == StudyMetric::CostPerMTok)
        return 0;
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
