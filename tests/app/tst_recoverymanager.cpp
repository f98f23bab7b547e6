// Autosave and crash recovery of the window, offscreen: the recovery file follows unsaved edits,
// a save or a clean quit removes it, and a file left by a run that died restores the work.
#include "app/mainwindow.h"
#include "app/recoverymanager.h"
#include "app/workspacefile.h"
#include "core/io/presetlibrary.h"
#include "document/workspacedocument.h"
#include "tests/support/testsupport.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>

#include <unistd.h>

#include <memory>

using namespace tierlens;

class TestRecoveryManager : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void editWritesRecoveryFileAfterAPause();
    void continuousEditingIsSavedWithinTheMaximumDelay();
    void saveAndCleanQuitRemoveTheFile();
    void liveRunIsNotAnOrphan();
    void deadRunsLockIsCleared();
    void crashedRunIsRestoredUnsavedWithItsFile();
    void corruptRecoveryFileIsKeptAsideAndReported_data();
    void corruptRecoveryFileIsKeptAsideAndReported();
    void saveToReadOnlyDirectoryKeepsTheOldFile();
    void endlessDeviceIsRefusedWhileReading();

private:
    std::unique_ptr<MainWindow> window();
    /// The workspace a recovery file holds.
    static Workspace recoveredWorkspace(const QString& path);
    static void settle() { QApplication::processEvents(); }
    QString dir_;
};

void TestRecoveryManager::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keep the person's own recovery files out of it
    QApplication::setOrganizationName(QStringLiteral("Tierlens-test"));
    dir_ = RecoveryManager::defaultDirectory();
}

void TestRecoveryManager::init()
{
    QDir(dir_).removeRecursively();
}

void TestRecoveryManager::cleanup()
{
    QDir(dir_).removeRecursively();
}

std::unique_ptr<MainWindow> TestRecoveryManager::window()
{
    auto w = std::make_unique<MainWindow>();
    w->setInteractive(false);
    w->recovery()->setDelays(50, 2000);
    w->show();
    settle();
    return w;
}

Workspace TestRecoveryManager::recoveredWorkspace(const QString& path)
{
    const auto j = WorkspaceFile::readJson(path);
    if (!j.ok())
        qFatal("%s", j.problems.front().toString().c_str());
    return loadWorkspace(j.value.at("workspace"), PresetLibrary::builtin()).value;
}

void TestRecoveryManager::editWritesRecoveryFileAfterAPause()
{
    auto w = window();
    const QString path = w->recovery()->recoveryPath();
    QVERIFY(path.startsWith(dir_));
    QVERIFY(!QFile::exists(path)); // nothing unsaved yet
    QVERIFY(w->document()->setValue(QStringLiteral("gpu.idle_power_w"), 91));
    QVERIFY(!QFile::exists(path)); // written after the pause, not on the edit itself
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 3000);
    QCOMPARE(recoveredWorkspace(path).scenario.gpu.idlePowerW, 91.0);
    // Undoing back to the saved state leaves nothing to recover.
    w->document()->undoStack()->undo();
    QVERIFY(!QFile::exists(path));
}

void TestRecoveryManager::continuousEditingIsSavedWithinTheMaximumDelay()
{
    auto w = window();
    w->recovery()->setDelays(400, 150); // the pause never comes while editing every 40 ms
    const QString path = w->recovery()->recoveryPath();
    QElapsedTimer t;
    t.start();
    double v = 100;
    while (!QFile::exists(path) && t.elapsed() < 2000) {
        QVERIFY(w->document()->setValue(QStringLiteral("gpu.idle_power_w"), ++v));
        QTest::qWait(40);
    }
    QVERIFY2(QFile::exists(path), "no recovery file during two seconds of continuous editing");
    QVERIFY(t.elapsed() < 400);
}

void TestRecoveryManager::saveAndCleanQuitRemoveTheFile()
{
    QTemporaryDir tmp;
    auto w = window();
    const QString path = w->recovery()->recoveryPath();
    QVERIFY(w->document()->setValue(QStringLiteral("gpu.idle_power_w"), 92));
    QVERIFY(w->recovery()->flush());
    QVERIFY(QFile::exists(path));
    QVERIFY(w->saveTo(tmp.filePath(QStringLiteral("a.tierlens.json"))));
    QVERIFY(!QFile::exists(path));

    QVERIFY(w->document()->setValue(QStringLiteral("gpu.idle_power_w"), 93));
    QVERIFY(w->recovery()->flush());
    QVERIFY(QFile::exists(path));
    QVERIFY(w->close());
    QVERIFY(!QFile::exists(path));
}

void TestRecoveryManager::liveRunIsNotAnOrphan()
{
    auto a = window();
    QVERIFY(a->document()->setValue(QStringLiteral("gpu.idle_power_w"), 94));
    QVERIFY(a->recovery()->flush());
    auto b = window();
    QVERIFY(b->recovery()->orphans().isEmpty()); // the first window is still running
}

void TestRecoveryManager::deadRunsLockIsCleared()
{
    // The lock a run that died would leave: on this host, a process id above Linux's highest.
    const qint64 deadPid = (1 << 22) + 1;
    QDir().mkpath(dir_);
    const QString lock = QDir(dir_).filePath(QStringLiteral("dead.lock"));
    {
        QFile f(lock);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::number(deadPid) + "\ntst_recoverymanager\n" + QSysInfo::machineHostName().toUtf8()
            + "\n");
    }
    auto w = window();
    QVERIFY(!QFile::exists(lock));
    QString own = w->recovery()->recoveryPath();
    own.replace(QStringLiteral(".tierlens-recovery.json"), QStringLiteral(".lock"));
    QVERIFY(QFile::exists(own)); // its own lock stays
}

void TestRecoveryManager::crashedRunIsRestoredUnsavedWithItsFile()
{
    QTemporaryDir tmp;
    const QString file = QDir(tmp.path()).absoluteFilePath(QStringLiteral("mine.tierlens.json"));
    const QString crashed = QDir(dir_).filePath(QStringLiteral("crashed.tierlens-recovery.json"));
    {
        auto a = window();
        QVERIFY(a->saveTo(file));
        QVERIFY(a->document()->setValue(QStringLiteral("gpu.idle_power_w"), 95));
        QVERIFY(a->recovery()->flush());
        // A run that died leaves its file without a live lock: copy it before this run ends cleanly.
        QVERIFY(QFile::copy(a->recovery()->recoveryPath(), crashed));
    }
    auto b = window();
    const auto orphans = b->recovery()->orphans();
    QCOMPARE(orphans.size(), 1);
    QCOMPARE(orphans[0].path, crashed);
    QCOMPARE(orphans[0].originalFile, file);
    QVERIFY(qAbs(orphans[0].saved.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QVERIFY(b->document()->scenario().gpu.idlePowerW != 95.0);

    QVERIFY2(b->restoreRecovery(crashed), qPrintable(b->lastMessage()));
    QCOMPARE(b->document()->scenario().gpu.idlePowerW, 95.0);
    QVERIFY(b->document()->isModified());
    QCOMPARE(b->document()->filePath(), file);
    QVERIFY(b->isWindowModified());
    QVERIFY(!QFile::exists(crashed)); // this run's own file has taken over
    QCOMPARE(recoveredWorkspace(b->recovery()->recoveryPath()).scenario.gpu.idlePowerW, 95.0);
    QVERIFY(b->recovery()->orphans().isEmpty());
}

void TestRecoveryManager::corruptRecoveryFileIsKeptAsideAndReported_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("why");
    QTest::newRow("cut short") << QByteArray(
        "{\n  \"tierlens_recovery\": 1,\n  \"workspace\": {\"scenario\": ")
                               << QStringLiteral("line 3");
    QTest::newRow("wrong types") << QByteArray(
        R"({"tierlens_recovery": "1", "saved": 5, "file": [], "workspace": {}})")
                                 << QStringLiteral("not a Tierlens recovery file");
    QTest::newRow("bad workspace") << QByteArray(
        R"({"tierlens_recovery": 1, "file": "", "workspace": {"scenario": 7}})")
                                   << QStringLiteral("workspace");
}

void TestRecoveryManager::corruptRecoveryFileIsKeptAsideAndReported()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, why);
    QDir().mkpath(dir_);
    const QString crashed = QDir(dir_).filePath(QStringLiteral("torn.tierlens-recovery.json"));
    {
        QFile f(crashed);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }
    auto w = window();
    const double before = w->document()->scenario().gpu.idlePowerW;
    QCOMPARE(w->recovery()->orphans().size(), 1);
    QVERIFY(!w->restoreRecovery(crashed));
    QVERIFY2(w->lastMessage().contains(QStringLiteral("torn.tierlens-recovery.json")),
        qPrintable(w->lastMessage()));
    QVERIFY2(w->lastMessage().contains(QStringLiteral(".bad")), qPrintable(w->lastMessage()));
    QVERIFY2(w->lastMessage().contains(why), qPrintable(w->lastMessage()));
    QCOMPARE(w->document()->scenario().gpu.idlePowerW, before);
    QVERIFY(!w->document()->isModified());
    QVERIFY(!QFile::exists(crashed));
    QFile bad(crashed + QStringLiteral(".bad"));
    QVERIFY(bad.open(QIODevice::ReadOnly));
    QCOMPARE(bad.readAll(), text);
    QVERIFY(w->recovery()->orphans().isEmpty()); // not offered again
}

void TestRecoveryManager::saveToReadOnlyDirectoryKeepsTheOldFile()
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("old.tierlens.json"));
    auto w = window();
    QVERIFY(w->saveTo(path));
    QFile old(path);
    QVERIFY(old.open(QIODevice::ReadOnly));
    const QByteArray before = old.readAll();
    old.close();
    QVERIFY(w->document()->setValue(QStringLiteral("gpu.idle_power_w"), 96));

    // Permissions do not stop root, so there the directory is made immutable instead.
    const bool root = ::geteuid() == 0;
    QVERIFY(QFile::setPermissions(tmp.path(), QFile::ReadOwner | QFile::ExeOwner));
    if (root)
        QCOMPARE(QProcess::execute(QStringLiteral("chattr"), { QStringLiteral("+i"), tmp.path() }), 0);
    const bool saved = w->saveTo(path);
    if (root)
        QProcess::execute(QStringLiteral("chattr"), { QStringLiteral("-i"), tmp.path() });
    QFile::setPermissions(tmp.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    QVERIFY(!saved);
    QVERIFY2(w->lastMessage().contains(QStringLiteral("was not written")), qPrintable(w->lastMessage()));
    QVERIFY2(w->lastMessage().contains(path), qPrintable(w->lastMessage()));
    QVERIFY(w->document()->isModified());
    QVERIFY(old.open(QIODevice::ReadOnly));
    QCOMPARE(old.readAll(), before);
}

// The window opens workspaces and recovery files through WorkspaceFile: a device with no size
// (/dev/zero reports 0 and never ends) must stop at the cap, not fill memory.
void TestRecoveryManager::endlessDeviceIsRefusedWhileReading()
{
    QVERIFY(QFile::exists(QStringLiteral("/dev/zero")));
    const auto r = WorkspaceFile::readJson(QStringLiteral("/dev/zero"));
    QVERIFY(!r.ok());
    const std::string text = r.problems.front().toString();
    QVERIFY2(text.find("larger than 16 MiB") != std::string::npos, text.c_str());
}

QTEST_MAIN(TestRecoveryManager)
#include "tst_recoverymanager.moc"
