#include "core/study/workerpool.h"

#include <algorithm>

namespace tierlens {

WorkerPool& WorkerPool::shared()
{
    static WorkerPool pool(std::max(1u, std::thread::hardware_concurrency()));
    return pool;
}

WorkerPool::WorkerPool(unsigned threads)
{
    for (unsigned i = 0; i < threads; ++i)
        threads_.emplace_back([this, i] { loop(i); });
}

WorkerPool::~WorkerPool()
{
    {
        const std::lock_guard lock(m_);
        quit_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_)
        t.join();
}

bool WorkerPool::tryRun(unsigned n, const std::function<void()>& job)
{
    std::unique_lock busy(busy_, std::try_to_lock);
    if (!busy.owns_lock())
        return false;
    std::unique_lock lock(m_);
    job_ = &job;
    wanted_ = running_ = std::clamp(n, 1u, size());
    ++generation_;
    wake_.notify_all();
    done_.wait(lock, [this] { return running_ == 0; });
    job_ = nullptr;
    return true;
}

void WorkerPool::loop(unsigned index)
{
    std::size_t seen = 0;
    for (;;) {
        std::unique_lock lock(m_);
        wake_.wait(lock, [&] { return quit_ || generation_ != seen; });
        if (quit_)
            return;
        seen = generation_;
        if (index >= wanted_)
            continue; // not needed for this sweep
        const std::function<void()>* job = job_;
        lock.unlock();
        (*job)();
        lock.lock();
        if (--running_ == 0)
            done_.notify_all();
    }
}

} // namespace tierlens
