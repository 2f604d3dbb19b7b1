#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace convscope {

namespace {

constexpr int kMaxThreads = 64;
// A worker that has just finished keeps polling this many times (tens of microseconds) before
// it sleeps: a training step calls parallelFor a dozen times in a row, and waking a sleeping
// thread costs about as much as a small layer.
constexpr int kSpinRounds = 4000;

std::atomic<int> &threadSetting()
{
    static std::atomic<int> threads{
        std::clamp(int(std::thread::hardware_concurrency()), 1, kMaxThreads)};
    return threads;
}

thread_local bool t_insidePool = false;

inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

// Workers that live as long as the process, so that a parallel loop costs a wake-up instead
// of a thread start, and a worker's thread-local scratch survives between loops. The ranges are
// fixed by the number of parts, so results never depend on who runs which; but any thread
// takes the next unclaimed range, so that a worker the scheduler has put aside (the GUI thread
// drawing on a busy machine) does not hold up the loop: the caller runs its range instead.
class ThreadPool
{
public:
    // Runs body over [0, count) split into `parts` ranges; false when another thread is using
    // the pool, in which case the caller runs the loop itself.
    bool tryRun(std::int64_t count, int parts,
                const std::function<void(std::int64_t, std::int64_t)> &body)
    {
        std::unique_lock callLock(m_callMutex, std::try_to_lock);
        if (!callLock.owns_lock())
            return false;
        ensureWorkers(parts - 1);
        {
            std::lock_guard lock(m_mutex);
            m_body = &body;
            m_count = count;
            m_parts = parts;
            m_nextPart = 0;
            m_failure = nullptr;
            m_remaining.store(parts);
            m_generation.fetch_add(1);
        }
        m_wake.notify_all();
        {
            const SerialScope nested; // a loop inside one of these ranges runs on its thread
            runClaimedParts();
        }
        for (int spin = 0; m_remaining.load() > 0 && spin < kSpinRounds; ++spin)
            cpuRelax();
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [this] { return m_remaining.load() == 0; });
        m_body = nullptr;
        if (m_failure)
            std::rethrow_exception(m_failure);
        return true;
    }

private:
    void ensureWorkers(int wanted)
    {
        while (int(m_workers.size()) < wanted) {
            const int index = int(m_workers.size()) + 1;
            m_workers.emplace_back([this, index] { workerLoop(index); });
        }
    }

    // Runs ranges until none is left unclaimed; claims are made under the lock, where the
    // loop's fields are consistent even for a worker that woke for an earlier loop.
    void runClaimedParts()
    {
        for (;;) {
            int part = 0;
            {
                std::lock_guard lock(m_mutex);
                if (m_nextPart >= m_parts)
                    return;
                part = m_nextPart++;
            }
            runPart(part);
            if (m_remaining.fetch_sub(1) == 1) {
                std::lock_guard lock(m_mutex);
                m_done.notify_one();
            }
        }
    }

    void runPart(int part)
    {
        try {
            (*m_body)(m_count * part / m_parts, m_count * (part + 1) / m_parts);
        } catch (...) {
            std::lock_guard lock(m_mutex);
            if (!m_failure)
                m_failure = std::current_exception();
        }
    }

    void workerLoop(int index)
    {
        t_insidePool = true;
        std::uint64_t seen = 0;
        for (;;) {
            for (int spin = 0; m_generation.load() == seen && spin < kSpinRounds; ++spin)
                cpuRelax();
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [&] { return m_generation.load() != seen; });
                seen = m_generation.load();
                if (index >= m_parts)
                    continue;
            }
            runClaimedParts();
        }
    }

    std::mutex m_callMutex;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    std::vector<std::thread> m_workers;
    std::atomic<std::uint64_t> m_generation{0};
    std::atomic<int> m_remaining{0};
    const std::function<void(std::int64_t, std::int64_t)> *m_body = nullptr;
    std::int64_t m_count = 0;
    int m_parts = 1;
    int m_nextPart = 0; // the next range to claim, under m_mutex
    std::exception_ptr m_failure;
};

ThreadPool &pool()
{
    // Never destroyed: its workers sleep until the process ends, and no static destructor has
    // to join threads that other static destructors might still be using.
    static ThreadPool *instance = new ThreadPool;
    return *instance;
}

} // namespace

int threadCount()
{
    return threadSetting().load();
}

void setThreadCount(int threads)
{
    threadSetting().store(std::clamp(threads, 1, kMaxThreads));
}

void parallelFor(std::int64_t count, std::int64_t minPerThread,
                 const std::function<void(std::int64_t, std::int64_t)> &body)
{
    if (count <= 0)
        return;
    const std::int64_t byWork
        = std::max<std::int64_t>(1, count / std::max<std::int64_t>(1, minPerThread));
    const int threads = int(std::min<std::int64_t>(threadCount(), byWork));
    // A loop inside a loop, or a second thread while the pool is busy, runs on the caller.
    if (threads <= 1 || t_insidePool || !pool().tryRun(count, threads, body))
        body(0, count);
}

SerialScope::SerialScope()
    : m_previous(t_insidePool)
{
    t_insidePool = true;
}

SerialScope::~SerialScope()
{
    t_insidePool = m_previous;
}

} // namespace convscope
