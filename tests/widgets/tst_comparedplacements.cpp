// The placements the breakdown charts compare: edited in the window one undo step at a time, and
// each bar names the links its experts cross.

#include "core/data/study.h"
#include "core/data/workspace.h"
#include "core/io/presetlibrary.h"
#include "document/workspacedocument.h"
#include "render/chartdatabuilder.h"
#include "widgets/common/idcombobox.h"
#include "widgets/editors/comparedplacementseditor.h"
#include "widgets/editors/placementeditor.h"
#include "widgets/views/barchartwidget.h"

#include <QListWidget>
#include <QToolButton>
#include <QtTest/QTest>

#include <memory>

using namespace tierlens;

namespace {

// The tooltip as the widget shows it on hover.
class ProbeChart : public BarChartWidget {
public:
    using BarChartWidget::toolTipAt;
};

std::vector<std::string> ids(const std::vector<PlacementOption>& v)
{
    std::vector<std::string> out;
    for (const auto& p : v)
        out.push_back(p.id);
    return out;
}

int rowOf(const Workspace& w, const std::string& id)
{
    const auto v = w.effectivePlacements();
    for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i].id == id)
            return int(i);
    return -1;
}

} // namespace

class TestComparedPlacements : public QObject {
    Q_OBJECT
private slots:
    void init();
    void changeTierIsOneUndoStep();
    void addAndRemoveArePlainSteps();
    void linkPathEdits();
    void implicitDefaultsBecomeExplicitOnEdit();
    void barsNameTheirLinks();

private:
    std::unique_ptr<WorkspaceDocument> doc_;
    Workspace fig4_;
};

void TestComparedPlacements::init()
{
    const PresetLibrary& lib = PresetLibrary::builtin();
    const PresetEntry* e = lib.find(PresetKind::Study, "paper/fig4-mixtral");
    QVERIFY(e);
    auto st = loadStudy(e->json, lib);
    QVERIFY(st.ok());
    fig4_ = workspaceFromStudy(st.value);
    // HBM, CPU memory and SSD, the last two over NVLink-C2C gen 5 (the study's own definition).
    QCOMPARE(ids(fig4_.placements), (std::vector<std::string> { "hbm", "ddr", "ssd" }));
    doc_ = std::make_unique<WorkspaceDocument>();
    doc_->reset(fig4_, {});
}

void TestComparedPlacements::changeTierIsOneUndoStep()
{
    PlacementEditor editor(doc_.get());
    ComparedPlacementsEditor* c = editor.comparedPlacements();
    QCOMPARE(c->placementList()->count(), 3);
    c->placementList()->setCurrentRow(1);
    QCOMPARE(c->tierBox()->currentId(), QStringLiteral("ddr"));
    const int before = doc_->undoStack()->count();

    QVERIFY(c->tierBox()->choose(QStringLiteral("ssd")));
    QCOMPARE(doc_->undoStack()->count(), before + 1);
    const PlacementOption& p = doc_->workspace().placements.at(1);
    QCOMPARE(p.expertTier, std::string("ssd"));
    QCOMPARE(p.id, std::string("ddr")); // the id stays: it names the ratios' reference
    QCOMPARE(p.path, fig4_.placements[1].path);
    QCOMPARE(doc_->workspace().scenario.placement.expertTier, fig4_.scenario.placement.expertTier);
    QVERIFY(c->placementList()->item(1)->text().contains(QStringLiteral("NVLink-C2C gen 5")));

    doc_->undoStack()->undo();
    QCOMPARE(doc_->workspace().placements.at(1).expertTier, std::string("ddr"));
    QCOMPARE(c->tierBox()->currentId(), QStringLiteral("ddr"));
    doc_->undoStack()->redo();
    QCOMPARE(doc_->workspace().placements.at(1).expertTier, std::string("ssd"));
}

void TestComparedPlacements::addAndRemoveArePlainSteps()
{
    PlacementEditor editor(doc_.get());
    ComparedPlacementsEditor* c = editor.comparedPlacements();
    const int before = doc_->undoStack()->count();

    c->addPlacement(QStringLiteral("ssd"));
    QCOMPARE(doc_->undoStack()->count(), before + 1);
    const auto& v = doc_->workspace().placements;
    QCOMPARE(v.size(), std::size_t(4));
    QCOMPARE(v.back().expertTier, std::string("ssd"));
    QCOMPARE(v.back().id, std::string("ssd-2")); // "ssd" is taken
    QCOMPARE(c->placementList()->count(), 4);
    QCOMPARE(c->placementList()->currentRow(), 3);

    c->placementList()->setCurrentRow(0);
    c->removeButton()->click();
    QCOMPARE(doc_->undoStack()->count(), before + 2);
    QCOMPARE(ids(doc_->workspace().placements), (std::vector<std::string> { "ddr", "ssd", "ssd-2" }));

    doc_->undoStack()->undo();
    QCOMPARE(ids(doc_->workspace().placements), (std::vector<std::string> { "hbm", "ddr", "ssd", "ssd-2" }));
    doc_->undoStack()->undo();
    QCOMPARE(ids(doc_->workspace().placements), ids(fig4_.placements));

    // The last placement cannot go: an empty list would silently mean "HBM plus every tier".
    Workspace one = fig4_;
    one.placements.resize(1);
    doc_->reset(one, {});
    c->placementList()->setCurrentRow(0);
    QVERIFY(!c->removeButton()->isEnabled());
    c->removePlacement(0);
    QCOMPARE(doc_->workspace().placements.size(), std::size_t(1));
    QCOMPARE(doc_->undoStack()->count(), 0);
}

void TestComparedPlacements::linkPathEdits()
{
    PlacementEditor editor(doc_.get());
    ComparedPlacementsEditor* c = editor.comparedPlacements();
    const int ssd = rowOf(fig4_, "ssd");
    c->placementList()->setCurrentRow(ssd);
    QVERIFY(c->pathList()->isEnabled());
    QCOMPARE(c->pathList()->count(), 1);

    // The SSD behind PCIe, then NVLink-C2C: the link goes in front of the existing one.
    c->addLink(ssd, QStringLiteral("pcie-gen5-x16"), 0);
    const std::vector<std::string> twoLinks { "pcie-gen5-x16", "nvlink-c2c-gen5" };
    QCOMPARE(doc_->workspace().placements[std::size_t(ssd)].path, twoLinks);
    QCOMPARE(c->pathList()->count(), 2);
    // The other placements keep their links, and so does the scenario itself.
    QCOMPARE(doc_->workspace().placements[1].path, fig4_.placements[1].path);
    QCOMPARE(doc_->workspace().scenario.placement.path, fig4_.scenario.placement.path);

    c->pathList()->setCurrentRow(1);
    const int before = doc_->undoStack()->count();
    c->removeLink(ssd, 1);
    QCOMPARE(doc_->undoStack()->count(), before + 1);
    QCOMPARE(
        doc_->workspace().placements[std::size_t(ssd)].path, std::vector<std::string> { "pcie-gen5-x16" });

    doc_->undoStack()->undo();
    QCOMPARE(doc_->workspace().placements[std::size_t(ssd)].path, twoLinks);
    doc_->undoStack()->undo();
    QCOMPARE(doc_->workspace().placements[std::size_t(ssd)].path, fig4_.placements[std::size_t(ssd)].path);

    // HBM copies nothing: no chain to edit, and an unknown link is refused.
    c->placementList()->setCurrentRow(rowOf(fig4_, "hbm"));
    QVERIFY(!c->pathList()->isEnabled());
    const int count = doc_->undoStack()->count();
    c->addLink(ssd, QStringLiteral("no-such-link"));
    QCOMPARE(doc_->undoStack()->count(), count);
}

void TestComparedPlacements::implicitDefaultsBecomeExplicitOnEdit()
{
    Workspace w = fig4_;
    w.placements.clear();
    doc_->reset(w, {});
    const auto defaults = w.effectivePlacements();
    QVERIFY(defaults.size() >= 2);
    PlacementEditor editor(doc_.get());
    ComparedPlacementsEditor* c = editor.comparedPlacements();
    QCOMPARE(c->placementList()->count(), int(defaults.size()));

    c->removePlacement(int(defaults.size()) - 1);
    QCOMPARE(doc_->workspace().placements.size(), defaults.size() - 1);
    for (std::size_t i = 0; i + 1 < defaults.size(); ++i)
        QCOMPARE(doc_->workspace().placements[i].id, defaults[i].id);
    doc_->undoStack()->undo();
    QVERIFY(doc_->workspace().placements.empty());
}

void TestComparedPlacements::barsNameTheirLinks()
{
    PlacementEditor editor(doc_.get());
    ComparedPlacementsEditor* c = editor.comparedPlacements();
    const int ssd = rowOf(fig4_, "ssd");
    c->addLink(ssd, QStringLiteral("pcie-gen5-x16"), 0);

    const Workspace& w = doc_->workspace();
    const WorkspaceResult r = evaluateWorkspace(w);
    QVERIFY(r.problems.empty());
    const BreakdownChart chart = ChartDataBuilder::energy(w, r, ChartDataBuilder::defaultOptions(r, false));
    int ssdBar = -1, hbmBar = -1;
    for (std::size_t i = 0; i < chart.data.bars.size() && (ssdBar < 0 || hbmBar < 0); ++i) {
        const auto& bar = r.bars[std::size_t(chart.resultIndex[i])];
        if (r.placements[std::size_t(bar.placement)].id == "ssd" && ssdBar < 0)
            ssdBar = int(i);
        if (r.placements[std::size_t(bar.placement)].id == "hbm" && hbmBar < 0)
            hbmBar = int(i);
    }
    QVERIFY(ssdBar >= 0 && hbmBar >= 0);
    // The category label under the bar names both links, tier side first.
    const QString label = chart.data.bars[std::size_t(ssdBar)].label;
    QVERIFY2(label.startsWith(QStringLiteral("SSD")), qPrintable(label));
    const int pcie = label.indexOf(QStringLiteral("PCIe Gen5 x16"));
    const int c2c = label.indexOf(QStringLiteral("NVLink-C2C gen 5"));
    QVERIFY2(pcie > 0 && c2c > pcie, qPrintable(label));
    // HBM crosses no link and says none.
    QCOMPARE(chart.data.bars[std::size_t(hbmBar)].label, QStringLiteral("HBM"));

    ProbeChart widget;
    widget.resize(900, 500);
    widget.setData(chart.data);
    const QRectF stack
        = widget.painter().segmentRect(QRectF(widget.rect()), widget.renderOptions(), ssdBar, -1);
    QVERIFY(!stack.isEmpty());
    const QString tip = widget.toolTipAt(stack.center());
    QVERIFY2(
        tip.contains(QStringLiteral("PCIe Gen5 x16")) && tip.contains(QStringLiteral("NVLink-C2C gen 5")),
        qPrintable(tip));
    const QRectF hbmStack
        = widget.painter().segmentRect(QRectF(widget.rect()), widget.renderOptions(), hbmBar, -1);
    const QString hbmTip = widget.toolTipAt(hbmStack.center());
    QVERIFY2(!hbmTip.isEmpty() && !hbmTip.contains(QStringLiteral("NVLink")), qPrintable(hbmTip));
}

QTEST_MAIN(TestComparedPlacements)
#include "tst_comparedplacements.moc"
