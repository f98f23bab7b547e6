// A study of several models exported as panels of one figure: every panel's labels written out
// in full under a lettered caption, one legend for all panels, one value caption where the
// panels' units agree, and no text smaller than the requested size less 1 pt or elided.
#include "tests/support/clitestsupport.h"
#include "tests/support/svgtexts.h"
#include "tests/support/testsupport.h"

#include "core/data/study.h"
#include "core/data/workspace.h"
#include "core/io/presetlibrary.h"
#include "render/chartdatabuilder.h"
#include "render/workspacechart.h"
#include "render/workspacefigure.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace tierlens;

namespace {

constexpr double kDpi = 300;

using test::SvgText;

// The figure's texts with their spaces made plain, a text of several lines one element per line.
std::vector<SvgText> readTexts(const QByteArray& svg)
{
    std::vector<SvgText> texts = test::readSvgTexts(svg, kDpi);
    for (SvgText& t : texts)
        t.text = t.text.replace(QChar::Nbsp, QLatin1Char(' ')).simplified();
    return texts;
}

Study loadPreset(const char* id)
{
    const auto& lib = PresetLibrary::builtin();
    const PresetEntry* e = lib.find(PresetKind::Study, id);
    if (!e)
        return {};
    auto st = loadStudy(e->json, lib);
    return st.ok() ? st.value : Study {};
}

// The chart data of case i as the single-case export draws it: the labels a panel must show.
BarChartData caseData(const Study& st, int i, bool latency)
{
    const Workspace w = workspaceFromStudy(st, i);
    const WorkspaceResult r = evaluateWorkspace(w);
    return WorkspaceChart::breakdown(w, r, latency).data;
}

// The SVG the command line wrote has both lettered panel captions.
void verifyBothPanels(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QStringList all;
    for (const SvgText& t : readTexts(file.readAll()))
        all << t.text;
    const QString joined = all.join(QLatin1Char(' '));
    QVERIFY2(joined.contains(QStringLiteral("(a) Mixtral 8x7B")), qPrintable(joined));
    QVERIFY2(joined.contains(QStringLiteral("(b) DeepSeek-R1")), qPrintable(joined));
}

} // namespace

class TestFigurePanels : public QObject {
    Q_OBJECT
private slots:
    void panelsOfEveryCase_data();
    void panelsOfEveryCase();
    void commandLineHonoursTheWorkspaceSetting();
    void panelsOptionOnAStudyPreset();
    void oneCaseStudyStaysOneChart();
};

void TestFigurePanels::panelsOfEveryCase_data()
{
    QTest::addColumn<QString>("study");
    QTest::addColumn<QString>("view");
    QTest::addColumn<double>("widthIn");
    QTest::addColumn<double>("heightIn");
    QTest::addColumn<double>("pt");
    for (const char* id : { "paper/fig4", "paper/fig5" }) {
        const QString view = QString::fromLatin1(id == std::string("paper/fig5") ? "latency" : "energy");
        QTest::addRow("%s two-column", id) << QString::fromLatin1(id) << view << 7.16 << 3.0 << 8.0;
        QTest::addRow("%s one-column", id) << QString::fromLatin1(id) << view << 3.5 << 2.6 << 8.0;
    }
}

void TestFigurePanels::panelsOfEveryCase()
{
    QFETCH(QString, study);
    QFETCH(QString, view);
    QFETCH(double, widthIn);
    QFETCH(double, heightIn);
    QFETCH(double, pt);

    const Study st = loadPreset(study.toStdString().c_str());
    QCOMPARE(WorkspaceFigure::caseCount(st), 2);
    // The workspace's panels setting is the way in: the window's Export Figure and the command
    // line's export of a workspace file both go through WorkspaceFigure::render/exportToFile.
    Workspace w = workspaceFromStudy(st, 0);
    w.view.panels = true;
    const WorkspaceResult r = evaluateWorkspace(w);
    FigureExportOptions o;
    o.width = widthIn;
    o.height = heightIn;
    o.fontPt = pt;
    o.dpi = kDpi;
    QString error;
    const QByteArray svg
        = WorkspaceFigure::render(w, r, view.toStdString(), FigureExportOptions::Format::Svg, o, &error);
    QVERIFY2(!svg.isEmpty(), qPrintable(error));
    const std::vector<SvgText> texts = readTexts(svg);

    QStringList all;
    for (const SvgText& t : texts) {
        QVERIFY2(t.points >= pt - 1, qPrintable(QStringLiteral("\"%1\" at %2 pt").arg(t.text).arg(t.points)));
        QVERIFY2(!t.text.contains(QChar(0x2026)) && !t.text.contains(QStringLiteral("...")),
            qPrintable(QStringLiteral("elided: \"%1\"").arg(t.text)));
        all << t.text;
    }
    const QString joined = all.join(QLatin1Char(' '));
    const auto count = [&](const QString& s) { return std::count(all.begin(), all.end(), s.simplified()); };

    // Both panels under their lettered captions, every bar label and group caption of each.
    const bool latency = view == QStringLiteral("latency");
    QStringList legend;
    QStringList valueLabels;
    // The cases are the study's distinct models in the order the study lists them.
    std::vector<std::string> models;
    for (const StudySeries& s : st.series)
        if (std::find(models.begin(), models.end(), s.model) == models.end())
            models.push_back(s.model);
    QCOMPARE(models.size(), std::size_t(2));
    for (int i = 0; i < 2; ++i) {
        const QString caption = QStringLiteral("(%1) %2")
                                    .arg(QChar(u'a' + i))
                                    .arg(QString::fromStdString(models[std::size_t(i)]));
        QVERIFY2(
            joined.contains(caption), qPrintable(QStringLiteral("no \"%1\" in: %2").arg(caption, joined)));
        const BarChartData d = caseData(st, i, latency);
        QVERIFY(!d.bars.empty());
        for (const BarStack& b : d.bars)
            for (const QString& label : { b.label, b.group })
                QVERIFY2(label.isEmpty() || joined.contains(label.simplified()),
                    qPrintable(QStringLiteral("missing or cut: \"%1\"").arg(label)));
        for (int s = 0; s < int(d.seriesLabels.size()); ++s)
            for (const BarStack& b : d.bars)
                if (s < int(b.values.size()) && b.values[std::size_t(s)] > 0) {
                    if (!legend.contains(d.seriesLabels[s]))
                        legend << d.seriesLabels[s];
                    break;
                }
        valueLabels << d.valueLabel;
    }
    // One legend: each entry written exactly once, though both panels have it.
    QVERIFY(legend.size() >= 3);
    for (const QString& entry : std::as_const(legend))
        QVERIFY2(count(entry) == 1,
            qPrintable(QStringLiteral("\"%1\" written %2 times").arg(entry).arg(count(entry))));
    // Units agree: one value caption for the figure (on one line or two).
    if (valueLabels[0] == valueLabels[1])
        QCOMPARE(joined.count(valueLabels[0].simplified()), 1);
}

void TestFigurePanels::commandLineHonoursTheWorkspaceSetting()
{
    const Study st = loadPreset("paper/fig4");
    Workspace w = workspaceFromStudy(st, 0);
    w.view.panels = true;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string ws = dir.filePath(QStringLiteral("fig4.json")).toStdString();
    std::ofstream(ws) << toJson(w).dump(2);
    const std::string out = dir.filePath(QStringLiteral("fig4.svg")).toStdString();
    const auto run = test::runCli({ "export", ws, "--out", out, "--width-in", "7.16", "--height-in", "3",
        "--font-pt", "8", "--dpi", "300" });
    QVERIFY2(run.code == 0, run.err.c_str());
    verifyBothPanels(out);
}

// `--panels` asks for the panels without a workspace file: the study preset itself.
void TestFigurePanels::panelsOptionOnAStudyPreset()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string out = dir.filePath(QStringLiteral("fig4.svg")).toStdString();
    const auto run = test::runCli({ "export", "paper/fig4", "--panels", "--out", out, "--width-in", "7.16",
        "--height-in", "3", "--font-pt", "8" });
    QVERIFY2(run.code == 0, run.err.c_str());
    verifyBothPanels(out);
}

void TestFigurePanels::oneCaseStudyStaysOneChart()
{
    // The setting asks for panels only where there are several cases to set side by side.
    const Study st = loadPreset("paper/fig4-mixtral");
    QCOMPARE(WorkspaceFigure::caseCount(st), 1);
    Workspace w = workspaceFromStudy(st, 0);
    w.view.panels = true;
    QVERIFY(!WorkspaceFigure::panelStudy(w, "energy"));
    Workspace both = workspaceFromStudy(loadPreset("paper/fig4"), 0);
    both.view.panels = true;
    QVERIFY(WorkspaceFigure::panelStudy(both, "energy"));
    QVERIFY(!WorkspaceFigure::panelStudy(both, "heatmap"));
    both.view.panels = false;
    QVERIFY(!WorkspaceFigure::panelStudy(both, "energy"));
}

QTEST_MAIN(TestFigurePanels)
#include "tst_figurepanels.moc"
