#pragma once

#include <cstdint>

namespace convscope {

// A sum in kLaneCount running sums, added up at the end. One running sum is a chain of
// dependent additions, one a cycle; the lanes are independent, so the compiler keeps them in
// vector registers. Unlike Eigen's sum, the lane of each term is fixed by its index, not by how
// the buffer happens to be aligned, so the order of the additions, and so the rounding, is the
// same on every run and every thread count: the same seed gives the same weights.
template<typename T>
struct LaneSums
{
    static constexpr int kLaneCount = 8;
    T lanes[kLaneCount] = {};

    // Adds f(i) for i in [0, count); a next call goes on from lane 0.
    template<typename F>
    void add(std::int64_t count, F &&f)
    {
        std::int64_t i = 0;
        for (; i + kLaneCount <= count; i += kLaneCount) {
            for (int l = 0; l < kLaneCount; ++l)
                lanes[l] += f(i + l);
        }
        for (int l = 0; i < count; ++i, ++l)
            lanes[l] += f(i);
    }

    // add(count, f) on this and add(count, g) on `other` in one pass over the terms, each term
    // in the lane each call would give it: the same sums, with twice the chains of additions
    // running at once.
    template<typename F, typename G>
    void addBoth(LaneSums &other, std::int64_t count, F &&f, G &&g)
    {
        std::int64_t i = 0;
        for (; i + kLaneCount <= count; i += kLaneCount) {
            for (int l = 0; l < kLaneCount; ++l) {
                lanes[l] += f(i + l);
                other.lanes[l] += g(i + l);
            }
        }
        for (int l = 0; i < count; ++i, ++l) {
            lanes[l] += f(i);
            other.lanes[l] += g(i);
        }
    }

    T total() const
    {
        T sum = 0;
        for (T lane : lanes)
            sum += lane;
        return sum;
    }
};

} // namespace convscope
