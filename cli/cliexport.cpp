// tierlens-cli export: the one command that paints, so the only one that starts Qt Gui.
#include "cli/cliapp.h"

#include "bundle/bundlereader.h"
#include "cli/clioptions.h"
#include "core/data/workspace.h"
#include "core/io/inputlimits.h"
#include "core/io/presetlibrary.h"
#include "render/figureexporter.h"
#include "render/offscreenguiapp.h"
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
    FigureExportOptions figure;
    std::string error;
};

bool parseNumber(const std::string& text, double low, double high, double& value)
{
    try {
        std::size_t used = 0;
        value = std::stod(text, &used);
        return used == text.size() && std::isfinite(value) && value >= low && value <= high;
    } catch (const std::exception&) {
        return false;
    }
}

ExportArgs parseExportArgs(const std::vector<std::string>& args)
{
    ExportArgs a;
    for (std::size_t i = 1; i < args.size() && a.error.empty(); ++i) {
        const std::string& arg = args[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) {
                a.error = arg + " needs a value";
                return {};
            }
            return args[++i];
        };
        auto number = [&](double low, double high) {
            const std::string v = value();
            double d = 0;
            if (a.error.empty() && !parseNumber(v, low, high, d))
                a.error = arg + " must be a number from " + std::to_string(int(low)) + " to "
                    + std::to_string(int(high)) + ", got \"" + v + "\"";
            return d;
        };
        if (arg == "--out") {
            a.out = value();
        } else if (arg == "--view") {
            a.view = value();
            if (a.error.empty() && a.view != "energy" && a.view != "latency" && a.view != "heatmap")
                a.error = "--view must be energy, latency or heatmap, got \"" + a.view + "\"";
        } else if (arg == "--case") {
            const double n = number(0, 1000);
            if (a.error.empty() && n != std::floor(n))
                a.error = "--case must be a whole number, got " + std::to_string(n);
            a.caseIndex = int(n);
        } else if (arg == "--width-in") {
            a.figure.width = number(0.1, 100);
        } else if (arg == "--height-in") {
            a.figure.height = number(0.1, 100);
        } else if (arg == "--dpi") {
            a.figure.dpi = number(10, 2400);
        } else if (arg == "--font-pt") {
            a.figure.fontPt = number(2, 72);
        } else if (arg == "--font-family") {
            a.figure.fontFamily = QString::fromStdString(value());
        } else if (arg == "--palette") {
            const std::string v = value();
            if (v == paletteName(ViewSettings::Palette::ColorBlindSafe))
                a.palette = ViewSettings::Palette::ColorBlindSafe;
            else if (v == paletteName(ViewSettings::Palette::Grayscale))
                a.palette = ViewSettings::Palette::Grayscale;
            else if (a.error.empty())
                a.error = "--palette must be colorblind or grayscale, got \"" + v + "\"";
        } else if (arg == "--title") {
            a.title = value();
        } else if (arg == "--no-title") {
            a.figure.showTitle = false;
        } else if (arg == "--log") {
            a.axis = BreakdownAxis::Log;
        } else if (arg == "--absolute") {
            a.axis = BreakdownAxis::Linear;
        } else if (arg == "--axis") {
            const std::string v = value();
            a.axis = breakdownAxisFromName(v);
            if (!a.axis && a.error.empty())
                a.error = "--axis must be normalised, linear or log, got \"" + v + "\"";
        } else if (arg == "--no-legend" || arg == "--legend") {
            a.legend = arg == "--legend";
        } else if (arg == "--no-values" || arg == "--values") {
            a.values = arg == "--values";
        } else if (!arg.empty() && arg[0] == '-') {
            a.error = "unknown option " + arg;
        } else if (a.target.empty()) {
            a.target = arg;
        } else {
            a.error = "unexpected argument \"" + arg + "\"";
        }
    }
    if (a.error.empty()) {
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
    }
    if (a.error.empty() && a.target.empty())
        a.error = "missing the study file, preset id or bundle";
    if (a.error.empty() && a.out.empty())
        a.error = "export needs --out FILE.svg|.pdf|.png";
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

int CliApp::exportFigure(const std::vector<std::string>& args)
{
    ExportArgs a = parseExportArgs(args);
    if (!a.error.empty())
        return usage(a.error);
    Workspace w;
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
                : st->metric == StudyMetric::Latency  ? "latency"
                                                      : "energy";
        w = workspaceFromStudy(*st, a.caseIndex);
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
    const WorkspaceResult r = evaluateWorkspace(w);
    if (!r.problems.empty()) {
        cli::printProblems(err_, r.problems, a.target);
        return 1;
    }

    const OffscreenGuiApp gui;
    if (!gui.error().isEmpty()) {
        err_ << "tierlens-cli: export: " << gui.error().toStdString() << "\n";
        return 1;
    }
    const QString error
        = WorkspaceFigure::exportToFile(w, r, a.view, QString::fromStdString(a.out), a.figure);
    if (!error.isEmpty()) {
        err_ << "tierlens-cli: " << error.toStdString() << "\n";
        return 1;
    }
    out_ << a.out << "\n";
    return 0;
}

} // namespace tierlens
