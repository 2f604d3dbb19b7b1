// Translation equivariance of a stride-1 convolution and the local invariance of max pooling,
// the numbers behind the Equivariance page.
#include "core/lessons/equivariance.h"
#include "core/ops/conv2d.h"
#include "core/ops/pool2d.h"
#include "core/ops/reference.h"

#include <gtest/gtest.h>

#include <random>

namespace convscope {
namespace {

Tensor randomTensor(const Shape &shape, std::mt19937_64 &rng)
{
    std::uniform_real_distribution<float> value(-1.0f, 1.0f);
    Tensor t(shape);
    for (float &v : t.values())
        v = value(rng);
    return t;
}

TEST(Equivariance, ShiftingMovesAndDropsWithoutWrapping)
{
    Tensor x(Shape{1, 1, 3, 4}, 0.0f);
    for (int i = 0; i < 12; ++i)
        x.data()[i] = float(i + 1);
    const Tensor down = shiftImage(x, 1, -1);
    EXPECT_EQ(down.values(), (std::vector<float>{0, 0, 0, 0, 2, 3, 4, 0, 6, 7, 8, 0}));
    EXPECT_EQ(shiftImage(x, 0, 0).values(), x.values());
    EXPECT_EQ(shiftImage(x, 5, 0).values(), std::vector<float>(12, 0.0f));
}

// On random images, filters, paddings, dilations and shifts: conv(shift(x)) and
// shift(conv(x)) are equal, to the bit, wherever equivariantInterior says so. The reference
// convolution sums every output's taps in one order, as the page does; the fast one blocks its
// GEMM by position, and its sums differ in the last bit (1e-7).
TEST(Equivariance, AConvolutionCommutesWithAShiftAwayFromTheBorder)
{
    std::mt19937_64 rng(21);
    int interiorSeen = 0;
    for (int trial = 0; trial < 200; ++trial) {
        const int c = 1 + int(rng() % 3), k = 1 + int(rng() % 3), kernel = 1 + 2 * int(rng() % 3);
        const int h = kernel + 2 + int(rng() % 12), w = kernel + 2 + int(rng() % 12);
        ConvOptions options;
        options.dilationH = options.dilationW = 1 + int(rng() % 2);
        const int pad = int(rng() % 3);
        options.padding = PaddingSpec::uniform(pad);
        const int dy = int(rng() % 9) - 4, dx = int(rng() % 9) - 4;
        const Tensor x = randomTensor(Shape{1, c, h, w}, rng);
        const Tensor weight = randomTensor(Shape{k, c, kernel, kernel}, rng);
        const Tensor bias = randomTensor(Shape{1, 1, 1, k}, rng);
        Expected<Conv2dPlan> plan = planConv2d(x.shape(), weight.shape(), k, options);
        if (!plan)
            continue;
        const Tensor convOfShift = conv2dReference(*plan, shiftImage(x, dy, dx), weight,
                                                   bias.values());
        const Tensor shiftOfConv = shiftImage(conv2dReference(*plan, x, weight, bias.values()), dy,
                                              dx);
        const Geometry g = *resolveGeometry(h, w, options.window(kernel, kernel));
        const std::vector<std::uint8_t> inside = equivariantInterior(g, dy, dx);
        const Difference d = difference(convOfShift, shiftOfConv, inside);
        EXPECT_EQ(d.largestInside, 0.0f) << "trial " << trial;
        interiorSeen += std::count(inside.begin(), inside.end(), 1) > 0;
    }
    EXPECT_GT(interiorSeen, 100);

    WindowSpec spec;
    spec.kernelH = spec.kernelW = 3;
    spec.strideH = spec.strideW = 2;
    const Geometry strided = *resolveGeometry(10, 10, spec);
    const std::vector<std::uint8_t> none = equivariantInterior(strided, 1, 0);
    EXPECT_EQ(std::count(none.begin(), none.end(), 1), 0);
}

// A bright pixel moved inside a 2×2 pooling window pools to the same map; moved into the next
// window, it does not.
TEST(Equivariance, MaxPoolingForgivesAShiftInsideItsWindowOnly)
{
    Tensor x(Shape{1, 1, 8, 8}, 0.0f);
    x.at(0, 0, 4, 4) = 1.0f;
    PoolOptions options;
    const Pool2dPlan plan = *planPool2d(x.shape(), options);
    const Tensor pooled = pool2d(plan, x).output;
    const Agreement inside = agreement(pooled, pool2d(plan, shiftImage(x, 1, 1)).output);
    EXPECT_EQ(inside.same, inside.count);
    EXPECT_EQ(inside.count, 16);
    const Agreement across = agreement(pooled, pool2d(plan, shiftImage(x, 0, 2)).output);
    EXPECT_EQ(across.same, 14);
}

} // namespace
} // namespace convscope
