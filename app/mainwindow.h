#pragma once

#include "core/data/workspace.h"
#include "core/io/presetlibrary.h"

#include <QMainWindow>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace tierlens {

struct FigureExportOptions;
class BreakdownView;
class ChartWidget;
class CompareView;
class CoverageView;
class RequestView;
class ExplainPanel;
class HeatmapView;
class OperationTableModel;
class ParetoView;
class PresetLibrary;
class PresetsBrowser;
class Recomputer;
class RecoveryManager;
class RooflineView;
class WorkspaceDocument;
class ScenarioEditorPanel;
class ValidationGallery;

/// The explorer window: editors on the left, the views in the middle, the explanation on the
/// right and the operations of the selected bar below.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// The window holds the one preset library every editor, menu and loader reads: the built-in
    /// presets, or `lib` (which must outlive the window).
    explicit MainWindow(QWidget* parent = nullptr);
    explicit MainWindow(const PresetLibrary& lib, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a workspace or scenario file, or a bundle (.tierlens.zip, opened untitled); on failure shows
    /// (or, without dialogs, records) every problem and keeps the current workspace.
    bool openFile(const QString& path);
    bool saveTo(const QString& path);
    /// Writes a .tierlens.zip of the open workspace (JSON, CSV, figures); false after a message.
    bool exportBundleTo(const QString& path);
    /// Writes the figure of the view in front as the workspace's view settings draw it, through
    /// the same function as `tierlens-cli export` and bundles (WorkspaceFigure); `options` gives
    /// size, resolution, font and whether a title is drawn. Empty on success, else why not.
    QString exportFigureTo(const QString& path, const FigureExportOptions& options);
    /// Reads a Hugging Face config.json and, after the dialog (skipped when not interactive), makes
    /// it the scenario's model as one undoable step. A broken config changes nothing.
    bool importModelConfig(const QString& path);
    /// Shows the validation gallery's dock.
    void showValidationGallery();
    ValidationGallery* validationGallery() const { return gallery_; }
    /// For scripted screenshots: opens what `what` names as the menus would, without waiting on it
    /// ("goal-seek", solved; "import-model:CONFIG.json"; "validation"; "editor:system|tiers|links|
    /// model|placement"), and returns the widget to photograph. Nullptr, after a message in
    /// lastMessage(), for a name it does not know.
    QWidget* showForScreenshot(const QString& what);
    QDockWidget* validationGalleryDock() const { return galleryDock_; }
    /// Loads a preset of the window's library as one undoable step (PresetLoader).
    bool loadPreset(PresetKind kind, const QString& id, int caseIndex = 0);
    /// Makes the selected heatmap cell's point the scenario (both axes take the cell's values) as
    /// one undoable step; false when no cell is selected. Clicking a cell only inspects it.
    bool loadSelectedCell();
    /// The caption above the Operations table: whose operations it lists.
    QString operationsCaption() const;
    /// Brings the explanation up to date now (it otherwise follows the charts by a few frames).
    void explainNow() { explain(); }
    /// Tests and scripted screenshots run without modal dialogs; messages go to lastMessage().
    void setInteractive(bool interactive) { interactive_ = interactive; }
    QString lastMessage() const { return lastMessage_; }
    /// Offers, one by one, to restore the unsaved work of runs that did not quit normally; true
    /// when one was restored (the rest are kept for a later start).
    bool offerRecovery();
    /// Restores a recovery file: unsaved, under its original file name if it had one. On failure
    /// the file is kept aside and the reason shown; the current workspace stays.
    bool restoreRecovery(const QString& recoveryPath);
    RecoveryManager* recovery() const { return recovery_; }

    WorkspaceDocument* document() const { return doc_; }
    Recomputer* recomputer() const { return recomputer_; }
    BreakdownView* energyView() const { return energy_; }
    BreakdownView* latencyView() const { return latency_; }
    HeatmapView* heatmapView() const { return heatmap_; }
    RooflineView* rooflineView() const { return roofline_; }
    ParetoView* paretoView() const { return pareto_; }
    CompareView* compareView() const { return compare_; }
    RequestView* requestView() const { return request_; }
    QTabWidget* tabs() const { return tabs_; }
    OperationTableModel* operationModel() const { return operations_; }
    ScenarioEditorPanel* editors() const { return editors_; }
    ExplainPanel* explainPanel() const { return explainPanel_; }

    /// Narrows docked panels (editors, Explain, Operations) until the chart has at least half the
    /// window's width and height, as far as their minimum sizes allow. Runs on every resize.
    void keepChartRoom();

protected:
    void closeEvent(QCloseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createViews();
    void createDocks();
    void createActions();
    void showResult(std::shared_ptr<const WorkspaceResult> r);
    void selectBar(int resultIndex, int series, bool latency);
    void selectCell(int row, int column);
    void explain();
    /// Lists the operations of what the view in front has selected: a bar, or a heatmap cell.
    void showOperations();
    void newWorkspace();
    void open();
    bool save();
    bool saveAs();
    bool maybeSave();
    void updateTitle();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    void message(const QString& title, const QString& text);
    /// The chart of the view in front; nullptr when it has none (expert coverage).
    const ChartWidget* currentChart() const;
    void exportFigure();
    /// "energy", "latency" or "heatmap" for the view in front; empty for one without a figure.
    std::string currentFigureView() const;
    /// The workspace the views show (their numbers) with the document's current view settings.
    Workspace figureWorkspace() const;
    /// Changes the workspace's view settings as one undoable step; nothing when they stay equal.
    void editView(const QString& text, const std::function<void(ViewSettings&)>& change);
    /// Redraws the charts and sets the view actions after the view settings changed; the numbers
    /// stay, so nothing waits for a recomputation.
    void viewSettingsChanged();
    void copyFigure();
    void exportData();
    void exportBundle();
    void importModelConfigFromDialog();
    void goalSeek();
    /// The roofline, Pareto and compare views follow the shown result (mainwindowanalysis.cpp).
    void showAnalysis();
    void pinBaseline();
    void clearBaseline();
    /// The shown result with the pinned baseline's bars after its own, as placements named
    /// "Pinned · …", so each batch shows both side by side; the result itself without a baseline.
    std::shared_ptr<const WorkspaceResult> withBaseline(std::shared_ptr<const WorkspaceResult> r) const;

    const PresetLibrary& lib_;
    WorkspaceDocument* doc_;
    Recomputer* recomputer_;
    RecoveryManager* recovery_ = nullptr;
    std::shared_ptr<const WorkspaceResult> result_;
    Workspace shown_; // the workspace result_ was shown for
    QAction* grayscale_ = nullptr;
    QAction* legend_ = nullptr;
    QAction* values_ = nullptr;
    QAction* panels_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    BreakdownView* energy_ = nullptr;
    BreakdownView* latency_ = nullptr;
    HeatmapView* heatmap_ = nullptr;
    CoverageView* coverage_ = nullptr;
    RequestView* request_ = nullptr;
    std::string requestStudy_; ///< the study the Request view's comparison comes from
    /// The source study last looked at for a Pareto design space: most are not Pareto studies,
    /// and loading one on every edit to find that out cost more than the edit's recompute.
    std::string paretoSource_;
    ScenarioEditorPanel* editors_ = nullptr;
    PresetsBrowser* presets_ = nullptr;
    ExplainPanel* explainPanel_ = nullptr;
    ValidationGallery* gallery_ = nullptr;
    QDockWidget* galleryDock_ = nullptr;
    OperationTableModel* operations_ = nullptr;
    QSortFilterProxyModel* operationsProxy_ = nullptr;
    QTableView* operationsTable_ = nullptr;
    QLabel* operationsCaption_ = nullptr;
    QAction* loadCellAction_ = nullptr;
    RooflineView* roofline_ = nullptr;
    ParetoView* pareto_ = nullptr;
    CompareView* compare_ = nullptr;
    QAction* clearBaselineAction_ = nullptr;
    std::optional<Workspace> baseline_; ///< pinned by Analysis → Pin as Baseline
    std::shared_ptr<const WorkspaceResult> baselineResult_; ///< its bars, drawn beside the current ones
    QLabel* problems_ = nullptr;
    QLabel* status_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    // What the explanation and the operations table follow.
    int selectedBar_ = -1;
    int selectedSeries_ = -1;
    bool selectedLatency_ = false;
    int selectedRow_ = -1;
    int selectedColumn_ = -1;
    bool interactive_ = true;
    QString lastMessage_;
    QTimer explainTimer_;
};

} // namespace tierlens
