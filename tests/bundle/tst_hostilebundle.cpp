// Hostile and huge inputs for bundles and figures: writer and reader agree, render keeps its
// input, export caps pixels, devices are read with the caps in force.
#include "bundle/bundlereader.h"
#include "bundle/bundlewriter.h"
#include "core/io/inputlimits.h"
#include "core/io/presetlibrary.h"
#include "tests/support/bundletestsupport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

using namespace tierlens;

class TestHostileBundle : public QObject {
    Q_OBJECT
private slots:
    void writerRefusesWhatTheReaderRefuses();
    void deepEntryIsAProblem();
    void devZeroIsCappedWhileReading();
    void renderKeepsItsOwnInput();
    void exportCapsPixels();
};

namespace {

struct CliRun {
    int code;
    QByteArray err;
};

CliRun cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(TIERLENS_CLI_PATH), args);
    if (!p.waitForFinished(300000))
        return { -1, "timed out" };
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardError() };
}

QByteArray contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

void TestHostileBundle::writerRefusesWhatTheReaderRefuses()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("x.tierlens.zip"));
    // One byte over the per-entry cap: the reader refuses it, so the writer must not write it.
    Bundle big;
    big.entries.push_back(
        { QStringLiteral("workspace.csv"), QByteArray(int(Bundle::kMaxEntryBytes) + 1, 'a') });
    const QString error = BundleWriter::write(path, big);
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(QLatin1String("would be refused")), qPrintable(error));
    QVERIFY(!QFile::exists(path));
    // At the cap exactly, with bytes that do not compress 100 : 1, it is written and read back.
    Bundle ok;
    QByteArray data(1 << 20, '\0');
    quint32 x = 1;
    for (auto& c : data) {
        x = x * 1664525u + 1013904223u; // any bytes that deflate cannot shrink much
        c = char(x >> 24);
    }
    ok.entries.push_back({ QStringLiteral("workspace.csv"), data });
    QVERIFY(BundleWriter::write(path, ok).isEmpty());
    const auto back = BundleReader::read(path);
    QVERIFY(back.ok());
    QCOMPARE(back.value.entries.front().data, data);
}

void TestHostileBundle::deepEntryIsAProblem()
{
    const QByteArray deep = QByteArray(200000, '[') + QByteArray(200000, ']');
    // Stored, not deflated: brackets compress far past the reader's 100 : 1 ratio cap.
    auto entries = test::withManifest({ { QString(Bundle::kWorkspace), deep } });
    entries.back().stored = true;
    const QByteArray zip = test::zipOf(entries);
    const auto b = BundleReader::fromBytes(zip, "deep.tierlens.zip");
    for (const auto& p : b.problems)
        qWarning("%s", p.toString().c_str());
    QVERIFY(b.ok()); // the archive itself is sound
    const auto w = BundleReader::workspace(b.value, "deep.tierlens.zip", PresetLibrary::builtin());
    QVERIFY(!w.ok());
    QVERIFY2(w.problems.front().toString().find("nested more than") != std::string::npos,
        w.problems.front().toString().c_str());
}

void TestHostileBundle::devZeroIsCappedWhileReading()
{
    const auto b = BundleReader::read(QStringLiteral("/dev/zero"));
    QVERIFY(!b.ok());
    QVERIFY2(b.problems.front().message.find("larger than 64 MiB") != std::string::npos,
        b.problems.front().message.c_str());
}

void TestHostileBundle::renderKeepsItsOwnInput()
{
    QTemporaryDir dir;
    const QString made = dir.filePath(QStringLiteral("made.tierlens.zip"));
    QCOMPARE(
        cli({ QStringLiteral("bundle"), QStringLiteral("paper/fig6"), QStringLiteral("--out"), made }).code,
        0);
    // The bundle sits in the output folder under the name of one of render's outputs.
    const QString input = dir.filePath(QStringLiteral("workspace.csv"));
    QVERIFY(QFile::copy(made, input));
    const QByteArray before = contents(input);
    const CliRun r = cli({ QStringLiteral("render"), input, QStringLiteral("--out"), dir.path() });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("is the bundle being rendered"), r.err.constData());
    QCOMPARE(contents(input), before);
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("study.csv")))); // the other outputs are written
}

void TestHostileBundle::exportCapsPixels()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("x.png"));
    const auto args = [&](const char* w, const char* h, const char* dpi) {
        return QStringList { QStringLiteral("export"), QStringLiteral("paper/fig6"), QStringLiteral("--out"),
            out, QStringLiteral("--width-in"), QString::fromLatin1(w), QStringLiteral("--height-in"),
            QString::fromLatin1(h), QStringLiteral("--dpi"), QString::fromLatin1(dpi) };
    };
    // 50 in × 50 in at 600 dpi: 30000 × 30000 pixels.
    const CliRun big = cli(args("50", "50", "600"));
    QCOMPARE(big.code, 2);
    QVERIFY2(big.err.contains("30000 × 30000 pixels"), big.err.constData());
    QVERIFY(!QFile::exists(out));
    // Under both caps: 10 in × 10 in at 300 dpi is 3000 × 3000 = 9 million pixels.
    QVERIFY(3000.0 * 3000.0 <= limits::kMaxExportPixels && 3000.0 <= limits::kMaxExportSide);
    QCOMPARE(cli(args("10", "10", "300")).code, 0);
    QVERIFY(QFile::exists(out));
}

QTEST_GUILESS_MAIN(TestHostileBundle)
#include "tst_hostilebundle.moc"
