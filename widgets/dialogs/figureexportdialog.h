#pragma once

#include "render/figureexporter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFontComboBox;
class QLineEdit;

namespace tierlens {

class ChartPainter;
class FigurePreview;

/// Asks where and how to export the figure in front: file and format, size with its unit, DPI,
/// font, palette, title and legend. The choices are remembered in QSettings for the next export.
class FigureExportDialog : public QDialog {
    Q_OBJECT
public:
    /// `baseName` proposes the file name (the study or view) when no earlier path is remembered.
    explicit FigureExportDialog(const QString& baseName, QWidget* parent = nullptr);

    /// The chart the preview shows at the chosen size and font; not owned, must outlive the
    /// dialog. Without one the preview is an empty page of the chosen proportions.
    void setChart(const ChartPainter* chart);
    FigurePreview* preview() const { return preview_; }

    QString path() const;
    FigureExportOptions options() const;

    void accept() override;

private:
    void browse();
    void unitChanged();
    void load(const QString& baseName);
    void save() const;
    void updatePreview();

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
    FigurePreview* preview_;
    int lastUnit_ = 0;
};

} // namespace tierlens
