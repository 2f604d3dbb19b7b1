#include "core/ops/lane_sums.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace convscope {
namespace {

TEST(LaneSums, EachTermGoesToTheLaneOfItsIndexAndANextCallStartsAtLaneZero)
{
    LaneSums<double> sums;
    sums.add(10, [](std::int64_t i) { return double(1 << i); });
    sums.add(3, [](std::int64_t i) { return 1000.0 * double(i + 1); });
    const double want[] = {1 + 256 + 1000, 2 + 512 + 2000, 4 + 3000, 8, 16, 32, 64, 128};
    for (int l = 0; l < 8; ++l)
        EXPECT_EQ(sums.lanes[l], want[l]) << "lane " << l;
    EXPECT_EQ(sums.total(), 1023.0 + 6000.0);
}

// Values of 12 significant bits and every magnitude: a product of two is exact, so the bits do
// not depend on whether the compiler fuses it with the addition, but a term in another lane or
// another order rounds the sums differently, and the bits tell.
std::vector<float> anyMagnitudes(std::int64_t count, std::mt19937 &rng)
{
    std::uniform_int_distribution<int> mantissa(-4095, 4095), exponent(-30, 10);
    std::vector<float> values(static_cast<size_t>(count));
    for (float &v : values)
        v = std::ldexp(float(mantissa(rng)), exponent(rng));
    return values;
}

// Batch norm's two pairs of sums, over planes of every length from 0 to 40 (whole runs of eight
// and every remainder) in calls one after the other, as the planes of a channel come.
TEST(LaneSums, WidenedSumsHaveTheBitsOfAddBoth)
{
    std::mt19937 rng(3);
    for (std::int64_t count = 0; count <= 40; ++count) {
        const std::vector<float> x = anyMagnitudes(count, rng), y = anyMagnitudes(count, rng);
        const double shift = 0.0; // exact products (above); batch norm's tests shift
        LaneSums<double> sum, squares, products, plain;
        LaneSums<double> wideSum, wideSquares, wideProducts, widePlain;
        for (int call = 0; call < 3; ++call) {
            sum.addBoth(
                squares, count, [&](std::int64_t i) { return double(x[size_t(i)]) - shift; },
                [&](std::int64_t i) {
                    const double d = double(x[size_t(i)]) - shift;
                    return d * d;
                });
            plain.addBoth(
                products, count, [&](std::int64_t i) { return double(y[size_t(i)]); },
                [&](std::int64_t i) {
                    return double(y[size_t(i)]) * (double(x[size_t(i)]) - shift);
                });
            const float *const one[1] = {x.data()};
            addBothWidened(
                one, count, wideSum,
                [&](const Doubles4(&v)[1], Doubles4 &acc) { acc += v[0] - shift; }, wideSquares,
                [&](const Doubles4(&v)[1], Doubles4 &acc) {
                    const Doubles4 d = v[0] - shift;
                    acc += d * d;
                });
            const float *const two[2] = {y.data(), x.data()};
            addBothWidened(
                two, count, widePlain, [](const Doubles4(&v)[2], Doubles4 &acc) { acc += v[0]; },
                wideProducts,
                [&](const Doubles4(&v)[2], Doubles4 &acc) { acc += v[0] * (v[1] - shift); });
        }
        for (int l = 0; l < 8; ++l) {
            EXPECT_EQ(wideSum.lanes[l], sum.lanes[l]) << count << " values, lane " << l;
            EXPECT_EQ(wideSquares.lanes[l], squares.lanes[l]) << count << " values, lane " << l;
            EXPECT_EQ(widePlain.lanes[l], plain.lanes[l]) << count << " values, lane " << l;
            EXPECT_EQ(wideProducts.lanes[l], products.lanes[l]) << count << " values, lane " << l;
        }
    }
}

} // namespace
} // namespace convscope
