// Figure export: one paint path, three devices. Checks the files themselves (SVG parses, PDF page
// size and vector text, PNG pixels and DPI) and the tierlens-cli export command.
#include "tests/support/testsupport.h"

#include "core/data/study.h"
#include "core/data/workspace.h"
#include "core/io/presetlibrary.h"
#include "core/io/resultjson.h"
#include "render/barchartpainter.h"
#include "render/chartaxis.h"
#include "render/chartdatabuilder.h"
#include "render/figureexporter.h"
#include "render/heatmappainter.h"
#include "widgets/dialogs/figureexportdialog.h"

#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtEndian>

#include <algorithm>

using namespace tierlens;

namespace {

Workspace studyWorkspace(const std::string& id)
{
    const auto& lib = PresetLibrary::builtin();
    const PresetEntry* e = lib.find(PresetKind::Study, id);
    if (!e)
        qFatal("no study %s", id.c_str());
    auto st = loadStudy(e->json, lib);
    if (!st.ok())
        qFatal("study %s did not load", id.c_str());
    return workspaceFromStudy(st.value);
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList svgTexts(const QByteArray& svg)
{
    QStringList texts;
    static const QRegularExpression re(QStringLiteral("<text[^>]*>([^<]*)</text>"));
    auto it = re.globalMatch(QString::fromUtf8(svg));
    while (it.hasNext())
        texts << it.next().captured(1).trimmed();
    return texts;
}

/// The PDF's content streams, inflated (QPdfWriter always compresses them with FlateDecode).
QList<QByteArray> pdfStreams(const QByteArray& pdf)
{
    QList<QByteArray> out;
    qsizetype pos = 0;
    while ((pos = pdf.indexOf("stream\n", pos)) >= 0) {
        const qsizetype start = pos + 7;
        const qsizetype end = pdf.indexOf("endstream", start);
        if (end < 0)
            break;
        const QByteArray raw = pdf.mid(start, end - start);
        const qsizetype dict = pdf.lastIndexOf(" obj", pos);
        if (dict >= 0 && pdf.mid(dict, pos - dict).contains("/FlateDecode")) {
            // qUncompress wants zlib data behind a 4-byte big-endian size hint.
            QByteArray z(4, '\0');
            qToBigEndian<quint32>(quint32(16 * 1024 * 1024), z.data());
            out << qUncompress(z + raw);
        } else {
            out << raw;
        }
        pos = end + 9; // past "endstream", which itself ends in "stream"
    }
    return out;
}

FigureExportOptions paperOptions()
{
    FigureExportOptions o;
    o.width = 3.5;
    o.height = 2.6;
    o.unit = FigureExportOptions::Unit::Inch;
    o.dpi = 300;
    o.fontPt = 8;
    return o;
}

} // namespace

class TestFigureExport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void formatFromSuffix();
    void svgIsValidWithTitleAndNumbers();
    void pdfPageSizeAndVector();
    void pngPixelsAndDpi();
    void pixelUnitIsExact();
    void sameNumbersInEveryFormat();
    void badPathLeavesNoFile();
    void badSizeIsAnError();
    void dataExportHasEveryNumber();
    void dialogRemembersSettings();
    void cliExportExitCodes_data();
    void cliExportExitCodes();

private:
    QTemporaryDir dir_;
    HeatmapPainter heatmap_;
    BarChartPainter bars_;
};

void TestFigureExport::initTestCase()
{
    QVERIFY(dir_.isValid());
    // The dialog's QSettings go to the temporary directory, never to the user's configuration.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.path());
    const Workspace hw = studyWorkspace("paper/fig6");
    heatmap_.setData(ChartDataBuilder::heatmap(hw, evaluateWorkspace(hw)));
    QVERIFY(heatmap_.rowCount() > 0 && heatmap_.columnCount() > 0);
    const Workspace bw = studyWorkspace("paper/fig4-mixtral");
    bars_.setData(ChartDataBuilder::energy(bw, evaluateWorkspace(bw), false).data);
    QVERIFY(!bars_.data().bars.empty());
}

void TestFigureExport::formatFromSuffix()
{
    QCOMPARE(FigureExporter::formatForPath(QStringLiteral("a/b.SVG")), FigureExportOptions::Format::Svg);
    QCOMPARE(FigureExporter::formatForPath(QStringLiteral("b.pdf")), FigureExportOptions::Format::Pdf);
    QCOMPARE(FigureExporter::formatForPath(QStringLiteral("b.png")), FigureExportOptions::Format::Png);
    QCOMPARE(FigureExporter::formatForPath(QStringLiteral("b.jpg")), FigureExportOptions::Format::FromSuffix);
}

void TestFigureExport::svgIsValidWithTitleAndNumbers()
{
    FigureExportOptions o = paperOptions();
    o.title = QStringLiteral("Energy check 42");
    const QString path = dir_.filePath(QStringLiteral("bars.svg"));
    QCOMPARE(FigureExporter::exportToFile(bars_, path, o), QString());
    const QByteArray svg = readAll(path);
    QSvgRenderer renderer(svg);
    QVERIFY(renderer.isValid());
    const QStringList texts = svgTexts(svg);
    QVERIFY2(texts.contains(o.title), qPrintable(texts.join(QLatin1Char('|'))));
    // Tick labels are numbers drawn as text, not outlines.
    QVERIFY(std::any_of(texts.begin(), texts.end(), [](const QString& t) {
        bool ok = false;
        t.toDouble(&ok);
        return ok;
    }));
    // The physical size: 3.5 in = 88.9 mm.
    QVERIFY2(svg.contains("width=\"88.9mm\""), svg.left(400).constData());
}

void TestFigureExport::pdfPageSizeAndVector()
{
    const QString path = dir_.filePath(QStringLiteral("heatmap.pdf"));
    QCOMPARE(FigureExporter::exportToFile(heatmap_, path, paperOptions()), QString());
    const QByteArray pdf = readAll(path);
    QVERIFY(pdf.startsWith("%PDF-"));
    // One page object (the page tree is "/Type /Pages").
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?!s)"));
    QCOMPARE(QString::fromLatin1(pdf).count(page), 1);
    static const QRegularExpression box(
        QStringLiteral("/MediaBox\\s*\\[\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)\\s*\\]"));
    const auto m = box.match(QString::fromLatin1(pdf));
    QVERIFY(m.hasMatch());
    QVERIFY(qAbs(m.captured(1).toDouble() - 252.0) < 0.5); // 3.5 in × 72 pt
    QVERIFY(qAbs(m.captured(2).toDouble() - 187.2) < 0.5); // 2.6 in × 72 pt
    // Vector: text is drawn with text operators from an embedded font, and no image is embedded.
    const QList<QByteArray> streams = pdfStreams(pdf);
    const bool hasText = std::any_of(streams.begin(), streams.end(),
        [](const QByteArray& s) { return s.contains("BT") && (s.contains("Tj") || s.contains("TJ")); });
    QVERIFY(hasText);
    QVERIFY(pdf.contains("/Font"));
    QVERIFY(!pdf.contains("/Subtype /Image"));
}

void TestFigureExport::pngPixelsAndDpi()
{
    const QString path = dir_.filePath(QStringLiteral("heatmap.png"));
    QCOMPARE(FigureExporter::exportToFile(heatmap_, path, paperOptions()), QString());
    QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1050, 780));
    QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 300);
    QCOMPARE(qRound(image.dotsPerMeterY() * 0.0254), 300);
}

void TestFigureExport::pixelUnitIsExact()
{
    FigureExportOptions o;
    o.unit = FigureExportOptions::Unit::Pixel;
    o.width = 801;
    o.height = 333;
    o.dpi = 96;
    const QString path = dir_.filePath(QStringLiteral("pixels.png"));
    QCOMPARE(FigureExporter::exportToFile(bars_, path, o), QString());
    QCOMPARE(QImage(path).size(), QSize(801, 333));
}

// The three files come from one painter with one HeatmapData, so the numbers are shared by
// construction; the SVG proves every cell's number is drawn as text, and the PDF draws at least as
// many text runs (its glyphs are subset-encoded, so they cannot be read back as digits).
void TestFigureExport::sameNumbersInEveryFormat()
{
    FigureExportOptions o = paperOptions();
    o.width = 7; // room for every cell's number
    o.height = 5;
    const QString svgPath = dir_.filePath(QStringLiteral("cells.svg"));
    const QString pdfPath = dir_.filePath(QStringLiteral("cells.pdf"));
    QCOMPARE(FigureExporter::exportToFile(heatmap_, svgPath, o), QString());
    QCOMPARE(FigureExporter::exportToFile(heatmap_, pdfPath, o), QString());
    const QStringList texts = svgTexts(readAll(svgPath));
    const int decimals = std::clamp(heatmap_.data().decimals, 1, 15);
    int cells = 0;
    for (int r = 0; r < heatmap_.rowCount(); ++r)
        for (int c = 0; c < heatmap_.columnCount(); ++c) {
            const double v = heatmap_.value(r, c);
            if (!std::isfinite(v))
                continue;
            ++cells;
            const QString expected = ChartAxis::format(v, decimals);
            QVERIFY2(texts.contains(expected), qPrintable(expected + QStringLiteral(" not in SVG")));
        }
    QVERIFY(cells > 0);
    int runs = 0;
    for (const QByteArray& s : pdfStreams(readAll(pdfPath)))
        runs += int(s.count("BT"));
    QVERIFY2(runs >= cells, qPrintable(QStringLiteral("%1 text runs for %2 cells").arg(runs).arg(cells)));
}

void TestFigureExport::badPathLeavesNoFile()
{
    const QString path = dir_.filePath(QStringLiteral("missing-dir/figure.svg"));
    const QString error = FigureExporter::exportToFile(bars_, path, paperOptions());
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFile::exists(path));
    const QString unknown = dir_.filePath(QStringLiteral("figure.jpg"));
    QVERIFY(!FigureExporter::exportToFile(bars_, unknown, paperOptions()).isEmpty());
    QVERIFY(!QFile::exists(unknown));
}

void TestFigureExport::badSizeIsAnError()
{
    FigureExportOptions o = paperOptions();
    o.width = -1;
    const QString path = dir_.filePath(QStringLiteral("negative.png"));
    QVERIFY(!FigureExporter::exportToFile(bars_, path, o).isEmpty());
    QVERIFY(!QFile::exists(path));
    o = paperOptions();
    o.height = 1e9;
    QVERIFY(!FigureExporter::exportToFile(bars_, path, o).isEmpty());
    QVERIFY(!QFile::exists(path));
}

void TestFigureExport::dataExportHasEveryNumber()
{
    const Workspace w = studyWorkspace("paper/fig6");
    const WorkspaceResult r = evaluateWorkspace(w);
    const QStringList lines = QString::fromStdString(workspaceResultToCsv(w, r))
                                  .split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.front(), QStringLiteral("study,x,y,batch,placement,component,value,unit"));
    qsizetype cells = 0;
    for (const auto& row : r.cells)
        cells += qsizetype(row.size());
    QVERIFY(cells > 0);
    const auto heatmapRows = std::count_if(
        lines.begin(), lines.end(), [](const QString& l) { return l.contains(QStringLiteral(",heatmap.")); });
    QCOMPARE(qsizetype(heatmapRows), cells);
    const nlohmann::json j = workspaceResultToJson(w, r);
    QCOMPARE(j["bars"].size(), r.bars.size());
    QCOMPARE(j["heatmap"]["cells"].size(), r.cells.size());
}

void TestFigureExport::dialogRemembersSettings()
{
    {
        FigureExportDialog dialog(QStringLiteral("fig6-heatmap"));
        const FigureExportOptions d = dialog.options();
        QCOMPARE(d.unit, FigureExportOptions::Unit::Inch);
        QCOMPARE(d.width, 3.5);
        QCOMPARE(d.fontPt, 8.0);
        QVERIFY(dialog.path().endsWith(QStringLiteral("fig6-heatmap.pdf")));
        // Switching the unit keeps the physical size: 3.5 in is 88.9 mm.
        auto* unit = dialog.findChild<QComboBox*>(QStringLiteral("unit"));
        unit->setCurrentIndex(unit->findData(int(FigureExportOptions::Unit::Millimeter)));
        QCOMPARE(dialog.options().unit, FigureExportOptions::Unit::Millimeter);
        QVERIFY(qAbs(dialog.options().width - 88.9) < 0.05);
        auto* format = dialog.findChild<QComboBox*>(QStringLiteral("format"));
        format->setCurrentIndex(format->findData(int(FigureExportOptions::Format::Svg)));
        QVERIFY(dialog.path().endsWith(QStringLiteral("fig6-heatmap.svg")));
        dialog.accept();
    }
    FigureExportDialog again(QStringLiteral("other"));
    QCOMPARE(again.options().unit, FigureExportOptions::Unit::Millimeter);
    QCOMPARE(again.options().format, FigureExportOptions::Format::Svg);
    QVERIFY(qAbs(again.options().width - 88.9) < 0.05);
}

void TestFigureExport::cliExportExitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("out");
    QTest::addColumn<int>("code");
    QTest::newRow("bad suffix") << QStringList { QStringLiteral("paper/fig6") } << QStringLiteral("f.jpg")
                                << 2;
    QTest::newRow("unknown study") << QStringList { QStringLiteral("no/such-study") }
                                   << QStringLiteral("u.svg") << 1;
    QTest::newRow("bad palette") << QStringList { QStringLiteral("paper/fig6"), QStringLiteral("--palette"),
        QStringLiteral("pink") } << QStringLiteral("p.svg")
                                 << 2;
    QTest::newRow("heatmap pdf") << QStringList { QStringLiteral("paper/fig6") } << QStringLiteral("fig6.pdf")
                                 << 0;
    QTest::newRow("bars png") << QStringList { QStringLiteral("paper/fig4-mixtral"), QStringLiteral("--dpi"),
        QStringLiteral("150") }
                              << QStringLiteral("fig4.png") << 0;
    QTest::newRow("log bars pdf") << QStringList { QStringLiteral("paper/fig4-mixtral"),
        QStringLiteral("--log") } << QStringLiteral("fig4-log.pdf")
                                  << 0;
    QTest::newRow("case out of range")
        << QStringList { QStringLiteral("paper/fig6"), QStringLiteral("--case"), QStringLiteral("7") }
        << QStringLiteral("c.svg") << 1;
    QTest::newRow("latency svg") << QStringList { QStringLiteral("paper/fig5") } << QStringLiteral("fig5.svg")
                                 << 0;
}

void TestFigureExport::cliExportExitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(QString, out);
    QFETCH(int, code);
    const QString path = dir_.filePath(out);
    QProcess p;
    // No platform and no display set: export must pick the offscreen platform by itself.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(TIERLENS_CLI_PATH),
        QStringList { QStringLiteral("export") } + args + QStringList { QStringLiteral("--out"), path });
    QVERIFY(p.waitForFinished(120000));
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() == code, err.constData());
    QCOMPARE(QFile::exists(path), code == 0);
    if (code != 0)
        QVERIFY(!err.isEmpty());
}

QTEST_MAIN(TestFigureExport)
#include "tst_figureexport.moc"
