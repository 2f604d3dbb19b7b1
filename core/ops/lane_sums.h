#pragma once

#include <cstdint>
#include <cstring>

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

// Four doubles, and the four floats they are widened from.
typedef double Doubles4 __attribute__((vector_size(32)));
typedef float Floats4 __attribute__((vector_size(16)));

// first.addBoth(second, count, f, g) over float arrays: the same additions in the same order,
// so the same bits where the compiler fuses the same products into them, as GCC does here
// (batch norm's outputs and gradients hashed equal). first.lanes[l] and second.lanes[l] take the
// terms addFirst and addSecond add of the values i ≡ l (mod 8) of each array in `from`, eight
// values at a time widened into two vectors of four doubles (lane l in lane l mod 4 of vector
// l / 4). From addBoth's loops GCC's vectoriser made half the lanes scalar: batch norm's forward
// pass over 64×16×28×28 values took 0.37–0.59 ms on one thread, 0.23–0.30 ms with this. A term is
// added into its Doubles4 argument, never returned by value: a function returning a vector wider
// than the portable build's registers changes the ABI (GCC's -Wpsabi).
template<int Arrays, typename F, typename G>
void addBothWidened(const float *const (&from)[Arrays], std::int64_t count, LaneSums<double> &first,
                    F &&addFirst, LaneSums<double> &second, G &&addSecond)
{
    static_assert(LaneSums<double>::kLaneCount == 8, "two vectors of four lanes");
    Doubles4 a[2], b[2];
    std::memcpy(a, first.lanes, sizeof a);
    std::memcpy(b, second.lanes, sizeof b);
    Doubles4 values[Arrays];
    std::int64_t i = 0;
    for (; i + 8 <= count; i += 8) {
        for (int half = 0; half < 2; ++half) {
            for (int k = 0; k < Arrays; ++k) {
                Floats4 v;
                std::memcpy(&v, from[k] + i + 4 * half, sizeof v);
                values[k] = __builtin_convertvector(v, Doubles4);
            }
            addFirst(values, a[half]);
            addSecond(values, b[half]);
        }
    }
    std::memcpy(first.lanes, a, sizeof a);
    std::memcpy(second.lanes, b, sizeof b);
    for (int l = 0; i < count; ++i, ++l) {
        for (int k = 0; k < Arrays; ++k)
            values[k] = Doubles4{} + double(from[k][i]);
        Doubles4 lastA = {first.lanes[l]}, lastB = {second.lanes[l]};
        addFirst(values, lastA);
        addSecond(values, lastB);
        first.lanes[l] = lastA[0];
        second.lanes[l] = lastB[0];
    }
}

} // namespace convscope
