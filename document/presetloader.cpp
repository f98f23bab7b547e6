#include "document/presetloader.h"

#include "core/data/workspace.h"
#include "core/io/scenariojson.h"
#include "document/idlist.h"
#include "document/problemtext.h"
#include "document/workspacedocument.h"

#include <QCoreApplication>

namespace tierlens {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("PresetLoader", text);
}

// Tiers and links are added, never replaced: the user's own item with the preset's id stays, and
// the new one gets "-2" (a reserved id such as the GPU's own "hbm" is never handed out).
template <class T> void insertItem(std::vector<T>& items, T item, int row, std::string_view reserved = {})
{
    item.id = idlist::uniqueId(items, item.id, reserved);
    const auto at = row < 0 || row > int(items.size()) ? items.end() : items.begin() + row;
    items.insert(at, std::move(item));
}

template <class T> Problems read(const PresetEntry& e, T& out)
{
    Problems problems;
    fromJson(e.json, out, e.id, problems);
    return problems;
}

} // namespace

QString PresetLoader::undoText(PresetKind kind, const QString& presetName)
{
    switch (kind) {
    case PresetKind::Gpu:
        return tr("Load GPU preset %1").arg(presetName);
    case PresetKind::Tier:
        return tr("Add tier preset %1").arg(presetName);
    case PresetKind::Link:
        return tr("Add link preset %1").arg(presetName);
    case PresetKind::Model:
        return tr("Load model preset %1").arg(presetName);
    case PresetKind::System:
        return tr("Load system preset %1").arg(presetName);
    case PresetKind::Scenario:
        return tr("Load scenario preset %1").arg(presetName);
    case PresetKind::Study:
        return tr("Load study preset %1").arg(presetName);
    }
    return presetName;
}

bool PresetLoader::load(
    WorkspaceDocument& doc, const PresetLibrary& lib, const PresetRequest& request, QString* error)
{
    const PresetKind kind = request.kind;
    const PresetEntry* e = lib.find(kind, request.id.toStdString());
    if (!e) {
        if (error)
            *error = tr("There is no %1 preset \"%2\".")
                         .arg(QString::fromUtf8(PresetLibrary::kindName(kind).data()), request.id);
        return false;
    }
    Workspace next = doc.workspace();
    Scenario& s = next.scenario;
    Problems problems;
    switch (kind) {
    case PresetKind::Study: {
        auto st = loadStudy(e->json, lib);
        problems = st.problems;
        if (st.ok())
            next = workspaceFromStudy(st.value, request.caseIndex);
        break;
    }
    case PresetKind::Scenario: {
        auto w = loadWorkspace(e->json, lib);
        problems = w.problems;
        if (w.ok())
            next = w.value;
        break;
    }
    case PresetKind::System: {
        // A system is a partial scenario: merge it over the current one.
        nlohmann::json j = toJson(s);
        j.merge_patch(lib.resolveScenarioJson({ { "system", e->id } }, {}, problems));
        auto merged = lib.loadScenario(j);
        problems.insert(problems.end(), merged.problems.begin(), merged.problems.end());
        s = merged.value;
        break;
    }
    case PresetKind::Model:
        // Read into a fresh value: a part the preset lacks (MoE, MLA) must not survive from the old one.
        s.model = {};
        problems = read(*e, s.model);
        break;
    case PresetKind::Gpu:
        s.gpu = {};
        problems = read(*e, s.gpu);
        break;
    case PresetKind::Tier: {
        MemoryTier t;
        problems = read(*e, t);
        insertItem(s.tiers, std::move(t), request.row, kHbmTierId);
        break;
    }
    case PresetKind::Link: {
        Interconnect l;
        problems = read(*e, l);
        insertItem(s.links, std::move(l), request.row);
        break;
    }
    }
    if (!problems.empty()) {
        if (error)
            *error = problemText(problems);
        return false;
    }
    doc.edit(
        undoText(kind, QString::fromStdString(e->name)), [&next](Workspace& ws) { ws = std::move(next); });
    return true;
}

} // namespace tierlens
