// The table editors (tiers, links): every edit goes through the document, is undoable, and the
// tables follow; rows are added, moved and removed as one step each.
#include "document/idlist.h"
#include "tests/support/editortestsupport.h"
#include "widgets/common/numberspinbox.h"
#include "widgets/editors/linktableeditor.h"
#include "widgets/editors/tiertableeditor.h"
#include "widgets/tables/linktablemodel.h"
#include "widgets/tables/tiertablemodel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest/QTest>

#include <memory>

using namespace tierlens;
using namespace tierlens::test;
using namespace Qt::StringLiterals;

namespace {

QStringList idsOf(const ScenarioTableModel& m)
{
    QStringList ids;
    for (int r = 0; r < m.rowCount(); ++r)
        ids << m.idAt(r);
    return ids;
}

template <class T> QStringList idsOf(const std::vector<T>& items)
{
    QStringList ids;
    for (const auto& i : items)
        ids << QString::fromStdString(i.id);
    return ids;
}

} // namespace

class TestEditorTables : public QObject {
    Q_OBJECT
private slots:
    void init() { loadDefaultDocument(doc_); }
    void tierNumberThroughModel_data();
    void tierNumberThroughModel();
    void tierNumberThroughDelegate();
    void tierKindThroughDelegate();
    void consecutiveEditsMerge();
    void tableStructure_data();
    void tableStructure();
    void removingUsedItemsIsRefused_data();
    void removingUsedItemsIsRefused();
    void newIdsAreUniqueWithoutDots();
    void modelsPassTester();

private:
    std::unique_ptr<WorkspaceDocument> doc_;
};

void TestEditorTables::tierNumberThroughModel_data()
{
    QTest::addColumn<QString>("tier");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("path");
    QTest::addColumn<double>("value");
    QTest::newRow("ssd read") << "ssd" << int(TierTableModel::Read) << "tiers.ssd.read_pj_per_bit" << 51.2;
    QTest::newRow("ddr write") << "ddr" << int(TierTableModel::Write) << "tiers.ddr.write_pj_per_bit" << 3.5;
    QTest::newRow("ssd bandwidth") << "ssd" << int(TierTableModel::Bandwidth) << "tiers.ssd.bandwidth_gb_s"
                                   << 14.0;
    QTest::newRow("ddr static") << "ddr" << int(TierTableModel::StaticPower) << "tiers.ddr.static_power_w"
                                << 0.0;
}

void TestEditorTables::tierNumberThroughModel()
{
    QFETCH(QString, tier);
    QFETCH(int, column);
    QFETCH(QString, path);
    QFETCH(double, value);
    TierTableModel model(doc_.get());
    const QModelIndex index = model.index(model.rowOf(tier), column);
    QVERIFY(index.isValid());
    QCOMPARE(index.data(ScenarioTableModel::ParamPathRole).toString(), path);
    const double old = valueAt(*doc_, path);
    QVERIFY(old != value);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    QVERIFY(model.setData(index, value));
    QCOMPARE(valueAt(*doc_, path), value);
    QCOMPARE(index.data(Qt::EditRole).toDouble(), value);
    QCOMPARE(index.data().toString(), NumberSpinBox::format(value));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), index); // only the edited cell

    doc_->undoStack()->undo();
    QCOMPARE(valueAt(*doc_, path), old);
    QCOMPARE(index.data(Qt::EditRole).toDouble(), old);
    QCOMPARE(index.data().toString(), NumberSpinBox::format(old));
}

void TestEditorTables::tierNumberThroughDelegate()
{
    TierTableEditor editor(doc_.get(), PresetLibrary::builtin());
    editor.resize(600, 300);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QTableView* view = editor.view();
    const QModelIndex index
        = editor.model()->index(editor.model()->rowOf(QStringLiteral("ssd")), TierTableModel::Read);

    view->edit(index);
    auto* box = qobject_cast<NumberSpinBox*>(view->indexWidget(index));
    QVERIFY(box);
    QCOMPARE(box->value(), 102.4);
    QVERIFY(box->suffix().isEmpty()); // the header carries the unit
    box->selectAll();
    QTest::keyClicks(box, QStringLiteral("10.24"));
    QTest::keyClick(box, Qt::Key_Return);
    QTRY_VERIFY(!view->indexWidget(index)); // committed and closed (the delegate queues it)
    QCOMPARE(valueAt(*doc_, QStringLiteral("tiers.ssd.read_pj_per_bit")), 10.24);
    QCOMPARE(doc_->undoStack()->count(), 1); // one step, not one per key

    doc_->undoStack()->undo();
    QCOMPARE(valueAt(*doc_, QStringLiteral("tiers.ssd.read_pj_per_bit")), 102.4);
    QCOMPARE(index.data().toString(), NumberSpinBox::format(102.4));
    view->edit(index);
    box = qobject_cast<NumberSpinBox*>(view->indexWidget(index));
    QVERIFY(box);
    QCOMPARE(box->value(), 102.4);
}

void TestEditorTables::tierKindThroughDelegate()
{
    TierTableEditor editor(doc_.get(), PresetLibrary::builtin());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    const QModelIndex index
        = editor.model()->index(editor.model()->rowOf(QStringLiteral("ddr")), TierTableModel::Kind);
    QCOMPARE(index.data().toString(), TierTableModel::kindLabel(MemoryTier::Kind::HostDram));
    editor.view()->edit(index);
    auto* combo = qobject_cast<QComboBox*>(editor.view()->indexWidget(index));
    QVERIFY(combo);
    const int flash = combo->findText(TierTableModel::kindLabel(MemoryTier::Kind::Flash));
    QVERIFY(flash >= 0);
    combo->setCurrentIndex(flash);
    emit combo->activated(flash);
    QCOMPARE(doc_->scenario().findTier("ddr")->kind, MemoryTier::Kind::Flash);
    QCOMPARE(index.data().toString(), TierTableModel::kindLabel(MemoryTier::Kind::Flash));
    doc_->undoStack()->undo();
    QCOMPARE(doc_->scenario().findTier("ddr")->kind, MemoryTier::Kind::HostDram);
    QCOMPARE(index.data().toString(), TierTableModel::kindLabel(MemoryTier::Kind::HostDram));
}

void TestEditorTables::consecutiveEditsMerge()
{
    TierTableModel model(doc_.get());
    const QModelIndex read = model.index(model.rowOf(QStringLiteral("ssd")), TierTableModel::Read);
    const QModelIndex bw = model.index(model.rowOf(QStringLiteral("ssd")), TierTableModel::Bandwidth);
    QVERIFY(model.setData(read, 90.0));
    QVERIFY(model.setData(read, 80.0));
    QVERIFY(model.setData(read, 70.0));
    QCOMPARE(doc_->undoStack()->count(), 1);
    QVERIFY(model.setData(bw, 450.0));
    QCOMPARE(doc_->undoStack()->count(), 2);
    doc_->undoStack()->undo();
    QCOMPARE(bw.data(Qt::EditRole).toDouble(), 900.0);
    QCOMPARE(read.data(Qt::EditRole).toDouble(), 70.0);
    doc_->undoStack()->undo();
    QCOMPARE(read.data(Qt::EditRole).toDouble(), 102.4); // all three typed values were one step
}

void TestEditorTables::tableStructure_data()
{
    QTest::addColumn<bool>("links");
    QTest::addColumn<QString>("op");
    QTest::addColumn<int>("row");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<int>("selected");
    const QStringList l { u"nvlink4"_s, u"infiniband-ndr"_s, u"nvlink-c2c-gen4"_s, u"nvlink-c2c-gen5"_s,
        u"pcie-gen5-x16"_s };
    QTest::newRow("tier preset") << false << "preset:hbm3" << 1
                                 << QStringList { u"ddr"_s, u"ssd"_s, u"hbm3"_s } << 2;
    QTest::newRow("tier preset twice")
        << false << "preset:ssd" << 0 << QStringList { u"ddr"_s, u"ssd-2"_s, u"ssd"_s } << 1;
    QTest::newRow("tier blank") << false << "blank" << -1 << QStringList { u"ddr"_s, u"ssd"_s, u"tier"_s }
                                << 2;
    QTest::newRow("tier duplicate") << false << "duplicate" << 0
                                    << QStringList { u"ddr"_s, u"ddr-2"_s, u"ssd"_s } << 1;
    QTest::newRow("tier remove") << false << "remove" << 0 << QStringList { u"ssd"_s } << -2;
    QTest::newRow("tier down") << false << "down" << 0 << QStringList { u"ssd"_s, u"ddr"_s } << 1;
    QTest::newRow("tier up") << false << "up" << 1 << QStringList { u"ssd"_s, u"ddr"_s } << 0;
    QTest::newRow("link preset") << true << "preset:nvlink4" << 4 << (l + QStringList { u"nvlink4-2"_s })
                                 << 5;
    QTest::newRow("link duplicate") << true << "duplicate" << 3
                                    << QStringList { l[0], l[1], l[2], l[3], u"nvlink-c2c-gen5-2"_s, l[4] }
                                    << 4;
    QTest::newRow("link remove") << true << "remove" << 2 << QStringList { l[0], l[1], l[3], l[4] } << -2;
    QTest::newRow("link up") << true << "up" << 4 << QStringList { l[0], l[1], l[2], l[4], l[3] } << 3;
    QTest::newRow("link down") << true << "down" << 0 << QStringList { l[1], l[0], l[2], l[3], l[4] } << 1;
}

void TestEditorTables::tableStructure()
{
    QFETCH(bool, links);
    QFETCH(QString, op);
    QFETCH(int, row);
    QFETCH(QStringList, ids);
    QFETCH(int, selected);
    std::unique_ptr<ScenarioTableEditor> editor;
    if (links)
        editor = std::make_unique<LinkTableEditor>(doc_.get(), PresetLibrary::builtin());
    else
        editor = std::make_unique<TierTableEditor>(doc_.get(), PresetLibrary::builtin());
    const ScenarioTableModel& model = *editor->model();
    const QStringList before = idsOf(model);
    const auto docIds = [&] { return links ? idsOf(doc_->scenario().links) : idsOf(doc_->scenario().tiers); };

    if (row >= 0)
        editor->selectRow(row);
    else
        editor->view()->setCurrentIndex({});
    if (op.startsWith(QStringLiteral("preset:")))
        editor->addPreset(op.mid(7));
    else if (op == QStringLiteral("blank"))
        editor->addBlank();
    else if (op == QStringLiteral("duplicate"))
        editor->duplicateCurrent();
    else if (op == QStringLiteral("remove"))
        editor->removeCurrent();
    else
        editor->moveCurrent(op == QStringLiteral("up") ? -1 : +1);

    QCOMPARE(docIds(), ids);
    QCOMPARE(idsOf(model), ids);
    QVERIFY(editor->message().isEmpty());
    if (selected != -2)
        QCOMPARE(editor->currentRow(), selected); // new rows are selected, moved rows stay selected
    QCOMPARE(doc_->undoStack()->count(), 1);
    doc_->undoStack()->undo();
    QCOMPARE(docIds(), before);
    QCOMPARE(idsOf(model), before);
    doc_->undoStack()->redo();
    QCOMPARE(idsOf(model), ids);
}

void TestEditorTables::removingUsedItemsIsRefused_data()
{
    QTest::addColumn<bool>("links");
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("expertsToDdr");
    QTest::addColumn<QString>("reason");
    QTest::newRow("expert tier") << false << "ssd" << false << "routed experts";
    QTest::newRow("heatmap axis") << false << "ssd" << true << "heatmap's x axis";
    QTest::newRow("intra-node link") << true << "nvlink4" << false << "intra-node";
    QTest::newRow("inter-node link") << true << "infiniband-ndr" << false << "inter-node";
    QTest::newRow("link chain") << true << "nvlink-c2c-gen5" << false << "link chain";
}

void TestEditorTables::removingUsedItemsIsRefused()
{
    QFETCH(bool, links);
    QFETCH(QString, id);
    QFETCH(bool, expertsToDdr);
    QFETCH(QString, reason);
    QCOMPARE(QString::fromStdString(doc_->workspace().heatmap.x.path),
        QStringLiteral("tiers.ssd.read_pj_per_bit"));
    if (expertsToDdr)
        doc_->edit(QStringLiteral("to ddr"), [](Workspace& w) { w.scenario.placement.expertTier = "ddr"; });
    std::unique_ptr<ScenarioTableEditor> editor;
    if (links)
        editor = std::make_unique<LinkTableEditor>(doc_.get(), PresetLibrary::builtin());
    else
        editor = std::make_unique<TierTableEditor>(doc_.get(), PresetLibrary::builtin());
    const QStringList before = idsOf(*editor->model());
    const int steps = doc_->undoStack()->count();

    editor->selectRow(editor->model()->rowOf(id));
    editor->removeCurrent();
    QCOMPARE(idsOf(*editor->model()), before);
    QCOMPARE(doc_->undoStack()->count(), steps);
    QVERIFY2(editor->message().contains(reason), qPrintable(editor->message()));
    QVERIFY(editor->message().contains(id));
}

void TestEditorTables::newIdsAreUniqueWithoutDots()
{
    struct Item {
        std::string id;
    };
    const std::vector<Item> items { { "ssd" }, { "ssd-2" }, { "a-b" } };
    QCOMPARE(idlist::uniqueId(items, "ddr"), std::string("ddr"));
    QCOMPARE(idlist::uniqueId(items, "ssd"), std::string("ssd-3"));
    QCOMPARE(idlist::uniqueId(items, "a.b"), std::string("a-b-2"));
    QCOMPARE(idlist::uniqueId(items, "hbm", "hbm"), std::string("hbm-2"));
    QCOMPARE(idlist::uniqueId(items, ""), std::string("item"));

    TierTableModel tiers(doc_.get());
    QCOMPARE(tiers.addBlank(), 2);
    QCOMPARE(tiers.addBlank(), 3);
    QCOMPARE(idsOf(tiers), (QStringList { u"ddr"_s, u"ssd"_s, u"tier"_s, u"tier-2"_s }));
}

void TestEditorTables::modelsPassTester()
{
    TierTableModel tiers(doc_.get());
    LinkTableModel links(doc_.get());
    QAbstractItemModelTester t1(&tiers, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&links, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy moved(&tiers, &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(&tiers, &QAbstractItemModel::modelReset);

    QVERIFY(tiers.setData(tiers.index(0, TierTableModel::Read), 1.5));
    QVERIFY(tiers.setData(tiers.index(0, TierTableModel::Name), QStringLiteral("Host memory")));
    QCOMPARE(tiers.index(0, TierTableModel::Name).data().toString(), QStringLiteral("Host memory"));
    QVERIFY(tiers.setData(tiers.index(1, TierTableModel::Kind), 0));
    QVERIFY(links.setData(links.index(2, LinkTableModel::Latency), 2.0));
    QVERIFY(links.setData(links.index(2, LinkTableModel::Name), QStringLiteral("C2C")));
    QCOMPARE(tiers.addPreset(PresetLibrary::builtin(), QStringLiteral("hbm3"), 0), 0);
    QVERIFY(tiers.duplicateRow(1) >= 0);
    QVERIFY(tiers.moveRowBy(0, 1));
    QVERIFY(tiers.removeRowChecked(0));
    QCOMPARE(links.addBlank(1), 1);
    QVERIFY(links.moveRowBy(1, -1));
    QVERIFY(links.removeRowChecked(0));
    QCOMPARE(moved.count(), 1);
    while (doc_->undoStack()->canUndo())
        doc_->undoStack()->undo();
    QCOMPARE(idsOf(tiers), (QStringList { u"ddr"_s, u"ssd"_s }));
    while (doc_->undoStack()->canRedo())
        doc_->undoStack()->redo();
    QCOMPARE(reset.count(), 0); // every step above had a precise signal

    Workspace other = doc_->workspace();
    other.scenario.tiers.clear();
    doc_->reset(other, {});
    QCOMPARE(tiers.rowCount(), 0);
    QCOMPARE(reset.count(), 1);
    QVERIFY(!tiers.setData(tiers.index(0, 0), 1.0));
}

QTEST_MAIN(TestEditorTables)
#include "tst_editortables.moc"
