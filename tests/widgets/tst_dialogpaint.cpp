// Dialogs drawn offscreen, with no window manager to size or expose them: the Export Figure
// preview shows the chart at the chosen proportions and follows the choices, draws exactly what
// the export function writes, and the dialog edits the workspace's view settings as one undo
// step; the Import Model dialog draws every one of its widgets inside itself.

#include "core/data/study.h"
#include "core/data/workspace.h"
#include "core/io/presetlibrary.h"
#include "document/workspacedocument.h"
#include "render/workspacefigure.h"
#include "widgets/dialogs/figureexportdialog.h"
#include "widgets/dialogs/figurepreview.h"
#include "widgets/dialogs/modelimportdialog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QTest>
#include <QUndoStack>

#include <algorithm>
#include <set>

using namespace tierlens;

namespace {

// Bounding box of the pixels inside `area` that differ from the colour at its top-left corner
// (the preview's backdrop): the page as drawn.
QRect drawnBox(const QImage& img, const QRect& area)
{
    const QRgb backdrop = img.pixel(area.topLeft());
    QRect box;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            if (img.pixel(x, y) != backdrop)
                box |= QRect(x, y, 1, 1);
    return box;
}

// Share of pixels in `box` that are neither white nor the page frame: ink of the chart.
double inkShare(const QImage& img, const QRect& box)
{
    long ink = 0;
    const QRect inner = box.adjusted(2, 2, -2, -2);
    for (int y = inner.top(); y <= inner.bottom(); ++y)
        for (int x = inner.left(); x <= inner.right(); ++x)
            if (qGray(img.pixel(x, y)) < 235)
                ++ink;
    return double(ink) / (double(inner.width()) * inner.height());
}

int distinctColours(const QImage& img, const QRect& r)
{
    std::set<QRgb> c;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            c.insert(img.pixel(x, y));
    return int(c.size());
}

QByteArray describe(const QWidget* w)
{
    QByteArray d(w->metaObject()->className());
    if (const auto* l = qobject_cast<const QLabel*>(w))
        d += ' ' + l->text().left(40).toUtf8();
    if (const auto* b = qobject_cast<const QAbstractButton*>(w))
        d += ' ' + b->text().toUtf8();
    return d;
}

} // namespace

class TestDialogPaint : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void exportPreviewFollowsTheChosenSize();
    void exportDialogStartsFromTheWorkspace();
    void exportDialogEditsTheWorkspaceInOneStep();
    void exportPreviewIsTheExportedFigure();
    void importDialogPaintsEveryWidget();

private:
    Workspace w_;
    std::shared_ptr<const WorkspaceResult> r_;
};

void TestDialogPaint::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("Tierlens-test"));
    QApplication::setApplicationName(QStringLiteral("tst_dialogpaint"));
    QSettings().clear();
    const PresetLibrary& lib = PresetLibrary::builtin();
    auto st = loadStudy(lib.find(PresetKind::Study, "paper/fig4-mixtral")->json, lib);
    QVERIFY(st.ok());
    w_ = workspaceFromStudy(st.value);
    r_ = std::make_shared<const WorkspaceResult>(evaluateWorkspace(w_));
    QVERIFY(r_->problems.empty());
}

void TestDialogPaint::exportPreviewFollowsTheChosenSize()
{
    FigureExportDialog dialog(QStringLiteral("fig4"));
    dialog.setFigure(w_, r_, "energy");
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    FigurePreview* preview = dialog.preview();
    QVERIFY(preview->isVisible());
    QVERIFY(preview->width() >= 150 && preview->height() >= 100);

    auto* unit = dialog.findChild<QComboBox*>(QStringLiteral("unit"));
    unit->setCurrentIndex(unit->findData(int(FigureExportOptions::Unit::Inch)));
    const auto spins = dialog.findChildren<QDoubleSpinBox*>();
    // The first two spin boxes are width and height, in layout order.
    QDoubleSpinBox* width = nullptr;
    QDoubleSpinBox* height = nullptr;
    QDoubleSpinBox* fontPt = nullptr;
    for (QDoubleSpinBox* s : spins) {
        if (s->suffix().contains(QStringLiteral("pt")))
            fontPt = s;
        else if (s->suffix().isEmpty() && !width)
            width = s;
        else if (s->suffix().isEmpty() && !height)
            height = s;
    }
    QVERIFY(width && height && fontPt);

    const QRect area = preview->geometry();
    QImage previous;
    for (const QSizeF size : { QSizeF(3.5, 2.6), QSizeF(7, 2.5), QSizeF(2.5, 3.5) }) {
        width->setValue(size.width());
        height->setValue(size.height());
        QCOMPARE(dialog.options().width, size.width());
        const QImage img = dialog.grab().toImage().convertToFormat(QImage::Format_RGB32);
        const qreal dpr = img.devicePixelRatio();
        const QRect inImage(QPoint(int(area.x() * dpr), int(area.y() * dpr)), area.size() * dpr);
        const QRect page = drawnBox(img, inImage);
        QVERIFY2(!page.isEmpty(), "the preview is blank");
        // The page has the proportions of the chosen size (± one pixel of rounding per side).
        const double want = size.width() / size.height();
        const double got = double(page.width()) / page.height();
        const double tolerance = want * (2.0 / page.width() + 2.0 / page.height());
        QVERIFY2(qAbs(got - want) <= tolerance,
            qPrintable(QStringLiteral("page %1×%2 for %3×%4 in")
                           .arg(page.width())
                           .arg(page.height())
                           .arg(size.width())
                           .arg(size.height())));
        // …and the chart is drawn on it: bars, text and a legend, not an empty page.
        QVERIFY2(inkShare(img, page) > 0.03, qPrintable(QString::number(inkShare(img, page))));
        QVERIFY(distinctColours(img, page) > 8);
        if (!previous.isNull())
            QVERIFY(img != previous);
        previous = img;
    }

    if (const QByteArray dir = qgetenv("TIERLENS_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(
            dialog.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/figure-export-dialog.png")));

    // A bigger font lays the same page out differently.
    const QImage before = dialog.grab().toImage();
    fontPt->setValue(fontPt->value() + 4);
    QVERIFY(dialog.grab().toImage() != before);
    dialog.reject();
}

// Every view setting the dialog shows is the workspace's, for settings away from the defaults
// and back, so a control that keeps its own default or a remembered value shows.
void TestDialogPaint::exportDialogStartsFromTheWorkspace()
{
    ViewSettings custom;
    custom.palette = ViewSettings::Palette::Grayscale;
    custom.legend = false;
    custom.values = false;
    custom.title = "Mixtral on flash";
    for (const ViewSettings& v : { custom, ViewSettings {} }) {
        Workspace w = w_;
        w.view = v;
        FigureExportDialog dialog(QStringLiteral("fig4"));
        dialog.setFigure(w, r_, "energy");
        auto* palette = dialog.findChild<QComboBox*>(QStringLiteral("palette"));
        auto* legend = dialog.findChild<QCheckBox*>(QStringLiteral("legend"));
        auto* values = dialog.findChild<QCheckBox*>(QStringLiteral("values"));
        auto* title = dialog.findChild<QLineEdit*>(QStringLiteral("title"));
        QVERIFY(palette && legend && values && title);
        QCOMPARE(palette->currentText(),
            v.palette == ViewSettings::Palette::Grayscale ? QStringLiteral("Grayscale")
                                                          : QStringLiteral("Colour-blind safe"));
        QCOMPARE(legend->isChecked(), v.legend);
        QCOMPARE(values->isChecked(), v.values);
        QCOMPARE(title->text(), QString::fromStdString(v.title));
        QVERIFY(dialog.viewSettings() == v);
    }
}

void TestDialogPaint::exportDialogEditsTheWorkspaceInOneStep()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    WorkspaceDocument doc;
    doc.reset(w_, QString());
    const ViewSettings before = doc.workspace().view;
    QCOMPARE(before.palette, ViewSettings::Palette::ColorBlindSafe);
    QVERIFY(before.legend);
    const int steps = doc.undoStack()->count();

    FigureExportDialog dialog(QStringLiteral("fig4"));
    dialog.setFigure(doc.workspace(), r_, "energy");
    dialog.setDocument(&doc);
    auto* path = dialog.findChild<QLineEdit*>(QStringLiteral("path"));
    QVERIFY(path);
    path->setText(dir.filePath(QStringLiteral("fig.svg")));
    auto* palette = dialog.findChild<QComboBox*>(QStringLiteral("palette"));
    auto* legend = dialog.findChild<QCheckBox*>(QStringLiteral("legend"));
    palette->setCurrentIndex(palette->findText(QStringLiteral("Grayscale")));
    legend->setChecked(false);
    // Nothing reaches the workspace before the dialog is accepted.
    QVERIFY(doc.workspace().view == before);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    const ViewSettings& after = doc.workspace().view;
    QCOMPARE(after.palette, ViewSettings::Palette::Grayscale);
    QVERIFY(!after.legend);
    QCOMPARE(after.values, before.values);
    QCOMPARE(after.title, before.title);
    QCOMPARE(doc.undoStack()->count(), steps + 1);
    QVERIFY(doc.isModified());
    doc.undoStack()->undo();
    QVERIFY(doc.workspace().view == before);
    doc.undoStack()->redo();

    // Accepting again without a change adds no step.
    FigureExportDialog again(QStringLiteral("fig4"));
    again.setFigure(doc.workspace(), r_, "energy");
    again.setDocument(&doc);
    again.accept();
    QCOMPARE(doc.undoStack()->count(), steps + 1);
}

// The preview's image is the export function's PNG of the workspace with the chosen settings at
// the chosen page size and font, at the resolution that makes the page fill the preview; and the
// widget shows that image's own pixels.
void TestDialogPaint::exportPreviewIsTheExportedFigure()
{
    FigureExportDialog dialog(QStringLiteral("fig4"));
    dialog.setFigure(w_, r_, "latency");
    dialog.resize(900, 520);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    FigurePreview* preview = dialog.preview();

    auto* palette = dialog.findChild<QComboBox*>(QStringLiteral("palette"));
    auto* legend = dialog.findChild<QCheckBox*>(QStringLiteral("legend"));
    auto* title = dialog.findChild<QLineEdit*>(QStringLiteral("title"));
    const QImage original = preview->image();
    palette->setCurrentIndex(palette->findText(QStringLiteral("Grayscale")));
    legend->setChecked(false);
    title->setText(QStringLiteral("Latency on flash"));
    QDoubleSpinBox* fontPt = nullptr;
    for (QDoubleSpinBox* s : dialog.findChildren<QDoubleSpinBox*>())
        if (s->suffix().contains(QStringLiteral("pt")))
            fontPt = s;
    QVERIFY(fontPt);
    fontPt->setValue(9.5);
    QVERIFY(preview->image() != original);

    // What the test expects, set here and not read from the dialog: the workspace with the
    // settings chosen above, the chosen page in inches and font, at the preview's resolution.
    Workspace w = w_;
    w.view.palette = ViewSettings::Palette::Grayscale;
    w.view.legend = false;
    w.view.title = "Latency on flash";
    FigureExportOptions o = dialog.options();
    QCOMPARE(o.fontPt, 9.5);
    const QSizeF in = FigureExporter::sizeInches(o);
    o.unit = FigureExportOptions::Unit::Inch;
    o.width = in.width();
    o.height = in.height();
    const QRectF page = preview->pageRect();
    QVERIFY(!page.isEmpty());
    o.dpi = page.width() / in.width() * preview->devicePixelRatioF();
    QString error;
    const QByteArray png
        = WorkspaceFigure::render(w, *r_, "latency", FigureExportOptions::Format::Png, o, &error);
    QVERIFY2(!png.isEmpty(), qPrintable(error));
    const QImage want = QImage::fromData(png, "PNG").convertToFormat(QImage::Format_RGB32);
    const QImage got = preview->image().convertToFormat(QImage::Format_RGB32);
    QCOMPARE(got.size(), want.size());
    // The page fills the preview's width to within a pixel of rounding.
    QVERIFY(qAbs(got.width() / preview->devicePixelRatioF() - page.width()) <= 1.0);
    QVERIFY2(got == want, "the preview differs from the exported PNG");
    // And it is not the figure with the workspace's own settings.
    const QByteArray plain
        = WorkspaceFigure::render(w_, *r_, "latency", FigureExportOptions::Format::Png, o, &error);
    QVERIFY(QImage::fromData(plain, "PNG").convertToFormat(QImage::Format_RGB32) != got);

    // The widget paints those pixels unscaled at imageOrigin().
    const QImage shown = preview->grab().toImage().convertToFormat(QImage::Format_RGB32);
    const qreal dpr = shown.devicePixelRatio();
    const QRect at(preview->imageOrigin() * dpr, got.size());
    QVERIFY(shown.rect().contains(at));
    QImage region = shown.copy(at);
    region.setDevicePixelRatio(1);
    QImage bare = got;
    bare.setDevicePixelRatio(1);
    QVERIFY2(region == bare, "the preview does not show the rendered image as it is");

    if (const QByteArray dir = qgetenv("TIERLENS_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(
            dialog.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/figure-export-settings.png")));
    dialog.reject();
}

void TestDialogPaint::importDialogPaintsEveryWidget()
{
    const HfConfigImport imported
        = ModelImportDialog::read(QStringLiteral(TIERLENS_TEST_DATA_DIR "/hf/llama4-maverick.json"));
    QVERIFY(imported.model.ok());
    ModelImportDialog dialog(QStringLiteral("llama4-maverick.json"), imported);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QImage img = dialog.grab().toImage().convertToFormat(QImage::Format_RGB32);
    const qreal dpr = img.devicePixelRatio();
    const QRect whole = dialog.rect();
    int checked = 0;
    for (QWidget* child : dialog.findChildren<QWidget*>()) {
        if (!child->isVisible() || !(qobject_cast<QLabel*>(child) || qobject_cast<QAbstractButton*>(child)))
            continue;
        const QRect r(child->mapTo(&dialog, QPoint(0, 0)), child->size());
        // Inside the dialog, at no less than the size it asks for…
        QVERIFY2(whole.contains(r), describe(child).constData());
        QVERIFY(child->height() >= child->minimumSizeHint().height());
        // …and actually drawn: text or a button face is more than one flat colour.
        const QRect px(QPoint(int(r.x() * dpr), int(r.y() * dpr)), r.size() * dpr);
        QVERIFY2(distinctColours(img, px) > 1, describe(child).constData());
        ++checked;
    }
    QVERIFY(checked > 10);
}

QTEST_MAIN(TestDialogPaint)
#include "tst_dialogpaint.moc"
