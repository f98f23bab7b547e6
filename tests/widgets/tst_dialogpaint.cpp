// Dialogs drawn offscreen, with no window manager to size or expose them: the Export Figure
// preview shows the chart at the chosen proportions and follows the choices, and the Import
// Model dialog draws every one of its widgets inside itself.

#include "core/data/study.h"
#include "core/data/workspace.h"
#include "core/io/presetlibrary.h"
#include "render/barchartpainter.h"
#include "render/chartdatabuilder.h"
#include "widgets/dialogs/figureexportdialog.h"
#include "widgets/dialogs/figurepreview.h"
#include "widgets/dialogs/modelimportdialog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest/QTest>

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
    void importDialogPaintsEveryWidget();

private:
    BarChartPainter chart_;
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
    const Workspace w = workspaceFromStudy(st.value);
    const WorkspaceResult r = evaluateWorkspace(w);
    chart_.setData(ChartDataBuilder::energy(w, r, ChartDataBuilder::defaultOptions(r, false)).data);
}

void TestDialogPaint::exportPreviewFollowsTheChosenSize()
{
    FigureExportDialog dialog(QStringLiteral("fig4"));
    dialog.setChart(&chart_);
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
