#pragma once

#include "core/data/workspace.h"
#include "render/figureexporter.h"

#include <QDialog>

#include <memory>
#include <string>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFontComboBox;
class QLineEdit;

namespace tierlens {

class FigurePreview;
class WorkspaceDocument;
struct WorkspaceResult;

/// Asks where and how to export the figure in front. File, format, size with its unit, DPI,
/// font and whether a title is drawn belong to the export and are remembered in QSettings.
/// Palette, legend, value labels and title text are the workspace's view settings: the dialog
/// starts from them and accept() writes the changed ones back to the document as one undoable
/// step, so the file, the screen and `tierlens-cli export` of the saved workspace agree.
class FigureExportDialog : public QDialog {
    Q_OBJECT
public:
    /// `baseName` proposes the file name (the study or view) when no earlier path is remembered.
    explicit FigureExportDialog(const QString& baseName, QWidget* parent = nullptr);

    /// The figure exported: `view` ("energy", "latency" or "heatmap") of `w` with its numbers
    /// `r`. The view settings controls take `w.view`; the preview draws it as the file will be.
    void setFigure(const Workspace& w, std::shared_ptr<const WorkspaceResult> r, const std::string& view);
    /// Where accept() writes the changed view settings; not owned. Without one they stay in
    /// the dialog (viewSettings()).
    void setDocument(WorkspaceDocument* doc) { doc_ = doc; }
    FigurePreview* preview() const { return preview_; }

    QString path() const;
    /// The export-only choices (size, resolution, font, whether a title is drawn).
    FigureExportOptions options() const;
    /// The figure's view settings as chosen in the dialog.
    ViewSettings viewSettings() const;

    void accept() override;

private:
    void browse();
    void unitChanged();
    void load(const QString& baseName);
    void save() const;
    void updatePreview();
    void showViewSettings(const ViewSettings& v);

    QLineEdit* path_;
    QComboBox* format_;
    QDoubleSpinBox* width_;
    QDoubleSpinBox* height_;
    QComboBox* unit_;
    QDoubleSpinBox* dpi_;
    QFontComboBox* font_;
    QDoubleSpinBox* fontPt_;
    QComboBox* palette_;
    QCheckBox* title_;
    QLineEdit* titleText_;
    QCheckBox* legend_;
    QCheckBox* values_;
    FigurePreview* preview_;
    ViewSettings view_; ///< the workspace's settings the dialog started from
    WorkspaceDocument* doc_ = nullptr;
    int lastUnit_ = 0;
};

} // namespace tierlens
