#include "bundle/bundlecomposer.h"

#include "core/data/study.h"
#include "core/io/resultjson.h"
#include "core/study/studyrunner.h"
#include "render/workspacefigure.h"

namespace tierlens {

namespace {

QByteArray bytes(const std::string& s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

const char* const kReadme = R"(Tierlens bundle
===============

A self-contained record of one Tierlens workspace: what was modelled and what came out.

  manifest.json            name, size and SHA-256 of every other file, app version, creation time
  workspace.tierlens.json  the workspace (scenario, compared placements, heatmap axes); open it in
                           Tierlens (File > Open accepts this bundle too)
  workspace.csv            every bar and heatmap cell, tidy long form (one row per number)
  study.json, study.csv    the study definition and its numbers, when made from a study
  figures/*.svg, *.pdf     the energy, latency and heatmap figures

Regenerate and check everything from the definitions alone:

  tierlens-cli render THIS.tierlens.zip --out DIR

recomputes every number, draws every figure into DIR, and reports any value that differs from
the CSVs stored here (exit status 1 when one does).
)";

} // namespace

std::vector<std::string> BundleComposer::views(const WorkspaceResult& r)
{
    std::vector<std::string> v { "energy", "latency" };
    if (!r.cells.empty())
        v.push_back("heatmap");
    return v;
}

Loaded<std::vector<Bundle::Entry>> BundleComposer::figures(const Workspace& w, const WorkspaceResult& r)
{
    Loaded<std::vector<Bundle::Entry>> out;
    const FigureExportOptions options;
    for (const std::string& view : views(r)) {
        for (const auto& [format, suffix] : { std::pair { FigureExportOptions::Format::Svg, ".svg" },
                 std::pair { FigureExportOptions::Format::Pdf, ".pdf" } }) {
            QString error;
            const QByteArray data = WorkspaceFigure::render(w, r, view, format, options, &error);
            const std::string name = "figures/" + view + suffix;
            if (data.isEmpty())
                out.problems.push_back({ name, "could not be drawn: " + error.toStdString() });
            else
                out.value.push_back({ QString::fromStdString(name), data });
        }
    }
    return out;
}

Loaded<std::string> BundleComposer::studyCsv(
    const nlohmann::json& definition, const PresetLibrary& lib, const std::string& source)
{
    auto st = loadStudy(definition, lib, source);
    if (!st.ok())
        return { {}, st.problems };
    return { studyResultToCsv(runStudy(st.value)), {} };
}

Loaded<Bundle> BundleComposer::compose(
    const Workspace& w, const nlohmann::json* studyDefinition, const PresetLibrary& lib)
{
    Loaded<Bundle> out;
    const WorkspaceResult r = evaluateWorkspace(w);
    if (!r.problems.empty()) {
        out.problems = r.problems;
        return out;
    }
    auto& entries = out.value.entries;
    entries.push_back({ Bundle::kReadme, QByteArray(kReadme) });
    entries.push_back({ Bundle::kWorkspace, bytes(toJson(w).dump(2) + "\n") });
    entries.push_back({ Bundle::kWorkspaceCsv, bytes(workspaceResultToCsv(w, r)) });
    if (studyDefinition) {
        auto csv = studyCsv(*studyDefinition, lib, std::string(Bundle::kStudy.data()));
        if (!csv.ok()) {
            out.problems = csv.problems;
            return out;
        }
        entries.push_back({ Bundle::kStudy, bytes(studyDefinition->dump(2) + "\n") });
        entries.push_back({ Bundle::kStudyCsv, bytes(csv.value) });
    }
    auto figs = figures(w, r);
    out.problems = figs.problems;
    entries.insert(entries.end(), figs.value.begin(), figs.value.end());
    return out;
}

} // namespace tierlens
