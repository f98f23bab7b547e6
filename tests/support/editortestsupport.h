#pragma once
// Shared by the editor tests (tst_editortables, tst_editorforms): the document every test starts
// from, and reading a number back from it.

#include "core/data/parampath.h"
#include "core/data/workspace.h"
#include "core/io/presetlibrary.h"
#include "document/workspacedocument.h"

#include <QString>
#include <QtTest/QTest>

#include <memory>

namespace tierlens::test {

/// The number at a parameter path of the document's scenario; fatal when there is no such path.
inline double valueAt(const WorkspaceDocument& doc, const QString& path)
{
    const auto v = parampath::get(doc.scenario(), path.toStdString());
    if (!v)
        qFatal("no path %s", qPrintable(path));
    return *v;
}

/// A fresh document holding the built-in scenario preset `id` as a workspace, into `doc`.
inline void loadPresetDocument(std::unique_ptr<WorkspaceDocument>& doc, const char* id)
{
    const auto& lib = PresetLibrary::builtin();
    const PresetEntry* e = lib.find(PresetKind::Scenario, id);
    QVERIFY2(e, id);
    auto ws = loadWorkspace(e->json, lib);
    QVERIFY(ws.ok());
    doc = std::make_unique<WorkspaceDocument>();
    doc->reset(ws.value, {});
}

/// The built-in "default" workspace (every editor test's init()).
inline void loadDefaultDocument(std::unique_ptr<WorkspaceDocument>& doc)
{
    loadPresetDocument(doc, "default");
}

} // namespace tierlens::test
