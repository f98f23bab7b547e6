// tierlens-cli export: the one command that paints, so the only one that starts Qt Gui.
#include "cli/cliapp.h"

#include "bundle/bundlereader.h"
#include "cli/cliargs.h"
#include "cli/clioptions.h"
#include "core/data/workspace.h"
#include "core/io/inputlimits.h"
#include "core/io/presetlibrary.h"
#include "core/study/rangeanalysis.h"
#include "render/figureexporter.h"
#include "render/offscreenguiapp.h"
#include "render/workspacechart.h"
#include "render/workspacefigure.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <ostream>
#include <sstream>

namespace tierlens {

namespace {

struct ExportArgs {
    std::string target;
    std::string out;
    std::string view; // empty: the study's own view
    int caseIndex = 0;
    // Overrides of the workspace's view settings; unset ones keep what the workspace says.
    std::optional<BreakdownAxis> axis;
    std::optional<ViewSettings::Palette> palette;
    std::optional<std::string> title;
    std::optional<bool> legend;
    std::optional<bool> values;
    bool panels = false;
    bool rangeMode = false;
    FigureExportOptions figure;
    std::string error;
};

// The export's settings from its checked options; error() when they do not fit together.
ExportArgs exportArgs(const cli::CliArgs& o)
{
    ExportArgs a;
    a.target = o.target();
    a.out = o.text("out");
    a.view = o.isSet("view") ? o.text("view") : std::string();
    a.caseIndex = int(o.number("case", 0));
    a.figure.width = o.number("width-in", a.figure.width);
    a.figure.height = o.number("height-in", a.figure.height);
    a.figure.dpi = o.number("dpi", a.figure.dpi);
    a.figure.fontPt = o.number("font-pt", a.figure.fontPt);
    if (o.isSet("font-family"))
        a.figure.fontFamily = QString::fromStdString(o.text("font-family"));
    if (o.isSet("title"))
        a.title = o.text("title");
    if (o.isSet("palette"))
        a.palette = o.text("palette") == paletteName(ViewSettings::Palette::Grayscale)
            ? ViewSettings::Palette::Grayscale
            : ViewSettings::Palette::ColorBlindSafe;
    // Options that undo each other apply in the order given: the last one wins.
    for (const auto& [name, value] : o.given()) {
        if (name == "no-title")
            a.figure.showTitle = false;
        else if (name == "log")
            a.axis = BreakdownAxis::Log;
        else if (name == "absolute")
            a.axis = BreakdownAxis::Linear;
        else if (name == "axis")
            a.axis = breakdownAxisFromName(value);
        else if (name == "legend" || name == "no-legend")
            a.legend = name == "legend";
        else if (name == "values" || name == "no-values")
            a.values = name == "values";
        else if (name == "panels")
            a.panels = true;
        else if (name == "range-mode")
            a.rangeMode = true;
    }
    // Each option alone is sane, their product need not be: 100 in × 100 in at 2400 dpi is
    // 5.8e10 pixels. Cap what gets drawn.
    const double w = a.figure.width * a.figure.dpi, h = a.figure.height * a.figure.dpi;
    if (w > limits::kMaxExportSide || h > limits::kMaxExportSide || w * h > limits::kMaxExportPixels) {
        std::ostringstream os;
        os << "the figure would be " << std::llround(w) << " × " << std::llround(h)
           << " pixels (--width-in × "
           << "--height-in × --dpi); at most " << limits::kMaxExportSide << " a side and "
           << limits::kMaxExportPixels / 1e6 << " million in all";
        a.error = os.str();
    }
    if (a.error.empty()
        && FigureExporter::formatForPath(QString::fromStdString(a.out))
            == FigureExportOptions::Format::FromSuffix)
        a.error = "--out must end in .svg, .pdf or .png, got \"" + a.out + "\"";
    return a;
}

int distinctModels(const Study& st)
{
    std::vector<std::string> models;
    for (const auto& s : st.series)
        if (std::find(models.begin(), models.end(), s.model) == models.end())
            models.push_back(s.model);
    return int(models.size());
}

} // namespace

int CliApp::exportFigure(const cli::CliArgs& args)
{
    ExportArgs a = exportArgs(args);
    if (!a.error.empty())
        return usage(a.error);
    Workspace w;
    std::optional<Study> paretoStudy; // drawn from the study itself, which may not be a preset
    // A JSON file without a "kind" is a saved workspace (or a plain scenario), drawn with its
    // own view settings as the window draws it.
    std::optional<nlohmann::json> workspaceFile;
    if (!BundleReader::isBundlePath(QString::fromStdString(a.target)) && cli::looksLikeFile(a.target)) {
        auto j = cli::loadJsonFile(a.target);
        if (!j.ok()) {
            cli::printProblems(err_, j.problems);
            return 1;
        }
        if (!(j.value.is_object() && j.value.contains("kind")))
            workspaceFile = std::move(j.value);
    }
    if (workspaceFile) {
        auto loaded = loadWorkspace(*workspaceFile, PresetLibrary::builtin());
        cli::printProblems(err_, loaded.problems, a.target);
        if (!loaded.ok())
            return 1;
        w = std::move(loaded.value);
        if (a.view.empty())
            a.view = "energy";
    } else if (BundleReader::isBundlePath(QString::fromStdString(a.target))) {
        // A bundle carries the workspace itself; its figures are drawn from it as they were.
        auto loaded = BundleReader::loadWorkspace(QString::fromStdString(a.target), PresetLibrary::builtin());
        cli::printProblems(err_, loaded.problems);
        if (!loaded.ok())
            return 1;
        w = std::move(loaded.value);
        if (a.view.empty())
            a.view = "energy";
    } else {
        auto st = loadStudyTarget(a.target);
        if (!st)
            return 1;
        const int cases = distinctModels(*st);
        if (a.caseIndex >= std::max(cases, 1)) {
            err_ << "tierlens-cli: --case " << a.caseIndex << ": the study has " << cases
                 << " case(s), numbered from 0\n";
            return 1;
        }
        if (a.view.empty())
            a.view = st->kind == Study::Kind::Heatmap ? "heatmap"
                : st->kind == Study::Kind::Pareto     ? "pareto"
                : st->metric == StudyMetric::Latency  ? "latency"
                                                      : "energy";
        if (a.view == "pareto" && st->kind != Study::Kind::Pareto) {
            err_ << "tierlens-cli: --view pareto needs a Pareto study; \"" << a.target << "\" is a "
                 << studyKindName(st->kind) << " study\n";
            return 1;
        }
        w = workspaceFromStudy(*st, a.caseIndex);
        if (st->kind == Study::Kind::Pareto)
            paretoStudy = std::move(*st);
    }
    if (a.axis)
        w.view.axis = a.axis;
    if (a.palette)
        w.view.palette = *a.palette;
    if (a.title)
        w.view.title = *a.title;
    if (a.legend)
        w.view.legend = *a.legend;
    if (a.values)
        w.view.values = *a.values;
    if (a.panels)
        w.view.panels = true;
    // Ranges given here join the workspace's (replacing one of the same path).
    const auto extra = cliRanges(args);
    if (!extra)
        return 2;
    w.ranges = withRanges(w.ranges, *extra);
    if (a.rangeMode)
        w.view.rangeMode = true;
    if (a.view == "tornado" || w.view.rangeMode) {
        const auto ranges = rangesFor(w);
        cli::printProblems(err_, checkRanges(w.scenario, ranges, "ranges"));
        if (!checkRanges(w.scenario, ranges, "ranges").empty())
            return 1;
        if (ranges.empty() && a.view == "tornado") {
            err_ << "tierlens-cli: the tornado needs ranged constants: give --range PATH=LOW:HIGH "
                    "(repeatable)\n";
            return 1;
        }
    }
    const WorkspaceResult r = evaluateWorkspace(w);
    if (!r.problems.empty()) {
        cli::printProblems(err_, r.problems, a.target);
        return 1;
    }
    if (!r.rangeProblems.empty()) {
        cli::printProblems(err_, r.rangeProblems, a.target);
        return 1;
    }

    const OffscreenGuiApp gui;
    if (!gui.error().isEmpty()) {
        err_ << "tierlens-cli: export: " << gui.error().toStdString() << "\n";
        return 1;
    }
    if (a.view == "pareto" && !paretoStudy) {
        err_ << "tierlens-cli: --view pareto needs a Pareto study (a file or preset id)\n";
        return 1;
    }
    const QString error = paretoStudy && a.view == "pareto"
        ? FigureExporter::exportToFile(
            *WorkspaceChart::paretoPainter(*paretoStudy, w.view), QString::fromStdString(a.out), a.figure)
        : WorkspaceFigure::exportToFile(w, r, a.view, QString::fromStdString(a.out), a.figure);
    if (!error.isEmpty()) {
        err_ << "tierlens-cli: " << error.toStdString() << "\n";
        return 1;
    }
    out_ << a.out << "\n";
    return 0;
}

} // namespace tierlens
