#include "core/study/studyrunner.h"

#include "core/data/parampath.h"
#include "core/model/evaluator.h"
#include "core/model/requestmodel.h"

namespace tierlens {

namespace {

// The request metrics evaluate the whole request; the others one decode step.
double valueAt(const Scenario& s, StudyMetric m)
{
    return isRequestMetric(m) ? evaluateRequest(s).metric(m) : metricValue(evaluate(s), m);
}

bool hasPath(const Scenario& s, const std::string& path)
{
    return parampath::get(s, path).has_value();
}

std::vector<std::vector<double>> runHeatmap(const Study& st, StudyControl* control, bool& stopped)
{
    const Scenario& base = st.series.front().scenario;
    const auto rows = st.y.values.size(), cols = st.x.values.size();
    std::vector<std::vector<double>> cells(rows, std::vector<double>(cols, 0.0));

    // The baseline depends only on the axes it has; evaluate it once per distinct setting
    // (the dense baseline of the flash study has no SSD tier, so once per row).
    std::vector<std::vector<double>> baseline;
    bool baseX = false, baseY = false;
    if (st.baseline) {
        baseX = hasPath(*st.baseline, st.x.path);
        baseY = hasPath(*st.baseline, st.y.path);
        baseline.assign(baseY ? rows : 1, std::vector<double>(baseX ? cols : 1, 0.0));
        for (std::size_t r = 0; r < baseline.size(); ++r)
            for (std::size_t c = 0; c < baseline[r].size(); ++c)
                baseline[r][c] = valueAt(st.cellScenario(*st.baseline, int(r), int(c)), st.metric);
    }
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c) {
            if (!StudyControl::proceed(control)) {
                stopped = true;
                return cells;
            }
            double v = valueAt(st.cellScenario(base, int(r), int(c)), st.metric);
            if (st.baseline) {
                const double b = baseline[baseY ? r : 0][baseX ? c : 0];
                v = b > 0 ? v / b : 0.0;
            }
            cells[r][c] = v;
        }
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
