#include "core/explorer/pool_shift.h"
#include "core/ops/pool2d.h"
#include "core/ops/reference.h"
#include "tests/core/test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

namespace convscope {
namespace {

using test::tensorOf;

PoolOptions pooling(PoolType type, int kh, int kw)
{
    PoolOptions o;
    o.type = type;
    o.kernelH = kh;
    o.kernelW = kw;
    return o;
}

PoolResult run(const Tensor &input, PoolOptions options)
{
    Expected<Pool2dPlan> plan = planPool2d(input.shape(), options);
    EXPECT_TRUE(plan.ok()) << (plan ? "" : plan.error().message);
    return pool2d(*plan, input);
}

TEST(Pool2d, MaxOfTheLectureExample)
{
    // The slide's 4×4 single depth slice, 2×2 max pooling with stride 2.
    const Tensor input = tensorOf(Shape{1, 1, 4, 4},
                                  {1, 1, 2, 4, 5, 6, 7, 8, 3, 2, 1, 0, 1, 2, 3, 4});
    const PoolResult r = run(input, pooling(PoolType::Max, 2, 2));
    EXPECT_EQ(r.output.values(), (std::vector<float>{6, 8, 3, 4}));
    EXPECT_EQ(r.argmax, (std::vector<std::int64_t>{5, 7, 8, 15}));
}

TEST(Pool2d, AverageDividesByTheWholeWindowIncludingPadding)
{
    const Tensor input = tensorOf(Shape{1, 1, 2, 2}, {4, 8, 12, 16});
    PoolOptions o = pooling(PoolType::Average, 2, 2);
    o.padH = o.padW = 1;
    const PoolResult r = run(input, o);
    // Windows of 2×2 over the zero-padded 4×4: each corner sees one pixel and three zeros.
    EXPECT_EQ(r.output.values(), (std::vector<float>{1, 2, 3, 4}));
    EXPECT_TRUE(r.argmax.empty());
}

TEST(Pool2d, FirstMaximumWinsATieAndPaddingNeverWins)
{
    const Tensor input = tensorOf(Shape{1, 1, 2, 3}, {-5, -5, -5, -5, -5, -5});
    PoolOptions o = pooling(PoolType::Max, 2, 2);
    o.strideH = o.strideW = 1;
    o.padH = o.padW = 1;
    const PoolResult r = run(input, o);
    ASSERT_EQ(r.output.shape(), (Shape{1, 1, 3, 4}));
    for (float v : r.output.values())
        EXPECT_EQ(v, -5.0f);
    // Window (0, 0) reads only (0, 0); window (1, 1) reads (0..1, 0..1) and keeps the first.
    EXPECT_EQ(r.argmax[0], 0);
    EXPECT_EQ(r.argmax[5], 0);
    EXPECT_EQ(r.argmax[6], 1);
}

TEST(Pool2d, NanWinsAsInPyTorch)
{
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const Tensor input = tensorOf(Shape{1, 1, 1, 4}, {1, nan, 7, 2});
    const PoolResult r = run(input, pooling(PoolType::Max, 1, 4));
    EXPECT_TRUE(std::isnan(r.output.values()[0]));
    EXPECT_EQ(r.argmax[0], 1);
}

TEST(Pool2d, InvalidSettingsAreRefusedWithTheNumbers)
{
    PoolOptions wide = pooling(PoolType::Max, 3, 3);
    wide.padH = 2;
    auto r = planPool2d({1, 1, 8, 8}, wide);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("padding 2 is more than half the pooling window 3"),
              std::string::npos);
    PoolOptions zeroStride = pooling(PoolType::Max, 2, 2);
    zeroStride.strideH = 0;
    auto z = planPool2d({1, 1, 8, 8}, zeroStride);
    ASSERT_FALSE(z.ok());
    EXPECT_NE(z.error().message.find("stride 0"), std::string::npos);
    auto big = planPool2d({1, 1, 3, 3}, pooling(PoolType::Average, 4, 4));
    ASSERT_FALSE(big.ok());
    EXPECT_NE(big.error().message.find("padded input 3×3 is smaller than the kernel 4×4"),
              std::string::npos);
    EXPECT_FALSE(planPool2d({1, 1, 3, 3}, pooling(PoolType::Max, 0, 2)).ok());
}

// Worked by hand: one bright pixel at the left edge of the first 2×2 window of a 4×4 input.
// Shifted right (the edge repeats) the window holds 5, 5: its max stays 5, its mean goes from
// 1.25 to 2.5; the three other windows are background and are not counted.
TEST(PoolShift, CountsOnlyTheWindowsWhereSomethingIs)
{
    Tensor input = test::tensorOf(Shape{1, 1, 4, 4}, {5, 0, 0, 0, 0, 0, 0, 0, //
                                                      0, 0, 0, 0, 0, 0, 0, 0});
    const Tensor moved = shiftedRight(input);
    EXPECT_EQ(moved.at(0, 0, 0, 0), 5);
    EXPECT_EQ(moved.at(0, 0, 0, 1), 5);
    EXPECT_EQ(moved.at(0, 0, 0, 2), 0);
    PoolOptions max;
    Expected<ShiftComparison> byMax = compareShift(input, max);
    ASSERT_TRUE(byMax.ok());
    EXPECT_EQ(byMax->windows, 4);
    EXPECT_EQ(byMax->withContent, 1);
    EXPECT_EQ(byMax->unchangedWithContent, 1);
    EXPECT_EQ(byMax->otherUnchangedWithContent, 0);
    EXPECT_EQ(byMax->content, (std::vector<std::uint8_t>{1, 0, 0, 0}));
    EXPECT_EQ(byMax->unchanged, (std::vector<std::uint8_t>{1, 1, 1, 1}));

    PoolOptions average;
    average.type = PoolType::Average;
    Expected<ShiftComparison> byMean = compareShift(input, average);
    ASSERT_TRUE(byMean.ok());
    EXPECT_FLOAT_EQ(byMean->before.at(0, 0, 0, 0), 1.25f);
    EXPECT_FLOAT_EQ(byMean->after.at(0, 0, 0, 0), 2.5f);
    EXPECT_EQ(byMean->unchangedWithContent, 0);
    EXPECT_EQ(byMean->otherUnchangedWithContent, 1);

    // A pixel that the shift carries into the next window changes both windows, under max too.
    Tensor edge = test::tensorOf(Shape{1, 1, 2, 4}, {0, 5, 0, 0, 0, 0, 0, 0});
    Expected<ShiftComparison> across = compareShift(edge, max);
    ASSERT_TRUE(across.ok());
    EXPECT_EQ(across->withContent, 2);
    EXPECT_EQ(across->unchangedWithContent, 0);
    // Noise under 1 % of the input's range is background: 0.04 beside a 5 is not counted.
    Tensor noisy = test::tensorOf(Shape{1, 1, 2, 4}, {5, 0, 0.04f, 0, 0, 0, 0, 0});
    EXPECT_EQ(compareShift(noisy, max)->withContent, 1);
    PoolOptions tooLarge;
    tooLarge.kernelH = tooLarge.kernelW = 5;
    EXPECT_FALSE(compareShift(edge, tooLarge).ok());
}

// PyTorch's ceil_mode, worked by hand: F.avg_pool2d(x, 2, ceil_mode=True) on a 2×5 input keeps
// a last window of one column, divided by the 2 values it covers; a window that would start in
// the padding is dropped (F.max_pool2d(x, 3, 2, padding=1, ceil_mode=True) on 5×5 gives 3×3).
TEST(Pool2d, CeilModeKeepsTheLastPartialWindowAsPyTorch)
{
    PoolOptions average = pooling(PoolType::Average, 2, 2);
    average.ceilMode = true;
    Tensor row(Shape{1, 1, 2, 5});
    for (int i = 0; i < 10; ++i)
        row.values()[size_t(i)] = float(i + 1);
    Expected<Pool2dPlan> plan = planPool2d(row.shape(), average);
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(pool2d(*plan, row).output.values(), (std::vector<float>{4.0f, 6.0f, 7.5f}));
    average.ceilMode = false;
    EXPECT_EQ(planPool2d(row.shape(), average)->output, (Shape{1, 1, 1, 2}));

    PoolOptions max = pooling(PoolType::Max, 3, 3);
    max.strideH = max.strideW = 2;
    max.padH = max.padW = 1;
    max.ceilMode = true;
    EXPECT_EQ(planPool2d(Shape{1, 1, 5, 5}, max)->output, (Shape{1, 1, 3, 3}));
    EXPECT_EQ(planPool2d(Shape{1, 1, 6, 6}, max)->output, (Shape{1, 1, 4, 4}));
    // 4×4, no padding: ceil((4 − 3) / 2) + 1 = 2 where floor gives 1.
    max.padH = max.padW = 0;
    EXPECT_EQ(planPool2d(Shape{1, 1, 4, 4}, max)->output, (Shape{1, 1, 2, 2}));
    // 5×5, 2×2 stride 2 padding 1: ceil((5 + 2 − 2) / 2) + 1 = 4, but window 4 would start at
    // 3·2 − 1 = 5, in the padding: dropped, as PyTorch does.
    PoolOptions edge = pooling(PoolType::Max, 2, 2);
    edge.padH = edge.padW = 1;
    edge.ceilMode = true;
    EXPECT_EQ(planPool2d(Shape{1, 1, 5, 5}, edge)->output, (Shape{1, 1, 3, 3}));
    EXPECT_EQ(deriveOutputSize(5, 5, edge.window())[0],
              "O_h = ceil((5 + 1 + 1 − 1·(2−1) − 1) / 2) + 1 − 1 = 3 (the last window would "
              "start in the padding)");
}

// Small integers make ties common, so the first-maximum rule is exercised (zeros of both signs,
// which tie too); a NaN in about one cell of eight, the rule that a NaN wins.
Tensor tiesAndNans(const Shape &shape, std::mt19937 &rng)
{
    auto pick = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    Tensor input(shape);
    for (float &v : input.values()) {
        v = pick(0, 7) ? float(pick(-3, 3)) : std::numeric_limits<float>::quiet_NaN();
        if (v == 0.0f && pick(0, 1))
            v = -0.0f;
    }
    return input;
}

// The fast path's outputs and winners against the reference's, a NaN where it has one.
void expectTheReference(const Pool2dPlan &plan, const Tensor &input)
{
    const PoolResult fast = pool2d(plan, input);
    const PoolResult reference = pool2dReference(plan, input);
    const std::string setting = plan.input.toString() + " type " + std::to_string(int(plan.type));
    ASSERT_EQ(fast.output.shape(), reference.output.shape()) << setting;
    for (std::int64_t i = 0; i < fast.output.size(); ++i) {
        const float got = fast.output.values()[size_t(i)];
        const float want = reference.output.values()[size_t(i)];
        if (std::isnan(want))
            ASSERT_TRUE(std::isnan(got)) << setting << " at " << i;
        else
            ASSERT_NEAR(got, want, 1e-6) << setting << " at " << i;
    }
    ASSERT_EQ(fast.argmax, reference.argmax) << setting;
    // Inference's output alone, without the winners: the same bits, the sign of a zero too.
    Tensor values;
    pool2dValues(plan, input, values);
    ASSERT_EQ(values.shape(), fast.output.shape()) << setting;
    ASSERT_EQ(std::memcmp(values.data(), fast.output.data(), size_t(values.size()) * sizeof(float)), 0)
        << setting;
}

TEST(Pool2dRandom, FastPathEqualsTheReferenceOnAThousandConfigurations)
{
    std::mt19937 rng(99);
    auto pick = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    int checked = 0;
    while (checked < 1000) {
        const Shape in{pick(1, 2), pick(1, 3), pick(1, 12), pick(1, 12)};
        PoolOptions o = pooling(pick(0, 1) ? PoolType::Max : PoolType::Average, pick(1, 4),
                                pick(1, 4));
        if (pick(0, 1)) {
            o.strideH = pick(1, 4);
            o.strideW = pick(1, 4);
        }
        o.padH = pick(0, o.kernelH / 2);
        o.padW = pick(0, o.kernelW / 2);
        o.ceilMode = pick(0, 1) == 1;
        Expected<Pool2dPlan> plan = planPool2d(in, o);
        if (!plan)
            continue;
        expectTheReference(*plan, tiesAndNans(in, rng));
        if (HasFatalFailure())
            return;
        ++checked;
    }
}

// dX against its definition, dX[argmax] = dY and zero elsewhere, from a dX that held NaN: the
// 2×2 windows write every cell of dX once instead of scattering into zeros.
void expectGradientAtTheWinners(const Pool2dPlan &plan, const Tensor &input, std::mt19937 &rng)
{
    const PoolResult forward = pool2d(plan, input);
    Tensor gradOutput(plan.output);
    for (float &v : gradOutput.values())
        v = std::uniform_real_distribution<float>(-1.0f, 1.0f)(rng);
    std::vector<float> want(size_t(plan.input.count()), 0.0f);
    const std::int64_t inPlane = plan.input.planeSize(), outPlane = plan.output.planeSize();
    for (std::int64_t o = 0; o < plan.output.count(); ++o)
        want[size_t(o / outPlane * inPlane + forward.argmax[size_t(o)])]
            += gradOutput.values()[size_t(o)];
    Tensor gradInput(plan.input);
    std::fill(gradInput.values().begin(), gradInput.values().end(),
              std::numeric_limits<float>::quiet_NaN());
    pool2dBackward(plan, forward.argmax, gradOutput, gradInput);
    ASSERT_EQ(gradInput.values(), want) << plan.input.toString();
}

// The 2×2 stride-2 windows run eight or four at a time, a row's last run moved back: every row
// length from 1 to 40 windows, odd widths and heights whose last column and row no window
// reads, ties and NaNs, forward and backward.
TEST(Pool2dRandom, TwoByTwoRunsEqualTheReferenceOnEveryRowLength)
{
    std::mt19937 rng(7);
    auto pick = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    for (int windows = 1; windows <= 40; ++windows) {
        for (int extra = 0; extra <= 1; ++extra) {
            const Shape in{pick(1, 2), pick(1, 3), 2 * pick(1, 4) + extra, 2 * windows + extra};
            const Expected<Pool2dPlan> plan = planPool2d(in, pooling(PoolType::Max, 2, 2));
            ASSERT_TRUE(plan.ok());
            const Tensor input = tiesAndNans(in, rng);
            expectTheReference(*plan, input);
            if (HasFatalFailure())
                return;
            expectGradientAtTheWinners(*plan, input, rng);
            if (HasFatalFailure())
                return;
        }
    }
}

} // namespace
} // namespace convscope
