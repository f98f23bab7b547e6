// Input in the form editors: the mouse wheel never changes a field it is not focused on, a value
// out of range is refused naming the field and its range, and preset names stay distinct when
// their pickers are narrow.
#include "tests/support/editortestsupport.h"
#include "widgets/common/idcombobox.h"
#include "widgets/common/numberspinbox.h"
#include "widgets/editors/paramform.h"
#include "widgets/editors/scenarioeditorpanel.h"
#include "widgets/editors/systemeditor.h"
#include "widgets/editors/tiertableeditor.h"
#include "widgets/views/presetsbrowser.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QTreeWidget>
#include <QtTest/QTest>
#include <QWheelEvent>

#include <memory>

using namespace tierlens;
using namespace tierlens::test;
using namespace Qt::StringLiterals;

class TestEditorInput : public QObject {
    Q_OBJECT
private slots:
    void init() { loadDefaultDocument(doc_); }
    void outOfRangeIsRefusedNamingTheRange();
    void wheelOverUnfocusedFieldScrollsThePanel();
    void wheelNeverChangesAnUnfocusedField();
    void narrowPresetNamesStayDistinct();

private:
    std::unique_ptr<WorkspaceDocument> doc_;
};

namespace {

// A typed value committed with Enter, as a person types it.
void typeAndEnter(NumberSpinBox* box, const QString& text)
{
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Return);
}

// One notch of the wheel over the middle of `w`, delivered as Qt delivers it to a widget.
void wheel(QWidget* w, int notches)
{
    const QPointF local = QPointF(w->rect().center());
    QWheelEvent e(local, QPointF(w->mapToGlobal(local.toPoint())), QPoint(), QPoint(0, 120 * notches),
        Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &e);
}

} // namespace

void TestEditorInput::outOfRangeIsRefusedNamingTheRange()
{
    ParamForm form(doc_.get(), { QStringLiteral("gpu") });
    form.show();
    form.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&form));
    NumberSpinBox* energy = form.spinBox(QStringLiteral("gpu.hbm_read_pj_per_bit"));
    QVERIFY(energy);
    const double old = valueAt(*doc_, QStringLiteral("gpu.hbm_read_pj_per_bit"));
    QVERIFY(old > 0);

    // Below the minimum: refused, not clamped to 0, and the message says which field and its range.
    typeAndEnter(energy, QStringLiteral("-5"));
    QCOMPARE(valueAt(*doc_, QStringLiteral("gpu.hbm_read_pj_per_bit")), old);
    QCOMPARE(energy->value(), old);
    QCOMPARE(doc_->undoStack()->count(), 0);
    QString m = form.message();
    QVERIFY2(m.contains(QStringLiteral("HBM read energy")), qPrintable(m));
    QVERIFY2(m.contains(QStringLiteral("≥ 0 pJ/bit")), qPrintable(m));
    const auto info
        = parampath::resolve(const_cast<Scenario&>(doc_->scenario()), "gpu.hbm_read_pj_per_bit")->info;
    QVERIFY2(m.contains(QStringLiteral("at most %1 pJ/bit").arg(QString::number(info.max, 'g', 17))),
        qPrintable(m));
    QVERIFY2(m.contains(QStringLiteral("-5 pJ/bit")), qPrintable(m));

    // A good value afterwards is applied and clears the message.
    typeAndEnter(energy, QStringLiteral("7"));
    QCOMPARE(valueAt(*doc_, QStringLiteral("gpu.hbm_read_pj_per_bit")), 7.0);
    QVERIFY(form.message().isEmpty());

    // Above the maximum (10^7 GB/s): refused with the range, never set to the maximum.
    NumberSpinBox* bandwidth = form.spinBox(QStringLiteral("gpu.hbm_bandwidth_gb_s"));
    const double bw = valueAt(*doc_, QStringLiteral("gpu.hbm_bandwidth_gb_s"));
    const int steps = doc_->undoStack()->count();
    typeAndEnter(bandwidth, QStringLiteral("20000000"));
    // Not even "2000000", which was in range on the way there.
    QCOMPARE(valueAt(*doc_, QStringLiteral("gpu.hbm_bandwidth_gb_s")), bw);
    QCOMPARE(bandwidth->value(), bw);
    QCOMPARE(doc_->undoStack()->count(), steps);
    m = form.message();
    QVERIFY2(m.contains(QStringLiteral("HBM bandwidth")) && m.contains(QStringLiteral("≥ 0.001 GB/s"))
            && m.contains(QStringLiteral("at most 10000000 GB/s")),
        qPrintable(m));

    // A whole-number field refuses a fraction rather than rounding it.
    ParamForm cluster(doc_.get(), { QStringLiteral("cluster") });
    cluster.show();
    cluster.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&cluster));
    NumberSpinBox* nodes = cluster.spinBox(QStringLiteral("cluster.nodes"));
    const double n = valueAt(*doc_, QStringLiteral("cluster.nodes"));
    typeAndEnter(nodes, QStringLiteral("2.5"));
    QCOMPARE(valueAt(*doc_, QStringLiteral("cluster.nodes")), n);
    QVERIFY2(cluster.message().contains(QStringLiteral("Nodes must be a whole number")),
        qPrintable(cluster.message()));
}

void TestEditorInput::wheelOverUnfocusedFieldScrollsThePanel()
{
    ScenarioEditorPanel panel(doc_.get(), PresetLibrary::builtin());
    panel.resize(420, 360); // short, so the placement and workload page scrolls
    panel.setCurrentSection(ScenarioEditorPanel::Section::PlacementWorkload);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    NumberSpinBox* locality = nullptr;
    for (auto* b : panel.findChildren<NumberSpinBox*>())
        if (b->path().endsWith(QStringLiteral(".temporal_locality")))
            locality = b;
    QVERIFY(locality);
    QScrollArea* area = nullptr;
    for (QWidget* p = locality->parentWidget(); p && !area; p = p->parentWidget())
        area = qobject_cast<QScrollArea*>(p);
    QVERIFY(area);
    QScrollBar* bar = area->verticalScrollBar();
    QVERIFY(bar->maximum() > 0);
    bar->setValue(bar->maximum() / 2);
    const int scrolled = bar->value();
    const double before = locality->value();
    QVERIFY(!locality->hasFocus());

    wheel(locality, -1); // towards the user: scroll down
    QCOMPARE(locality->value(), before);
    QCOMPARE(doc_->undoStack()->count(), 0);
    QVERIFY2(bar->value() > scrolled, "the panel scrolls instead");
    QVERIFY(!locality->hasFocus());

    // Once the user has clicked into the field, the wheel is theirs to change it with.
    panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    locality->setFocus();
    QVERIFY(locality->hasFocus());
    wheel(locality, 1);
    QVERIFY(locality->value() != before);
    QCOMPARE(doc_->undoStack()->count(), 1);
}

void TestEditorInput::wheelNeverChangesAnUnfocusedField()
{
    ScenarioEditorPanel panel(doc_.get(), PresetLibrary::builtin());
    panel.resize(420, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QByteArray before = QByteArray::fromStdString(toJson(doc_->workspace()).dump());
    int boxes = 0, combos = 0;
    for (int section = 0; section <= int(ScenarioEditorPanel::Section::PlacementWorkload); ++section) {
        panel.setCurrentSection(ScenarioEditorPanel::Section(section));
        QApplication::processEvents();
        if (QWidget* focused = QApplication::focusWidget())
            focused->clearFocus(); // a shown window gives its first field focus
        for (auto* box : panel.findChildren<QAbstractSpinBox*>()) {
            QVERIFY(!box->hasFocus());
            if (box->isVisible()) // the wheel never hands focus to a shown box
                QVERIFY2(box->focusPolicy() != Qt::WheelFocus, box->metaObject()->className());
            const QString text = box->text();
            wheel(box, 1);
            wheel(box, -1);
            wheel(box, -1);
            QCOMPARE(box->text(), text);
            ++boxes;
        }
        for (auto* combo : panel.findChildren<QComboBox*>()) {
            if (combo->isVisible())
                QVERIFY2(combo->focusPolicy() != Qt::WheelFocus, combo->metaObject()->className());
            const int index = combo->currentIndex();
            wheel(combo, 1);
            wheel(combo, -1);
            wheel(combo, -1);
            QCOMPARE(combo->currentIndex(), index);
            ++combos;
        }
    }
    QVERIFY(boxes > 20 && combos > 3);
    QCOMPARE(doc_->undoStack()->count(), 0);
    QCOMPARE(QByteArray::fromStdString(toJson(doc_->workspace()).dump()), before);
}

void TestEditorInput::narrowPresetNamesStayDistinct()
{
    // A preset picker squeezed into a narrow form: every name still reads differently, and the
    // elided ones carry their full name in the tooltip.
    SystemEditor editor(doc_.get(), PresetLibrary::builtin());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    for (IdComboBox* combo : { editor.gpuPreset(), editor.intraLink() }) {
        combo->setFixedWidth(combo->fontMetrics().averageCharWidth() * 14);
        QApplication::processEvents();
        QMap<QString, QString> shown; // drawn text → full label
        int elided = 0;
        for (int i = 0; i < combo->count(); ++i) {
            combo->setCurrentIndex(i);
            const QString full = combo->currentText(), text = combo->shownText();
            QVERIFY2(!shown.contains(text) || shown[text] == full,
                qPrintable(
                    QStringLiteral("\"%1\" and \"%2\" both show as \"%3\"").arg(shown[text], full, text)));
            shown[text] = full;
            if (text != full) {
                ++elided;
                QVERIFY2(text.contains(QChar(0x2026)) && !text.endsWith(QChar(0x2026)),
                    qPrintable(text)); // cut in the middle
                QVERIFY(combo->shownToolTip().startsWith(full));
            }
        }
        QVERIFY2(elided > 0, "the width is meant to be too small for some names");
    }

    PresetsBrowser browser(PresetLibrary::builtin());
    QCOMPARE(browser.tree()->textElideMode(), Qt::ElideMiddle);
    for (QTreeWidgetItemIterator it(browser.tree()); *it; ++it)
        if ((*it)->parent())
            QVERIFY((*it)->toolTip(0).contains(
                (*it)->text(0).section(QStringLiteral(" — "), 0, 0).toHtmlEscaped()));
}

QTEST_MAIN(TestEditorInput)
#include "tst_editorinput.moc"
