// Every way a preset enters the window goes through one loader with one library: the window's.
// A library holding presets the built-in one lacks is injected, and each preset is loaded through
// the control a person would use (an editor's preset picker, a table's Add menu, the presets
// browser, the window's own entry point): one undo step each, named by the one scheme, and undo
// gives back the workspace exactly.
#include "app/mainwindow.h"
#include "core/io/presetlibrary.h"
#include "core/io/scenariojson.h"
#include "document/workspacedocument.h"
#include "widgets/common/idcombobox.h"
#include "widgets/editors/linktableeditor.h"
#include "widgets/editors/modeleditor.h"
#include "widgets/editors/scenarioeditorpanel.h"
#include "widgets/editors/systemeditor.h"
#include "widgets/editors/tiertableeditor.h"
#include "widgets/views/presetsbrowser.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QStandardPaths>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest/QTest>
#include <QUndoStack>

#include <functional>
#include <memory>

using namespace tierlens;
using nlohmann::json;

namespace {

// A preset only the test library has: a built-in one under a new id and name.
struct TestPreset {
    PresetKind kind;
    const char* folder;
    const char* from; ///< built-in id it copies
    const char* id;
    const char* name;
};

const TestPreset kPresets[] = {
    { PresetKind::Gpu, "gpus", "h100-sxm", "test-gpu", "Test GPU" },
    { PresetKind::Model, "models", "mixtral-8x7b", "test-model", "Test Model" },
    { PresetKind::Tier, "tiers", "ddr", "test-tier", "Test Tier" },
    { PresetKind::Link, "links", "nvlink4", "test-link", "Test Link" },
    { PresetKind::System, "systems", "dgx-h100-1x4", "test-system", "Test System" },
    { PresetKind::Scenario, "scenarios", "default", "test-scenario", "Test Scenario" },
    { PresetKind::Study, "studies", "paper/fig4-mixtral", "test-study", "Test Study" },
};

const TestPreset& preset(PresetKind kind)
{
    for (const auto& p : kPresets)
        if (p.kind == kind)
            return p;
    qFatal("no test preset");
}

// The undo text the scheme asks for, spelled out here rather than taken from the loader.
QString expectedText(const TestPreset& p)
{
    const bool added = p.kind == PresetKind::Tier || p.kind == PresetKind::Link;
    const char* kind = p.kind == PresetKind::Gpu ? "GPU"
        : p.kind == PresetKind::Model            ? "model"
        : p.kind == PresetKind::Tier             ? "tier"
        : p.kind == PresetKind::Link             ? "link"
        : p.kind == PresetKind::System           ? "system"
        : p.kind == PresetKind::Scenario         ? "scenario"
                                                 : "study";
    return QStringLiteral("%1 %2 preset %3")
        .arg(added ? QStringLiteral("Add") : QStringLiteral("Load"), QLatin1String(kind),
            QLatin1String(p.name));
}

QAction* addMenuAction(QWidget* tableEditor, const QString& text)
{
    for (auto* b : tableEditor->findChildren<QToolButton*>())
        if (b->menu())
            for (QAction* a : b->menu()->actions())
                if (a->text() == text)
                    return a;
    return nullptr;
}

QTreeWidgetItem* browserItem(QTreeWidget* tree, const QString& text)
{
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->text(0) == text)
            return *it;
    return nullptr;
}

} // namespace

class TestPresetLoader : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void theLibraryIsTheWindows();
    void everyEntryPointIsOneNamedUndoStep_data();
    void everyEntryPointIsOneNamedUndoStep();
    void unknownPresetChangesNothing();

private:
    PresetLibrary lib_ = PresetLibrary::builtin();
    std::unique_ptr<MainWindow> w_;
};

void TestPresetLoader::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("Tierlens-test"));
    for (const auto& p : kPresets) {
        QVERIFY(!PresetLibrary::builtin().find(p.kind, p.id));
        const PresetEntry* base = lib_.find(p.kind, p.from);
        QVERIFY2(base, p.from);
        json j = base->json;
        j["id"] = p.id;
        j["name"] = p.name;
        const std::string path = std::string(p.folder) + "/" + p.id + ".json";
        QVERIFY(lib_.addText(path, j.dump()).empty());
    }
}

void TestPresetLoader::init()
{
    w_ = std::make_unique<MainWindow>(lib_);
    w_->setInteractive(false);
}

void TestPresetLoader::cleanup()
{
    w_.reset();
}

void TestPresetLoader::theLibraryIsTheWindows()
{
    ScenarioEditorPanel* editors = w_->editors();
    QVERIFY(editors->modelEditor()->preset()->findData(QStringLiteral("test-model")) >= 0);
    QVERIFY(editors->systemEditor()->gpuPreset()->findData(QStringLiteral("test-gpu")) >= 0);
    QVERIFY(addMenuAction(editors->tierTableEditor(), QStringLiteral("Test Tier")));
    QVERIFY(addMenuAction(editors->linkTableEditor(), QStringLiteral("Test Link")));
    auto* browser = w_->findChild<PresetsBrowser*>();
    QVERIFY(browser);
    for (const auto& p : kPresets)
        QVERIFY2(browserItem(browser->tree(), QLatin1String(p.name)), p.name);
}

void TestPresetLoader::everyEntryPointIsOneNamedUndoStep_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("via");
    QTest::newRow("model picker") << int(PresetKind::Model) << "editor";
    QTest::newRow("GPU picker") << int(PresetKind::Gpu) << "editor";
    QTest::newRow("tier table") << int(PresetKind::Tier) << "table";
    QTest::newRow("link table") << int(PresetKind::Link) << "table";
    for (const auto& p : kPresets) {
        QTest::addRow("browser %s", p.id) << int(p.kind) << "browser";
        QTest::addRow("window %s", p.id) << int(p.kind) << "window";
    }
}

void TestPresetLoader::everyEntryPointIsOneNamedUndoStep()
{
    QFETCH(int, kind);
    QFETCH(QString, via);
    const TestPreset& p = preset(PresetKind(kind));
    WorkspaceDocument* doc = w_->document();
    const json before = toJson(doc->workspace());
    const int steps = doc->undoStack()->count();

    ScenarioEditorPanel* editors = w_->editors();
    const QString name = QLatin1String(p.name);
    const QString id = QLatin1String(p.id);
    if (via == QLatin1String("editor")) {
        IdComboBox* picker = p.kind == PresetKind::Model ? editors->modelEditor()->preset()
                                                         : editors->systemEditor()->gpuPreset();
        QVERIFY(picker->choose(id));
    } else if (via == QLatin1String("table")) {
        QWidget* table = p.kind == PresetKind::Tier ? static_cast<QWidget*>(editors->tierTableEditor())
                                                    : editors->linkTableEditor();
        QAction* add = addMenuAction(table, name);
        QVERIFY(add);
        add->trigger();
    } else if (via == QLatin1String("browser")) {
        auto* browser = w_->findChild<PresetsBrowser*>();
        QTreeWidgetItem* item = browserItem(browser->tree(), name);
        QVERIFY(item);
        emit browser->tree()->itemActivated(item, 0);
    } else {
        QVERIFY2(w_->loadPreset(p.kind, id), qPrintable(w_->lastMessage()));
    }

    QCOMPARE(doc->undoStack()->count(), steps + 1);
    QCOMPARE(doc->undoStack()->undoText(), expectedText(p));
    // The preset arrived: its id (or, for a whole workspace, its name) is in the document.
    const Scenario& s = doc->scenario();
    switch (p.kind) {
    case PresetKind::Gpu:
        QCOMPARE(s.gpu.id, std::string(p.id));
        break;
    case PresetKind::Model:
        QCOMPARE(s.model.id, std::string(p.id));
        break;
    case PresetKind::Tier:
        QVERIFY(s.findTier(p.id));
        break;
    case PresetKind::Link:
        QVERIFY(s.findLink(p.id));
        break;
    case PresetKind::System:
        QCOMPARE(s.cluster.gpusPerNode,
            lib_.find(PresetKind::System, p.id)->json["cluster"]["gpus_per_node"].get<int>());
        break;
    case PresetKind::Scenario:
        QCOMPARE(s.name, std::string(p.name));
        break;
    case PresetKind::Study:
        QCOMPARE(doc->workspace().sourceStudy, std::string(p.id));
        break;
    }
    QVERIFY(toJson(doc->workspace()) != before);

    doc->undoStack()->undo();
    QCOMPARE(doc->undoStack()->count(), steps + 1); // the step stays, to be redone
    QVERIFY(toJson(doc->workspace()) == before);
}

void TestPresetLoader::unknownPresetChangesNothing()
{
    WorkspaceDocument* doc = w_->document();
    const json before = toJson(doc->workspace());
    QVERIFY(!w_->loadPreset(PresetKind::Model, QStringLiteral("no-such-model")));
    QVERIFY(w_->lastMessage().contains(QStringLiteral("no-such-model")));
    QCOMPARE(doc->undoStack()->count(), 0);
    QVERIFY(toJson(doc->workspace()) == before);
}

QTEST_MAIN(TestPresetLoader)
#include "tst_presetloader.moc"
