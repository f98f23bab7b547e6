// A write that fails part-way (a full disk) never costs the user a file: saving a workspace over an
// existing one and rendering a bundle over earlier output leave the old files as they were, say
// so, and the window keeps the document unsaved and its recovery file. The failure is injected
// with RLIMIT_FSIZE, which makes every write past a few bytes fail as a full disk does, on any file
// system and without root.
#include "app/mainwindow.h"
#include "app/recoverymanager.h"
#include "app/workspacefile.h"
#include "bundle/bundlecomposer.h"
#include "bundle/bundlerenderer.h"
#include "core/io/presetlibrary.h"
#include "document/workspacedocument.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <csignal>
#include <sys/resource.h>

using namespace tierlens;

namespace {

/// While alive, no process write may grow a file past `bytes`; such writes fail with EFBIG.
class WriteLimit {
public:
    explicit WriteLimit(rlim_t bytes)
    {
        std::signal(SIGXFSZ, SIG_IGN); // report the failed write instead of killing the test
        getrlimit(RLIMIT_FSIZE, &old_);
        rlimit limit = old_;
        limit.rlim_cur = bytes;
        ok_ = setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~WriteLimit() { setrlimit(RLIMIT_FSIZE, &old_); }
    bool ok() const { return ok_; }

private:
    rlimit old_ {};
    bool ok_ = false;
};

QByteArray contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Workspace defaultWorkspace()
{
    const auto& lib = PresetLibrary::builtin();
    auto ws = loadWorkspace(lib.find(PresetKind::Scenario, "default")->json, lib);
    if (!ws.ok())
        qFatal("default preset does not load");
    return ws.value;
}

} // namespace

class TestSaveFailure : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void workspaceFileKeepsTheOldFile();
    void windowSaveKeepsDocumentUnsavedAndRecovery();
    void renderKeepsEarlierOutput();
};

void TestSaveFailure::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // the window's recovery files go to a test location
    QApplication::setOrganizationName(QStringLiteral("Tierlens-test"));
}

void TestSaveFailure::workspaceFileKeepsTheOldFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("work.tierlens.json"));
    Workspace w = defaultWorkspace();
    QCOMPARE(WorkspaceFile::save(path, w), QString());
    const QByteArray good = contents(path);
    QVERIFY(good.size() > 1000);

    w.scenario.workload.batch = 64;
    QString error;
    {
        WriteLimit limit(64);
        QVERIFY(limit.ok());
        error = WorkspaceFile::save(path, w);
    }
    QVERIFY2(!error.isEmpty(), "a failed write must be reported");
    QCOMPARE(contents(path), good);
    // Nothing half-written is left beside it either.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
        QStringList { QStringLiteral("work.tierlens.json") });
}

void TestSaveFailure::windowSaveKeepsDocumentUnsavedAndRecovery()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("work.tierlens.json"));
    QCOMPARE(WorkspaceFile::save(path, defaultWorkspace()), QString());
    const QByteArray good = contents(path);

    MainWindow window;
    window.setInteractive(false);
    QVERIFY(window.openFile(path));
    WorkspaceDocument* doc = window.document();
    QVERIFY(doc->setValue(QStringLiteral("workload.batch"), 64));
    QVERIFY(doc->isModified());
    QVERIFY(window.recovery()->flush());
    const QString recovery = window.recovery()->recoveryPath();
    QVERIFY(QFile::exists(recovery));

    bool saved = true;
    {
        WriteLimit limit(64);
        QVERIFY(limit.ok());
        saved = window.saveTo(path);
    }
    QVERIFY(!saved);
    QCOMPARE(contents(path), good);
    QVERIFY(doc->isModified());
    QVERIFY(QFile::exists(recovery));
    QVERIFY2(window.lastMessage().contains(QStringLiteral("not written")), qPrintable(window.lastMessage()));
    QVERIFY2(window.lastMessage().contains(QStringLiteral("intact")), qPrintable(window.lastMessage()));

    // With room again the same save goes through, and only then is the recovery file dropped.
    QVERIFY(window.saveTo(path));
    QVERIFY(!doc->isModified());
    QVERIFY(contents(path) != good);
    QVERIFY(!QFile::exists(recovery));
}

void TestSaveFailure::renderKeepsEarlierOutput()
{
    const auto& lib = PresetLibrary::builtin();
    const auto composed = BundleComposer::compose(defaultWorkspace(), nullptr, lib);
    QVERIFY(composed.ok());
    QTemporaryDir dir;
    const auto first = BundleRenderer::render(composed.value, "test.tierlens.zip", dir.path(), lib);
    QVERIFY(first.problems.empty());
    const QString csv = QDir(dir.path()).filePath(QStringLiteral("workspace.csv"));
    QVERIFY(first.written.contains(csv));
    const QByteArray good = contents(csv);
    QVERIFY(good.size() > 64);
    QStringList before = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);

    BundleRenderReport failed;
    {
        WriteLimit limit(64);
        QVERIFY(limit.ok());
        failed = BundleRenderer::render(composed.value, "test.tierlens.zip", dir.path(), lib);
    }
    QVERIFY(!failed.problems.empty());
    QVERIFY2(!failed.written.contains(csv), "a file that was not written is not listed as written");
    bool named = false;
    for (const auto& p : failed.problems)
        named = named || QString::fromStdString(p.path) == csv;
    QVERIFY(named);
    QCOMPARE(contents(csv), good);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), before);
}

QTEST_MAIN(TestSaveFailure)
#include "tst_savefailure.moc"
