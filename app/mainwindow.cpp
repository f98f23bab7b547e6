#include "app/mainwindow.h"

#include "app/recoverymanager.h"
#include "app/workspacefile.h"
#include "bundle/bundlecomposer.h"
#include "bundle/bundlereader.h"
#include "bundle/bundlewriter.h"
#include "core/data/parampath.h"
#include "core/explain/explainer.h"
#include "core/io/presetlibrary.h"
#include "core/io/resultjson.h"
#include "core/model/evaluator.h"
#include "document/presetloader.h"
#include "document/problemtext.h"
#include "document/recomputer.h"
#include "document/workspacedocument.h"
#include "render/figureexporter.h"
#include "render/workspacechart.h"
#include "widgets/common/wheelguard.h"
#include "widgets/dialogs/figureexportdialog.h"
#include "widgets/dialogs/goalseekdialog.h"
#include "widgets/dialogs/modelimportdialog.h"
#include "widgets/editors/scenarioeditorpanel.h"
#include "widgets/tables/operationtablemodel.h"
#include "widgets/views/barchartwidget.h"
#include "widgets/views/breakdownview.h"
#include "widgets/views/compareview.h"
#include "widgets/views/coverageview.h"
#include "widgets/views/explainpanel.h"
#include "widgets/views/heatmapview.h"
#include "widgets/views/heatmapwidget.h"
#include "widgets/views/paretoview.h"
#include "widgets/views/presetsbrowser.h"
#include "widgets/views/recomputeprogress.h"
#include "widgets/views/requestview.h"
#include "widgets/views/rooflineview.h"
#include "widgets/views/tornadoview.h"
#include "widgets/views/validationgallery.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QImage>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTabWidget>
#include <QVBoxLayout>

namespace tierlens {

MainWindow::MainWindow(QWidget* parent)
    : MainWindow(PresetLibrary::builtin(), parent)
{
}

MainWindow::MainWindow(const PresetLibrary& lib, QWidget* parent)
    : QMainWindow(parent)
    , lib_(lib)
    , doc_(new WorkspaceDocument(this))
    , recomputer_(new Recomputer(doc_, this))
{
    WheelGuard::install(); // dialogs too: no unfocused box changes under the wheel
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    createViews();
    createDocks();
    createActions();
    connect(recomputer_, &Recomputer::resultReady, this, &MainWindow::showResult);
    connect(recomputer_, &Recomputer::problemsChanged, editors_, &ScenarioEditorPanel::showProblems);
    connect(doc_, &WorkspaceDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(doc_->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);

    // The built-in default: the reference study's flash-scaling figure.
    const PresetEntry* fig6 = lib_.find(PresetKind::Study, "paper/fig6");
    auto st = loadStudy(fig6->json, lib_);
    doc_->reset(workspaceFromStudy(st.value), {});
    recomputer_->recomputeNow();
    recovery_ = new RecoveryManager(doc_, RecoveryManager::defaultDirectory(), this);
    connect(recovery_, &RecoveryManager::writeFailed, this,
        [this](const QString& why) { statusBar()->showMessage(why, 8000); });

    QSettings settings;
    resize(1500, 950);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::createViews()
{
    energy_ = new BreakdownView(BreakdownView::Metric::Energy, this);
    latency_ = new BreakdownView(BreakdownView::Metric::Latency, this);
    heatmap_ = new HeatmapView(doc_, lib_, this);
    coverage_ = new CoverageView(this);
    tabs_ = new QTabWidget(this);
    tabs_->setDocumentMode(true);
    tabs_->addTab(energy_, tr("Energy per token"));
    tabs_->addTab(latency_, tr("Step latency"));
    tabs_->addTab(heatmap_, tr("Heatmap"));
    tabs_->addTab(coverage_, tr("Expert coverage"));
    tabs_->addTab(new TornadoView(doc_, this), tr("Tornado"));
    request_ = new RequestView(this);
    tabs_->addTab(request_, tr("Request"));
    roofline_ = new RooflineView(this);
    pareto_ = new ParetoView(this);
    compare_ = new CompareView(this);
    tabs_->addTab(roofline_, tr("Roofline"));
    tabs_->addTab(pareto_, tr("Pareto"));
    tabs_->addTab(compare_, tr("Compare"));
    // A design point clicked on the Pareto chart becomes the scenario, as one undo step.
    connect(pareto_, &ParetoView::pointActivated, this, [this](std::size_t i) {
        if (const auto& st = pareto_->study()) {
            const Scenario s = paretoScenario(*st, i);
            doc_->edit(tr("Load design point %1").arg(i), [s](Workspace& w) { w.scenario = s; });
        }
    });

    problems_ = new QLabel(this);
    problems_->setObjectName(QStringLiteral("problemsBanner"));
    problems_->setWordWrap(true);
    problems_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    problems_->setStyleSheet(QStringLiteral("QLabel { background: #FDECEA; color: #8A1C1C; padding: 6px; "
                                            "border: 1px solid #E8B4B4; }"));
    problems_->hide();
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(problems_);
    layout->addWidget(tabs_, 1);
    setCentralWidget(central);

    // The breakdowns' axis and reference are the workspace's view settings, edited like any value.
    for (BreakdownView* v : { energy_, latency_ }) {
        connect(v, &BreakdownView::axisChosen, this, [this](BreakdownAxis axis) {
            editView(tr("Breakdown axis"), [axis](ViewSettings& s) { s.axis = axis; });
        });
        connect(v, &BreakdownView::referenceChosen, this, [this](const QString& id) {
            editView(tr("Breakdown reference"), [id](ViewSettings& s) { s.reference = id.toStdString(); });
        });
    }
    connect(energy_, &BreakdownView::segmentSelected, this,
        [this](int bar, int series) { selectBar(bar, series, false); });
    connect(latency_, &BreakdownView::segmentSelected, this,
        [this](int bar, int series) { selectBar(bar, series, true); });
    connect(heatmap_, &HeatmapView::cellClicked, this, &MainWindow::selectCell);
    explainTimer_.setSingleShot(true);
    explainTimer_.setInterval(60);
    connect(&explainTimer_, &QTimer::timeout, this, &MainWindow::explain);
    // The explanation follows the view in front: energy, latency or the heatmap's selected cell.
    connect(tabs_, &QTabWidget::currentChanged, this, [this](int index) {
        if ((index == 0 || index == 1) && selectedLatency_ != (index == 1)) {
            selectedLatency_ = index == 1;
            selectedSeries_ = -1; // segment numbers differ between the two breakdowns
        }
        showOperations();
        explain();
    });

    status_ = new QLabel(this);
    statusBar()->addPermanentWidget(new RecomputeProgress(recomputer_, this));
    statusBar()->addPermanentWidget(status_);
}

void MainWindow::createDocks()
{
    auto dock = [this](const QString& title, const QString& name, QWidget* w, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name); // restoreState() finds docks by name
        d->setWidget(w);
        addDockWidget(area, d);
        return d;
    };
    editors_ = new ScenarioEditorPanel(doc_, lib_, this);
    auto* editorsDock
        = dock(tr("Scenario"), QStringLiteral("scenarioDock"), editors_, Qt::LeftDockWidgetArea);
    presets_ = new PresetsBrowser(lib_, this);
    auto* presetsDock = dock(tr("Presets"), QStringLiteral("presetsDock"), presets_, Qt::LeftDockWidgetArea);
    tabifyDockWidget(presetsDock, editorsDock);
    editorsDock->raise();
    connect(presets_, &PresetsBrowser::presetActivated, this,
        [this](PresetKind kind, const QString& id, int caseIndex) { loadPreset(kind, id, caseIndex); });

    explainPanel_ = new ExplainPanel(this);
    // Narrow enough that, with the editors, the chart keeps half of a 1024-pixel-wide window.
    explainPanel_->setMinimumWidth(fontMetrics().averageCharWidth() * 22);
    dock(tr("Explain"), QStringLiteral("explainDock"), explainPanel_, Qt::RightDockWidgetArea);
    connect(request_, &RequestView::explanationRequested, explainPanel_, &ExplainPanel::showExplanation);

    operations_ = new OperationTableModel(this);
    operationsProxy_ = new QSortFilterProxyModel(this);
    operationsProxy_->setSourceModel(operations_);
    operationsProxy_->setSortRole(Qt::UserRole);
    operationsTable_ = new QTableView(this);
    operationsTable_->setModel(operationsProxy_);
    operationsTable_->setSortingEnabled(true);
    operationsTable_->sortByColumn(OperationTableModel::EnergyMj, Qt::DescendingOrder);
    operationsTable_->setAlternatingRowColors(true);
    operationsTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
    operationsTable_->verticalHeader()->hide();
    // Fixed widths: ResizeToContents would measure every cell on every edit.
    operationsTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    operationsTable_->horizontalHeader()->setStretchLastSection(true);
    operationsCaption_ = new QLabel(tr("Click a bar to list its operations."), this);
    auto* ops = new QWidget(this);
    auto* layout = new QVBoxLayout(ops);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(operationsCaption_);
    layout->addWidget(operationsTable_, 1);
    auto* operationsDock
        = dock(tr("Operations"), QStringLiteral("operationsDock"), ops, Qt::BottomDockWidgetArea);

    gallery_ = new ValidationGallery(lib_, this);
    galleryDock_ = dock(tr("Validation Gallery"), QStringLiteral("validationGalleryDock"), gallery_,
        Qt::BottomDockWidgetArea);
    tabifyDockWidget(operationsDock, galleryDock_);
    operationsDock->raise();
    galleryDock_->hide();
    connect(gallery_, &ValidationGallery::studyRequested, this,
        [this](const QString& id, int caseIndex) { loadPreset(PresetKind::Study, id, caseIndex); });
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this, &MainWindow::newWorkspace);
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::open);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAs);
    file->addSeparator();
    file->addAction(tr("Export &Figure…"), this, &MainWindow::exportFigure);
    file->addAction(tr("Export &Data…"), this, &MainWindow::exportData);
    file->addAction(tr("Export &Bundle…"), this, &MainWindow::exportBundle);
    file->addAction(tr("&Import Model Config…"), this, &MainWindow::importModelConfigFromDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    rebuildRecentMenu();

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = doc_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo);
    QAction* redo = doc_->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(
        { QKeySequence(QStringLiteral("Ctrl+Shift+Z")), QKeySequence(QStringLiteral("Ctrl+Y")) });
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(
        tr("&Copy Figure"), QKeySequence(QStringLiteral("Ctrl+Shift+C")), this, &MainWindow::copyFigure);

    QMenu* figures = menuBar()->addMenu(tr("&Figures"));
    const struct {
        const char* id;
        int caseIndex;
        QString text;
    } paper[] = {
        { "paper/fig4-mixtral", 0, tr("Fig. 4 — energy, Mixtral 8x7B") },
        { "paper/fig4-deepseek-r1", 0, tr("Fig. 4 — energy, DeepSeek-R1") },
        { "paper/fig5", 0, tr("Fig. 5 — latency, Mixtral 8x7B") },
        { "paper/fig5", 1, tr("Fig. 5 — latency, DeepSeek-R1") },
        { "paper/fig6", 0, tr("Fig. 6 — flash scaling heatmap") },
        { "paper/llm-in-a-flash-table2", 4, tr("LLM in a Flash — OPT-6.7B, all levers") },
        { "edge/phone-flash-scaling", 0, tr("Edge — phone flash scaling heatmap") },
        { "prefetch/accuracy-x-cache-energy", 0, tr("Expert prefetch — energy vs precision × cache") },
        { "prefetch/accuracy-x-cache-latency", 0, tr("Expert prefetch — latency vs recall × cache") },
        { "tiered/mixtral-tiers-energy", 0, tr("Tiered experts — energy, SSD vs HBM/DDR/SSD vs HBM") },
    };
    for (const auto& p : paper) {
        const QString id = QString::fromLatin1(p.id);
        const int caseIndex = p.caseIndex;
        figures->addAction(
            p.text, this, [this, id, caseIndex] { loadPreset(PresetKind::Study, id, caseIndex); });
    }

    QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
    analysis->addAction(
        tr("&Goal Seek…"), QKeySequence(QStringLiteral("Ctrl+G")), this, &MainWindow::goalSeek);
    loadCellAction_ = analysis->addAction(tr("&Load Heatmap Point"), this, [this] { loadSelectedCell(); });
    loadCellAction_->setToolTip(tr("Make the selected heatmap cell's point the scenario (undoable)"));
    loadCellAction_->setEnabled(selectedRow_ >= 0 && selectedColumn_ >= 0);
    analysis->addSeparator();
    analysis->addAction(tr("&Pin as Baseline"), this, &MainWindow::pinBaseline)
        ->setToolTip(tr("Keep the current scenario; the Compare view lists what later edits change"));
    clearBaselineAction_ = analysis->addAction(tr("&Clear Baseline"), this, &MainWindow::clearBaseline);
    clearBaselineAction_->setEnabled(false);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    for (auto* d : findChildren<QDockWidget*>())
        viewMenu_->addAction(d->toggleViewAction());
    // How every figure of the workspace is drawn, on screen and in each export; saved with it.
    viewMenu_->addSection(tr("Figures"));
    const auto toggle = [this](const QString& text, const QString& name, const QString& undoText,
                            bool ViewSettings::*field) {
        QAction* a = viewMenu_->addAction(text);
        a->setObjectName(name);
        a->setCheckable(true);
        connect(a, &QAction::triggered, this, [this, undoText, field](bool on) {
            editView(undoText, [field, on](ViewSettings& s) { s.*field = on; });
        });
        return a;
    };
    grayscale_ = viewMenu_->addAction(tr("&Grayscale Palette"));
    grayscale_->setObjectName(QStringLiteral("grayscaleAction"));
    grayscale_->setCheckable(true);
    connect(grayscale_, &QAction::triggered, this, [this](bool on) {
        editView(tr("Figure palette"), [on](ViewSettings& s) {
            s.palette = on ? ViewSettings::Palette::Grayscale : ViewSettings::Palette::ColorBlindSafe;
        });
    });
    legend_
        = toggle(tr("&Legend"), QStringLiteral("legendAction"), tr("Figure legend"), &ViewSettings::legend);
    values_ = toggle(tr("&Value Labels"), QStringLiteral("valuesAction"), tr("Figure value labels"),
        &ViewSettings::values);
    panels_ = toggle(tr("Several Models as &Panels"), QStringLiteral("panelsAction"), tr("Figure panels"),
        &ViewSettings::panels);
    toggle(tr("&Range Mode"), QStringLiteral("rangeModeAction"), tr("Range mode"), &ViewSettings::rangeMode);
    viewMenu_->addAction(tr("R&anges…"), this, [this] { findChild<TornadoView*>()->editRanges(); });
    viewMenu_->addAction(tr("Figure &Title…"), this, [this] {
        bool ok = false;
        const QString title = QInputDialog::getText(this, tr("Figure Title"),
            tr("Title of every figure (empty: each chart's own):"), QLineEdit::Normal,
            QString::fromStdString(doc_->workspace().view.title), &ok);
        if (ok)
            editView(
                tr("Figure title"), [&title](ViewSettings& s) { s.title = title.trimmed().toStdString(); });
    });
    connect(doc_, &WorkspaceDocument::changed, this, &MainWindow::viewSettingsChanged);
    viewSettingsChanged();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Validation Gallery"), this, &MainWindow::showValidationGallery);
    help->addAction(tr("&About Tierlens"), this, [this] {
        QMessageBox::about(this, tr("About Tierlens"),
            tr("<h3>Tierlens %1</h3><p>What-if explorer for the energy and latency of LLM inference "
               "across memory tiers.</p><p>One decode step is modelled analytically: roofline time and "
               "tiled traffic per operation, routing statistics, the expert copy from its tier, "
               "prefetch overlap and background power. LayerNorm, residuals, RoPE, embedding and the "
               "LM head are left out, as in the reference study.</p>")
                .arg(QStringLiteral(TIERLENS_VERSION)));
    });
}

void MainWindow::showResult(std::shared_ptr<const WorkspaceResult> r)
{
    result_ = std::move(r);
    const Workspace& w = recomputer_->evaluated();
    if (!result_->problems.empty()) {
        QStringList lines;
        for (const auto& p : result_->problems)
            lines << problemLine(w, p).toHtmlEscaped();
        problems_->setText(
            tr("<b>The scenario cannot be evaluated:</b><br>%1").arg(lines.join(QStringLiteral("<br>"))));
        problems_->show();
        status_->setText(tr("%n problem(s)", nullptr, int(result_->problems.size())));
        return; // the views keep the last valid numbers
    }
    problems_->hide();
    shown_ = w;
    energy_->setResult(w, withBaseline(result_));
    latency_->setResult(w, withBaseline(result_));
    heatmap_->setResult(w, result_);
    coverage_->setResult(w, *result_);
    request_->setScenario(w.scenario);
    if (selectedBar_ >= int(result_->bars.size()))
        selectedBar_ = -1;
    if (selectedBar_ < 0 && !result_->bars.empty())
        selectedBar_ = 0;
    energy_->selectResult(selectedBar_);
    latency_->selectResult(selectedBar_);
    showAnalysis();
    showOperations();
    explainTimer_.start(); // the explanation settles after the charts, off the edit's frame
    status_->setText(
        tr("Recomputed %1 evaluations in %2 ms")
            .arg(result_->bars.size()
                + result_->cells.size() * (result_->cells.empty() ? 0 : result_->cells[0].size()))
            .arg(recomputer_->lastComputeMs(), 0, 'f', 2));
}

void MainWindow::editView(const QString& text, const std::function<void(ViewSettings&)>& change)
{
    ViewSettings v = doc_->workspace().view;
    change(v);
    if (v == doc_->workspace().view)
        return;
    doc_->edit(text, [&v](Workspace& w) { w.view = v; });
}

void MainWindow::viewSettingsChanged()
{
    const ViewSettings& v = doc_->workspace().view;
    grayscale_->setChecked(v.palette == ViewSettings::Palette::Grayscale);
    legend_->setChecked(v.legend);
    values_->setChecked(v.values);
    panels_->setChecked(v.panels);
    findChild<QAction*>(QStringLiteral("rangeModeAction"))->setChecked(v.rangeMode);
    if (!result_ || !result_->problems.empty() || shown_.view == v)
        return;
    shown_.view = v;
    energy_->setResult(shown_, result_);
    latency_->setResult(shown_, result_);
    energy_->selectResult(selectedBar_);
    latency_->selectResult(selectedBar_);
    // The heatmap's choosers follow the recomputation; only its drawing changes here.
    heatmap_->chart()->setRenderOptions(WorkspaceChart::renderOptions(v, heatmap_->chart()->renderOptions()));
}

Workspace MainWindow::figureWorkspace() const
{
    Workspace w = shown_;
    w.view = doc_->workspace().view;
    return w;
}

void MainWindow::selectBar(int resultIndex, int series, bool latency)
{
    // A selection changes no number: move the highlight, list and explain the bar, and leave the
    // document, the recompute and the views' data alone.
    selectedBar_ = resultIndex;
    selectedSeries_ = series;
    selectedLatency_ = latency;
    if (!result_ || !result_->problems.empty())
        return;
    energy_->selectResult(selectedBar_);
    latency_->selectResult(selectedBar_);
    showOperations();
    explainTimer_.start();
}

QString MainWindow::operationsCaption() const
{
    return operationsCaption_->text();
}

void MainWindow::showOperations()
{
    if (!result_ || !result_->problems.empty())
        return;
    const Workspace& w = doc_->workspace();
    const auto list = [this](const Result& r, const Scenario& s, const QString& caption) {
        const int rowsBefore = operations_->rowCount();
        operations_->setResult(r, s.gpu.peakTflops, r.effectiveHbmBandwidthGBs);
        // Size the columns when another model's operations arrive, not on every edit: measuring
        // every cell would cost frames while a value is dragged.
        if (operations_->rowCount() != rowsBefore)
            operationsTable_->resizeColumnsToContents();
        operationsCaption_->setText(caption);
    };
    if (tabs_->currentWidget() == heatmap_ && selectedRow_ >= 0 && selectedColumn_ >= 0) {
        // The cell's own point, evaluated as the heatmap does; the scenario stays as it is.
        const Study st = recomputer_->evaluated().heatmapStudy();
        const Scenario s = st.cellScenario(st.series.front().scenario, selectedRow_, selectedColumn_);
        const auto value = [](const StudyAxis& a, int i) { return a.values[std::size_t(i)]; };
        list(evaluate(s, s.workload.batch), s,
            tr("Operations of one decode step at the heatmap cell %1 = %2, %3 = %4 — hover a row for its "
               "formula")
                .arg(QString::fromStdString(st.x.label), QString::number(value(w.heatmap.x, selectedColumn_)),
                    QString::fromStdString(st.y.label), QString::number(value(w.heatmap.y, selectedRow_))));
        return;
    }
    if (selectedBar_ < 0 || selectedBar_ >= int(result_->bars.size()))
        return;
    const auto& bar = result_->bars[std::size_t(selectedBar_)];
    list(bar.result, w.scenario,
        tr("Operations of one decode step: %1, batch %2 — hover a row for its formula")
            .arg(QString::fromStdString(result_->placements[std::size_t(bar.placement)].label))
            .arg(bar.batch));
}

bool MainWindow::loadPreset(PresetKind kind, const QString& id, int caseIndex)
{
    QString error;
    if (PresetLoader::load(*doc_, lib_, { kind, id, caseIndex }, &error))
        return true;
    message(tr("Cannot load preset %1").arg(id), error);
    return false;
}

QWidget* MainWindow::showForScreenshot(const QString& what)
{
    if (what == QLatin1String("goal-seek")) {
        auto* dialog = new GoalSeekDialog(doc_, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
        dialog->solve();
        return dialog;
    }
    if (const QLatin1String prefix("import-model:"); what.startsWith(prefix)) {
        const QString path = what.mid(prefix.size());
        const HfConfigImport imported = ModelImportDialog::read(path);
        if (!imported.ok()) {
            lastMessage_
                = tr("--show: cannot import %1:\n%2").arg(path, problemText(imported.model.problems));
            return nullptr;
        }
        auto* dialog = new ModelImportDialog(QFileInfo(path).fileName(), imported, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
        return dialog;
    }
    if (what == QLatin1String("validation")) {
        // Floating at the window's size: docked, the gallery shares the bottom strip.
        galleryDock_->setFloating(true);
        galleryDock_->resize(size());
        showValidationGallery();
        return gallery_;
    }
    // compare:PATH=VALUE pins the scenario as the baseline, then changes one number of it.
    if (const QLatin1String prefix("compare:"); what.startsWith(prefix)) {
        const QStringList kv = what.mid(prefix.size()).split(QLatin1Char('='));
        bool ok = kv.size() == 2;
        const double value = ok ? kv[1].toDouble(&ok) : 0.0;
        QString error;
        pinBaseline();
        if (!ok || !doc_->setValue(kv[0], value, &error)) {
            lastMessage_ = tr("--show %1: %2").arg(what, ok ? error : tr("use compare:PATH=NUMBER"));
            return nullptr;
        }
        recomputer_->recomputeNow();
        tabs_->setCurrentWidget(compare_);
        return this;
    }
    const QStringList sections { QStringLiteral("system"), QStringLiteral("tiers"), QStringLiteral("links"),
        QStringLiteral("model"), QStringLiteral("placement") };
    if (const QLatin1String prefix("editor:"); what.startsWith(prefix)) {
        const qsizetype i = sections.indexOf(what.mid(prefix.size()));
        if (i >= 0) {
            editors_->setCurrentSection(ScenarioEditorPanel::Section(i));
            return editors_;
        }
    }
    lastMessage_ = tr("--show: unknown \"%1\"; use goal-seek, import-model:CONFIG.json, validation, "
                      "compare:PATH=NUMBER or editor:%2")
                       .arg(what, sections.join(QLatin1Char('|')));
    return nullptr;
}

void MainWindow::message(const QString& title, const QString& text)
{
    lastMessage_ = title + QLatin1Char('\n') + text;
    if (interactive_)
        QMessageBox::warning(this, title, text);
    else
        statusBar()->showMessage(title, 5000);
}

void MainWindow::explain()
{
    if (!result_ || !result_->problems.empty())
        return;
    const Workspace& w = doc_->workspace();
    heatmap_->chart()->setSelectedCell(selectedRow_, selectedColumn_);
    if (tabs_->currentWidget() == heatmap_ && selectedRow_ >= 0 && selectedColumn_ >= 0) {
        explainPanel_->showExplanation(
            explainHeatmapCell(recomputer_->evaluated().heatmapStudy(), selectedRow_, selectedColumn_));
        return;
    }
    if (selectedBar_ < 0 || selectedBar_ >= int(result_->bars.size())) {
        explainPanel_->clear();
        return;
    }
    const auto& bar = result_->bars[std::size_t(selectedBar_)];
    const Scenario s = w.placed(result_->placements[std::size_t(bar.placement)]);
    if (selectedLatency_)
        explainPanel_->showExplanation(selectedSeries_ >= 0 && selectedSeries_ < kLatencyPartCount
                ? explainLatency(s, bar.result, LatencyPart(selectedSeries_))
                : explainTotalLatency(s, bar.result));
    else
        explainPanel_->showExplanation(selectedSeries_ >= 0 && selectedSeries_ < kEnergyPartCount
                ? explainEnergy(s, bar.result, EnergyPart(selectedSeries_))
                : explainTotalEnergy(s, bar.result));
}

} // namespace tierlens
