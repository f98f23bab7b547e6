#pragma once

#include "core/data/problem.h"
#include "core/data/scenario.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tierlens {

enum class PresetKind { Gpu, Tier, Link, Model, System, Scenario, Study };

struct PresetEntry {
    PresetKind kind = PresetKind::Gpu;
    std::string id;
    std::string name;
    std::string description;
    std::string source; ///< file it came from ("presets/models/mixtral-8x7b.json")
    nlohmann::json json;
};

/// All presets, by kind and id: the built-in ones (compiled in from presets/) plus any loaded from
/// disk. Scenario JSON may name presets instead of spelling them out ("model": "mixtral-8x7b",
/// "system": "dgx-h100-1x4", "tiers": ["ddr", "ssd"]); the library resolves those references.
class PresetLibrary {
public:
    /// The presets compiled into the program.
    static const PresetLibrary& builtin();

    /// Adds one preset file; `relativePath` starts with its kind's folder ("models/x.json").
    Problems addText(std::string_view relativePath, std::string_view text);
    /// Adds every *.json below dir (laid out like presets/).
    Problems addDirectory(const std::string& dir);

    const PresetEntry* find(PresetKind kind, std::string_view id) const;
    std::vector<const PresetEntry*> list(PresetKind kind) const;

    /// Replaces preset references in scenario JSON by the presets' contents.
    nlohmann::json resolveScenarioJson(const nlohmann::json& j, std::string_view path, Problems& out) const;
    /// Resolves, reads and validates a scenario.
    Loaded<Scenario> loadScenario(const nlohmann::json& j, std::string_view path = {}) const;
    /// A scenario preset by id.
    Loaded<Scenario> scenario(std::string_view id) const;

    static std::string_view kindName(PresetKind k);
    static std::string_view folderName(PresetKind k);
    static const std::vector<PresetKind>& kinds();

private:
    std::map<std::pair<PresetKind, std::string>, PresetEntry> entries_;
};

} // namespace tierlens
