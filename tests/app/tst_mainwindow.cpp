// The window as a person uses it, offscreen: edit through the editors, watch the views follow the
// core's numbers, undo, open and save.
#include "app/mainwindow.h"
#include "bundle/bundlereader.h"
#include "core/data/parampath.h"
#include "core/model/evaluator.h"
#include "core/study/studyrunner.h"
#include "document/recomputer.h"
#include "document/workspacedocument.h"
#include "tests/support/bundletestsupport.h"
#include "tests/support/mainwindowtestsupport.h"
#include "tests/support/testsupport.h"
#include "widgets/editors/scenarioeditorpanel.h"
#include "widgets/editors/tiertableeditor.h"
#include "widgets/tables/operationtablemodel.h"
#include "widgets/tables/tiertablemodel.h"
#include "widgets/views/barchartwidget.h"
#include "widgets/views/breakdownview.h"
#include "widgets/views/explainpanel.h"
#include "widgets/views/heatmapview.h"
#include "widgets/views/heatmapwidget.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>

#include <fstream>

using namespace tierlens;
using nlohmann::json;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void defaultHeatmapEqualsCli();
    void editTierThroughEditorUpdatesEveryView();
    void presetLoadIsUndoable();
    void heatmapClickLoadsThePoint();
    void barClickListsOperations();
    void barClickChangesNoData();
    void badValueIsNamedAlikeInBannerAndPanel();
    void saveAndOpenRoundTrip();
    void badFileChangesNothing();
    void figuresMenuOpensTheFlashStudies();
    void exportAndOpenBundle();
    void badBundleChangesNothing();
    void chartKeepsHalfASmallWindow();

private:
    void settle() { QApplication::processEvents(); }
    MainWindow* w_ = nullptr;
};

void TestMainWindow::init()
{
    w_ = test::newShownWindow();
}

void TestMainWindow::cleanup()
{
    delete w_;
    w_ = nullptr;
}

static int rowOf(const TierTableModel& m, const QString& id)
{
    for (int r = 0; r < m.rowCount(); ++r)
        if (m.data(m.index(r, 0), ScenarioTableModel::IdRole).toString() == id)
            return r;
    return -1;
}

void TestMainWindow::defaultHeatmapEqualsCli()
{
    QProcess cli;
    cli.start(QStringLiteral(TIERLENS_CLI_PATH),
        { QStringLiteral("study"), QStringLiteral("paper/fig6"), QStringLiteral("--format"),
            QStringLiteral("json") });
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 0);
    const json j = json::parse(cli.readAllStandardOutput().toStdString());
    const auto& cells = w_->heatmapView()->chart()->painter().data().cells;
    QCOMPARE(cells.size(), j["cells"].size());
    for (std::size_t r = 0; r < cells.size(); ++r)
        for (std::size_t c = 0; c < cells[r].size(); ++c)
            QCOMPARE(cells[r][c], j["cells"][r][c].get<double>());
}

void TestMainWindow::editTierThroughEditorUpdatesEveryView()
{
    auto* model = w_->editors()->tierTableEditor()->tierModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int row = rowOf(*model, QStringLiteral("ssd"));
    QVERIFY(row >= 0);
    w_->energyView()->setAxis(BreakdownAxis::Linear); // absolute stacks carry the core's joules
    const Workspace before = w_->document()->workspace();
    const auto energyBefore = w_->energyView()->current().data;
    const auto cellsBefore = w_->heatmapView()->chart()->painter().data().cells;

    QVERIFY(model->setData(model->index(row, TierTableModel::Read), 51.2, Qt::EditRole));
    settle();

    // The core's prediction for the edited scenario.
    Workspace edited = before;
    QVERIFY(parampath::set(edited.scenario, "tiers.ssd.read_pj_per_bit", 51.2));
    const WorkspaceResult expected = evaluateWorkspace(edited);
    const BreakdownChart chart = w_->energyView()->current();
    QCOMPARE(chart.data.bars.size(), energyBefore.bars.size());
    bool someBarChanged = false;
    for (std::size_t i = 0; i < chart.data.bars.size(); ++i) {
        const Result& r = expected.bars[std::size_t(chart.resultIndex[i])].result;
        const int offload = int(EnergyPart::MoeOffload);
        QCOMPARE(chart.data.bars[i].values[std::size_t(offload)], r.energyJPerToken[std::size_t(offload)]);
        someBarChanged = someBarChanged || chart.data.bars[i].values != energyBefore.bars[i].values;
    }
    QVERIFY(someBarChanged);
    QVERIFY(w_->heatmapView()->chart()->painter().data().cells == expected.cells);
    QVERIFY(expected.cells != cellsBefore);

    // Undo: the editor and every view show the old numbers again.
    w_->document()->undoStack()->undo();
    settle();
    QCOMPARE(model->data(model->index(row, TierTableModel::Read), Qt::EditRole).toDouble(), 102.4);
    QVERIFY(w_->heatmapView()->chart()->painter().data().cells == cellsBefore);
    QVERIFY(w_->energyView()->current().data.bars.front().values == energyBefore.bars.front().values);
}

void TestMainWindow::presetLoadIsUndoable()
{
    QCOMPARE(
        QString::fromStdString(w_->document()->scenario().model.name), QStringLiteral("Llama 4 Maverick"));
    QVERIFY(w_->loadPreset(PresetKind::Study, QStringLiteral("paper/fig5"), 1));
    settle();
    QCOMPARE(QString::fromStdString(w_->document()->scenario().model.name), QStringLiteral("DeepSeek-R1"));
    QCOMPARE(w_->latencyView()->current().data.bars.size(), std::size_t(3 * 5));
    w_->document()->undoStack()->undo();
    settle();
    QCOMPARE(
        QString::fromStdString(w_->document()->scenario().model.name), QStringLiteral("Llama 4 Maverick"));
}

void TestMainWindow::heatmapClickLoadsThePoint()
{
    // Clicking a cell inspects it: the scenario and the undo history stay as they are.
    const nlohmann::json before = toJson(w_->document()->workspace());
    const int steps = w_->document()->undoStack()->count();
    w_->tabs()->setCurrentWidget(w_->heatmapView());
    settle();
    // Row 1 (batch 2), column 9 (0.1 × 102.4 pJ/b).
    emit w_->heatmapView()->chart()->cellClicked(1, 9);
    settle();
    QVERIFY(toJson(w_->document()->workspace()) == before);
    QCOMPARE(w_->document()->undoStack()->count(), steps);
    // The Operations panel follows the view in front: it lists the cell's point.
    QVERIFY2(w_->operationsCaption().contains(QStringLiteral("heatmap cell")),
        qPrintable(w_->operationsCaption()));
    QVERIFY(w_->operationModel()->rowCount() > 10);

    // Loading the point is its own step.
    QVERIFY(w_->loadSelectedCell());
    settle();
    QCOMPARE(w_->document()->undoStack()->count(), steps + 1);
    const Scenario& s = w_->document()->scenario();
    QCOMPARE(s.workload.batch, 2);
    TL_COMPARE_REL(*parampath::get(s, "tiers.ssd.read_pj_per_bit"), 10.24, 1e-12);
    // The grid stays on the same absolute values: the scaled axis became absolute.
    const auto& x = w_->document()->workspace().heatmap.x;
    QVERIFY(!x.scale);
    TL_COMPARE_REL(x.values.front(), 102.4, 1e-12);
    w_->document()->undoStack()->undo();
    settle();
    TL_COMPARE_REL(*parampath::get(w_->document()->scenario(), "tiers.ssd.read_pj_per_bit"), 102.4, 1e-12);

    // Back on the energy bars, the panel lists the selected bar again.
    w_->tabs()->setCurrentWidget(w_->energyView());
    settle();
    QVERIFY2(w_->operationsCaption().contains(QStringLiteral("batch"))
            && !w_->operationsCaption().contains(QStringLiteral("heatmap")),
        qPrintable(w_->operationsCaption()));
}

void TestMainWindow::barClickListsOperations()
{
    QAbstractItemModelTester tester(
        w_->operationModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto* chart = w_->energyView()->chart();
    w_->tabs()->setCurrentIndex(0);
    settle();
    const QRectF bar = chart->painter().segmentRect(chart->rect(), chart->renderOptions(), 1, -1);
    QVERIFY(bar.isValid());
    QTest::mouseClick(chart, Qt::LeftButton, {}, bar.center().toPoint());
    settle();
    const int resultIndex = w_->energyView()->current().resultIndex[1];
    QVERIFY(w_->operationModel()->rowCount() > 10);
    // The table lists every operation of the clicked bar and the terms charged outside them (the
    // expert copy, its links, background), so its energy column sums to the bar's total.
    const Result expected
        = evaluateWorkspace(w_->document()->workspace()).bars[std::size_t(resultIndex)].result;
    QVERIFY(w_->operationModel()->rowCount() > int(expected.operations.size()));
    double mj = 0;
    for (int row = 0; row < w_->operationModel()->rowCount(); ++row)
        mj += w_->operationModel()->index(row, OperationTableModel::EnergyMj).data(Qt::UserRole).toDouble();
    TL_COMPARE_REL(mj * 1e-3, expected.totalEnergyJPerToken(), 1e-9);

    // A click on the offload segment explains exactly that number.
    const int offload = int(EnergyPart::MoeOffload);
    const QRectF segment = chart->painter().segmentRect(chart->rect(), chart->renderOptions(), 1, offload);
    QVERIFY(segment.height() > 2);
    QTest::mouseClick(chart, Qt::LeftButton, {}, segment.center().toPoint());
    settle();
    QTRY_VERIFY(w_->explainPanel()->explanation()); // the explanation follows within a few frames
    w_->explainNow();
    const Explanation* ex = w_->explainPanel()->explanation();
    QVERIFY(ex);
    TL_COMPARE_REL(ex->value, expected.energy(EnergyPart::MoeOffload), 1e-9);
    QVERIFY(!ex->steps.empty());
}

// Selecting a bar moves the highlight and lists its operations; no number changes, so the
// document stays as it is, nothing is recomputed and the other views are not fed again.
void TestMainWindow::barClickChangesNoData()
{
    w_->tabs()->setCurrentIndex(0);
    settle();
    auto* chart = w_->energyView()->chart();
    const QRectF bar = chart->painter().segmentRect(chart->rect(), chart->renderOptions(), 1, -1);
    QVERIFY(bar.isValid());
    QSignalSpy changed(w_->document(), &WorkspaceDocument::changed);
    QSignalSpy results(w_->recomputer(), &Recomputer::resultReady);
    // The heatmap view refills its choosers whenever a result is pushed into it.
    QList<QComboBox*> heatmapBoxes = w_->heatmapView()->findChildren<QComboBox*>();
    QVERIFY(!heatmapBoxes.isEmpty());
    std::vector<std::unique_ptr<QSignalSpy>> refills;
    for (QComboBox* box : heatmapBoxes)
        refills.push_back(std::make_unique<QSignalSpy>(box->model(), &QAbstractItemModel::rowsInserted));

    QTest::mouseClick(chart, Qt::LeftButton, {}, bar.center().toPoint());
    settle();
    QTest::qWait(100); // past the explanation's timer, and a recompute's if one were started

    QCOMPARE(chart->painter().selectedBar(), 1);
    QVERIFY(w_->operationModel()->rowCount() > 0);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(results.count(), 0);
    for (const auto& spy : refills)
        QCOMPARE(spy->count(), 0);
}

// One check, one path syntax: the banner over the charts and the editor panel name a bad field
// with the same text, the tier by its id.
void TestMainWindow::badValueIsNamedAlikeInBannerAndPanel()
{
    const QString path = QStringLiteral("tiers.ssd.bandwidth_gb_s");
    QVERIFY(w_->document()->setValue(path, -3));
    w_->recomputer()->recomputeNow();
    settle();
    auto* banner = w_->findChild<QLabel*>(QStringLiteral("problemsBanner"));
    QVERIFY(banner);
    QVERIFY(banner->isVisibleTo(w_));
    const QStringList panelLines = w_->editors()->problemsText().split(QLatin1Char('\n'));
    QCOMPARE(panelLines.size(), 1);
    QVERIFY2(panelLines.front().startsWith(path + QStringLiteral(": ")), qPrintable(panelLines.front()));
    const QStringList bannerLines = banner->text().split(QStringLiteral("<br>"));
    QCOMPARE(bannerLines.size(), 2); // the heading, then the one problem
    QCOMPARE(bannerLines.back(), panelLines.front().toHtmlEscaped());

    w_->document()->undoStack()->undo();
    w_->recomputer()->recomputeNow();
    settle();
    QVERIFY(!banner->isVisibleTo(w_));
    QVERIFY(w_->editors()->problemsText().isEmpty());
}

void TestMainWindow::saveAndOpenRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("x.tierlens.json"));
    QVERIFY(w_->document()->setValue(QStringLiteral("gpu.idle_power_w"), 90));
    settle();
    QVERIFY(w_->document()->isModified());
    QVERIFY(w_->saveTo(path));
    QVERIFY(!w_->document()->isModified());
    const json saved = toJson(w_->document()->workspace());
    w_->document()->undoStack()->undo(); // change it, then open the file again
    settle();
    QVERIFY(w_->openFile(path));
    settle();
    QVERIFY(toJson(w_->document()->workspace()) == saved);
    QCOMPARE(w_->document()->scenario().gpu.idlePowerW, 90.0);
    QVERIFY(!w_->document()->undoStack()->canUndo()); // opening starts a fresh history
}

void TestMainWindow::badFileChangesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.tierlens.json"));
    std::ofstream(path.toStdString()) << "{\n  \"scenario\": {\"gpu\": 1,\n}";
    const json before = toJson(w_->document()->workspace());
    QVERIFY(!w_->openFile(path));
    QVERIFY(toJson(w_->document()->workspace()) == before);
    QVERIFY2(
        w_->lastMessage().contains(QStringLiteral("broken.tierlens.json")), qPrintable(w_->lastMessage()));
    QVERIFY2(w_->lastMessage().contains(QStringLiteral("line 3")), qPrintable(w_->lastMessage()));
}

// The Figures menu reaches the LLM in a Flash and edge studies, and the window then shows the
// same numbers as the core.
void TestMainWindow::figuresMenuOpensTheFlashStudies()
{
    QMenu* figures = nullptr;
    for (QAction* a : w_->menuBar()->actions())
        if (a->text() == QStringLiteral("&Figures"))
            figures = a->menu();
    QVERIFY(figures);
    auto trigger = [&](const QString& startsWith) {
        for (QAction* a : figures->actions())
            if (a->text().startsWith(startsWith)) {
                a->trigger();
                settle();
                return true;
            }
        return false;
    };
    QVERIFY(trigger(QStringLiteral("Edge")));
    QCOMPARE(w_->document()->workspace().sourceStudy, std::string("edge/phone-flash-scaling"));
    const auto& lib = PresetLibrary::builtin();
    const StudyResult edge
        = runStudy(loadStudy(lib.find(PresetKind::Study, "edge/phone-flash-scaling")->json, lib).value);
    const auto& cells = w_->heatmapView()->chart()->painter().data().cells;
    QCOMPARE(cells.size(), edge.cells.size());
    QCOMPARE(cells[0][0], edge.cells[0][0]);

    QVERIFY(trigger(QStringLiteral("LLM in a Flash")));
    const Scenario& s = w_->document()->scenario();
    QCOMPARE(s.flash.bundling, 1);
    QVERIFY(evaluate(s, 1).latency(LatencyPart::Io) > 0);
}

void TestMainWindow::exportAndOpenBundle()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shared.tierlens.zip"));
    QVERIFY(w_->document()->setValue(QStringLiteral("gpu.idle_power_w"), 77));
    settle();
    QVERIFY(w_->exportBundleTo(path));
    const json exported = toJson(w_->document()->workspace());
    const auto b = BundleReader::read(path);
    QVERIFY(b.ok());
    QVERIFY(b.value.find(Bundle::kWorkspaceCsv) && b.value.find(QLatin1String("figures/energy.svg")));

    w_->document()->undoStack()->undo();
    settle();
    QVERIFY(toJson(w_->document()->workspace()) != exported);
    QVERIFY(w_->openFile(path));
    settle();
    QVERIFY(toJson(w_->document()->workspace()) == exported);
    QCOMPARE(w_->document()->scenario().gpu.idlePowerW, 77.0);
    // Saving must not write JSON over the bundle: the workspace opens untitled.
    QVERIFY(w_->document()->filePath().isEmpty());
}

void TestMainWindow::badBundleChangesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hostile.tierlens.zip"));
    auto entries = test::withManifest({ { QStringLiteral("../escape.txt"), QByteArrayLiteral("x") } });
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(test::zipOf(entries));
    f.close();
    QVERIFY(w_->document()->setValue(QStringLiteral("gpu.idle_power_w"), 66));
    settle();
    const json before = toJson(w_->document()->workspace());
    QVERIFY(!w_->openFile(path));
    QVERIFY(toJson(w_->document()->workspace()) == before);
    QVERIFY(w_->document()->undoStack()->canUndo()); // the edit history is kept as well
    QVERIFY2(w_->lastMessage().contains(QStringLiteral("hostile.tierlens.zip: ../escape.txt")),
        qPrintable(w_->lastMessage()));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("../escape.txt"))));
}

void TestMainWindow::chartKeepsHalfASmallWindow()
{
    // The panels give way on a small screen; the chart keeps half the window each way.
    for (const QSize size : { QSize(1024, 700), QSize(1600, 1000) }) {
        w_->resize(size);
        settle();
        QTest::qWait(20); // the dock layout settles after the resize
        settle();
        const QWidget* chart = w_->centralWidget();
        QString docks; // what each panel holds on to, should the chart lose
        for (const auto* d : w_->findChildren<QDockWidget*>())
            if (d->isVisible())
                docks += QStringLiteral(" %1 %2x%3 (min %4x%5)")
                             .arg(d->objectName())
                             .arg(d->width())
                             .arg(d->height())
                             .arg(d->minimumSizeHint().width())
                             .arg(d->minimumSizeHint().height());
        QVERIFY2(chart->width() * 2 >= w_->width(),
            qPrintable(QStringLiteral("%1 of %2;%3").arg(chart->width()).arg(w_->width()).arg(docks)));
        QVERIFY2(chart->height() * 2 >= w_->height(),
            qPrintable(QStringLiteral("%1 of %2").arg(chart->height()).arg(w_->height())));
        for (const char* name : { "scenarioDock", "explainDock", "operationsDock" }) {
            const auto* dock = w_->findChild<QDockWidget*>(QLatin1String(name));
            QVERIFY(dock && dock->isVisible() && dock->width() > 0 && dock->height() > 0);
        }
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
