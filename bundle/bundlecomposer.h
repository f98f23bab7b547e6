#pragma once

#include "bundle/bundle.h"
#include "core/data/problem.h"
#include "core/data/workspace.h"

#include <nlohmann/json.hpp>

#include <string>

namespace tierlens {

class PresetLibrary;

/// Gathers what a bundle carries: the workspace JSON, its numbers as tidy CSV, its figures (SVG and
/// PDF, through the one paint path), the study definition and its CSV when there is one, and a
/// README saying how to regenerate everything. Drawing needs a QGuiApplication.
class BundleComposer {
public:
    /// `studyDefinition` (may be null) is the study the workspace was made from, stored verbatim.
    static Loaded<Bundle> compose(
        const Workspace& w, const nlohmann::json* studyDefinition, const PresetLibrary& lib);

    /// The views drawn for a workspace: "energy", "latency" and, when it has cells, "heatmap".
    static std::vector<std::string> views(const WorkspaceResult& r);
    /// figures/<view>.svg and .pdf for every view.
    static Loaded<std::vector<Bundle::Entry>> figures(const Workspace& w, const WorkspaceResult& r);
    /// A study definition's numbers as tidy CSV; problems name `source`.
    static Loaded<std::string> studyCsv(
        const nlohmann::json& definition, const PresetLibrary& lib, const std::string& source);
};

} // namespace tierlens
