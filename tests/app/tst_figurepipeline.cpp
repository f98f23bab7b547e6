// One figure pipeline: the view settings live in the workspace, and the window's export draws
// the same figure as `tierlens-cli export` of the saved file.
#include "app/mainwindow.h"
#include "core/data/workspace.h"
#include "core/io/presetlibrary.h"
#include "document/recomputer.h"
#include "document/workspacedocument.h"
#include "render/figureexporter.h"
#include "tests/support/clitestsupport.h"
#include "tests/support/mainwindowtestsupport.h"
#include "tests/support/testsupport.h"
#include "widgets/views/barchartwidget.h"
#include "widgets/views/breakdownview.h"
#include "widgets/views/heatmapview.h"
#include "widgets/views/heatmapwidget.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUndoStack>

#include <fstream>

using namespace tierlens;
using nlohmann::json;

class TestFigurePipeline : public QObject {
    Q_OBJECT
private slots:
    void settingsRoundTripThroughJson();
    void filesWithoutSettingsKeepTheDefaults();
    void badSettingsNameTheirField_data();
    void badSettingsNameTheirField();
    void windowExportEqualsCliExport();
};

namespace {

json workspaceJson(const ViewSettings& v)
{
    Workspace w;
    w.scenario = PresetLibrary::builtin().scenario("default").value;
    w.heatmap = Workspace::defaultHeatmap(w.scenario);
    w.view = v;
    return toJson(w);
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QAction* action(MainWindow& w, const char* name)
{
    return w.findChild<QAction*>(QString::fromLatin1(name));
}

} // namespace

void TestFigurePipeline::settingsRoundTripThroughJson()
{
    // Every field away from its default, so a field that is not written or not read shows.
    ViewSettings v;
    v.axis = BreakdownAxis::Log;
    v.reference = "ssd";
    v.title = "Mixtral on flash";
    v.palette = ViewSettings::Palette::Grayscale;
    v.legend = false;
    v.values = false;
    v.panels = true;
    QVERIFY(!(v == ViewSettings {}));
    const json j = workspaceJson(v);
    QCOMPARE(j["workspace"]["view"]["axis"].get<std::string>(), std::string("log"));
    QCOMPARE(j["workspace"]["view"]["palette"].get<std::string>(), std::string("grayscale"));
    const auto loaded = loadWorkspace(json::parse(j.dump()), PresetLibrary::builtin());
    QVERIFY2(loaded.ok(), loaded.problems.empty() ? "" : loaded.problems.front().toString().c_str());
    QVERIFY(loaded.value.view == v);

    // "Compare with none" is a choice of its own, distinct from the default reference.
    ViewSettings none;
    none.reference = "";
    none.axis = BreakdownAxis::Normalised;
    const auto back = loadWorkspace(workspaceJson(none), PresetLibrary::builtin());
    QVERIFY(back.ok());
    QVERIFY(back.value.view.reference.has_value());
    QCOMPARE(*back.value.view.reference, std::string());
    QCOMPARE(*back.value.view.axis, BreakdownAxis::Normalised);
}

void TestFigurePipeline::filesWithoutSettingsKeepTheDefaults()
{
    json j = workspaceJson({});
    j["workspace"].erase("view");
    const auto loaded = loadWorkspace(j, PresetLibrary::builtin());
    QVERIFY(loaded.ok());
    const ViewSettings& v = loaded.value.view;
    QVERIFY(!v.axis && !v.reference);
    QVERIFY(v.title.empty());
    QCOMPARE(v.palette, ViewSettings::Palette::ColorBlindSafe);
    QVERIFY(v.legend && v.values && !v.panels);
}

void TestFigurePipeline::badSettingsNameTheirField_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value"); // JSON text
    QTest::newRow("axis") << QStringLiteral("axis") << QStringLiteral("\"diagonal\"");
    QTest::newRow("axis type") << QStringLiteral("axis") << QStringLiteral("3");
    QTest::newRow("palette") << QStringLiteral("palette") << QStringLiteral("\"sepia\"");
    QTest::newRow("legend") << QStringLiteral("legend") << QStringLiteral("\"yes\"");
    QTest::newRow("values") << QStringLiteral("values") << QStringLiteral("1");
    QTest::newRow("panels") << QStringLiteral("panels") << QStringLiteral("\"no\"");
    QTest::newRow("reference") << QStringLiteral("reference") << QStringLiteral("4");
    QTest::newRow("title") << QStringLiteral("title") << QStringLiteral("[]");
    QTest::newRow("unknown key") << QStringLiteral("axes") << QStringLiteral("\"log\"");
}

void TestFigurePipeline::badSettingsNameTheirField()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    json j = workspaceJson({});
    j["workspace"]["view"][key.toStdString()] = json::parse(value.toStdString());
    const auto loaded = loadWorkspace(j, PresetLibrary::builtin());
    QCOMPARE(loaded.problems.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(loaded.problems.front().path), QStringLiteral("workspace.view.") + key);
    if (key == QLatin1String("axis") && value.startsWith(QLatin1Char('"')))
        QVERIFY2(loaded.problems.front().message.find("diagonal") != std::string::npos,
            loaded.problems.front().message.c_str());
}

// Change the view settings in the window, save, and export once from the window and once through
// `tierlens-cli export` of the saved file: the SVGs must be the same figure.
void TestFigurePipeline::windowExportEqualsCliExport()
{
    QApplication::setOrganizationName(QStringLiteral("Tierlens-test"));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MainWindow w;
    QVERIFY(test::showWindowWithStudy(w, QStringLiteral("paper/fig4-mixtral")));
    QVERIFY(w.energyView()->current().data.bars.size() > 1);

    // As a person would: the axis box, then the View menu's figure toggles.
    const int stepsBefore = w.document()->undoStack()->count();
    w.tabs()->setCurrentWidget(w.energyView());
    w.energyView()->setAxis(BreakdownAxis::Log);
    QAction* grayscale = action(w, "grayscaleAction");
    QAction* legend = action(w, "legendAction");
    QAction* values = action(w, "valuesAction");
    QVERIFY(grayscale && legend && values);
    QVERIFY(!grayscale->isChecked() && legend->isChecked() && values->isChecked());
    grayscale->trigger();
    legend->trigger();
    values->trigger();
    QApplication::processEvents();

    // Each change is an undoable edit of the workspace, which is now modified.
    const ViewSettings& v = w.document()->workspace().view;
    QVERIFY(v.axis == BreakdownAxis::Log);
    QCOMPARE(v.palette, ViewSettings::Palette::Grayscale);
    QVERIFY(!v.legend && !v.values);
    QCOMPARE(w.document()->undoStack()->count(), stepsBefore + 4);
    QVERIFY(w.document()->isModified());
    // The screen draws with them, on both breakdowns (one axis setting for the workspace).
    QVERIFY(w.energyView()->current().data.logScale);
    QVERIFY(w.latencyView()->current().data.logScale);
    QCOMPARE(w.energyView()->chart()->renderOptions().palette, PaletteKind::Grayscale);
    QVERIFY(!w.energyView()->chart()->renderOptions().showLegend);
    QVERIFY(!w.heatmapView()->chart()->renderOptions().showValues);

    const QString saved = dir.filePath(QStringLiteral("ws.json"));
    QVERIFY(w.saveTo(saved));
    {
        std::ifstream in(saved.toStdString());
        const json j = json::parse(in);
        QCOMPARE(j["workspace"]["view"]["axis"].get<std::string>(), std::string("log"));
        QCOMPARE(j["workspace"]["view"]["legend"].get<bool>(), false);
    }

    FigureExportOptions o; // 3.5 in × 2.6 in, 8 pt: a one-column paper figure
    for (QWidget* tab : { static_cast<QWidget*>(w.energyView()), static_cast<QWidget*>(w.latencyView()),
             static_cast<QWidget*>(w.heatmapView()) }) {
        w.tabs()->setCurrentWidget(tab);
        const std::string view = tab == w.energyView() ? "energy"
            : tab == w.latencyView()                   ? "latency"
                                                       : "heatmap";
        const QString fromWindow = dir.filePath(QString::fromStdString("window-" + view + ".svg"));
        const QString fromCli = dir.filePath(QString::fromStdString("cli-" + view + ".svg"));
        const QString plain = dir.filePath(QString::fromStdString("plain-" + view + ".svg"));
        QCOMPARE(w.exportFigureTo(fromWindow, o), QString());
        const auto run
            = test::runCli({ "export", saved.toStdString(), "--view", view, "--out", fromCli.toStdString() });
        QVERIFY2(run.code == 0, run.err.c_str());
        const QByteArray a = readAll(fromWindow), b = readAll(fromCli);
        QVERIFY(a.contains("<svg"));
        // Byte for byte: both are written by the same QSvgGenerator from the same painting, so
        // nothing (not even its <title>/<desc> lines) needs to be normalised away.
        QCOMPARE(a, b);

        // The settings do change the figure: overriding them on the command line gives another.
        const auto other = test::runCli({ "export", saved.toStdString(), "--view", view, "--out",
            plain.toStdString(), "--palette", "colorblind", "--legend", "--values", "--axis", "normalised" });
        QVERIFY2(other.code == 0, other.err.c_str());
        QVERIFY(readAll(plain) != a);
    }
}

QTEST_MAIN(TestFigurePipeline)
#include "tst_figurepipeline.moc"
