// Every shipped study, drawn by `tierlens-cli export` at paper sizes, keeps its text readable and
// whole: no text more than 1 pt under the requested size, nothing elided, every label of the
// chart written out in full, and SVG text naming a generic fallback family.
#include "tests/support/clitestsupport.h"
#include "tests/support/svgtexts.h"
#include "tests/support/testsupport.h"

#include "core/data/study.h"
#include "core/data/workspace.h"
#include "core/io/presetlibrary.h"
#include "render/chartdatabuilder.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace tierlens;

namespace {

constexpr double kDpi = 300;

using test::SvgText;

std::vector<SvgText> readTexts(const QByteArray& svg, QStringList* families)
{
    return test::readSvgTexts(svg, kDpi, families);
}

QString normalised(QString s)
{
    s.replace(QChar::Nbsp, QLatin1Char(' '));
    return s.simplified();
}

// What the chart of a view must show in full: its title, axis captions, bar labels, group
// captions and legend entries, read from the chart data the export draws.
QStringList expectedLabels(const Workspace& w, const WorkspaceResult& r, const QString& view)
{
    QStringList out;
    if (view == QStringLiteral("heatmap")) {
        const HeatmapData d = ChartDataBuilder::heatmap(w, r);
        out << d.title << d.xLabel << d.yLabel;
    } else {
        const bool latency = view == QStringLiteral("latency");
        BreakdownOptions o = ChartDataBuilder::defaultOptions(r, latency);
        o.axis = latency ? BreakdownAxis::Linear : BreakdownAxis::Normalised;
        const BarChartData d
            = (latency ? ChartDataBuilder::latency(w, r, o) : ChartDataBuilder::energy(w, r, o)).data;
        out << d.title << d.valueLabel;
        for (const BarStack& b : d.bars)
            out << b.label << b.group;
        // Legend entries of the series some bar has.
        for (int s = 0; s < int(d.seriesLabels.size()); ++s)
            for (const BarStack& b : d.bars)
                if (s < int(b.values.size()) && b.values[std::size_t(s)] > 0) {
                    out << d.seriesLabels[s];
                    break;
                }
    }
    out.removeAll(QString());
    out.removeDuplicates();
    return out;
}

} // namespace

class TestFigureTypography : public QObject {
    Q_OBJECT
private slots:
    void everyStudyAtPaperSizes_data();
    void everyStudyAtPaperSizes();
};

void TestFigureTypography::everyStudyAtPaperSizes_data()
{
    QTest::addColumn<QString>("study");
    QTest::addColumn<QString>("view");
    QTest::addColumn<double>("widthIn");
    QTest::addColumn<double>("heightIn");
    QTest::addColumn<double>("pt");
    const auto studies = PresetLibrary::builtin().list(PresetKind::Study);
    QVERIFY(studies.size() >= 5);
    struct Size {
        double w, h, pt;
    };
    for (const PresetEntry* e : studies)
        for (const char* view : { "energy", "latency", "heatmap" })
            for (const Size& s : { Size { 3.5, 2.6, 8 }, Size { 3.5, 2.6, 10 }, Size { 7.16, 3, 8 } }) {
                const QString id = QString::fromStdString(e->id);
                QTest::addRow("%s %s %gx%g %gpt", qPrintable(id), view, s.w, s.h, s.pt)
                    << id << QString::fromLatin1(view) << s.w << s.h << s.pt;
            }
}

void TestFigureTypography::everyStudyAtPaperSizes()
{
    QFETCH(QString, study);
    QFETCH(QString, view);
    QFETCH(double, widthIn);
    QFETCH(double, heightIn);
    QFETCH(double, pt);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("figure.svg"));
    const auto run = test::runCli({ "export", study.toStdString(), "--view", view.toStdString(), "--out",
        path.toStdString(), "--width-in", QString::number(widthIn).toStdString(), "--height-in",
        QString::number(heightIn).toStdString(), "--font-pt", QString::number(pt).toStdString(), "--dpi",
        QString::number(kDpi).toStdString() });
    QVERIFY2(run.code == 0, run.err.c_str());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QStringList families;
    const std::vector<SvgText> texts = readTexts(file.readAll(), &families);
    QVERIFY(!texts.empty());

    QStringList all;
    for (const SvgText& t : texts) {
        QVERIFY2(t.points >= pt - 1, qPrintable(QStringLiteral("\"%1\" at %2 pt").arg(t.text).arg(t.points)));
        QVERIFY2(!t.text.contains(QChar(0x2026)) && !t.text.contains(QStringLiteral("...")),
            qPrintable(QStringLiteral("elided: \"%1\"").arg(t.text)));
        all << normalised(t.text);
    }
    // A text on several lines is written as consecutive elements, one per line.
    const QString joined = all.join(QLatin1Char(' '));
    const auto& lib = PresetLibrary::builtin();
    const auto loaded = loadStudy(lib.find(PresetKind::Study, study.toStdString())->json, lib);
    QVERIFY(loaded.ok());
    const Workspace w = workspaceFromStudy(loaded.value, 0);
    const WorkspaceResult r = evaluateWorkspace(w);
    const QStringList labels = expectedLabels(w, r, view);
    QVERIFY(!labels.isEmpty());
    for (const QString& label : labels)
        QVERIFY2(joined.contains(normalised(label)),
            qPrintable(QStringLiteral("missing or cut: \"%1\" in: %2").arg(label, joined)));

    // Every family named comes with a generic fallback after it.
    static const QRegularExpression generic(QStringLiteral(",\\s*(sans-serif|serif|monospace)$"));
    QVERIFY(!families.isEmpty());
    for (const QString& f : std::as_const(families))
        QVERIFY2(generic.match(f).hasMatch(), qPrintable(f));
}

QTEST_MAIN(TestFigureTypography)
#include "tst_figuretypography.moc"
