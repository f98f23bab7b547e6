#include "widgets/dialogs/figureexportdialog.h"

#include "document/workspacedocument.h"
#include "widgets/dialogs/figurepreview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace tierlens {

namespace {

using Unit = FigureExportOptions::Unit;
using Format = FigureExportOptions::Format;

constexpr double kMmPerInch = 25.4;

QString key(const char* name)
{
    return QStringLiteral("figureExport/") + QLatin1String(name);
}

QString suffixOf(Format f)
{
    switch (f) {
    case Format::Svg:
        return QStringLiteral("svg");
    case Format::Pdf:
        return QStringLiteral("pdf");
    case Format::Png:
        return QStringLiteral("png");
    case Format::FromSuffix:
        break;
    }
    return {};
}

// A length in inches expressed in `unit` (pixels at `dpi`), to keep the size when the unit changes.
double fromInches(double in, Unit unit, double dpi)
{
    return unit == Unit::Millimeter ? in * kMmPerInch : unit == Unit::Pixel ? in * dpi : in;
}

double toInches(double v, Unit unit, double dpi)
{
    return unit == Unit::Millimeter ? v / kMmPerInch : unit == Unit::Pixel ? v / dpi : v;
}

} // namespace

FigureExportDialog::FigureExportDialog(const QString& baseName, QWidget* parent)
    : QDialog(parent)
    , path_(new QLineEdit(this))
    , format_(new QComboBox(this))
    , width_(new QDoubleSpinBox(this))
    , height_(new QDoubleSpinBox(this))
    , unit_(new QComboBox(this))
    , dpi_(new QDoubleSpinBox(this))
    , font_(new QFontComboBox(this))
    , fontPt_(new QDoubleSpinBox(this))
    , palette_(new QComboBox(this))
    , title_(new QCheckBox(tr("Title"), this))
    , titleText_(new QLineEdit(this))
    , legend_(new QCheckBox(tr("Legend"), this))
    , values_(new QCheckBox(tr("Value labels"), this))
    , preview_(new FigurePreview(this))
{
    setWindowTitle(tr("Export Figure"));
    // Names for tests and accessibility tools.
    path_->setObjectName(QStringLiteral("path"));
    format_->setObjectName(QStringLiteral("format"));
    unit_->setObjectName(QStringLiteral("unit"));
    palette_->setObjectName(QStringLiteral("palette"));
    title_->setObjectName(QStringLiteral("showTitle"));
    titleText_->setObjectName(QStringLiteral("title"));
    legend_->setObjectName(QStringLiteral("legend"));
    values_->setObjectName(QStringLiteral("values"));
    format_->addItem(tr("SVG (vector)"), int(Format::Svg));
    format_->addItem(tr("PDF (vector)"), int(Format::Pdf));
    format_->addItem(tr("PNG (image)"), int(Format::Png));
    unit_->addItem(tr("mm"), int(Unit::Millimeter));
    unit_->addItem(tr("in"), int(Unit::Inch));
    unit_->addItem(tr("px"), int(Unit::Pixel));
    for (QDoubleSpinBox* s : { width_, height_ }) {
        s->setRange(0.1, 20000);
        s->setDecimals(2);
    }
    dpi_->setRange(10, 2400);
    dpi_->setDecimals(0);
    dpi_->setSuffix(tr(" dpi"));
    fontPt_->setRange(2, 72);
    fontPt_->setDecimals(1);
    fontPt_->setSuffix(tr(" pt"));
    palette_->addItem(tr("Colour-blind safe"), int(ViewSettings::Palette::ColorBlindSafe));
    palette_->addItem(tr("Grayscale"), int(ViewSettings::Palette::Grayscale));
    titleText_->setPlaceholderText(tr("the chart's own title"));
    const QString saved = tr("Saved with the workspace: the window and its exports draw the same figure");
    for (QWidget* w : std::initializer_list<QWidget*> { palette_, titleText_, legend_, values_ })
        w->setToolTip(saved);

    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(path_, 1);
    fileRow->addWidget(browse);
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(width_);
    sizeRow->addWidget(height_);
    sizeRow->addWidget(unit_);
    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(title_);
    titleRow->addWidget(titleText_, 1);

    auto* form = new QFormLayout;
    form->addRow(tr("File:"), fileRow);
    form->addRow(tr("Format:"), format_);
    form->addRow(tr("Size (w × h):"), sizeRow);
    form->addRow(tr("Resolution:"), dpi_);
    form->addRow(tr("Font:"), font_);
    form->addRow(tr("Font size:"), fontPt_);
    form->addRow(QString(), titleRow);
    // The workspace's own settings, apart from the export's.
    form->addRow(tr("Palette:"), palette_);
    form->addRow(QString(), legend_);
    form->addRow(QString(), values_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    // The preview beside the choices, growing with the dialog; the buttons span both.
    auto* columns = new QHBoxLayout;
    columns->addLayout(form);
    columns->addWidget(preview_, 1);
    auto* outer = new QVBoxLayout;
    outer->addLayout(columns, 1);
    outer->addWidget(buttons);
    setLayout(outer);

    connect(buttons, &QDialogButtonBox::accepted, this, &FigureExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &FigureExportDialog::reject);
    connect(browse, &QPushButton::clicked, this, &FigureExportDialog::browse);
    connect(unit_, &QComboBox::currentIndexChanged, this, &FigureExportDialog::unitChanged);
    connect(title_, &QCheckBox::toggled, titleText_, &QLineEdit::setEnabled);
    // The format follows the file name's suffix, and the other way round.
    connect(format_, &QComboBox::currentIndexChanged, this, [this] {
        const QFileInfo fi(path_->text());
        if (fi.fileName().isEmpty())
            return;
        const QString s = suffixOf(Format(format_->currentData().toInt()));
        path_->setText(QDir(fi.path()).filePath(fi.completeBaseName() + QLatin1Char('.') + s));
    });
    connect(path_, &QLineEdit::editingFinished, this, [this] {
        const Format f = FigureExporter::formatForPath(path_->text());
        if (f != Format::FromSuffix)
            format_->setCurrentIndex(format_->findData(int(f)));
    });
    load(baseName);

    // Every choice that changes how the figure looks redraws the preview.
    for (QDoubleSpinBox* s : { width_, height_, dpi_, fontPt_ })
        connect(s, &QDoubleSpinBox::valueChanged, this, &FigureExportDialog::updatePreview);
    for (QComboBox* c : { unit_, palette_ })
        connect(c, &QComboBox::currentIndexChanged, this, &FigureExportDialog::updatePreview);
    connect(font_, &QFontComboBox::currentFontChanged, this, &FigureExportDialog::updatePreview);
    connect(title_, &QCheckBox::toggled, this, &FigureExportDialog::updatePreview);
    connect(legend_, &QCheckBox::toggled, this, &FigureExportDialog::updatePreview);
    connect(values_, &QCheckBox::toggled, this, &FigureExportDialog::updatePreview);
    connect(titleText_, &QLineEdit::textChanged, this, &FigureExportDialog::updatePreview);
    updatePreview();
}

void FigureExportDialog::setFigure(
    const Workspace& w, std::shared_ptr<const WorkspaceResult> r, const std::string& view)
{
    view_ = w.view;
    showViewSettings(w.view);
    preview_->setFigure(w, std::move(r), view);
    updatePreview();
}

void FigureExportDialog::showViewSettings(const ViewSettings& v)
{
    // Set quietly, then drawn once by the caller.
    const QSignalBlocker b1(palette_), b2(titleText_), b3(legend_), b4(values_);
    palette_->setCurrentIndex(std::max(0, palette_->findData(int(v.palette))));
    titleText_->setText(QString::fromStdString(v.title));
    legend_->setChecked(v.legend);
    values_->setChecked(v.values);
}

void FigureExportDialog::updatePreview()
{
    preview_->setViewSettings(viewSettings());
    preview_->setOptions(options());
}

ViewSettings FigureExportDialog::viewSettings() const
{
    ViewSettings v = view_;
    v.palette = ViewSettings::Palette(palette_->currentData().toInt());
    v.title = titleText_->text().toStdString();
    v.legend = legend_->isChecked();
    v.values = values_->isChecked();
    return v;
}

QString FigureExportDialog::path() const
{
    return path_->text();
}

FigureExportOptions FigureExportDialog::options() const
{
    FigureExportOptions o;
    o.format = Format(format_->currentData().toInt());
    o.width = width_->value();
    o.height = height_->value();
    o.unit = Unit(unit_->currentData().toInt());
    o.dpi = dpi_->value();
    o.fontFamily = font_->currentFont().family();
    o.fontPt = fontPt_->value();
    o.showTitle = title_->isChecked();
    // Mirrors of the view settings, which decide them in WorkspaceFigure.
    const ViewSettings v = viewSettings();
    o.palette = v.palette == ViewSettings::Palette::Grayscale ? PaletteKind::Grayscale
                                                              : PaletteKind::ColorBlindSafe;
    o.title = QString::fromStdString(v.title);
    o.showLegend = v.legend;
    return o;
}

void FigureExportDialog::accept()
{
    if (path_->text().trimmed().isEmpty()) {
        QMessageBox::warning(this, windowTitle(), tr("Choose a file to export to."));
        return;
    }
    save();
    // One undoable step for all the view settings changed here, and none when nothing changed;
    // the settings the dialog does not show (axis, reference, panels) stay the document's.
    if (doc_) {
        const ViewSettings chosen = viewSettings();
        ViewSettings next = doc_->workspace().view;
        next.palette = chosen.palette;
        next.title = chosen.title;
        next.legend = chosen.legend;
        next.values = chosen.values;
        if (!(next == doc_->workspace().view))
            doc_->edit(tr("Figure settings"), [next](Workspace& w) { w.view = next; });
    }
    QDialog::accept();
}

void FigureExportDialog::browse()
{
    const QString s = suffixOf(Format(format_->currentData().toInt()));
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export Figure"), path_->text(), tr("%1 files (*.%2)").arg(s.toUpper(), s));
    if (file.isEmpty())
        return;
    path_->setText(file);
    const Format f = FigureExporter::formatForPath(file);
    if (f != Format::FromSuffix)
        format_->setCurrentIndex(format_->findData(int(f)));
}

void FigureExportDialog::unitChanged()
{
    const Unit from = Unit(unit_->itemData(lastUnit_).toInt());
    const Unit to = Unit(unit_->currentData().toInt());
    const double dpi = dpi_->value();
    for (QDoubleSpinBox* s : { width_, height_ })
        s->setValue(fromInches(toInches(s->value(), from, dpi), to, dpi));
    const int decimals = to == Unit::Pixel ? 0 : to == Unit::Millimeter ? 1 : 2;
    width_->setDecimals(decimals);
    height_->setDecimals(decimals);
    lastUnit_ = unit_->currentIndex();
}

void FigureExportDialog::load(const QString& baseName)
{
    // Defaults: a single-column paper figure, 3.5 × 2.6 in at 8 pt and 300 dpi.
    const QSettings st;
    const FigureExportOptions d;
    const QString dir = st.value(key("dir"), QDir::homePath()).toString();
    const int format = st.value(key("format"), int(Format::Pdf)).toInt();
    format_->setCurrentIndex(std::max(0, format_->findData(format)));
    path_->setText(
        QDir(dir).filePath(baseName + QLatin1Char('.') + suffixOf(Format(format_->currentData().toInt()))));
    unit_->blockSignals(true);
    unit_->setCurrentIndex(std::max(0, unit_->findData(st.value(key("unit"), int(Unit::Inch)).toInt())));
    unit_->blockSignals(false);
    lastUnit_ = unit_->currentIndex();
    width_->setValue(st.value(key("width"), d.width).toDouble());
    height_->setValue(st.value(key("height"), d.height).toDouble());
    dpi_->setValue(st.value(key("dpi"), d.dpi).toDouble());
    const QString family = st.value(key("fontFamily")).toString();
    if (!family.isEmpty())
        font_->setCurrentFont(QFont(family));
    fontPt_->setValue(st.value(key("fontPt"), d.fontPt).toDouble());
    title_->setChecked(st.value(key("title"), true).toBool());
    titleText_->setEnabled(title_->isChecked());
    showViewSettings(view_);
}

void FigureExportDialog::save() const
{
    QSettings st;
    const FigureExportOptions o = options();
    st.setValue(key("dir"), QFileInfo(path_->text()).absolutePath());
    st.setValue(key("format"), int(o.format));
    st.setValue(key("unit"), int(o.unit));
    st.setValue(key("width"), o.width);
    st.setValue(key("height"), o.height);
    st.setValue(key("dpi"), o.dpi);
    st.setValue(key("fontFamily"), o.fontFamily);
    st.setValue(key("fontPt"), o.fontPt);
    st.setValue(key("title"), o.showTitle);
}

} // namespace tierlens
