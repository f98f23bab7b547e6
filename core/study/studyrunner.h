#pragma once

#include "core/data/result.h"
#include "core/data/study.h"
#include "core/study/studycontrol.h"

#include <string>
#include <vector>

namespace tierlens {

struct BarResult {
    const StudySeries* series = nullptr;
    int batch = 0;
    Result result;
};

struct LineResult {
    const StudySeries* series = nullptr;
    std::vector<double> values; ///< metric at each x value
};

/// Numbers of one study, as plain data. Breakdown: one bar per series × batch. Heatmap:
/// cells[row][column], rows along y. Line: one line per series along x.
struct StudyResult {
    const Study* study = nullptr;
    std::vector<BarResult> bars;
    std::vector<std::vector<double>> cells;
    std::vector<LineResult> lines;
    bool stopped = false; ///< ended early through a StudyControl: the numbers are incomplete
};

/// Runs every evaluation of a study. The study must outlive the result (bars point at its series).
/// With a control, each evaluation is counted and the run ends early once it is told to stop.
StudyResult runStudy(const Study& study, StudyControl* control = nullptr);

/// Heatmap cell value: the metric of the cell's scenario, divided by the baseline's at the same
/// cell when the study has one.
double heatmapCell(const Study& study, int row, int column);

} // namespace tierlens
