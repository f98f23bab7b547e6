#include "core/study/studyrunner.h"

#include "core/model/evaluator.h"
#include "core/model/requestmodel.h"
#include "core/study/gridrunner.h"

namespace tierlens {

namespace {

// The request metrics evaluate the whole request; the others one decode step.
double valueAt(const Scenario& s, StudyMetric m)
{
    return isRequestMetric(m) ? evaluateRequest(s).metric(m) : metricValue(evaluate(s), m);
}

ScenarioMetrics metricOf(StudyMetric m)
{
    return { 1, [m](const Scenario& s, double* out) { *out = valueAt(s, m); } };
}

// cells[row][column] = the metric over the grid (y, x), the last axis fastest.
bool fillCells(
    const Scenario& s, const Study& st, std::vector<std::vector<double>>& cells, StudyControl* control)
{
    const std::size_t cols = st.x.values.size();
    const StudyAxis axes[] = { st.y, st.x };
    return runGrid(
        s, axes, metricOf(st.metric), [&](std::size_t i, const double* v) { cells[i / cols][i % cols] = *v; },
        control);
}

std::vector<std::vector<double>> runHeatmap(const Study& st, StudyControl* control, bool& stopped)
{
    const auto rows = st.y.values.size(), cols = st.x.values.size();
    std::vector<std::vector<double>> cells(rows, std::vector<double>(cols, 0.0));
    stopped = !fillCells(st.series.front().scenario, st, cells, control);
    if (stopped || !st.baseline)
        return cells;
    // The baseline on the same grid: an axis it lacks costs nothing (runGrid), so the dense
    // baseline of the flash study is evaluated once per row.
    std::vector<std::vector<double>> baseline(rows, std::vector<double>(cols, 0.0));
    stopped = !fillCells(*st.baseline, st, baseline, control);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c)
            cells[r][c] = baseline[r][c] > 0 ? cells[r][c] / baseline[r][c] : 0.0;
    return cells;
}

} // namespace

StudyResult runStudy(const Study& st, StudyControl* control)
{
    StudyResult out;
    out.study = &st;
    switch (st.kind) {
    case Study::Kind::Breakdown:
        for (const auto& s : st.series)
            for (int b : s.batches) {
                if (!StudyControl::proceed(control)) {
                    out.stopped = true;
                    return out;
                }
                out.bars.push_back({ &s, b, evaluate(s.scenario, b) });
            }
        break;
    case Study::Kind::Heatmap:
        if (!st.series.empty())
            out.cells = runHeatmap(st, control, out.stopped);
        break;
    case Study::Kind::Line:
        for (const auto& s : st.series) {
            LineResult line { &s, {} };
            for (std::size_t i = 0; i < st.x.values.size(); ++i) {
                if (!StudyControl::proceed(control)) {
                    out.stopped = true;
                    return out;
                }
                line.values.push_back(valueAt(st.cellScenario(s.scenario, 0, int(i)), st.metric));
            }
            out.lines.push_back(std::move(line));
        }
        break;
    case Study::Kind::Pareto:
        break; // a design space, not a figure of series: runParetoStudy (paretostudy.h)
    }
    return out;
}

double heatmapCell(const Study& st, int row, int column)
{
    double v = valueAt(st.cellScenario(st.series.front().scenario, row, column), st.metric);
    if (st.baseline) {
        const double b = valueAt(st.cellScenario(*st.baseline, row, column), st.metric);
        v = b > 0 ? v / b : 0.0;
    }
    return v;
}

} // namespace tierlens
