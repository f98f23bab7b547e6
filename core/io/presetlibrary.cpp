#include "core/io/presetlibrary.h"

#include "core/io/embeddedpresets.h"
#include "core/io/jsontext.h"
#include "core/io/scenariojson.h"
#include "core/validation/validator.h"

#include <filesystem>

namespace tierlens {

using nlohmann::json;

namespace {

struct KindInfo {
    PresetKind kind;
    std::string_view name;
    std::string_view folder;
};
constexpr KindInfo kKinds[] = {
    { PresetKind::Gpu, "gpu", "gpus" },
    { PresetKind::Tier, "tier", "tiers" },
    { PresetKind::Link, "link", "links" },
    { PresetKind::Model, "model", "models" },
    { PresetKind::System, "system", "systems" },
    { PresetKind::Scenario, "scenario", "scenarios" },
    { PresetKind::Study, "study", "studies" },
};

std::string knownList(const PresetLibrary& lib, PresetKind kind)
{
    std::string s;
    for (const auto* e : lib.list(kind))
        s += (s.empty() ? "" : ", ") + e->id;
    return s.empty() ? "none" : s;
}

std::string at(std::string_view path, std::string_view key)
{
    return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
}

} // namespace

std::string_view PresetLibrary::kindName(PresetKind k)
{
    for (const auto& i : kKinds)
        if (i.kind == k)
            return i.name;
    return {};
}

std::string_view PresetLibrary::folderName(PresetKind k)
{
    for (const auto& i : kKinds)
        if (i.kind == k)
            return i.folder;
    return {};
}

const std::vector<PresetKind>& PresetLibrary::kinds()
{
    static const std::vector<PresetKind> all = [] {
        std::vector<PresetKind> v;
        for (const auto& i : kKinds)
            v.push_back(i.kind);
        return v;
    }();
    return all;
}

const PresetLibrary& PresetLibrary::builtin()
{
    static const PresetLibrary lib = [] {
        PresetLibrary l;
        for (const auto& f : embeddedPresetFiles())
            l.addText(f.path, f.text); // checked by the tests, which load every preset
        return l;
    }();
    return lib;
}

Problems PresetLibrary::addText(std::string_view relativePath, std::string_view text)
{
    Problems out;
    const std::string source(relativePath);
    const auto slash = relativePath.find('/');
    const std::string_view folder = relativePath.substr(0, slash);
    const KindInfo* kind = nullptr;
    for (const auto& i : kKinds)
        if (i.folder == folder)
            kind = &i;
    if (!kind || slash == std::string_view::npos) {
        out.push_back({ source,
            "is not inside a preset folder (gpus, tiers, links, models, systems, "
            "scenarios, studies)" });
        return out;
    }
    auto parsed = parseJsonText(text, source);
    if (!parsed.ok())
        return parsed.problems;
    const json& j = parsed.value;
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string() || j["id"].get<std::string>().empty()) {
        out.push_back({ source, "must be a JSON object with a non-empty string \"id\"" });
        return out;
    }
    PresetEntry e;
    e.kind = kind->kind;
    e.id = j["id"].get<std::string>();
    e.name = j.value("name", e.id);
    e.description = j.value("description", std::string());
    e.source = source;
    e.json = j;
    entries_[{ e.kind, e.id }] = std::move(e);
    return out;
}

Problems PresetLibrary::addDirectory(const std::string& dir)
{
    namespace fs = std::filesystem;
    Problems out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        out.push_back({ dir, "is not a folder" });
        return out;
    }
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file() || it->path().extension() != ".json")
            continue;
        auto text = readTextFile(it->path().string());
        if (!text.ok()) {
            out.insert(out.end(), text.problems.begin(), text.problems.end());
            continue;
        }
        const auto rel = fs::relative(it->path(), dir).generic_string();
        auto p = addText(rel, text.value);
        out.insert(out.end(), p.begin(), p.end());
    }
    if (ec)
        out.push_back({ dir, "could not be read: " + ec.message() });
    return out;
}

const PresetEntry* PresetLibrary::find(PresetKind kind, std::string_view id) const
{
    const auto it = entries_.find({ kind, std::string(id) });
    return it == entries_.end() ? nullptr : &it->second;
}

std::vector<const PresetEntry*> PresetLibrary::list(PresetKind kind) const
{
    std::vector<const PresetEntry*> v;
    for (const auto& [key, e] : entries_)
        if (key.first == kind)
            v.push_back(&e);
    return v;
}

json PresetLibrary::resolveScenarioJson(const json& in, std::string_view path, Problems& out) const
{
    if (!in.is_object())
        return in;
    json j = in;
    // Layers, lowest first: the scenario preset named by "base", then the system named by
    // "system" (so a scenario may move a base onto other hardware), then the file's own keys.
    json layered;
    bool anyBase = false;
    for (auto [key, kind] :
        { std::pair { "base", PresetKind::Scenario }, { "system", PresetKind::System } }) {
        const auto it = j.find(key);
        if (it == j.end())
            continue;
        if (!it->is_string()) {
            out.push_back({ at(path, key), "must be a preset id string" });
            j.erase(key);
            continue;
        }
        const std::string id = it->get<std::string>();
        const PresetEntry* e = find(kind, id);
        j.erase(key);
        if (!e) {
            out.push_back({ at(path, key),
                "names unknown " + std::string(kindName(kind)) + " preset \"" + id
                    + "\"; known: " + knownList(*this, kind) });
            continue;
        }
        json base = resolveScenarioJson(e->json, path, out);
        // A scenario built on another keeps its name unless it says otherwise; a system's name
        // and id describe the hardware, not the scenario.
        for (const char* meta : { "id", "name", "description", "source" })
            if (kind == PresetKind::System || std::string_view(meta) == "source")
                base.erase(meta);
        if (!anyBase)
            layered = std::move(base);
        else
            layered.merge_patch(base);
        anyBase = true;
    }
    if (anyBase) {
        layered.merge_patch(j);
        j = std::move(layered);
    }
    auto one = [&](json& v, PresetKind kind, const std::string& p) {
        if (!v.is_string())
            return;
        const std::string id = v.get<std::string>();
        if (const PresetEntry* e = find(kind, id))
            v = e->json;
        else
            out.push_back({ p,
                "names unknown " + std::string(kindName(kind)) + " preset \"" + id
                    + "\"; known: " + knownList(*this, kind) });
    };
    if (j.contains("gpu"))
        one(j["gpu"], PresetKind::Gpu, at(path, "gpu"));
    if (j.contains("model"))
        one(j["model"], PresetKind::Model, at(path, "model"));
    for (auto [key, kind] : { std::pair { "tiers", PresetKind::Tier }, { "links", PresetKind::Link } }) {
        if (!j.contains(key) || !j[key].is_array())
            continue;
        for (std::size_t i = 0; i < j[key].size(); ++i)
            one(j[key][i], kind, at(path, key) + "[" + std::to_string(i) + "]");
    }
    return j;
}

Loaded<Scenario> PresetLibrary::loadScenario(const json& j, std::string_view path) const
{
    Loaded<Scenario> r;
    const json resolved = resolveScenarioJson(j, path, r.problems);
    if (!r.ok())
        return r;
    json withVersion = resolved;
    if (withVersion.is_object() && !withVersion.contains("schemaVersion"))
        withVersion["schemaVersion"] = Scenario::kSchemaVersion; // presets omit it
    fromJson(withVersion, r.value, path, r.problems);
    // Validate even after type problems: fields that failed to read keep valid defaults, so
    // every remaining problem is still reported in one go.
    for (auto& p : validateScenario(r.value)) {
        p.path = at(path, p.path);
        r.problems.push_back(std::move(p));
    }
    return r;
}

Loaded<Scenario> PresetLibrary::scenario(std::string_view id) const
{
    const PresetEntry* e = find(PresetKind::Scenario, id);
    if (!e) {
        Loaded<Scenario> r;
        r.problems.push_back({ std::string(id),
            "is not a scenario preset; known: " + knownList(*this, PresetKind::Scenario) });
        return r;
    }
    auto r = loadScenario(e->json);
    for (auto& p : r.problems)
        p.path = e->source + ": " + p.path;
    return r;
}

} // namespace tierlens
