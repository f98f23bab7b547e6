// The scenario editors: every edit goes through the document, is undoable, and the widgets follow.
#include "idcombobox.h"
#include "idlist.h"
#include "linkeditor.h"
#include "linktablemodel.h"
#include "modeleditor.h"
#include "numberspinbox.h"
#include "paramform.h"
#include "placementeditor.h"
#include "presetlibrary.h"
#include "scenariodocument.h"
#include "scenarioeditorpanel.h"
#include "systemeditor.h"
#include "tiereditor.h"
#include "tiertablemodel.h"
#include "workloadeditor.h"
#include "workspace.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest/QTest>

#include <memory>

using namespace tierlens;
using namespace Qt::StringLiterals;

namespace {

double valueAt(const ScenarioDocument& doc, const QString& path)
{
    const auto v = parampath::get(doc.scenario(), path.toStdString());
    if (!v)
        qFatal("no path %s", qPrintable(path));
    return *v;
}

QStringList idsOf(const ScenarioTableModel& m)
{
    QStringList ids;
    for (int r = 0; r < m.rowCount(); ++r)
        ids << m.idAt(r);
    return ids;
}

template <class T>
QStringList idsOf(const std::vector<T>& items)
{
    QStringList ids;
    for (const auto& i : items)
        ids << QString::fromStdString(i.id);
    return ids;
}

} // namespace

class TestEditors : public QObject {
    Q_OBJECT
private slots:
    void init();
    void tierNumberThroughModel_data();
    void tierNumberThroughModel();
    void tierNumberThroughDelegate();
    void tierKindThroughDelegate();
    void paramFormEditsAndUndoes_data();
    void paramFormEditsAndUndoes();
    void paramFormShowsUnitRangeAndHelp();
    void typingIsOneStepAndKeepsText();
    void consecutiveEditsMerge();
    void tableStructure_data();
    void tableStructure();
    void removingUsedItemsIsRefused_data();
    void removingUsedItemsIsRefused();
    void newIdsAreUniqueWithoutDots();
    void modelsPassTester();
    void moeAndMlaToggleUndoably_data();
    void moeAndMlaToggleUndoably();
    void modelPresetLoadsAndUndoes();
    void gpuPresetLoadsAndUndoes();
    void clusterLinkPicker();
    void placementChain();
    void placementSwitches();
    void batchList_data();
    void batchList();
    void routingIsUniformOnly();
    void validatorProblemsNamePaths_data();
    void validatorProblemsNamePaths();
    void refreshIsFast();
    void screenshots();

private:
    std::unique_ptr<ScenarioDocument> doc_;
};

void TestEditors::init()
{
    const auto& lib = PresetLibrary::builtin();
    const PresetEntry* e = lib.find(PresetKind::Scenario, "default");
    QVERIFY(e);
    auto ws = loadWorkspace(e->json, lib);
    QVERIFY(ws.ok());
    doc_ = std::make_unique<ScenarioDocument>();
    doc_->reset(ws.value, {});
}

void TestEditors::tierNumberThroughModel_data()
{
    QTest::addColumn<QString>("tier");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("path");
    QTest::addColumn<double>("value");
    QTest::newRow("ssd read") << "ssd" << int(TierTableModel::Read) << "tiers.ssd.read_pj_per_bit" << 51.2;
    QTest::newRow("ddr write") << "ddr" << int(TierTableModel::Write) << "tiers.ddr.write_pj_per_bit" << 3.5;
    QTest::newRow("ssd bandwidth") << "ssd" << int(TierTableModel::Bandwidth) << "tiers.ssd.bandwidth_gb_s" << 14.0;
    QTest::newRow("ddr static") << "ddr" << int(TierTableModel::StaticPower) << "tiers.ddr.static_power_w" << 0.0;
}

void TestEditors::tierNumberThroughModel()
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
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), index);  // only the edited cell

    doc_->undoStack()->undo();
    QCOMPARE(valueAt(*doc_, path), old);
    QCOMPARE(index.data(Qt::EditRole).toDouble(), old);
    QCOMPARE(index.data().toString(), NumberSpinBox::format(old));
}

void TestEditors::tierNumberThroughDelegate()
{
    TierEditor editor(doc_.get());
    editor.resize(600, 300);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QTableView* view = editor.view();
    const QModelIndex index = editor.model()->index(editor.model()->rowOf(QStringLiteral("ssd")), TierTableModel::Read);

    view->edit(index);
    auto* box = qobject_cast<NumberSpinBox*>(view->indexWidget(index));
    QVERIFY(box);
    QCOMPARE(box->value(), 102.4);
    QVERIFY(box->suffix().isEmpty());  // the header carries the unit
    box->selectAll();
    QTest::keyClicks(box, QStringLiteral("10.24"));
    QTest::keyClick(box, Qt::Key_Return);
    QTRY_VERIFY(!view->indexWidget(index));  // committed and closed (the delegate queues it)
    QCOMPARE(valueAt(*doc_, QStringLiteral("tiers.ssd.read_pj_per_bit")), 10.24);
    QCOMPARE(doc_->undoStack()->count(), 1);  // one step, not one per key

    doc_->undoStack()->undo();
    QCOMPARE(valueAt(*doc_, QStringLiteral("tiers.ssd.read_pj_per_bit")), 102.4);
    QCOMPARE(index.data().toString(), NumberSpinBox::format(102.4));
    view->edit(index);
    box = qobject_cast<NumberSpinBox*>(view->indexWidget(index));
    QVERIFY(box);
    QCOMPARE(box->value(), 102.4);
}

void TestEditors::tierKindThroughDelegate()
{
    TierEditor editor(doc_.get());
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    const QModelIndex index = editor.model()->index(editor.model()->rowOf(QStringLiteral("ddr")), TierTableModel::Kind);
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

void TestEditors::paramFormEditsAndUndoes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<double>("value");
    QTest::newRow("gpu energy") << "gpu.hbm_read_pj_per_bit" << 5.5;
    QTest::newRow("gpu peak") << "gpu.peak_tflops" << 495.0;
    QTest::newRow("cluster int") << "cluster.nodes" << 2.0;
    QTest::newRow("tp") << "parallelism.tp" << 2.0;
}

void TestEditors::paramFormEditsAndUndoes()
{
    QFETCH(QString, path);
    QFETCH(double, value);
    SystemEditor editor(doc_.get());
    NumberSpinBox* box = editor.gpuForm()->spinBox(path);
    if (!box)
        box = editor.clusterForm()->spinBox(path);
    QVERIFY(box);
    const double old = valueAt(*doc_, path);
    QCOMPARE(box->value(), old);

    box->setValue(value);
    QCOMPARE(valueAt(*doc_, path), value);
    QCOMPARE(doc_->undoStack()->count(), 1);
    doc_->undoStack()->undo();
    QCOMPARE(valueAt(*doc_, path), old);
    QCOMPARE(box->value(), old);
    doc_->undoStack()->redo();
    QCOMPARE(box->value(), value);
}

void TestEditors::paramFormShowsUnitRangeAndHelp()
{
    ParamForm form(doc_.get(), {QStringLiteral("gpu")});
    const std::vector<ParamInfo> all = parampath::list(doc_->scenario());
    int gpuFields = 0;
    for (const auto& p : all)
        gpuFields += p.path.rfind("gpu.", 0) == 0;
    QCOMPARE(form.paths().size(), gpuFields);  // every GPU number, from parampath::list()

    NumberSpinBox* bw = form.spinBox(QStringLiteral("gpu.hbm_bandwidth_gb_s"));
    QVERIFY(bw);
    QCOMPARE(bw->suffix(), QStringLiteral(" GB/s"));
    QVERIFY(bw->minimum() > 0);  // "> 0" as a spin box range
    QCOMPARE(bw->maximum(), 1e7);
    QVERIFY(bw->toolTip().contains(QStringLiteral("3352 GB/s")));  // where the default comes from
    QVERIFY(bw->toolTip().contains(QStringLiteral("gpu.hbm_bandwidth_gb_s")));
    bw->setValue(-3);
    QVERIFY(valueAt(*doc_, QStringLiteral("gpu.hbm_bandwidth_gb_s")) > 0);
    QCOMPARE(bw->text(), QStringLiteral("0.000001 GB/s"));

    ParamForm cluster(doc_.get(), {QStringLiteral("cluster")});
    NumberSpinBox* nodes = cluster.spinBox(QStringLiteral("cluster.nodes"));
    QVERIFY(nodes);
    QCOMPARE(nodes->decimals(), 0);
    QCOMPARE(nodes->minimum(), 1.0);
    // "model" must not take the MoE block's numbers.
    ParamForm model(doc_.get(), {QStringLiteral("model")});
    QVERIFY(model.spinBox(QStringLiteral("model.hidden")));
    QVERIFY(!model.spinBox(QStringLiteral("model.moe.top_k")));
}

void TestEditors::typingIsOneStepAndKeepsText()
{
    ParamForm form(doc_.get(), {QStringLiteral("gpu")});
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    NumberSpinBox* box = form.spinBox(QStringLiteral("gpu.idle_power_w"));
    QVERIFY(box);
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, QStringLiteral("12."));
    QCOMPARE(valueAt(*doc_, QStringLiteral("gpu.idle_power_w")), 12.0);
    QCOMPARE(box->text(), QStringLiteral("12. W"));  // the refresh left the typed text alone
    QTest::keyClicks(box, QStringLiteral("5"));
    QCOMPARE(valueAt(*doc_, QStringLiteral("gpu.idle_power_w")), 12.5);
    QCOMPARE(doc_->undoStack()->count(), 1);
    doc_->undoStack()->undo();
    QCOMPARE(box->value(), 70.0);
}

void TestEditors::consecutiveEditsMerge()
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
    QCOMPARE(read.data(Qt::EditRole).toDouble(), 102.4);  // all three typed values were one step
}

void TestEditors::tableStructure_data()
{
    QTest::addColumn<bool>("links");
    QTest::addColumn<QString>("op");
    QTest::addColumn<int>("row");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<int>("selected");
    const QStringList l{u"nvlink4"_s, u"infiniband-ndr"_s, u"nvlink-c2c-gen4"_s, u"nvlink-c2c-gen5"_s, u"pcie-gen5-x16"_s};
    QTest::newRow("tier preset") << false << "preset:hbm3" << 1 << QStringList{u"ddr"_s, u"ssd"_s, u"hbm3"_s} << 2;
    QTest::newRow("tier preset twice") << false << "preset:ssd" << 0 << QStringList{u"ddr"_s, u"ssd-2"_s, u"ssd"_s} << 1;
    QTest::newRow("tier blank") << false << "blank" << -1 << QStringList{u"ddr"_s, u"ssd"_s, u"tier"_s} << 2;
    QTest::newRow("tier duplicate") << false << "duplicate" << 0 << QStringList{u"ddr"_s, u"ddr-2"_s, u"ssd"_s} << 1;
    QTest::newRow("tier remove") << false << "remove" << 0 << QStringList{u"ssd"_s} << -2;
    QTest::newRow("tier down") << false << "down" << 0 << QStringList{u"ssd"_s, u"ddr"_s} << 1;
    QTest::newRow("tier up") << false << "up" << 1 << QStringList{u"ssd"_s, u"ddr"_s} << 0;
    QTest::newRow("link preset") << true << "preset:nvlink4" << 4 << (l + QStringList{u"nvlink4-2"_s}) << 5;
    QTest::newRow("link duplicate") << true << "duplicate" << 3
                                    << QStringList{l[0], l[1], l[2], l[3], u"nvlink-c2c-gen5-2"_s, l[4]} << 4;
    QTest::newRow("link remove") << true << "remove" << 2 << QStringList{l[0], l[1], l[3], l[4]} << -2;
    QTest::newRow("link up") << true << "up" << 4 << QStringList{l[0], l[1], l[2], l[4], l[3]} << 3;
    QTest::newRow("link down") << true << "down" << 0 << QStringList{l[1], l[0], l[2], l[3], l[4]} << 1;
}

void TestEditors::tableStructure()
{
    QFETCH(bool, links);
    QFETCH(QString, op);
    QFETCH(int, row);
    QFETCH(QStringList, ids);
    QFETCH(int, selected);
    std::unique_ptr<ScenarioTableEditor> editor;
    if (links)
        editor = std::make_unique<LinkEditor>(doc_.get());
    else
        editor = std::make_unique<TierEditor>(doc_.get());
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
        QCOMPARE(editor->currentRow(), selected);  // new rows are selected, moved rows stay selected
    QCOMPARE(doc_->undoStack()->count(), 1);
    doc_->undoStack()->undo();
    QCOMPARE(docIds(), before);
    QCOMPARE(idsOf(model), before);
    doc_->undoStack()->redo();
    QCOMPARE(idsOf(model), ids);
}

void TestEditors::removingUsedItemsIsRefused_data()
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

void TestEditors::removingUsedItemsIsRefused()
{
    QFETCH(bool, links);
    QFETCH(QString, id);
    QFETCH(bool, expertsToDdr);
    QFETCH(QString, reason);
    QCOMPARE(QString::fromStdString(doc_->workspace().heatmap.x.path), QStringLiteral("tiers.ssd.read_pj_per_bit"));
    if (expertsToDdr)
        doc_->edit(QStringLiteral("to ddr"), [](Workspace& w) { w.scenario.placement.expertTier = "ddr"; });
    std::unique_ptr<ScenarioTableEditor> editor;
    if (links)
        editor = std::make_unique<LinkEditor>(doc_.get());
    else
        editor = std::make_unique<TierEditor>(doc_.get());
    const QStringList before = idsOf(*editor->model());
    const int steps = doc_->undoStack()->count();

    editor->selectRow(editor->model()->rowOf(id));
    editor->removeCurrent();
    QCOMPARE(idsOf(*editor->model()), before);
    QCOMPARE(doc_->undoStack()->count(), steps);
    QVERIFY2(editor->message().contains(reason), qPrintable(editor->message()));
    QVERIFY(editor->message().contains(id));
}

void TestEditors::newIdsAreUniqueWithoutDots()
{
    struct Item { std::string id; };
    const std::vector<Item> items{{"ssd"}, {"ssd-2"}, {"a-b"}};
    QCOMPARE(idlist::uniqueId(items, "ddr"), std::string("ddr"));
    QCOMPARE(idlist::uniqueId(items, "ssd"), std::string("ssd-3"));
    QCOMPARE(idlist::uniqueId(items, "a.b"), std::string("a-b-2"));
    QCOMPARE(idlist::uniqueId(items, "hbm", "hbm"), std::string("hbm-2"));
    QCOMPARE(idlist::uniqueId(items, ""), std::string("item"));

    TierTableModel tiers(doc_.get());
    QCOMPARE(tiers.addBlank(), 2);
    QCOMPARE(tiers.addBlank(), 3);
    QCOMPARE(idsOf(tiers), (QStringList{u"ddr"_s, u"ssd"_s, u"tier"_s, u"tier-2"_s}));
}

void TestEditors::modelsPassTester()
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
    QCOMPARE(tiers.addPreset(QStringLiteral("hbm3"), 0), 0);
    QVERIFY(tiers.duplicateRow(1) >= 0);
    QVERIFY(tiers.moveRowBy(0, 1));
    QVERIFY(tiers.removeRowChecked(0));
    QCOMPARE(links.addBlank(1), 1);
    QVERIFY(links.moveRowBy(1, -1));
    QVERIFY(links.removeRowChecked(0));
    QCOMPARE(moved.count(), 1);
    while (doc_->undoStack()->canUndo())
        doc_->undoStack()->undo();
    QCOMPARE(idsOf(tiers), (QStringList{u"ddr"_s, u"ssd"_s}));
    while (doc_->undoStack()->canRedo())
        doc_->undoStack()->redo();
    QCOMPARE(reset.count(), 0);  // every step above had a precise signal

    Workspace other = doc_->workspace();
    other.scenario.tiers.clear();
    doc_->reset(other, {});
    QCOMPARE(tiers.rowCount(), 0);
    QCOMPARE(reset.count(), 1);
    QVERIFY(!tiers.setData(tiers.index(0, 0), 1.0));
}

void TestEditors::moeAndMlaToggleUndoably_data()
{
    QTest::addColumn<bool>("moe");
    QTest::newRow("moe") << true;
    QTest::newRow("mla") << false;
}

void TestEditors::moeAndMlaToggleUndoably()
{
    QFETCH(bool, moe);
    ModelEditor editor(doc_.get());
    QCheckBox* check = moe ? editor.moeCheck() : editor.mlaCheck();
    ParamForm* form = moe ? editor.moeForm() : editor.mlaForm();
    const auto present = [&] { return moe ? doc_->scenario().model.moe.has_value() : doc_->scenario().model.mla.has_value(); };
    // Mixtral has experts but no MLA.
    QCOMPARE(present(), moe);
    QCOMPARE(check->isChecked(), moe);
    QCOMPARE(form->isHidden(), !moe);

    check->click();
    QCOMPARE(present(), !moe);
    QCOMPARE(form->isHidden(), moe);
    if (!moe) {
        QCOMPARE(doc_->scenario().model.mla->kvLoraRank, MlaSpec{}.kvLoraRank);
        QCOMPARE(form->spinBox(QStringLiteral("model.mla.kv_lora_rank"))->value(), 512.0);
    }
    QCOMPARE(doc_->undoStack()->count(), 1);
    doc_->undoStack()->undo();
    QCOMPARE(present(), moe);
    QCOMPARE(check->isChecked(), moe);
    QCOMPARE(form->isHidden(), !moe);
    if (moe)
        QCOMPARE(form->spinBox(QStringLiteral("model.moe.experts"))->value(), 8.0);
}

void TestEditors::modelPresetLoadsAndUndoes()
{
    ModelEditor editor(doc_.get());
    QCOMPARE(editor.preset()->currentId(), QStringLiteral("mixtral-8x7b"));
    QVERIFY(editor.preset()->choose(QStringLiteral("deepseek-r1")));
    QCOMPARE(doc_->scenario().model.hidden, 7168);
    QVERIFY(doc_->scenario().model.mla);
    QCOMPARE(editor.denseForm()->spinBox(QStringLiteral("model.hidden"))->value(), 7168.0);
    QVERIFY(!editor.mlaForm()->isHidden());
    QCOMPARE(editor.moeForm()->spinBox(QStringLiteral("model.moe.experts"))->value(), 256.0);
    QCOMPARE(doc_->undoStack()->count(), 1);
    doc_->undoStack()->undo();
    QCOMPARE(doc_->scenario().model.hidden, 4096);
    QCOMPARE(editor.preset()->currentId(), QStringLiteral("mixtral-8x7b"));
    QCOMPARE(editor.denseForm()->spinBox(QStringLiteral("model.hidden"))->value(), 4096.0);
    QVERIFY(editor.mlaForm()->isHidden());
}

void TestEditors::gpuPresetLoadsAndUndoes()
{
    SystemEditor editor(doc_.get());
    NumberSpinBox* peak = editor.gpuForm()->spinBox(QStringLiteral("gpu.peak_tflops"));
    QVERIFY(peak);
    peak->setValue(500);
    QCOMPARE(doc_->scenario().gpu.peakTflops, 500.0);
    QVERIFY(editor.gpuPreset()->choose(QStringLiteral("h100-sxm")));
    QCOMPARE(doc_->scenario().gpu.peakTflops, 989.4);
    QCOMPARE(peak->value(), 989.4);
    QCOMPARE(doc_->undoStack()->count(), 2);
    doc_->undoStack()->undo();
    QCOMPARE(doc_->scenario().gpu.peakTflops, 500.0);
    QCOMPARE(peak->value(), 500.0);

    doc_->edit(QStringLiteral("custom"), [](Workspace& w) { w.scenario.gpu.id = "b200"; w.scenario.gpu.name = "B200"; });
    QCOMPARE(editor.gpuPreset()->currentText(), QStringLiteral("Custom: B200"));
    doc_->undoStack()->undo();
    QCOMPARE(editor.gpuPreset()->currentId(), QStringLiteral("h100-sxm"));
    QCOMPARE(editor.gpuPreset()->count(), int(PresetLibrary::builtin().list(PresetKind::Gpu).size()));
}

void TestEditors::clusterLinkPicker()
{
    SystemEditor editor(doc_.get());
    QCOMPARE(editor.intraLink()->currentId(), QStringLiteral("nvlink4"));
    QVERIFY(editor.intraLink()->choose(QStringLiteral("nvlink-c2c-gen5")));
    QCOMPARE(doc_->scenario().cluster.intraLink, std::string("nvlink-c2c-gen5"));
    QVERIFY(editor.interLink()->choose(QString()));  // "None"
    QCOMPARE(doc_->scenario().cluster.interLink, std::string());
    doc_->undoStack()->undo();
    doc_->undoStack()->undo();
    QCOMPARE(editor.intraLink()->currentId(), QStringLiteral("nvlink4"));
    QCOMPARE(editor.interLink()->currentId(), QStringLiteral("infiniband-ndr"));
    // A renamed link shows its new name in the picker.
    LinkTableModel links(doc_.get());
    QVERIFY(links.setData(links.index(0, LinkTableModel::Name), QStringLiteral("NVLink four")));
    QCOMPARE(editor.intraLink()->currentText(), QStringLiteral("NVLink four"));
}

void TestEditors::placementChain()
{
    PlacementEditor editor(doc_.get());
    const auto path = [&] {
        QStringList p;
        for (const auto& id : doc_->scenario().placement.path)
            p << QString::fromStdString(id);
        return p;
    };
    QCOMPARE(editor.expertTier()->currentId(), QStringLiteral("ssd"));
    QVERIFY(editor.expertTier()->choose(QStringLiteral("ddr")));
    QCOMPARE(doc_->scenario().placement.expertTier, std::string("ddr"));
    editor.addLink(QStringLiteral("pcie-gen5-x16"), 0);
    QCOMPARE(path(), (QStringList{u"pcie-gen5-x16"_s, u"nvlink-c2c-gen5"_s}));
    QCOMPARE(editor.pathList()->count(), 2);
    QCOMPARE(editor.chainText(), QStringLiteral("CPU memory (DDR5-7200) → PCIe Gen5 x16 → NVLink-C2C gen 5 → HBM"));
    editor.moveLink(0, +1);
    QCOMPARE(path(), (QStringList{u"nvlink-c2c-gen5"_s, u"pcie-gen5-x16"_s}));
    QCOMPARE(editor.pathList()->item(1)->text(), QStringLiteral("PCIe Gen5 x16"));
    editor.removeLink(0);
    QCOMPARE(path(), QStringList{u"pcie-gen5-x16"_s});
    QCOMPARE(doc_->undoStack()->count(), 4);
    doc_->undoStack()->undo();
    QCOMPARE(path(), (QStringList{u"nvlink-c2c-gen5"_s, u"pcie-gen5-x16"_s}));
    doc_->undoStack()->undo();
    doc_->undoStack()->undo();
    QCOMPARE(path(), QStringList{u"nvlink-c2c-gen5"_s});
    QCOMPARE(editor.pathList()->count(), 1);
    QVERIFY(editor.expertTier()->choose(QStringLiteral("hbm")));
    QVERIFY(!editor.pathList()->isEnabled());  // nothing is copied from HBM
    doc_->undoStack()->undo();
    doc_->undoStack()->undo();
    QCOMPARE(editor.expertTier()->currentId(), QStringLiteral("ssd"));
    QVERIFY(editor.pathList()->isEnabled());
}

void TestEditors::placementSwitches()
{
    PlacementEditor editor(doc_.get());
    QVERIFY(editor.copyRouterWeights()->isChecked());
    editor.copyRouterWeights()->click();
    QVERIFY(!doc_->scenario().placement.copyRouterWeights);
    editor.copyStealsBandwidth()->click();
    QVERIFY(!doc_->scenario().options.copyStealsHbmBandwidth);
    editor.latencyRule()->setCurrentIndex(1);
    emit editor.latencyRule()->activated(1);
    QVERIFY(doc_->scenario().options.latencyRule == Options::LatencyRule::CopyOnly);
    QCOMPARE(doc_->undoStack()->count(), 3);
    while (doc_->undoStack()->canUndo())
        doc_->undoStack()->undo();
    QVERIFY(editor.copyRouterWeights()->isChecked());
    QVERIFY(editor.copyStealsBandwidth()->isChecked());
    QCOMPARE(editor.latencyRule()->currentIndex(), 0);
    QVERIFY(doc_->scenario().options.latencyRule == Options::LatencyRule::Overlap);
}

void TestEditors::batchList_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("expected");  // empty: rejected
    QTest::addColumn<QString>("message");
    QTest::newRow("bad token") << "1, x, 4" << QList<int>{} << "“x” is not a whole number";
    QTest::newRow("empty") << "  " << QList<int>{} << "at least one batch";
    QTest::newRow("zero") << "0, 4" << QList<int>{} << "outside";
    QTest::newRow("repeat") << "4, 8, 4" << QList<int>{} << "twice";
    QTest::newRow("commas") << "1, 4, 16, 64" << QList<int>{1, 4, 16, 64} << "";
    QTest::newRow("spaces") << "2 8;32" << QList<int>{2, 8, 32} << "";
}

void TestEditors::batchList()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, expected);
    QFETCH(QString, message);
    WorkloadEditor editor(doc_.get());
    const std::vector<int> old = doc_->scenario().workload.batches;
    QCOMPARE(editor.batchesEdit()->text(), QStringLiteral("1, 4, 16, 64, 256, 1024"));

    editor.batchesEdit()->setText(text);
    QTest::keyClick(editor.batchesEdit(), Qt::Key_Return);
    if (expected.isEmpty()) {
        QVERIFY2(editor.batchesMessage().contains(message), qPrintable(editor.batchesMessage()));
        QVERIFY(doc_->scenario().workload.batches == old);
        QCOMPARE(doc_->undoStack()->count(), 0);
        QCOMPARE(editor.batchesEdit()->text(), text);  // left for the user to fix
        return;
    }
    QVERIFY(editor.batchesMessage().isEmpty());
    QCOMPARE(QList<int>(doc_->scenario().workload.batches.begin(), doc_->scenario().workload.batches.end()), expected);
    doc_->undoStack()->undo();
    QVERIFY(doc_->scenario().workload.batches == old);
    QCOMPARE(editor.batchesEdit()->text(), QStringLiteral("1, 4, 16, 64, 256, 1024"));
}

void TestEditors::routingIsUniformOnly()
{
    WorkloadEditor editor(doc_.get());
    QVERIFY(!editor.routing()->isEnabled());
    QCOMPARE(editor.routing()->count(), 1);
    QVERIFY(editor.routing()->toolTip().contains(QStringLiteral("uniform")));
    QVERIFY(editor.form()->spinBox(QStringLiteral("workload.prompt_length")));
    QCOMPARE(editor.form()->spinBox(QStringLiteral("workload.batch"))->value(), 16.0);
}

void TestEditors::validatorProblemsNamePaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<double>("value");
    QTest::newRow("tp divides heads") << "parallelism.tp" << 3.0;
    QTest::newRow("top-k within experts") << "model.moe.top_k" << 9.0;
    QTest::newRow("tier by id") << "tiers.ssd.bandwidth_gb_s" << -3.0;
}

void TestEditors::validatorProblemsNamePaths()
{
    QFETCH(QString, path);
    QFETCH(double, value);
    ScenarioEditorPanel panel(doc_.get());
    QVERIFY(panel.problemsText().isEmpty());
    QVERIFY(doc_->setValue(path, value));
    QVERIFY2(panel.problemsText().startsWith(path + QStringLiteral(": ")), qPrintable(panel.problemsText()));
    doc_->undoStack()->undo();
    QVERIFY(panel.problemsText().isEmpty());
}

void TestEditors::refreshIsFast()
{
    ScenarioEditorPanel panel(doc_.get());
    panel.resize(380, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    constexpr int kEdits = 40;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kEdits; ++i)
        QVERIFY(doc_->setValue(QStringLiteral("tiers.ssd.read_pj_per_bit"), 50.0 + i));
    const double perEdit = double(timer.nsecsElapsed()) / 1e6 / kEdits;
    qInfo("%.3f ms per edit to refresh every editor", perEdit);
    QVERIFY2(perEdit < 16.0, qPrintable(QString::number(perEdit)));
}

void TestEditors::screenshots()
{
    const QString dir = qEnvironmentVariable("TIERLENS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("TIERLENS_SCREENSHOT_DIR not set");
    QVERIFY(QDir().mkpath(dir));
    ScenarioEditorPanel panel(doc_.get());
    panel.resize(380, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QStringList names{u"system"_s, u"tiers"_s, u"links"_s, u"model"_s, u"placement"_s};
    for (int i = 0; i < names.size(); ++i) {
        panel.setCurrentSection(ScenarioEditorPanel::Section(i));
        QTest::qWait(50);
        QVERIFY(panel.grab().save(dir + QStringLiteral("/editors-%1-%2.png").arg(i + 1).arg(names[i])));
    }
    // The red lines: a refused removal and a validator problem.
    panel.setCurrentSection(ScenarioEditorPanel::Section::Tiers);
    panel.tierEditor()->selectRow(1);
    panel.tierEditor()->removeCurrent();
    QVERIFY(doc_->setValue(QStringLiteral("parallelism.tp"), 3));
    QTest::qWait(50);
    QVERIFY(panel.grab().save(dir + QStringLiteral("/editors-6-problems.png")));
    QVERIFY(panel.modelEditor()->preset()->choose(QStringLiteral("deepseek-r1")));
    panel.setCurrentSection(ScenarioEditorPanel::Section::Model);
    QTest::qWait(50);
    QVERIFY(panel.grab().save(dir + QStringLiteral("/editors-7-model-deepseek.png")));
    // The whole model page, below the fold of the scroll area too.
    QVERIFY(panel.modelEditor()->grab().save(dir + QStringLiteral("/editors-8-model-full.png")));
    panel.setCurrentSection(ScenarioEditorPanel::Section::PlacementWorkload);
    panel.workloadEditor()->batchesEdit()->setText(QStringLiteral("1, x, 4"));
    QVERIFY(!panel.workloadEditor()->applyBatches(panel.workloadEditor()->batchesEdit()->text()));
    QTest::qWait(50);
    QVERIFY(panel.grab().save(dir + QStringLiteral("/editors-9-batches-rejected.png")));
}

QTEST_MAIN(TestEditors)
#include "tst_editors.moc"
