// tierlens-cli bundle and render: shareable .tierlens.zip files, made and checked headless.
#include "cli/cliapp.h"

#include "bundle/bundlecomposer.h"
#include "bundle/bundlereader.h"
#include "bundle/bundlerenderer.h"
#include "bundle/bundlewriter.h"
#include "cli/cliargs.h"
#include "cli/clioptions.h"
#include "core/io/jsontext.h"
#include "core/io/presetlibrary.h"
#include "render/offscreenguiapp.h"

#include <filesystem>
#include <ostream>

namespace tierlens {

int CliApp::bundle(const cli::CliArgs& args)
{
    const std::string target = args.target(), outPath = args.text("out");
    if (!BundleReader::isBundlePath(QString::fromStdString(outPath)))
        return usage("--out must end in .tierlens.zip, got \"" + outPath + "\"");
    const auto& lib = PresetLibrary::builtin();

    // A file with a "kind" is a study, any other file a workspace or scenario; else a study preset.
    nlohmann::json definition;
    std::error_code ec;
    if (std::filesystem::exists(target, ec)) {
        auto text = readTextFile(target);
        auto j = text.ok() ? parseJsonText(text.value, target) : Loaded<nlohmann::json> { {}, text.problems };
        if (!j.ok()) {
            cli::printProblems(err_, j.problems);
            return 1;
        }
        definition = std::move(j.value);
    } else if (const PresetEntry* e = lib.find(PresetKind::Study, target)) {
        definition = e->json;
    }
    const bool isStudy = definition.is_null() || (definition.is_object() && definition.contains("kind"));
    Workspace w;
    if (isStudy) {
        auto st = loadStudyTarget(target);
        if (!st)
            return 1;
        w = workspaceFromStudy(*st);
    } else {
        auto loaded = loadWorkspace(definition, lib);
        if (!loaded.ok()) {
            cli::printProblems(err_, loaded.problems, target);
            return 1;
        }
        w = std::move(loaded.value);
    }

    const OffscreenGuiApp gui;
    if (!gui.error().isEmpty()) {
        err_ << "tierlens-cli: bundle: " << gui.error().toStdString() << "\n";
        return 1;
    }
    const auto composed = BundleComposer::compose(w, isStudy ? &definition : nullptr, lib);
    if (!composed.ok()) {
        cli::printProblems(err_, composed.problems, target);
        return 1;
    }
    if (const QString error = BundleWriter::write(QString::fromStdString(outPath), composed.value);
        !error.isEmpty()) {
        err_ << "tierlens-cli: " << error.toStdString() << "\n";
        return 1;
    }
    out_ << outPath << "\n";
    return 0;
}

int CliApp::render(const cli::CliArgs& args)
{
    const std::string target = args.target(), outDir = args.text("out");
    const QString path = QString::fromStdString(target);
    const auto b = BundleReader::read(path);
    if (!b.ok()) {
        cli::printProblems(err_, b.problems);
        err_ << "tierlens-cli: " << target << " was not rendered: " << b.problems.size() << " problem(s)\n";
        return 1;
    }
    const OffscreenGuiApp gui;
    if (!gui.error().isEmpty()) {
        err_ << "tierlens-cli: render: " << gui.error().toStdString() << "\n";
        return 1;
    }
    const auto report = BundleRenderer::render(b.value, std::filesystem::path(target).filename().string(),
        QString::fromStdString(outDir), PresetLibrary::builtin(), path);
    for (const QString& f : report.written)
        out_ << f.toStdString() << "\n";
    cli::printProblems(err_, report.problems);
    for (const auto& d : report.differences)
        err_ << "differs: " << d << "\n";
    if (!report.ok()) {
        err_ << "tierlens-cli: " << target << ": " << report.problems.size() << " problem(s), "
             << report.differences.size() << " difference(s) listed\n";
        return 1;
    }
    out_ << target << ": every number reproduced (relative tolerance " << BundleRenderer::kRelativeTolerance
         << ")\n";
    return 0;
}

} // namespace tierlens
