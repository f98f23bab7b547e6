#pragma once

#include <atomic>
#include <cstddef>

namespace tierlens {

/// Lets another thread follow a long study and end it early: the runner counts each evaluation
/// into `done` and returns at the next one once `stop` is set (its result is then incomplete and
/// says so). Plain atomics, so the core stays free of any threading library.
struct StudyControl {
    std::atomic<bool> stop { false };
    std::atomic<std::size_t> done { 0 };

    bool stopped() const { return stop.load(std::memory_order_relaxed); }

    /// Before each evaluation: false once `c` says stop, else counts it (true without a control).
    static bool proceed(StudyControl* c)
    {
        if (!c)
            return true;
        if (c->stopped())
            return false;
        c->done.fetch_add(1, std::memory_order_relaxed);
        return true;
    }
};

} // namespace tierlens
