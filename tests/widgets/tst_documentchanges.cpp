// The document says what each step changed, and its listeners redo only that: a set number is
// one cell of a table and one box of a form, a change of how figures are drawn is not recomputed.
#include "document/recomputer.h"
#include "document/workspacechange.h"
#include "tests/support/editortestsupport.h"
#include "widgets/common/numberspinbox.h"
#include "widgets/editors/paramform.h"
#include "widgets/tables/tiertablemodel.h"

#include <QApplication>
#include <QSignalSpy>
#include <QUndoStack>

using namespace tierlens;

class TestDocumentChanges : public QObject {
    Q_OBJECT
private slots:
    void init() { test::loadDefaultDocument(doc_); }
    void valueEditNamesItsPath();
    void structuralEditNamesItsPart();
    void tableSignalsOnlyTheEditedCell();
    void formKeepsItsRowsOnValueEdits();
    void viewSettingsAreNotRecomputed();

private:
    std::unique_ptr<WorkspaceDocument> doc_;
};

namespace {

WorkspaceChange lastChange(const QSignalSpy& spy)
{
    return spy.last().at(0).value<WorkspaceChange>();
}

} // namespace

void TestDocumentChanges::valueEditNamesItsPath()
{
    QSignalSpy changed(doc_.get(), &WorkspaceDocument::changed);
    const std::string path = "tiers.ssd.read_pj_per_bit";
    QVERIFY(doc_->setValue(QString::fromStdString(path), 12.5));
    QCOMPARE(changed.count(), 1);
    WorkspaceChange c = lastChange(changed);
    QVERIFY(c.valuesOnly());
    QCOMPARE(c.paths, std::vector<std::string> { path });
    QVERIFY(c.affectsResults());

    doc_->undoStack()->undo();
    QCOMPARE(changed.count(), 2);
    c = lastChange(changed);
    QVERIFY(c.valuesOnly());
    QCOMPARE(c.paths, std::vector<std::string> { path });
}

void TestDocumentChanges::structuralEditNamesItsPart()
{
    QSignalSpy changed(doc_.get(), &WorkspaceDocument::changed);
    TierTableModel tiers(doc_.get());
    QVERIFY(tiers.addBlank() >= 0);
    WorkspaceChange c = lastChange(changed);
    QVERIFY(c.touches(WorkspaceChange::Tiers));
    QVERIFY(!c.touches(WorkspaceChange::Model));
    QVERIFY(!c.touches(WorkspaceChange::Links));
    QVERIFY(!c.valuesOnly());

    doc_->edit(QStringLiteral("legend"), [](Workspace& w) { w.view.legend = !w.view.legend; });
    c = lastChange(changed);
    QCOMPARE(c.parts, unsigned(WorkspaceChange::View));
    QVERIFY(!c.affectsResults());

    // Undo names the same part as the step did.
    doc_->undoStack()->undo();
    QCOMPARE(lastChange(changed).parts, unsigned(WorkspaceChange::View));

    Workspace other = doc_->workspace();
    doc_->reset(other, {});
    QCOMPARE(lastChange(changed).parts, unsigned(WorkspaceChange::Whole));
}

void TestDocumentChanges::tableSignalsOnlyTheEditedCell()
{
    TierTableModel model(doc_.get());
    const int row = model.rowOf(QStringLiteral("ssd"));
    QVERIFY(row >= 0);
    QSignalSpy data(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    const double before = test::valueAt(*doc_, QStringLiteral("tiers.ssd.read_pj_per_bit"));
    QVERIFY(doc_->setValue(QStringLiteral("tiers.ssd.read_pj_per_bit"), before / 2));

    QCOMPARE(data.count(), 1);
    const QModelIndex cell = model.index(row, TierTableModel::Read);
    QCOMPARE(data.first().at(0).toModelIndex(), cell);
    QCOMPARE(data.first().at(1).toModelIndex(), cell);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(layout.count(), 0);
    QCOMPARE(cell.data(Qt::EditRole).toDouble(), before / 2);

    // A number the table does not show (the GPU's) signals nothing.
    QVERIFY(doc_->setValue(QStringLiteral("gpu.peak_tflops"), 500));
    QCOMPARE(data.count(), 1);
}

void TestDocumentChanges::formKeepsItsRowsOnValueEdits()
{
    ParamForm form(doc_.get(), { QStringLiteral("tiers.ssd") });
    NumberSpinBox* read = form.spinBox(QStringLiteral("tiers.ssd.read_pj_per_bit"));
    NumberSpinBox* bandwidth = form.spinBox(QStringLiteral("tiers.ssd.bandwidth_gb_s"));
    QVERIFY(read && bandwidth);
    const QStringList paths = form.paths();
    QSignalSpy destroyed(bandwidth, &QObject::destroyed);

    QVERIFY(doc_->setValue(QStringLiteral("tiers.ssd.read_pj_per_bit"), 33.0));
    QApplication::processEvents();
    QCOMPARE(form.spinBox(QStringLiteral("tiers.ssd.bandwidth_gb_s")), bandwidth);
    QCOMPARE(form.spinBox(QStringLiteral("tiers.ssd.read_pj_per_bit")), read);
    QCOMPARE(destroyed.count(), 0);
    QCOMPARE(form.paths(), paths);
    QCOMPARE(read->value(), 33.0);

    // Undo, too, is a change of one value.
    doc_->undoStack()->undo();
    QApplication::processEvents();
    QCOMPARE(form.spinBox(QStringLiteral("tiers.ssd.bandwidth_gb_s")), bandwidth);
    QCOMPARE(read->value(), test::valueAt(*doc_, QStringLiteral("tiers.ssd.read_pj_per_bit")));
}

void TestDocumentChanges::viewSettingsAreNotRecomputed()
{
    Recomputer recomputer(doc_.get());
    recomputer.recomputeNow();
    QSignalSpy results(&recomputer, &Recomputer::resultReady);
    doc_->edit(
        QStringLiteral("palette"), [](Workspace& w) { w.view.palette = ViewSettings::Palette::Grayscale; });
    QTest::qWait(50);
    QCOMPARE(results.count(), 0);

    // A number, by contrast, is.
    QVERIFY(doc_->setValue(QStringLiteral("tiers.ssd.read_pj_per_bit"), 40.0));
    QTRY_COMPARE(results.count(), 1);
}

QTEST_MAIN(TestDocumentChanges)
#include "tst_documentchanges.moc"
