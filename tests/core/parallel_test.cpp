#include "core/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace convscope {
namespace {

class Threads : public ::testing::Test
{
protected:
    void TearDown() override { setThreadCount(m_saved); }

private:
    int m_saved = threadCount();
};

TEST_F(Threads, RangesCoverEveryItemOnce)
{
    for (int threads : {1, 2, 5}) {
        setThreadCount(threads);
        for (std::int64_t count : {0, 1, 7, 1000}) {
            std::vector<int> seen(size_t(count), 0);
            std::mutex mutex;
            int calls = 0;
            parallelFor(count, 10, [&](std::int64_t begin, std::int64_t end) {
                std::lock_guard lock(mutex);
                ++calls;
                for (std::int64_t i = begin; i < end; ++i)
                    ++seen[size_t(i)];
            });
            EXPECT_EQ(seen, std::vector<int>(size_t(count), 1));
            // Fewer than 10 items per thread stay on fewer threads.
            EXPECT_LE(calls, std::max<std::int64_t>(1, std::min<std::int64_t>(threads, count / 10)));
        }
    }
}

TEST_F(Threads, CountIsClampedAndExceptionsReachTheCaller)
{
    setThreadCount(0);
    EXPECT_EQ(threadCount(), 1);
    setThreadCount(1000);
    EXPECT_EQ(threadCount(), 64);
    setThreadCount(2);
    EXPECT_THROW(parallelFor(100, 1,
                             [](std::int64_t begin, std::int64_t) {
                                 if (begin > 0)
                                     throw std::runtime_error("second range");
                             }),
                 std::runtime_error);
}

TEST_F(Threads, NestedAndConcurrentLoopsEachCoverTheirRangeOnce)
{
    setThreadCount(4);
    // Two threads run loops at once (the second finds the pool busy and runs on its caller),
    // and every range starts an inner loop (run on the thread that asked).
    auto loop = [](std::vector<std::atomic<int>> &hits) {
        for (int round = 0; round < 200; ++round) {
            parallelFor(std::int64_t(hits.size()), 1, [&](std::int64_t begin, std::int64_t end) {
                parallelFor(end - begin, 1, [&](std::int64_t b, std::int64_t e) {
                    for (std::int64_t i = begin + b; i < begin + e; ++i)
                        ++hits[size_t(i)];
                });
            });
        }
    };
    std::vector<std::atomic<int>> first(97), second(61);
    std::thread other([&] { loop(second); });
    loop(first);
    other.join();
    for (const std::atomic<int> &h : first)
        EXPECT_EQ(h.load(), 200);
    for (const std::atomic<int> &h : second)
        EXPECT_EQ(h.load(), 200);
}

} // namespace
} // namespace convscope
