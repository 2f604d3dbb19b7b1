#include "parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace convscope {

namespace {

constexpr int kMaxThreads = 64;

std::atomic<int> &threadSetting()
{
    static std::atomic<int> threads{
        std::clamp(int(std::thread::hardware_concurrency()), 1, kMaxThreads)};
    return threads;
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
    if (threads <= 1) {
        body(0, count);
        return;
    }
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto run = [&](std::int64_t begin, std::int64_t end) {
        try {
            body(begin, end);
        } catch (...) {
            std::lock_guard lock(failureMutex);
            if (!failure)
                failure = std::current_exception();
        }
    };
    std::vector<std::thread> workers;
    workers.reserve(size_t(threads - 1));
    for (int t = 1; t < threads; ++t)
        workers.emplace_back(run, count * t / threads, count * (t + 1) / threads);
    run(0, count / threads);
    for (std::thread &worker : workers)
        worker.join();
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace convscope
