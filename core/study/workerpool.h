#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tierlens {

/// Threads that live as long as the program, for the sweeps (runGrid). The model keeps caches per
/// thread (tile shapes, routing statistics), so threads that outlive one sweep start the next one
/// warm: a new thread per sweep would recompute them every time (a 256 × 256 heatmap took 20 ms
/// instead of 3). One sweep at a time; another caller meanwhile gets no pool (tryRun returns false)
/// and uses threads of its own.
class WorkerPool {
public:
    /// The program's pool, one thread per core.
    static WorkerPool& shared();

    explicit WorkerPool(unsigned threads);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    unsigned size() const { return unsigned(threads_.size()); }

    /// Runs `job` on `n` of the pool's threads (at most size()) and returns once every one has
    /// returned; false, without running anything, when the pool is busy with another sweep.
    bool tryRun(unsigned n, const std::function<void()>& job);

private:
    void loop(unsigned index);

    std::vector<std::thread> threads_;
    std::mutex busy_; ///< held by the caller of the sweep in progress
    std::mutex m_;
    std::condition_variable wake_, done_;
    const std::function<void()>* job_ = nullptr;
    unsigned wanted_ = 0; ///< threads of this sweep
    unsigned running_ = 0; ///< of them, not yet returned
    std::size_t generation_ = 0;
    bool quit_ = false;
};

} // namespace tierlens
