// The scenario editors in a 1024 × 700 window: every field of every section is drawn whole
// inside its dock, labels that do not fit are elided with the full text in their tooltip, and
// the chart still keeps half the window.

#include "app/mainwindow.h"
#include "core/io/presetlibrary.h"
#include "widgets/common/elidedlabel.h"
#include "widgets/common/idcombobox.h"
#include "widgets/editors/scenarioeditorpanel.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolBox>
#include <QtTest/QTest>

using namespace tierlens;

namespace {

QByteArray describe(const QWidget* w)
{
    QByteArray d(w->metaObject()->className());
    if (const auto* b = qobject_cast<const QAbstractSpinBox*>(w))
        d += ' ' + b->text().toUtf8();
    if (const auto* c = qobject_cast<const QComboBox*>(w))
        d += ' ' + c->currentText().toUtf8();
    return d;
}

} // namespace

class TestEditorLayout : public QObject {
    Q_OBJECT
private slots:
    void fieldsFitAt1024x700_data();
    void fieldsFitAt1024x700();
};

void TestEditorLayout::fieldsFitAt1024x700_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("id");
    QTest::newRow("default") << int(PresetKind::Scenario) << QStringLiteral("default");
    QTest::newRow("fig4") << int(PresetKind::Study) << QStringLiteral("paper/fig4-mixtral");
}

void TestEditorLayout::fieldsFitAt1024x700()
{
    QFETCH(int, kind);
    QFETCH(QString, id);
    QApplication::setOrganizationName(QStringLiteral("Tierlens-test"));
    MainWindow w;
    w.setInteractive(false);
    w.resize(1024, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.loadPreset(PresetKind(kind), id));
    QApplication::processEvents();
    QTest::qWait(20); // the dock layout settles after the first show
    QApplication::processEvents();
    QCOMPARE(w.size(), QSize(1024, 700));
    QVERIFY(w.centralWidget()->width() * 2 >= w.width());

    ScenarioEditorPanel* panel = w.editors();
    auto* box = panel->findChild<QToolBox*>();
    QVERIFY(box);
    int fields = 0;
    int elided = 0;
    // Pictures of every section first, so a failure below can be looked at.
    for (int section = 0; section < box->count(); ++section) {
        panel->setCurrentSection(ScenarioEditorPanel::Section(section));
        QApplication::processEvents();
        if (const QByteArray dir = qgetenv("TIERLENS_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(
                (qobject_cast<QScrollArea*>(box->widget(section))
                        ? qobject_cast<QScrollArea*>(box->widget(section))->widget()
                        : box->widget(section))
                    ->grab()
                    .save(QStringLiteral("%1/editor-%2-%3.png")
                              .arg(QString::fromLocal8Bit(dir), QString::fromLatin1(QTest::currentDataTag()))
                              .arg(section)));
    }
    for (int section = 0; section < box->count(); ++section) {
        panel->setCurrentSection(ScenarioEditorPanel::Section(section));
        QApplication::processEvents();
        QWidget* page = box->widget(section);
        auto* area = qobject_cast<QScrollArea*>(page);
        // What the user sees of the page: the scroll area's viewport, or the page itself.
        QWidget* view = area ? area->viewport() : page;
        if (area)
            QVERIFY2(!area->horizontalScrollBar()->isVisible(), qPrintable(box->itemText(section)));
        for (QWidget* f : page->findChildren<QWidget*>()) {
            if (!f->isVisibleTo(page) || !f->isEnabled())
                continue;
            if (!qobject_cast<QAbstractSpinBox*>(f) && !qobject_cast<QComboBox*>(f)
                && !(qobject_cast<QLineEdit*>(f) && !qobject_cast<QAbstractSpinBox*>(f->parentWidget())
                    && !qobject_cast<QComboBox*>(f->parentWidget())))
                continue;
            const int left = f->mapTo(view, QPoint(0, 0)).x();
            // Whole, left to right, inside what the dock shows (vertical scrolling is fine).
            QVERIFY2(left >= 0 && left + f->width() <= view->width(),
                qPrintable(QStringLiteral("%1: %2 at x %3..%4 of %5")
                               .arg(box->itemText(section), QString::fromUtf8(describe(f)))
                               .arg(left)
                               .arg(left + f->width())
                               .arg(view->width())));
            ++fields;
            // An id box elides its label in the middle and names it whole in its tooltip…
            if (auto* ids = qobject_cast<IdComboBox*>(f)) {
                if (ids->shownText() != ids->currentText())
                    QVERIFY2(ids->shownToolTip().startsWith(ids->currentText()), describe(f).constData());
                continue;
            }
            // …every other field has no less than the width it needs to show its value.
            QVERIFY2(f->width() >= f->minimumSizeHint().width(),
                qPrintable(QStringLiteral("%1 %2 < %3")
                               .arg(QString::fromUtf8(describe(f)))
                               .arg(f->width())
                               .arg(f->minimumSizeHint().width())));
            ++fields;
        }
        for (auto* l : page->findChildren<ElidedLabel*>()) {
            if (!l->isVisibleTo(page) || l->shownText() == l->text())
                continue;
            // An elided label keeps its start and end, and the tooltip has all of it.
            QVERIFY(l->shownText().contains(QChar(0x2026)));
            QVERIFY(l->shownText().startsWith(l->text().left(2)));
            QVERIFY(l->shownToolTip().startsWith(l->text()));
            ++elided;
        }
    }
    QVERIFY(fields > 20);
    qInfo("%d fields checked, %d labels elided", fields, elided);
}

QTEST_MAIN(TestEditorLayout)
#include "tst_editorlayout.moc"
