#include "document/presetloader.h"

#include "core/data/workspace.h"
#include "core/io/scenariojson.h"
#include "document/problemtext.h"
#include "document/scenariodocument.h"

namespace tierlens {

namespace {

template <class T> void replaceOrAppend(std::vector<T>& items, T item)
{
    for (auto& existing : items)
        if (existing.id == item.id) {
            existing = std::move(item);
            return;
        }
    items.push_back(std::move(item));
}

} // namespace

bool PresetLoader::load(ScenarioDocument& doc, const PresetLibrary& lib, PresetKind kind, const QString& id,
    int caseIndex, QString* error)
{
    const PresetEntry* e = lib.find(kind, id.toStdString());
    if (!e) {
        if (error)
            *error = QObject::tr("There is no %1 preset \"%2\".")
                         .arg(QString::fromUtf8(PresetLibrary::kindName(kind).data()), id);
        return false;
    }
    const QString text = QObject::tr("Load %1").arg(QString::fromStdString(e->name));
    Problems problems;
    switch (kind) {
    case PresetKind::Study: {
        auto st = loadStudy(e->json, lib);
        problems = st.problems;
        if (st.ok()) {
            Workspace w = workspaceFromStudy(st.value, caseIndex);
            doc.edit(text, [&](Workspace& ws) { ws = w; });
        }
        break;
    }
    case PresetKind::Scenario: {
        auto w = loadWorkspace(e->json, lib);
        problems = w.problems;
        if (w.ok())
            doc.edit(text, [&](Workspace& ws) { ws = w.value; });
        break;
    }
    case PresetKind::System: {
        // A system is a partial scenario: merge it over the current one.
        nlohmann::json j = toJson(doc.scenario());
        nlohmann::json system = lib.resolveScenarioJson({ { "system", e->id } }, {}, problems);
        j.merge_patch(system);
        auto s = lib.loadScenario(j);
        problems.insert(problems.end(), s.problems.begin(), s.problems.end());
        if (problems.empty())
            doc.edit(text, [&](Workspace& ws) { ws.scenario = s.value; });
        break;
    }
    case PresetKind::Model:
    case PresetKind::Gpu:
    case PresetKind::Tier:
    case PresetKind::Link: {
        Workspace next = doc.workspace();
        Scenario& s = next.scenario;
        if (kind == PresetKind::Model)
            fromJson(e->json, s.model, e->id, problems);
        else if (kind == PresetKind::Gpu)
            fromJson(e->json, s.gpu, e->id, problems);
        else if (kind == PresetKind::Tier) {
            MemoryTier t;
            fromJson(e->json, t, e->id, problems);
            replaceOrAppend(s.tiers, std::move(t));
        } else {
            Interconnect l;
            fromJson(e->json, l, e->id, problems);
            replaceOrAppend(s.links, std::move(l));
        }
        if (problems.empty())
            doc.edit(text, [&](Workspace& ws) { ws = next; });
        break;
    }
    }
    if (!problems.empty() && error)
        *error = problemText(problems);
    return problems.empty();
}

} // namespace tierlens
