// The sweeps' thread pool: a job runs on as many of its threads as asked, each exactly once, on
// threads that stay the same from one run to the next; a second caller meanwhile is refused.
#include "core/study/workerpool.h"

#include <QTest>

#include <atomic>
#include <set>

using namespace tierlens;

class TestWorkerPool : public QObject {
    Q_OBJECT
private slots:
    void runsOnTheThreadsAsked();
    void aBusyPoolRefuses();
};

void TestWorkerPool::runsOnTheThreadsAsked()
{
    WorkerPool pool(3);
    QCOMPARE(pool.size(), 3u);
    std::mutex m;
    std::set<std::thread::id> first, second;
    std::atomic<int> calls { 0 };
    QVERIFY(pool.tryRun(3, [&] {
        ++calls;
        const std::lock_guard lock(m);
        first.insert(std::this_thread::get_id());
    }));
    QCOMPARE(calls.load(), 3);
    QCOMPARE(first.size(), std::size_t(3));
    QVERIFY(!first.count(std::this_thread::get_id())); // the caller waits, the pool works
    QVERIFY(pool.tryRun(2, [&] {
        ++calls;
        const std::lock_guard lock(m);
        second.insert(std::this_thread::get_id());
    }));
    QCOMPARE(calls.load(), 5);
    QCOMPARE(second.size(), std::size_t(2));
    for (auto id : second)
        QVERIFY(first.count(id)); // the same threads: their caches stay warm
}

void TestWorkerPool::aBusyPoolRefuses()
{
    WorkerPool pool(2);
    std::atomic<bool> inside { false }, release { false };
    std::thread owner([&] {
        pool.tryRun(1, [&] {
            inside = true;
            while (!release)
                std::this_thread::yield();
        });
    });
    while (!inside)
        std::this_thread::yield();
    bool ran = false;
    QVERIFY(!pool.tryRun(1, [&] { ran = true; }));
    QVERIFY(!ran);
    release = true;
    owner.join();
    QVERIFY(pool.tryRun(1, [&] { ran = true; }));
    QVERIFY(ran);
}

QTEST_APPLESS_MAIN(TestWorkerPool)
#include "tst_workerpool.moc"
