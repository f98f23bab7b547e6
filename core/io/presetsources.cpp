#include "core/io/presetsources.h"

#include "core/io/scenariojson.h"

namespace tierlens {

namespace {

template <class S>
void addFields(const PresetEntry& e, const S& s, const nlohmann::json& j, const SourceMap& sources,
    std::string_view prefix, std::vector<PresetConstant>& out)
{
    for (const auto& f : S::fields()) {
        PresetConstant c;
        c.kind = e.kind;
        c.presetId = e.id;
        c.field = std::string(prefix) + std::string(f.key);
        c.value = fieldValue(s, f);
        c.unit = f.unit;
        c.given = j.is_object() && j.contains(f.key);
        if (const Provenance* p = findSource(sources, c.field))
            c.source = *p;
        out.push_back(std::move(c));
    }
}

template <class S> void addPreset(const PresetEntry& e, std::vector<PresetConstant>& out, auto&& more)
{
    S s;
    Problems problems;
    fromJson(e.json, s, e.id, problems);
    if (!problems.empty())
        return;
    addFields(e, s, e.json, s.sources, "", out);
    more(s);
}

} // namespace

std::vector<PresetConstant> presetConstants(const PresetLibrary& library)
{
    std::vector<PresetConstant> out;
    const auto none = [](const auto&) {};
    for (const auto* e : library.list(PresetKind::Gpu))
        addPreset<GpuSpec>(*e, out, none);
    for (const auto* e : library.list(PresetKind::Tier))
        addPreset<MemoryTier>(*e, out, none);
    for (const auto* e : library.list(PresetKind::Link))
        addPreset<Interconnect>(*e, out, none);
    for (const auto* e : library.list(PresetKind::Model))
        addPreset<ModelSpec>(*e, out, [&](const ModelSpec& m) {
            if (m.moe)
                addFields(*e, *m.moe, e->json.value("moe", nlohmann::json()), m.sources, "moe.", out);
            if (m.mla)
                addFields(*e, *m.mla, e->json.value("mla", nlohmann::json()), m.sources, "mla.", out);
        });
    return out;
}

} // namespace tierlens
