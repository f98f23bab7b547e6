// Bundles: what the writer puts in, that render reproduces every number, and that the reader
// rejects every kind of hostile archive before returning anything.
#include "bundle/bundlecomposer.h"
#include "bundle/bundlereader.h"
#include "bundle/bundlerenderer.h"
#include "core/data/study.h"
#include "core/io/presetlibrary.h"
#include "tests/support/bundletestsupport.h"
#include "tests/support/testsupport.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

using namespace tierlens;
using namespace tierlens::test;

namespace {

const std::string kSource = "test.tierlens.zip";

// Small valid contents; the hostile cases add to or change them.
std::vector<RawEntry> plainEntries()
{
    return { { QStringLiteral("README.txt"), QByteArrayLiteral("hello\n") },
        { QStringLiteral("workspace.csv"), QByteArrayLiteral("a,b\r\n1,2\r\n") } };
}

QByteArray randomBytes(qsizetype n)
{
    QByteArray b(n, Qt::Uninitialized);
    QRandomGenerator rng(42);
    rng.fillRange(reinterpret_cast<quint32*>(b.data()), n / qsizetype(sizeof(quint32)));
    return b;
}

Loaded<Bundle> composeStudy(const char* id)
{
    const auto& lib = PresetLibrary::builtin();
    const PresetEntry* e = lib.find(PresetKind::Study, id);
    if (!e)
        qFatal("no study preset %s", id);
    auto st = loadStudy(e->json, lib);
    if (!st.ok())
        qFatal("study preset %s does not load", id);
    return BundleComposer::compose(workspaceFromStudy(st.value), &e->json, lib);
}

// Multiplies the "value" field (column 7) of a tidy CSV's line `line` (0 is the header) by 1.01.
void scaleValue(QByteArray& csv, int line)
{
    QList<QByteArray> lines = csv.split('\n');
    QList<QByteArray> fields = lines[line].split(',');
    fields[6] = QByteArray::number(fields[6].toDouble() * 1.01, 'g', 17);
    lines[line] = fields.join(',');
    csv = lines.join('\n');
}

struct CliRun {
    int code = -1;
    QString out;
    QString err;
};

CliRun cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(TIERLENS_CLI_PATH), args);
    CliRun r;
    if (!p.waitForFinished(120000))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestBundle : public QObject {
    Q_OBJECT
private slots:
    void writerListsEveryEntryInTheManifest();
    void roundTripReproducesEveryNumber();
    void renderReportsATamperedValue();
    void plainValidArchiveIsAccepted();
    void rejects_data();
    void rejects();
    void rejectsEntryOverSizeCap();
    void rejectsTotalOverCap();
    void rejectsZipBomb();
    void rejectsLyingCentralDirectory();
    void rejectsNonZip();
    void malformedJsonNamesEntryAndLine();
    void cliBundleRenderExport();

private:
    void expectRejected(const QByteArray& zip, const QString& entry, const QString& fragment);
};

void TestBundle::expectRejected(const QByteArray& zip, const QString& entry, const QString& fragment)
{
    const auto r = BundleReader::fromBytes(zip, kSource);
    QVERIFY2(!r.ok(), "a hostile archive was accepted");
    QVERIFY(r.value.entries.empty());
    QStringList all;
    bool found = false;
    for (const auto& p : r.problems) {
        const QString path = QString::fromStdString(p.path), text = QString::fromStdString(p.message);
        all << QString::fromStdString(p.toString());
        if (path.startsWith(QString::fromStdString(kSource)) && path.contains(entry)
            && text.contains(fragment))
            found = true;
    }
    QVERIFY2(found,
        qPrintable(QStringLiteral("expected a problem naming %1 with \"%2\"; got:\n%3")
                       .arg(entry, fragment, all.join(QLatin1Char('\n')))));
}

void TestBundle::writerListsEveryEntryInTheManifest()
{
    const auto b = composeStudy("paper/fig4-mixtral");
    QVERIFY(b.ok());
    for (const char* name :
        { "README.txt", "workspace.tierlens.json", "workspace.csv", "study.json", "study.csv",
            "figures/energy.svg", "figures/energy.pdf", "figures/latency.svg", "figures/heatmap.pdf" })
        QVERIFY2(b.value.find(QLatin1String(name)), name);
    const auto back = BundleReader::fromBytes(BundleWriter::toZip(b.value), kSource);
    QVERIFY(back.ok());
    QCOMPARE(back.value.entries.size(), b.value.entries.size());
    for (std::size_t i = 0; i < b.value.entries.size(); ++i) {
        QCOMPARE(back.value.entries[i].name, b.value.entries[i].name);
        QCOMPARE(back.value.entries[i].data, b.value.entries[i].data);
    }
    QVERIFY(b.value.find(Bundle::kReadme)->data.contains("tierlens-cli render"));
    // The scenario travels with the sources of its constants.
    const auto* ws = back.value.find(Bundle::kWorkspace);
    QVERIFY(ws);
    const auto j = nlohmann::json::parse(ws->data.toStdString());
    QVERIFY(j["scenario"]["gpu"]["sources"].is_object());
    const auto w = loadWorkspace(j, PresetLibrary::builtin());
    QVERIFY(w.ok());
    const auto& lib = PresetLibrary::builtin();
    const auto study = loadStudy(lib.find(PresetKind::Study, "paper/fig4-mixtral")->json, lib);
    QVERIFY(study.ok());
    const Scenario original = workspaceFromStudy(study.value).scenario;
    QVERIFY(!original.gpu.sources.empty() && !original.model.sources.empty());
    QCOMPARE(w.value.scenario.gpu.sources.size(), original.gpu.sources.size());
    for (const auto& [key, p] : original.gpu.sources)
        QCOMPARE(w.value.scenario.gpu.sources.at(key).cite, p.cite);
    QCOMPARE(w.value.scenario.model.sources.size(), original.model.sources.size());
    QCOMPARE(w.value.scenario.tiers.size(), original.tiers.size());
    for (std::size_t i = 0; i < original.tiers.size(); ++i)
        QCOMPARE(w.value.scenario.tiers[i].sources.size(), original.tiers[i].sources.size());
}

void TestBundle::roundTripReproducesEveryNumber()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fig5.tierlens.zip"));
    const auto composed = composeStudy("paper/fig5");
    QVERIFY(composed.ok());
    QCOMPARE(BundleWriter::write(path, composed.value), QString());
    const auto b = BundleReader::read(path);
    QVERIFY(b.ok());
    const auto report = BundleRenderer::render(
        b.value, kSource, dir.filePath(QStringLiteral("out")), PresetLibrary::builtin());
    QVERIFY(report.problems.empty());
    QVERIFY(report.differences.empty());
    QVERIFY(report.ok());
    for (const char* name :
        { "workspace.csv", "study.csv", "energy.svg", "energy.pdf", "latency.svg", "latency.pdf" })
        QVERIFY2(QFileInfo(dir.filePath(QStringLiteral("out/") + QLatin1String(name))).size() > 100, name);
}

void TestBundle::renderReportsATamperedValue()
{
    auto composed = composeStudy("paper/fig4-mixtral");
    QVERIFY(composed.ok());
    // Change one number by 1 %; the writer recomputes the manifest, so only the numbers disagree.
    for (auto& e : composed.value.entries) {
        if (e.name != Bundle::kWorkspaceCsv)
            continue;
        scaleValue(e.data, 5);
    }
    const auto b = BundleReader::fromBytes(BundleWriter::toZip(composed.value), kSource);
    QVERIFY(b.ok());
    QTemporaryDir dir;
    const auto report = BundleRenderer::render(b.value, kSource, dir.path(), PresetLibrary::builtin());
    QVERIFY(report.problems.empty());
    QCOMPARE(report.differences.size(), std::size_t(1));
    const QString d = QString::fromStdString(report.differences.front());
    QVERIFY2(d.contains(QLatin1String("workspace.csv")) && d.contains(QLatin1String("row 6"))
            && d.contains(QLatin1String("column value")),
        qPrintable(d));
}

void TestBundle::plainValidArchiveIsAccepted()
{
    const auto r = BundleReader::fromBytes(zipOf(withManifest(plainEntries())), kSource);
    QVERIFY(r.ok());
    QCOMPARE(r.value.entries.size(), std::size_t(2));
    QCOMPARE(r.value.find(QLatin1String("README.txt"))->data, QByteArrayLiteral("hello\n"));
}

// Each row is one small archive with a single thing wrong; the rest is valid (the hostile entry is
// even listed with the right checksum), so removing the check would let it through.
void TestBundle::rejects_data()
{
    QTest::addColumn<QByteArray>("zip");
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("fragment");
    const auto plus = [](RawEntry extra) {
        auto e = plainEntries();
        e.push_back(std::move(extra));
        return zipOf(withManifest(e));
    };
    const QByteArray x = QByteArrayLiteral("x");
    QTest::newRow("parent") << plus({ QStringLiteral("../evil"), x }) << "../evil"
                            << "\"..\"";
    QTest::newRow("nested parent") << plus({ QStringLiteral("figures/../../evil"), x })
                                   << "figures/../../evil"
                                   << "\"..\"";
    QTest::newRow("absolute") << plus({ QStringLiteral("/abs"), x }) << "/abs"
                              << "absolute";
    QTest::newRow("drive letter") << plus({ QStringLiteral("C:/x"), x }) << "C:/x"
                                  << "drive letter";
    QTest::newRow("backslash") << plus({ QStringLiteral("..\\evil"), x }) << "..\\evil"
                               << "backslash";
    QTest::newRow("symlink") << plus(
        { QStringLiteral("link"), QByteArrayLiteral("/etc/passwd"), quint32(0120777) << 16 })
                             << "link"
                             << "symbolic link";
    QTest::newRow("duplicate") << plus({ QStringLiteral("README.txt"), x }) << "README.txt"
                               << "more than once";
    QTest::newRow("case duplicate") << plus({ QStringLiteral("readme.TXT"), x }) << "readme.TXT"
                                    << "only in case";

    QTest::newRow("missing manifest") << zipOf(plainEntries()) << ""
                                      << "no manifest.json";
    auto unlisted = withManifest(plainEntries());
    unlisted.push_back({ QStringLiteral("extra.txt"), x });
    QTest::newRow("unlisted entry") << zipOf(unlisted) << "extra.txt"
                                    << "not in the manifest";
    auto absent = withManifest(plainEntries());
    absent.pop_back();
    QTest::newRow("listed but absent") << zipOf(absent) << "workspace.csv"
                                       << "not in the archive";
    auto checksum = withManifest(plainEntries());
    checksum[1].data = QByteArrayLiteral("HELLO\n"); // same size, other bytes
    QTest::newRow("checksum") << zipOf(checksum) << "README.txt"
                              << "SHA-256";
    auto size = withManifest(plainEntries());
    size[1].data = QByteArrayLiteral("hello, longer\n");
    QTest::newRow("size") << zipOf(size) << "README.txt"
                          << "the manifest says 6";
    auto version = withManifest(plainEntries());
    version[0].data.replace("\"schema_version\": 1", "\"schema_version\": 99");
    QTest::newRow("schema version") << zipOf(version) << "manifest.json: schema_version"
                                    << "this version reads 1";
    auto malformed = withManifest(plainEntries());
    malformed[0].data = QByteArrayLiteral("{\n  \"entries\": [,]\n}");
    QTest::newRow("malformed manifest") << zipOf(malformed) << "manifest.json"
                                        << "line 2";
}

void TestBundle::rejects()
{
    QFETCH(QByteArray, zip);
    QFETCH(QString, entry);
    QFETCH(QString, fragment);
    expectRejected(zip, entry, fragment);
}

void TestBundle::rejectsEntryOverSizeCap()
{
    // Random bytes do not compress, so only the per-entry cap can object.
    auto e = plainEntries();
    e.push_back({ QStringLiteral("big.bin"), randomBytes(Bundle::kMaxEntryBytes + 4), {}, true });
    expectRejected(zipOf(withManifest(e)), QStringLiteral("big.bin"), QStringLiteral("per entry"));
}

void TestBundle::rejectsTotalOverCap()
{
    // Entries under the per-entry cap that compress about 7 : 1 (one random bit per byte): the
    // archive stays under its own cap and no ratio looks like a bomb, but together they inflate
    // past the total cap.
    auto e = plainEntries();
    QByteArray chunk = randomBytes(Bundle::kMaxEntryBytes - 16);
    for (char& c : chunk)
        c = 'a' + (c & 1);
    for (qint64 i = 0; i * (Bundle::kMaxEntryBytes - 16) <= Bundle::kMaxTotalBytes; ++i)
        e.push_back({ QStringLiteral("part%1.txt").arg(i), chunk });
    expectRejected(zipOf(withManifest(e)), QString(), QStringLiteral("in all"));
}

void TestBundle::rejectsZipBomb()
{
    // 4 MiB of zeros deflate to a few KiB: far under the size caps, far over the ratio cap.
    auto e = plainEntries();
    e.push_back({ QStringLiteral("zeros.bin"), QByteArray(4 << 20, '\0') });
    expectRejected(zipOf(withManifest(e)), QStringLiteral("zeros.bin"), QStringLiteral("zip bomb"));
}

void TestBundle::rejectsLyingCentralDirectory()
{
    // Both headers declare 3 bytes for README.txt, which inflates to 6: the inflater stops at the
    // declared size (the count never exceeds it) and the CRC of what came out no longer matches.
    QByteArray zip = zipOf(withManifest(plainEntries()));
    const auto patch = [&](const QByteArray& signature, int sizeAt, int nameAt) {
        for (qsizetype i = zip.indexOf(signature); i >= 0; i = zip.indexOf(signature, i + 1))
            if (zip.mid(i + nameAt, 10) == "README.txt") {
                zip[i + sizeAt] = 3;
                return true;
            }
        return false;
    };
    QVERIFY(patch(QByteArray("PK\x01\x02", 4), 24, 46)); // central directory
    QVERIFY(patch(QByteArray("PK\x03\x04", 4), 22, 30)); // local header
    expectRejected(zip, QStringLiteral("README.txt"), QStringLiteral("CRC"));
}

void TestBundle::rejectsNonZip()
{
    expectRejected(QByteArrayLiteral("not a zip at all"), QString(), QStringLiteral("not a zip archive"));
}

void TestBundle::malformedJsonNamesEntryAndLine()
{
    auto e = plainEntries();
    e.push_back({ QString(Bundle::kWorkspace), QByteArrayLiteral("{\n  \"scenario\": {\n    \"id\": ,\n}") });
    const auto b = BundleReader::fromBytes(zipOf(withManifest(e)), kSource);
    QVERIFY(b.ok());
    const auto w = BundleReader::workspace(b.value, kSource, PresetLibrary::builtin());
    QVERIFY(!w.ok());
    const QString text = QString::fromStdString(w.problems.front().toString());
    QVERIFY2(text.contains(QLatin1String("test.tierlens.zip: workspace.tierlens.json"))
            && text.contains(QLatin1String("line 3")),
        qPrintable(text));
}

void TestBundle::cliBundleRenderExport()
{
    QTemporaryDir dir;
    const QString zip = dir.filePath(QStringLiteral("fig6.tierlens.zip"));
    const CliRun made
        = cli({ QStringLiteral("bundle"), QStringLiteral("paper/fig6"), QStringLiteral("--out"), zip });
    QVERIFY2(made.code == 0, qPrintable(made.err));
    const CliRun rendered = cli(
        { QStringLiteral("render"), zip, QStringLiteral("--out"), dir.filePath(QStringLiteral("out")) });
    QVERIFY2(rendered.code == 0, qPrintable(rendered.err));
    QVERIFY(rendered.out.contains(QLatin1String("every number reproduced")));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("out/study.csv"))).size() > 0);
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("out/energy.pdf"))).size() > 0);
    const QString svg = dir.filePath(QStringLiteral("fig.svg"));
    const CliRun exported = cli({ QStringLiteral("export"), zip, QStringLiteral("--out"), svg });
    QVERIFY2(exported.code == 0, qPrintable(exported.err));
    QVERIFY(QFileInfo(svg).size() > 100);

    // A bundle whose study number was changed (manifest recomputed) renders with exit status 1.
    auto b = BundleReader::read(zip);
    QVERIFY(b.ok());
    for (auto& e : b.value.entries)
        if (e.name == Bundle::kStudyCsv)
            scaleValue(e.data, 1);
    const QString tampered = dir.filePath(QStringLiteral("tampered.tierlens.zip"));
    QCOMPARE(BundleWriter::write(tampered, b.value), QString());
    const CliRun bad = cli(
        { QStringLiteral("render"), tampered, QStringLiteral("--out"), dir.filePath(QStringLiteral("bad")) });
    QCOMPARE(bad.code, 1);
    QVERIFY2(bad.err.contains(QLatin1String("differs: tampered.tierlens.zip: study.csv: row 2")),
        qPrintable(bad.err));

    const CliRun hostile = cli({ QStringLiteral("render"), QStringLiteral(TIERLENS_CLI_PATH),
        QStringLiteral("--out"), dir.filePath(QStringLiteral("x")) });
    QCOMPARE(hostile.code, 1);
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("x"))));
}

QTEST_MAIN(TestBundle)
#include "tst_bundle.moc"
