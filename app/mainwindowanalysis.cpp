// The analysis views: the roofline of the selected step, the Pareto study the workspace came
// from, the comparison with a pinned baseline, a heatmap cell inspected or loaded, Goal Seek and
// the validation gallery.
#include "app/mainwindow.h"

#include "core/data/parampath.h"
#include "core/io/presetlibrary.h"
#include "core/model/evaluator.h"
#include "core/study/scenariodiff.h"
#include "document/recomputer.h"
#include "document/workspacedocument.h"
#include "widgets/dialogs/goalseekdialog.h"
#include "widgets/views/compareview.h"
#include "widgets/views/paretoview.h"
#include "widgets/views/requestview.h"
#include "widgets/views/rooflineview.h"

#include <QAction>
#include <QDockWidget>
#include <QStatusBar>

#include <algorithm>

namespace tierlens {

void MainWindow::showAnalysis()
{
    if (!result_ || !result_->problems.empty())
        return;
    const Workspace& w = shown_;
    // The selected bar's step (its placement and batch), else the scenario at its own batch.
    if (selectedBar_ >= 0 && std::size_t(selectedBar_) < result_->bars.size()) {
        const auto& bar = result_->bars[std::size_t(selectedBar_)];
        Scenario s = w.placed(result_->placements.at(std::size_t(bar.placement)));
        s.workload.batch = bar.batch;
        roofline_->setStep(s, bar.result);
    } else {
        roofline_->setStep(w.scenario, evaluate(w.scenario));
    }
    // A request study's placements are compared under the Request view's numbers.
    if (w.sourceStudy != requestStudy_) {
        requestStudy_ = w.sourceStudy;
        request_->setComparison(RequestComparison::fromStudy(lib_, w.sourceStudy));
    }
    // The Pareto study runs again only when the workspace comes from another study: edits of the
    // scenario do not change the study's design space.
    if (w.sourceStudy != paretoSource_) {
        paretoSource_ = w.sourceStudy;
        std::shared_ptr<const Study> st;
        if (const PresetEntry* e = lib_.find(PresetKind::Study, w.sourceStudy)) {
            auto loaded = loadStudy(e->json, lib_, e->source);
            if (loaded.ok() && loaded.value.kind == Study::Kind::Pareto)
                st = std::make_shared<const Study>(std::move(loaded.value));
        }
        if (st || pareto_->study())
            pareto_->setStudy(st);
    }
    if (baseline_)
        compare_->setDiff(diffScenarios(baseline_->scenario, w.scenario),
            QString::fromStdString(
                baseline_->scenario.name.empty() ? baseline_->scenario.id : baseline_->scenario.name));
    else
        compare_->clear();
}

std::shared_ptr<const WorkspaceResult> MainWindow::withBaseline(
    std::shared_ptr<const WorkspaceResult> r) const
{
    if (!baseline_ || !baselineResult_ || !r)
        return r;
    // Bars side by side rather than deltas by component: the breakdowns' normalised axis already
    // reads every bar as a ratio to the reference placement, and a stacked bar cannot show a
    // component that shrank.
    auto merged = std::make_shared<WorkspaceResult>(*r);
    const int offset = int(merged->placements.size());
    for (auto p : baselineResult_->placements) {
        p.id = "pinned:" + p.id;
        p.label = tr("Pinned · %1").arg(QString::fromStdString(p.label)).toStdString();
        merged->placements.push_back(std::move(p));
    }
    for (auto b : baselineResult_->bars) {
        b.placement += offset;
        merged->bars.push_back(std::move(b));
    }
    return merged;
}

void MainWindow::pinBaseline()
{
    baseline_ = doc_->workspace();
    // Only its bars are drawn: one heatmap cell is all the evaluation needs to make.
    Workspace bars = *baseline_;
    for (StudyAxis* axis : { &bars.heatmap.x, &bars.heatmap.y })
        if (axis->values.size() > 1)
            axis->values.erase(axis->values.begin() + 1, axis->values.end());
    auto r = std::make_shared<WorkspaceResult>(evaluateWorkspace(bars));
    r->cells.clear();
    baselineResult_ = r->problems.empty() ? std::move(r) : nullptr;
    clearBaselineAction_->setEnabled(true);
    statusBar()->showMessage(tr("Pinned the current scenario as the baseline"), 4000);
    // The heatmap divides by it (unless it has a baseline of its own): the recompute shows it.
    Scenario pinned = baseline_->scenario;
    pinned.name = tr("Pinned · %1")
                      .arg(QString::fromStdString(pinned.name.empty() ? pinned.id : pinned.name))
                      .toStdString();
    recomputer_->setPinnedBaseline(std::move(pinned));
}

void MainWindow::clearBaseline()
{
    baseline_.reset();
    baselineResult_.reset();
    clearBaselineAction_->setEnabled(false);
    recomputer_->setPinnedBaseline(std::nullopt);
}

void MainWindow::selectCell(int row, int column)
{
    const Workspace& w = doc_->workspace();
    const bool valid = row >= 0 && column >= 0 && std::size_t(row) < w.heatmap.y.values.size()
        && std::size_t(column) < w.heatmap.x.values.size();
    // Inspecting a cell leaves the scenario alone: loading its point is its own, undoable action.
    selectedRow_ = valid ? row : -1;
    selectedColumn_ = valid ? column : -1;
    if (loadCellAction_)
        loadCellAction_->setEnabled(valid);
    showOperations();
    explain();
}

bool MainWindow::loadSelectedCell()
{
    const int row = selectedRow_;
    const int column = selectedColumn_;
    const Workspace& w = doc_->workspace();
    if (row < 0 || column < 0 || std::size_t(row) >= w.heatmap.y.values.size()
        || std::size_t(column) >= w.heatmap.x.values.size())
        return false;
    // Load the cell's point into the scenario: both axes' parameters take the cell's values. A
    // scaled axis becomes absolute first, so the grid keeps its place once its base value moves.
    doc_->edit(tr("Load heatmap point"), [&](Workspace& ws) {
        for (auto* axis : { &ws.heatmap.x, &ws.heatmap.y }) {
            const auto base = parampath::get(ws.scenario, axis->path);
            if (!base)
                continue;
            if (axis->scale) {
                for (double& v : axis->values)
                    v *= *base;
                axis->scale = false;
            }
            const double v
                = axis == &ws.heatmap.x ? axis->values[std::size_t(column)] : axis->values[std::size_t(row)];
            parampath::set(ws.scenario, axis->path, v);
            if (axis->path == "workload.batch") {
                auto& batches = ws.scenario.workload.batches;
                if (std::find(batches.begin(), batches.end(), int(v)) == batches.end()) {
                    batches.push_back(int(v));
                    std::sort(batches.begin(), batches.end());
                }
            }
        }
    });
    return true;
}

void MainWindow::goalSeek()
{
    GoalSeekDialog dialog(doc_, this);
    dialog.exec();
}

void MainWindow::showValidationGallery()
{
    galleryDock_->show();
    galleryDock_->raise();
}

} // namespace tierlens
