#pragma once

#include <cstdint>
#include <functional>

namespace convscope {

// Threads the core's kernels may use; the hardware's count until set. Results never depend
// on it: work is split into the same pieces whatever the count, only their placement changes.
int threadCount();
void setThreadCount(int threads);

// Runs body(begin, end) over [0, count) in contiguous ranges, one per thread (the first on
// the calling thread, the others on workers that live as long as the process), with at least
// minPerThread items each. A call from inside a body, or from a second thread while another
// loop runs, runs the whole range on its caller. Returns when all are done and
// rethrows the first exception a range threw.
void parallelFor(std::int64_t count, std::int64_t minPerThread,
                 const std::function<void(std::int64_t, std::int64_t)> &body);

// While one lives, parallelFor on this thread runs every range itself: for work beside
// training (a viewer's forward pass) that must never take the pool away from the trainer.
class SerialScope
{
public:
    SerialScope();
    ~SerialScope();
    SerialScope(const SerialScope &) = delete;
    SerialScope &operator=(const SerialScope &) = delete;

private:
    bool m_previous;
};

} // namespace convscope
