// Every backward pass against central finite differences of a double-precision evaluation of
// the loss L = Σ R ⊙ f(·), with R random, on random small shapes and every option.
#include "core/nn/layers.h"
#include "core/nn/loss.h"
#include "core/nn/network.h"
#include "core/ops/activation.h"
#include "core/ops/conv2d.h"
#include "core/ops/conv2d_kernels.h"
#include "core/ops/pool2d.h"
#include "core/ops/reference.h"
#include "core/parallel.h"
#include "tests/core/test_support.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>
#include <string>

namespace convscope {
namespace {

using test::randomTensor;
using test::tensorOf;

double weightedSum(const Tensor &r, const Tensor &y)
{
    double sum = 0.0;
    for (std::int64_t i = 0; i < y.size(); ++i)
        sum += double(r.data()[i]) * double(y.data()[i]);
    return sum;
}

// Compares analytic[i] with (L(θ_i + ε) − L(θ_i − ε)) / (actual step) for every entry of target.
void expectGradient(Tensor &target, const Tensor &analytic, const std::function<double()> &loss,
                    const std::string &what, float eps = 1e-2f, double tolerance = 2e-3)
{
    ASSERT_EQ(target.size(), analytic.size()) << what;
    for (std::int64_t i = 0; i < target.size(); ++i) {
        const float saved = target.data()[i];
        const float up = saved + eps, down = saved - eps;
        target.data()[i] = up;
        const double lossUp = loss();
        target.data()[i] = down;
        const double lossDown = loss();
        target.data()[i] = saved;
        const double numeric = (lossUp - lossDown) / (double(up) - double(down));
        ASSERT_NEAR(analytic.data()[i], numeric, tolerance * std::max(1.0, std::abs(numeric)))
            << what << ", entry " << i;
    }
}

TEST(Conv2dBackward, HandWorkedThreeByThree)
{
    const Tensor x = tensorOf({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
    const Tensor w = tensorOf({1, 1, 2, 2}, {1, 2, 3, 4});
    const Conv2dPlan plan = *planConv2d(x.shape(), w.shape(), 1, {});
    Tensor dx, dw;
    float db = 0.0f;
    conv2dBackward(plan, x, w, Tensor({1, 1, 2, 2}, 1.0f), &dx, dw, {&db, 1});
    EXPECT_EQ(dw.values(), (std::vector<float>{12, 16, 24, 28}));
    EXPECT_EQ(dx.values(), (std::vector<float>{1, 3, 2, 4, 10, 6, 3, 7, 4}));
    EXPECT_EQ(db, 4.0f);
}

TEST(Conv2dBackward, ReflectPaddingGivesTheBorderGradientBack)
{
    // 1×3 row, reflect padding 1 left and right, kernel [1 1 1], dY = 1: the padded row is
    // x1 x0 x1 x2 x1; x0 and x2 are read by two windows each, x1 by all three in the middle
    // and once more through each padding cell.
    const Tensor x = tensorOf({1, 1, 1, 3}, {1, 2, 3});
    const Tensor w = tensorOf({1, 1, 1, 3}, {1, 1, 1});
    ConvOptions options;
    options.padding = PaddingSpec::perSide({0, 0, 1, 1});
    options.padMode = PadMode::Reflect;
    const Conv2dPlan plan = *planConv2d(x.shape(), w.shape(), 0, options);
    Tensor dx, dw;
    conv2dBackward(plan, x, w, Tensor({1, 1, 1, 3}, 1.0f), &dx, dw, {});
    EXPECT_EQ(dx.values(), (std::vector<float>{2, 5, 2}));
}

struct RandomConv
{
    Shape input;
    Shape weight;
    ConvOptions options;
    bool bias;
};

RandomConv randomConv(std::mt19937 &rng)
{
    auto pick = [&](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    RandomConv c;
    c.options.groups = pick(1, 2);
    c.input = {pick(1, 2), c.options.groups * pick(1, 2), pick(3, 8), pick(3, 8)};
    c.weight = {c.options.groups * pick(1, 2), c.input.c / c.options.groups, pick(1, 4), pick(1, 4)};
    c.options.strideH = pick(1, 3);
    c.options.strideW = pick(1, 3);
    c.options.dilationH = pick(1, 2);
    c.options.dilationW = pick(1, 2);
    switch (pick(0, 3)) {
    case 0:
        c.options.padding = PaddingSpec::perSide({pick(0, 2), pick(0, 2), pick(0, 2), pick(0, 2)});
        break;
    case 1:
        c.options.padding = PaddingSpec::mode(PaddingKind::Same);
        break;
    case 2:
        c.options.padding = PaddingSpec::mode(PaddingKind::Full);
        break;
    default:
        c.options.padding = PaddingSpec::mode(PaddingKind::Valid);
    }
    c.options.padMode = PadMode(pick(0, 2));
    c.options.flipKernel = pick(0, 1) == 1;
    c.bias = pick(0, 1) == 1;
    return c;
}

TEST(Conv2dBackward, FiniteDifferencesOnRandomConfigurations)
{
    std::mt19937 rng(7);
    int checked = 0;
    for (int attempt = 0; checked < 60 && attempt < 1000; ++attempt) {
        const RandomConv c = randomConv(rng);
        Expected<Conv2dPlan> plan = planConv2d(c.input, c.weight, c.bias ? c.weight.n : 0,
                                               c.options);
        if (!plan)
            continue; // e.g. reflect padding wider than the image
        ++checked;
        Tensor x = randomTensor(c.input, rng);
        Tensor w = randomTensor(c.weight, rng);
        Tensor b = randomTensor({1, c.bias ? c.weight.n : 0, 1, 1}, rng);
        const Tensor r = randomTensor(plan->output, rng);
        Tensor dx, dw, db(b.shape());
        conv2dBackward(*plan, x, w, r, &dx, dw, db.values());
        auto loss = [&] {
            return weightedSum(r, conv2dReference(*plan, x, w, b.values()));
        };
        const std::string what = concat("config ", checked, ": input ", c.input.toString(),
                                        " weight ", c.weight.toString(), " padding ",
                                        c.options.padding.toString());
        expectGradient(x, dx, loss, what + " dX");
        expectGradient(w, dw, loss, what + " dW");
        expectGradient(b, db, loss, what + " db");
    }
    EXPECT_EQ(checked, 60);
}

// The convolution is linear in x and in w, so its backward pass is its adjoint:
// Σ r·conv(x, w) = Σ dX·x = Σ dW·w for any r. On rows wide enough for col2im's vector path at
// stride 1 (and its strided loop at stride 2), with dilations that shift the rows 1 to 3 cells
// and every pad mode, where the finite differences above only reach a few cells.
TEST(Conv2dBackward, IsTheAdjointOfTheForwardPassOnWideRows)
{
    std::mt19937 rng(12);
    auto pick = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    for (int checked = 0; checked < 40;) {
        const Shape in{pick(1, 2), pick(1, 3), pick(3, 9), pick(20, 70)};
        const Shape w{pick(9, 12), in.c, pick(1, 3), pick(1, 5)};
        ConvOptions o;
        o.strideW = pick(0, 3) == 0 ? 2 : 1;
        o.dilationW = pick(1, 3);
        o.dilationH = pick(1, 2);
        o.padMode = PadMode(pick(0, 2));
        o.padding = PaddingSpec::perSide({pick(0, 2), pick(0, 2), pick(0, 3), pick(0, 3)});
        Expected<Conv2dPlan> plan = planConv2d(in, w, 0, o);
        if (!plan)
            continue;
        ++checked;
        const Tensor x = randomTensor(in, rng), wt = randomTensor(w, rng);
        const Tensor r = randomTensor(plan->output, rng);
        Tensor dx, dw;
        conv2dBackward(*plan, x, wt, r, &dx, dw, {});
        const double forward = weightedSum(r, conv2dReference(*plan, x, wt, {}));
        const std::string what = concat("input ", in.toString(), " weight ", w.toString(),
                                        " stride ", o.strideW, " dilation ", o.dilationW);
        EXPECT_NEAR(weightedSum(dx, x), forward, 1e-4 * (1.0 + std::abs(forward))) << what;
        EXPECT_NEAR(weightedSum(dw, wt), forward, 1e-4 * (1.0 + std::abs(forward))) << what;
    }
}

// dX and dW of a plan straight from the definition, in double: each output cell's dY times each
// filter value, added to the input pixel its tap read (sourceIndex: none for a zero padding
// cell, the mirrored or repeated pixel for reflect and replicate), and times that pixel, added
// to the filter value.
struct TapGradients
{
    Tensor input;
    Tensor weight;
};

TapGradients gradientsByTaps(const Conv2dPlan &plan, const Tensor &x, const Tensor &weight,
                             const Tensor &gradOutput)
{
    const Geometry &g = plan.geometry;
    const Shape &in = plan.input, &w = plan.weight, &out = plan.output;
    const int filters = plan.outputChannelsPerGroup(), channels = plan.inputChannelsPerGroup();
    std::vector<double> dx(size_t(in.count()), 0.0), dw(size_t(w.count()), 0.0);
    for (int n = 0; n < out.n; ++n) {
        for (int k = 0; k < out.c; ++k) {
            for (int oy = 0; oy < out.h; ++oy) {
                for (int ox = 0; ox < out.w; ++ox) {
                    const double dy = gradOutput.at(n, k, oy, ox);
                    for (int t = 0; t < channels * w.h * w.w; ++t) {
                        const int c = t / (w.h * w.w), ky = t / w.w % w.h, kx = t % w.w;
                        const int iy = sourceIndex(oy * g.h.stride - g.h.padBegin
                                                       + ky * g.h.dilation,
                                                   in.h, g.padMode);
                        const int ix = sourceIndex(ox * g.w.stride - g.w.padBegin
                                                       + kx * g.w.dilation,
                                                   in.w, g.padMode);
                        if (iy < 0 || ix < 0)
                            continue;
                        const int fy = plan.flipKernel ? w.h - 1 - ky : ky;
                        const int fx = plan.flipKernel ? w.w - 1 - kx : kx;
                        const int channel = k / filters * channels + c;
                        dx[size_t(((std::int64_t(n) * in.c + channel) * in.h + iy) * in.w + ix)]
                            += double(weight.at(k, c, fy, fx)) * dy;
                        dw[size_t(((std::int64_t(k) * channels + c) * w.h + fy) * w.w + fx)]
                            += double(x.at(n, channel, iy, ix)) * dy;
                    }
                }
            }
        }
    }
    TapGradients result{Tensor(in), Tensor(w)};
    std::transform(dx.begin(), dx.end(), result.input.data(), [](double v) { return float(v); });
    std::transform(dw.begin(), dw.end(), result.weight.data(), [](double v) { return float(v); });
    return result;
}

void expectNearEveryEntry(const Tensor &actual, const Tensor &expected, const std::string &what)
{
    for (std::int64_t i = 0; i < expected.size(); ++i) {
        const double e = expected.data()[i];
        ASSERT_NEAR(actual.data()[i], e, 1e-4 * (1.0 + std::abs(e))) << what << ", entry " << i;
    }
}

// conv2dBackward entry by entry: every dW, dX and db entry against gradientsByTaps. dX and dW
// start as NaN, as a network's reused tensors hold stale values: every entry must be written.
void expectBackwardEntriesEqualTheReference(const Conv2dPlan &plan, std::mt19937 &rng,
                                            const std::string &what)
{
    const Shape &in = plan.input, &w = plan.weight;
    Tensor x = randomTensor(in, rng), wt = randomTensor(w, rng);
    const Tensor r = randomTensor(plan.output, rng);
    Tensor dx(in, std::nanf("")), dw(w, std::nanf(""));
    std::vector<float> db(size_t(w.n), std::nanf(""));
    conv2dBackward(plan, x, wt, r, &dx, dw, db);
    for (int k = 0; k < w.n; ++k) {
        double expected = 0.0;
        for (int n = 0; n < in.n; ++n) {
            for (std::int64_t p = 0; p < plan.output.h * plan.output.w; ++p)
                expected += r.plane(n, k)[p];
        }
        ASSERT_NEAR(db[size_t(k)], expected, 1e-4 * (1.0 + std::abs(expected))) << what;
    }
    const TapGradients expected = gradientsByTaps(plan, x, wt, r);
    expectNearEveryEntry(dw, expected.weight, what + ", dW");
    expectNearEveryEntry(dx, expected.input, what + ", dX");
}

// Plans drawn by `draw` until `wanted` of them pass `takes`, each checked entry by entry; gives
// up, failing, after `attempts` draws. Stride 1 and dilations up to 2, or with maxStride > 1
// strides up to it and dilations up to 3.
void checkBackwardOnDrawnPlans(std::mt19937 &rng, int wanted, int attempts,
                               const std::function<Shape(std::mt19937 &, Shape &)> &draw,
                               const std::function<bool(const Conv2dPlan &)> &takes,
                               int maxStride = 1)
{
    auto pick = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    for (int checked = 0, drawn = 0; checked < wanted;) {
        ASSERT_LT(++drawn, attempts);
        Shape w;
        const Shape in = draw(rng, w);
        ConvOptions o;
        o.dilationH = pick(1, 2);
        o.dilationW = pick(1, 2);
        if (maxStride > 1) {
            o.strideH = pick(1, maxStride);
            o.strideW = pick(1, maxStride);
            o.dilationH = pick(1, 3);
            o.dilationW = pick(1, 3);
        }
        o.padMode = PadMode(pick(0, 2));
        o.groups = in.c % 2 == 0 && w.n % 2 == 0 && w.c * 2 == in.c ? 2 : 1;
        o.flipKernel = pick(0, 1) == 1;
        o.padding = PaddingSpec::perSide({pick(0, 2), pick(0, 2), pick(0, 2), pick(0, 2)});
        Expected<Conv2dPlan> plan = planConv2d(in, w, w.n, o);
        if (!plan || !takes(*plan))
            continue;
        ++checked;
        expectBackwardEntriesEqualTheReference(*plan, rng,
                                               concat("input ", in.toString(), " weight ",
                                                      w.toString(), " stride ", o.strideH, ",",
                                                      o.strideW, " dilation ", o.dilationH, ",",
                                                      o.dilationW, " groups ", o.groups, " mode ",
                                                      int(o.padMode)));
        if (::testing::Test::HasFatalFailure())
            return;
    }
}

// The wide column layout's backward pass (stride 1, rows wide enough).
TEST(Conv2dBackward, WideColumnsEqualTheReferenceEntryByEntry)
{
    std::mt19937 rng(43);
    checkBackwardOnDrawnPlans(
        rng, 25, 2000,
        [](std::mt19937 &r, Shape &w) {
            auto pick = [&r](int lo, int hi) {
                return std::uniform_int_distribution<int>(lo, hi)(r);
            };
            const int groups = pick(0, 3) == 0 ? 2 : 1;
            const Shape in{pick(1, 3), groups * pick(1, 3), pick(2, 9), pick(14, 30)};
            w = {groups * pick(1, 5), in.c / groups, pick(1, 3), pick(1, 3)};
            return in;
        },
        [](const Conv2dPlan &plan) { return conv2d_kernels::takesWideColumns(plan); });
}

// conv2d_implicit.cpp's dX (the tiles over dY with turned filters, or over the padded input's
// gradient folded back) and dW (tiles over blocks of images, rows and filters past the last
// repeated and dropped): maps down to 5 columns (at batch 8), up to 10 channels and 18 filters.
TEST(Conv2dBackward, ImplicitTilesEqualTheReferenceEntryByEntry)
{
    std::mt19937 rng(47);
    checkBackwardOnDrawnPlans(
        rng, 25, 3000,
        [](std::mt19937 &r, Shape &w) {
            auto pick = [&r](int lo, int hi) {
                return std::uniform_int_distribution<int>(lo, hi)(r);
            };
            const int groups = pick(0, 3) == 0 ? 2 : 1;
            const Shape in{pick(0, 3) == 0 ? 8 : pick(1, 3), groups * pick(2, 5), pick(2, 8),
                           pick(5, 18)};
            w = {groups * pick(1, 9), in.c / groups, pick(1, 3), pick(1, 3)};
            return in;
        },
        [](const Conv2dPlan &plan) {
            return conv2d_kernels::takesImplicit(plan)
                   && conv2d_kernels::gradInputKernel(plan)
                          == conv2d_kernels::GradInputKernel::Implicit;
        });
}

// conv2d_lanes.cpp's dX, every cell: small maps and kernels up to LeNet-5's 5×5, batches that
// fill the lanes or leave some empty, channels past a whole tile of 6 and zero padding up to
// 2 cells on either side, which moves the taps that reach dY at a row's ends; stride 1, and,
// in the second test, strides up to 3, whose tiles pair the cells of a phase of the row
// (every step-th tap, 1 to 3 apart with dilations up to 3).
Shape drawLanesPlan(std::mt19937 &r, Shape &w)
{
    auto pick = [&r](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(r);
    };
    const int groups = pick(0, 3) == 0 ? 2 : 1;
    const Shape in{pick(0, 2) == 0 ? 8 * pick(1, 2) : pick(3, 13), groups * pick(2, 8), pick(3, 11),
                   pick(3, 11)};
    w = {groups * pick(2, 12), in.c / groups, pick(1, 5), pick(1, 5)};
    return in;
}

bool takesLanesForGradInput(const Conv2dPlan &plan)
{
    return conv2d_kernels::gradInputKernel(plan) == conv2d_kernels::GradInputKernel::Lanes;
}

TEST(Conv2dBackward, BatchLanesEqualTheReferenceEveryCell)
{
    std::mt19937 rng(53);
    checkBackwardOnDrawnPlans(rng, 25, 3000, drawLanesPlan, takesLanesForGradInput);
}

TEST(Conv2dBackward, StridedBatchLanesEqualTheReferenceEveryCell)
{
    std::mt19937 rng(61);
    checkBackwardOnDrawnPlans(
        rng, 40, 6000, drawLanesPlan,
        [](const Conv2dPlan &plan) {
            const Geometry &g = plan.geometry;
            return (g.h.stride > 1 || g.w.stride > 1) && takesLanesForGradInput(plan);
        },
        3);
}

// dX by a Winograd kernel over dY with the filters turned, on the plans the chooser gives it:
// 3×3 filters at stride 1, zero padding of 0 to 2 cells a side (dY padded by 2 − P, dX itself)
// and the other pad modes (the padded input's gradient, folded back); inputs between `least`
// and `most`, as many filters as channels in those bounds.
void checkWinogradGradInput(std::mt19937 &rng, Shape least, Shape most,
                            conv2d_kernels::GradInputKernel kernel)
{
    checkBackwardOnDrawnPlans(
        rng, 30, 3000,
        [least, most](std::mt19937 &r, Shape &w) {
            auto pick = [&r](int lo, int hi) {
                return std::uniform_int_distribution<int>(lo, hi)(r);
            };
            const Shape in{pick(least.n, most.n), pick(least.c, most.c), pick(least.h, most.h),
                           pick(least.w, most.w)};
            w = {pick(least.c, most.c), in.c, 3, 3};
            return in;
        },
        [kernel](const Conv2dPlan &plan) {
            return conv2d_kernels::gradInputKernel(plan) == kernel;
        });
}

// conv2d_winograd.cpp's: batches of 1 to 9, channels and filters past a block of 4 and a vector.
TEST(Conv2dBackward, WinogradGradInputEqualsTheReferenceEveryCell)
{
    std::mt19937 rng(73);
    checkWinogradGradInput(rng, {1, 8, 5, 5}, {9, 30, 14, 14},
                           conv2d_kernels::GradInputKernel::Winograd);
}

// conv2d_winograd_lanes.cpp's: batches of 6 to 20 (lanes past the batch), channels and filters
// from 4 to 24, maps from 3×3, odd and even.
TEST(Conv2dBackward, LanesWinogradGradInputEqualsTheReferenceEveryCell)
{
    std::mt19937 rng(101);
    checkWinogradGradInput(rng, {6, 4, 3, 3}, {20, 24, 13, 13},
                           conv2d_kernels::GradInputKernel::LanesWinograd);
}

// conv2d_lanes_input.cpp's dW and db, every entry: the plans of the lanes tests above with
// every pad mode, whose dX takes the lanes or the implicit tiles (a dX on the GEMM path computes
// dW beside it), rows and filters past a whole tile of 3 × 4, strides up to 3.
TEST(Conv2dBackward, BatchLanesWeightGradientsEqualTheReferenceEveryEntry)
{
    std::mt19937 rng(67);
    checkBackwardOnDrawnPlans(
        rng, 40, 6000, drawLanesPlan,
        [](const Conv2dPlan &plan) {
            return conv2d_kernels::gradInputKernel(plan) != conv2d_kernels::GradInputKernel::Gemm
                   && conv2d_kernels::weightGradKernel(plan)
                          == conv2d_kernels::WeightGradKernel::Lanes;
        },
        3);
}

// conv2d_pointwise.cpp's dX, dW and db, every entry: 1×1 filters without padding over batches
// from 8, past a block of 8 images, strides 1 to 3 (dX zero between the strided cells, and in
// the rows and columns past the last window), maps from 1×1.
TEST(Conv2dBackward, PointwiseEqualsTheReferenceEveryEntry)
{
    std::mt19937 rng(97);
    auto pick = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    for (int checked = 0; checked < 40; ++checked) {
        const Shape in{pick(8, 20), pick(1, 20), pick(1, 12), pick(1, 12)};
        const Shape w{pick(1, 20), in.c, 1, 1};
        ConvOptions o;
        o.strideH = pick(1, 3);
        o.strideW = pick(1, 3);
        const Conv2dPlan plan = planConv2d(in, w, w.n, o).value();
        const auto kernel = conv2d_kernels::gradInputKernel(plan);
        ASSERT_EQ(kernel, conv2d_kernels::GradInputKernel::Pointwise);
        expectBackwardEntriesEqualTheReference(plan, rng,
                                               concat("input ", in.toString(), " weight ",
                                                      w.toString(), " stride ", o.strideH, ",",
                                                      o.strideW));
        if (::testing::Test::HasFatalFailure())
            return;
    }
}

// The kernels' scratch buffers are reused, never zeroed (conv2d_kernels::reuse): after large
// calls of every kernel leave NaN in all of them, smaller plans of every kernel, forward and
// backward, must read none of it. The drawn plans take the direct kernels, the lanes, the
// implicit tiles and the GEMM path; four more take Winograd's (a batch of 1, and of 3), the
// 1×1 kernel and Winograd's with the images across the lanes.
TEST(Conv2dBackward, ScratchLeftByLargerCallsReachesNoResult)
{
    const auto poison = [](const Shape &in, const Shape &w, int stride) {
        ConvOptions o;
        o.padding = PaddingSpec::perAxis(w.h / 2, w.w / 2);
        o.strideH = o.strideW = stride;
        const Conv2dPlan plan = planConv2d(in, w, w.n, o).value();
        const Tensor x(in, std::nanf("")), wt(w, std::nanf(""));
        const Tensor dy(plan.output, std::nanf(""));
        const std::vector<float> bias(size_t(w.n), std::nanf(""));
        Tensor y, dx, dw;
        std::vector<float> db(size_t(w.n));
        conv2d(plan, x, wt, bias, y);
        conv2dBackward(plan, x, wt, dy, &dx, dw, db);
    };
    poison({64, 16, 28, 28}, {16, 16, 3, 3}, 1); // Winograd's in the lanes, forward and dX
    poison({64, 16, 28, 28}, {32, 16, 3, 3}, 2); // the lanes at stride 2
    poison({64, 16, 28, 28}, {32, 16, 1, 1}, 2); // the GEMM path
    poison({1, 64, 56, 56}, {64, 64, 3, 3}, 1);  // Winograd at batch 1
    poison({2, 16, 40, 40}, {24, 16, 5, 5}, 1);  // the implicit tiles
    std::mt19937 rng(79);
    checkBackwardOnDrawnPlans(
        rng, 60, 6000,
        [](std::mt19937 &r, Shape &w) {
            auto pick = [&r](int lo, int hi) {
                return std::uniform_int_distribution<int>(lo, hi)(r);
            };
            const Shape in{pick(0, 1) == 0 ? pick(1, 3) : 8 * pick(1, 2) + pick(0, 3), pick(1, 12),
                           pick(3, 14), pick(3, 14)};
            const int size = pick(0, 1) == 0 ? 3 : pick(1, 5);
            w = {pick(1, 12), in.c, size, size};
            return in;
        },
        [](const Conv2dPlan &) { return true; }, 2);
    if (::testing::Test::HasFatalFailure())
        return;
    std::mt19937 forwardRng(83);
    auto pick = [&forwardRng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(forwardRng);
    };
    for (int checked = 0; checked < 60; ++checked) {
        const Shape in{pick(1, 20), pick(1, 12), pick(3, 14), pick(3, 14)};
        const Shape w{pick(1, 12), in.c, 3, 3};
        ConvOptions o;
        o.padding = PaddingSpec::perAxis(pick(0, 1), pick(0, 1));
        o.padMode = PadMode(pick(0, 2));
        const Conv2dPlan plan = planConv2d(in, w, w.n, o).value();
        const Tensor x = randomTensor(in, forwardRng), wt = randomTensor(w, forwardRng);
        const Tensor bias = randomTensor(Shape{1, 1, 1, w.n}, forwardRng);
        expectNearEveryEntry(conv2d(plan, x, wt, bias.values()),
                             conv2dReference(plan, x, wt, bias.values()),
                             concat("forward, input ", in.toString(), " weight ", w.toString()));
        if (::testing::Test::HasFatalFailure())
            return;
    }
    using conv2d_kernels::ForwardKernel;
    using conv2d_kernels::GradInputKernel;
    const struct
    {
        Shape in, w;
        int stride;
        ForwardKernel forward;
        GradInputKernel gradInput;
    } named[]
        = {{{1, 48, 15, 13}, {40, 48, 3, 3}, 1, ForwardKernel::Winograd, GradInputKernel::Winograd},
           {{3, 64, 20, 18}, {46, 64, 3, 3}, 1, ForwardKernel::Winograd, GradInputKernel::Winograd},
           {{12, 10, 9, 9}, {14, 10, 1, 1}, 2, ForwardKernel::Pointwise, GradInputKernel::Pointwise},
           {{21, 16, 14, 14},
            {13, 16, 3, 3},
            1,
            ForwardKernel::LanesWinograd,
            GradInputKernel::LanesWinograd}};
    for (const auto &c : named) {
        ConvOptions o;
        o.padding = PaddingSpec::perAxis(c.w.h / 2, c.w.w / 2);
        o.strideH = o.strideW = c.stride;
        const Conv2dPlan plan = planConv2d(c.in, c.w, c.w.n, o).value();
        const std::string what = concat("input ", c.in.toString(), " weight ", c.w.toString());
        ASSERT_EQ(conv2d_kernels::forwardKernel(plan), c.forward) << what;
        ASSERT_EQ(conv2d_kernels::gradInputKernel(plan), c.gradInput) << what;
        const Tensor x = randomTensor(c.in, forwardRng), wt = randomTensor(c.w, forwardRng);
        const Tensor bias = randomTensor(Shape{1, 1, 1, c.w.n}, forwardRng);
        expectNearEveryEntry(conv2d(plan, x, wt, bias.values()),
                             conv2dReference(plan, x, wt, bias.values()), "forward, " + what);
        expectBackwardEntriesEqualTheReference(plan, forwardRng, what);
        if (::testing::Test::HasFatalFailure())
            return;
    }
}

// The first case unpadded; the second's dX convolution has more filter values than input
// values, so its threads split the filters; the third pads by reflection, whose dX is folded
// back from the padded input's gradient; the fourth, LeNet-5's conv2 over 37 images, and the
// fifth, mini-resnet's stride-2 conv over 13, compute dX and dW with the images across the
// lanes, the last lanes empty.
TEST(Conv2dBackward, ResultDoesNotDependOnTheThreadCount)
{
    std::mt19937 rng(3);
    ConvOptions same;
    same.padding = PaddingSpec::mode(PaddingKind::Same);
    ConvOptions reflect = same;
    reflect.padMode = PadMode::Reflect;
    ConvOptions strided;
    strided.strideH = strided.strideW = 2;
    strided.padding = PaddingSpec::perAxis(1, 1);
    const struct
    {
        Shape input;
        Shape weight;
        ConvOptions options;
    } cases[] = {{{37, 3, 12, 12}, {5, 3, 3, 3}, {}},
                 {{1, 48, 7, 9}, {64, 48, 3, 3}, same},
                 {{3, 4, 10, 16}, {6, 4, 3, 3}, reflect},
                 {{37, 6, 14, 14}, {16, 6, 5, 5}, {}},
                 {{13, 16, 28, 28}, {32, 16, 3, 3}, strided}};
    const int threads = threadCount();
    for (const auto &c : cases) {
        const Tensor x = randomTensor(c.input, rng);
        const Tensor w = randomTensor(c.weight, rng);
        const Conv2dPlan plan = *planConv2d(x.shape(), w.shape(), c.weight.n, c.options);
        EXPECT_EQ(conv2d_kernels::gradInputKernel(plan) == conv2d_kernels::GradInputKernel::Lanes,
                  &c >= &cases[3]);
        EXPECT_EQ(conv2d_kernels::weightGradKernel(plan) == conv2d_kernels::WeightGradKernel::Lanes,
                  &c >= &cases[3]);
        const Tensor r = randomTensor(plan.output, rng);
        Tensor dx1, dw1, dx2, dw2;
        std::vector<float> db1(size_t(c.weight.n)), db2(size_t(c.weight.n));
        setThreadCount(1);
        conv2dBackward(plan, x, w, r, &dx1, dw1, db1);
        setThreadCount(4);
        conv2dBackward(plan, x, w, r, &dx2, dw2, db2);
        EXPECT_EQ(dx1.values(), dx2.values()) << c.input.toString();
        EXPECT_EQ(dw1.values(), dw2.values()) << c.input.toString();
        EXPECT_EQ(db1, db2) << c.input.toString();
    }
    setThreadCount(threads);
}

TEST(Pool2dBackward, MaxRoutesToTheArgmaxAndAverageSpreads)
{
    const Tensor x = tensorOf({1, 1, 2, 4}, {1, 5, 2, 0, 3, 4, 8, 8});
    PoolOptions options;
    const Pool2dPlan maxPlan = *planPool2d(x.shape(), options);
    const PoolResult forward = pool2d(maxPlan, x);
    Tensor dx;
    pool2dBackward(maxPlan, forward.argmax, tensorOf({1, 1, 1, 2}, {1, 2}), dx);
    EXPECT_EQ(dx.values(), (std::vector<float>{0, 1, 0, 0, 0, 0, 2, 0})); // first max wins
    options.type = PoolType::Average;
    const Pool2dPlan avgPlan = *planPool2d(x.shape(), options);
    pool2dBackward(avgPlan, {}, tensorOf({1, 1, 1, 2}, {4, 8}), dx);
    EXPECT_EQ(dx.values(), (std::vector<float>{1, 1, 2, 2, 1, 1, 2, 2}));
}

TEST(Pool2dBackward, FiniteDifferencesOnRandomConfigurations)
{
    std::mt19937 rng(11);
    auto pick = [&](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    for (int i = 0; i < 60; ++i) {
        PoolOptions options;
        options.type = i % 2 ? PoolType::Max : PoolType::Average;
        options.kernelH = pick(1, 3);
        options.kernelW = pick(1, 3);
        options.strideH = pick(1, 3);
        options.strideW = pick(1, 3);
        options.padH = pick(0, options.kernelH / 2);
        options.padW = pick(0, options.kernelW / 2);
        options.ceilMode = i % 4 >= 2; // not drawn: the same random shapes as without it
        const Shape shape{pick(1, 2), pick(1, 3), pick(3, 7), pick(3, 7)};
        const Pool2dPlan plan = *planPool2d(shape, options);
        Tensor x = randomTensor(shape, rng);
        const Tensor r = randomTensor(plan.output, rng);
        Tensor dx;
        pool2dBackward(plan, pool2d(plan, x).argmax, r, dx);
        // A step smaller than the gap between two window values keeps the max where it is.
        expectGradient(
            x, dx, [&] { return weightedSum(r, pool2dReference(plan, x).output); },
            concat("pool ", i), 1e-4f, 1e-2);
    }
}

TEST(ActivationBackward, FiniteDifferencesForEveryActivation)
{
    std::mt19937 rng(5);
    for (Activation a : {Activation::None, Activation::Relu, Activation::LeakyRelu,
                         Activation::Sigmoid, Activation::Tanh, Activation::Relu6}) {
        // ReLU6's inputs reach past its upper bend at 6 too.
        const float reach = a == Activation::Relu6 ? 9.0f : 3.0f;
        Tensor x = randomTensor({2, 3, 4, 5}, rng, -reach, reach);
        for (float &v : x.values())
            v = std::abs(v) < 0.05f || std::abs(v - 6.0f) < 0.05f ? 0.5f : v; // off the bends
        const Tensor r = randomTensor(x.shape(), rng);
        Tensor y = x;
        applyActivation(y, a, 0.1f);
        Tensor dx;
        activationBackward(y, r, dx, a, 0.1f);
        auto loss = [&] {
            Tensor z = x;
            applyActivation(z, a, 0.1f);
            return weightedSum(r, z);
        };
        expectGradient(x, dx, loss, std::string(activationName(a)), 1e-3f, 5e-3);
    }
}

TEST(DenseLayer, FiniteDifferencesAgainstADoubleReference)
{
    std::mt19937 rng(9);
    for (bool bias : {true, false}) {
        DenseLayer layer(4, bias);
        const Shape in{1, 2, 3, 2};
        ASSERT_EQ(*layer.configure(in), (Shape{1, 4, 1, 1}));
        EXPECT_EQ(layer.parameterCount(), 4 * 12 + (bias ? 4 : 0));
        layer.allocate();
        std::mt19937_64 init(1);
        layer.initialize(init, InitScheme::Xavier);
        std::vector<Parameter *> params = layer.parameters();
        ASSERT_EQ(params.size(), bias ? 2u : 1u);
        if (bias)
            params[1]->value = randomTensor(params[1]->value.shape(), rng);
        Tensor x = randomTensor({3, 2, 3, 2}, rng);
        Tensor y;
        layer.forward(x, y, Mode::Training);
        const Tensor r = randomTensor(y.shape(), rng);
        Tensor dx;
        layer.backward(x, y, r, &dx);
        auto loss = [&] {
            double sum = 0.0;
            for (int n = 0; n < 3; ++n) {
                for (int u = 0; u < 4; ++u) {
                    double v = bias ? params[1]->value.data()[u] : 0.0;
                    for (int i = 0; i < 12; ++i)
                        v += double(params[0]->value.data()[u * 12 + i]) * x.data()[n * 12 + i];
                    sum += v * r.data()[n * 4 + u];
                }
            }
            return sum;
        };
        expectGradient(x, dx, loss, "dense dX");
        for (Parameter *p : params)
            expectGradient(p->value, p->gradient, loss, "dense " + p->name);
    }
}

// A configured conv layer's dX, dW and db on a batch of two against finite differences.
void expectConvLayerGradients(ConvLayer &layer, const Shape &input, std::uint32_t seed,
                              const std::string &what)
{
    std::mt19937 rng(seed);
    const Shape out = *layer.configure(input);
    layer.allocate();
    std::mt19937_64 init(seed);
    layer.initialize(init, InitScheme::He);
    Tensor x = randomTensor({2, input.c, input.h, input.w}, rng), y, dx;
    layer.forward(x, y, Mode::Training);
    EXPECT_EQ(y.shape(), (Shape{2, out.c, out.h, out.w}));
    const Tensor r = randomTensor(y.shape(), rng);
    layer.backward(x, y, r, &dx);
    auto loss = [&] {
        Tensor z;
        layer.forward(x, z, Mode::Inference);
        return weightedSum(r, z);
    };
    expectGradient(x, dx, loss, what + " dX");
    for (Parameter *p : layer.parameters())
        expectGradient(p->value, p->gradient, loss, what + " " + p->name);
}

TEST(ConvLayer, ParameterGradientsMatchFiniteDifferences)
{
    ConvOptions options;
    options.strideH = 2;
    options.dilationW = 2;
    options.padding = PaddingSpec::perSide({1, 0, 2, 1});
    options.padMode = PadMode::Replicate;
    ConvLayer layer(3, 3, 2, options, true);
    expectConvLayerGradients(layer, {1, 2, 7, 6}, 13, "conv layer");
    EXPECT_EQ(layer.parameterCount(), 3 * 2 * 3 * 2 + 3);
}

// Two groups of two channels, each seen by two of the four filters (weights 4×2×3×3), and the
// depthwise case: gradients against finite differences, counts by hand.
TEST(ConvLayer, GroupedGradientsMatchFiniteDifferences)
{
    for (const int groups : {2, 4}) {
        ConvOptions options;
        options.groups = groups;
        options.padding = PaddingSpec::perSide({1, 1, 0, 1});
        ConvLayer layer(4, 3, 3, options, true);
        expectConvLayerGradients(layer, {1, 4, 6, 5}, 17 + groups, "grouped conv layer");
        EXPECT_EQ(layer.parameterCount(), 4 * (4 / groups) * 3 * 3 + 4);
        EXPECT_EQ(layer.multiplyAdds(), std::int64_t(4) * 6 * 4 * (4 / groups) * 9);
        EXPECT_EQ(layer.parameters()[0]->value.shape(), (Shape{4, 4 / groups, 3, 3}));
    }
    ConvOptions three;
    three.groups = 3;
    ConvLayer uneven(6, 3, 3, three, true);
    const Expected<Shape> refused = uneven.configure({1, 4, 6, 6});
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("input channels 4 cannot be split into 3 groups"),
              std::string::npos);
}

TEST(FlattenAndDropout, PassGradientsThroughTheirMasks)
{
    std::mt19937 rng(17);
    const Tensor x = randomTensor({2, 3, 2, 2}, rng);
    FlattenLayer flatten;
    EXPECT_EQ(*flatten.configure({1, 3, 2, 2}), (Shape{1, 12, 1, 1}));
    Tensor y, dx;
    flatten.forward(x, y, Mode::Training);
    EXPECT_EQ(y.shape(), (Shape{2, 12, 1, 1}));
    EXPECT_EQ(y.values(), x.values());
    flatten.backward(x, y, y, &dx);
    EXPECT_EQ(dx.shape(), x.shape());
    EXPECT_EQ(dx.values(), x.values());

    DropoutLayer dropout(0.5f);
    std::mt19937_64 init(3);
    dropout.initialize(init, InitScheme::He);
    dropout.forward(x, y, Mode::Training);
    const Tensor r = randomTensor(x.shape(), rng);
    dropout.backward(x, y, r, &dx);
    int dropped = 0;
    for (std::int64_t i = 0; i < x.size(); ++i) {
        const bool kept = y.data()[i] != 0.0f;
        dropped += !kept;
        EXPECT_FLOAT_EQ(y.data()[i], kept ? 2.0f * x.data()[i] : 0.0f);
        EXPECT_FLOAT_EQ(dx.data()[i], kept ? 2.0f * r.data()[i] : 0.0f);
    }
    EXPECT_GT(dropped, 0);
    EXPECT_LT(dropped, 24);
    dropout.forward(x, y, Mode::Inference);
    EXPECT_EQ(y.values(), x.values());
}

// PyTorch's BatchNorm2d worked by hand on one channel of 4 values {1, 2, 3, 6}: mean 3, biased
// variance 3.5 (the unbiased 14/3 moves the running variance), Y = (X − 3)/√(3.5 + ε).
TEST(BatchNorm, NormalisesWithTheBatchAndKeepsPyTorchsRunningStatistics)
{
    BatchNormLayer bn(1e-5f, 0.1f);
    ASSERT_EQ(*bn.configure({1, 1, 2, 2}), (Shape{1, 1, 2, 2}));
    bn.allocate();
    EXPECT_EQ(bn.parameterCount(), 2);
    const Tensor x = tensorOf({1, 1, 2, 2}, {1, 2, 3, 6});
    Tensor y;
    bn.forward(x, y, Mode::Training);
    const double invStd = 1.0 / std::sqrt(3.5 + 1e-5);
    for (int i = 0; i < 4; ++i)
        EXPECT_NEAR(y.data()[i], (x.data()[i] - 3.0) * invStd, 1e-6);
    const std::vector<Tensor *> stats = bn.buffers();
    EXPECT_NEAR(stats[0]->data()[0], 0.1 * 3.0, 1e-6);
    EXPECT_NEAR(stats[1]->data()[0], 0.9 * 1.0 + 0.1 * 14.0 / 3.0, 1e-6);
    // Inference uses the running statistics: (X − 0.3) / √(1.36667 + ε).
    bn.forward(x, y, Mode::Inference);
    EXPECT_NEAR(y.data()[3], (6.0 - 0.3) / std::sqrt(0.9 + 1.4 / 3.0 * 1.0 + 1e-5), 1e-5);
    EXPECT_NEAR(stats[0]->data()[0], 0.3, 1e-6); // inference leaves them alone
}

// Batch norm walks the batch image by image over a thread's channels, each channel's sums in
// the order of its images: its outputs, gradients and running statistics must not depend on
// how many threads split the channels, odd counts of channels and planes of 49 values (past
// the 8 lanes of the sums) included.
TEST(BatchNorm, SameBitsOnAnyNumberOfThreads)
{
    std::mt19937 rng(59);
    const int saved = threadCount();
    for (const Shape &s : {Shape{64, 37, 7, 7}, Shape{128, 12, 14, 14}, Shape{3, 5, 3, 3}}) {
        const Tensor x = randomTensor(s, rng), dy = randomTensor(s, rng);
        const Tensor gamma = randomTensor(Shape{1, s.c, 1, 1}, rng);
        std::vector<std::vector<float>> first;
        for (int threads : {1, 2, 3, 5}) {
            setThreadCount(threads);
            BatchNormLayer bn(1e-5f, 0.1f);
            ASSERT_TRUE(bn.configure(s).ok());
            bn.allocate();
            bn.parameters()[0]->value = gamma;
            std::vector<std::vector<float>> results;
            for (Mode mode : {Mode::Training, Mode::Inference}) {
                Tensor y, dx;
                bn.forward(x, y, mode);
                bn.backward(x, y, dy, &dx);
                results.push_back(y.values());
                results.push_back(dx.values());
                for (const Parameter *p : bn.parameters())
                    results.push_back(p->gradient.values());
                for (const Tensor *b : bn.buffers())
                    results.push_back(b->values());
            }
            if (first.empty())
                first = results;
            else
                EXPECT_EQ(results, first) << s.toString() << " on " << threads << " threads";
        }
    }
    setThreadCount(saved);
}

// Finite differences through the batch statistics (training) and the running ones
// (inference), for the input, γ and β, on 4-D maps and on the N×C×1×1 values of BatchNorm1d.
// The statistics come from one pass of sums about the channel's first value. Each channel here
// is checked against a two-pass double reference: ordinary values; values near 10⁴, spread by
// 10⁻², whose first is 2·10⁴ away; a constant channel but for its first value; a constant one;
// values near 10⁴ spread by 10⁻², the first among them (sums of squares about 0 would cancel to
// a 10¹²th of themselves).
TEST(BatchNorm, StatisticsHoldWhereverTheFirstValueLies)
{
    std::mt19937 rng(71);
    std::normal_distribution<double> noise(0.0, 1.0);
    const Shape shape{5, 5, 3, 7};
    Tensor x(shape);
    for (int n = 0; n < shape.n; ++n) {
        for (int i = 0; i < 21; ++i) {
            const bool first = n == 0 && i == 0;
            x.plane(n, 0)[i] = float(noise(rng));
            x.plane(n, 1)[i] = first ? -1e4f : float(1e4 + 1e-2 * noise(rng));
            x.plane(n, 2)[i] = first ? 7.0f : 3.0f;
            x.plane(n, 3)[i] = 2.5f;
            x.plane(n, 4)[i] = float(1e4 + 1e-2 * noise(rng));
        }
    }
    BatchNormLayer bn(1e-5f, 1.0f); // momentum 1: the running statistics are the batch's
    ASSERT_TRUE(bn.configure(shape).ok());
    bn.allocate();
    Tensor y;
    bn.forward(x, y, Mode::Training);
    const std::vector<Tensor *> stats = bn.buffers();
    const double count = shape.n * 21.0;
    for (int c = 0; c < shape.c; ++c) {
        double mean = 0.0, squares = 0.0;
        for (int n = 0; n < shape.n; ++n) {
            for (int i = 0; i < 21; ++i)
                mean += x.plane(n, c)[i] / count;
        }
        for (int n = 0; n < shape.n; ++n) {
            for (int i = 0; i < 21; ++i)
                squares += (x.plane(n, c)[i] - mean) * (x.plane(n, c)[i] - mean);
        }
        const double unbiased = squares / (count - 1.0);
        EXPECT_NEAR(stats[0]->data()[c], mean, 1e-6 * (1.0 + std::abs(mean))) << c;
        EXPECT_NEAR(stats[1]->data()[c], unbiased, 1e-5 * (1e-6 + unbiased)) << c;
        const double invStd = 1.0 / std::sqrt(squares / count + 1e-5);
        for (int n = 0; n < shape.n; ++n) {
            for (int i = 0; i < 21; ++i)
                ASSERT_NEAR(y.plane(n, c)[i], (x.plane(n, c)[i] - mean) * invStd, 1e-4)
                    << c << " " << n << " " << i;
        }
    }
}

TEST(BatchNorm, FiniteDifferencesInBothModes)
{
    std::mt19937 rng(31);
    for (const Shape shape : {Shape{3, 2, 3, 4}, Shape{5, 4, 1, 1}}) {
        for (Mode mode : {Mode::Training, Mode::Inference}) {
            BatchNormLayer bn(1e-3f, 0.1f);
            ASSERT_TRUE(bn.configure({1, shape.c, shape.h, shape.w}).ok());
            bn.allocate();
            Tensor x = randomTensor(shape, rng, -2.0f, 2.0f);
            for (Parameter *p : bn.parameters())
                p->value = randomTensor(p->value.shape(), rng, 0.5f, 1.5f);
            for (Tensor *b : bn.buffers())
                *b = randomTensor(b->shape(), rng, 0.5f, 1.5f);
            const Tensor r = randomTensor(shape, rng);
            Tensor y, dx;
            bn.forward(x, y, mode);
            bn.backward(x, y, r, &dx);
            const std::vector<Tensor> saved{*bn.buffers()[0], *bn.buffers()[1]};
            auto loss = [&] {
                Tensor z;
                bn.forward(x, z, mode);
                *bn.buffers()[0] = saved[0]; // the running statistics stay those of the test
                *bn.buffers()[1] = saved[1];
                return weightedSum(r, z);
            };
            const std::string what = concat("batchnorm ", shape.toString(),
                                            mode == Mode::Training ? " training" : " inference");
            expectGradient(x, dx, loss, what + " input", 1e-2f, 5e-3);
            for (Parameter *p : bn.parameters()) {
                const Tensor analytic = p->gradient;
                expectGradient(p->value, analytic, loss, what + " " + p->name, 1e-2f, 5e-3);
            }
        }
    }
}

TEST(GlobalAvgPool, AveragesEachPlaneAndSpreadsItsGradient)
{
    std::mt19937 rng(37);
    GlobalAvgPoolLayer gap;
    EXPECT_EQ(*gap.configure({1, 3, 4, 5}), (Shape{1, 3, 1, 1}));
    Tensor x = randomTensor({2, 3, 4, 5}, rng);
    Tensor y, dx;
    gap.forward(x, y, Mode::Training);
    ASSERT_EQ(y.shape(), (Shape{2, 3, 1, 1}));
    double first = 0.0;
    for (int i = 0; i < 20; ++i)
        first += x.data()[i];
    EXPECT_NEAR(y.data()[0], first / 20.0, 1e-6);
    const Tensor r = randomTensor(y.shape(), rng);
    gap.backward(x, y, r, &dx);
    auto loss = [&] {
        Tensor z;
        gap.forward(x, z, Mode::Training);
        return weightedSum(r, z);
    };
    expectGradient(x, dx, loss, "gap");
}

// LRN by hand on one pixel of three channels, then its gradient against finite differences
// for odd and even windows (PyTorch's centring: c − ⌊n/2⌋ to c + ⌊(n−1)/2⌋) and a large α.
TEST(LocalResponseNorm, ByHandAndItsGradientMatchesFiniteDifferences)
{
    LocalResponseNormLayer lrn(3, 0.3f, 0.75f, 2.0f);
    Tensor x(Shape{1, 3, 1, 1});
    x.data()[0] = 1.0f;
    x.data()[1] = -2.0f;
    x.data()[2] = 3.0f;
    Tensor y;
    lrn.forward(x, y, Mode::Inference);
    // Channel 0 sees channels 0 and 1 (its window is −1 … 1): 2 + 0.3/3 · (1 + 4) = 2.5.
    EXPECT_NEAR(y.data()[0], 1.0 / std::pow(2.5, 0.75), 1e-6);
    EXPECT_NEAR(y.data()[1], -2.0 / std::pow(2.0 + 0.1 * 14.0, 0.75), 1e-6);
    EXPECT_NEAR(y.data()[2], 3.0 / std::pow(2.0 + 0.1 * 13.0, 0.75), 1e-6);

    std::mt19937 rng(41);
    for (int size : {1, 2, 3, 4, 5, 7}) {
        LocalResponseNormLayer layer(size, 0.5f, 0.75f, 1.0f);
        Tensor input = randomTensor({2, 6, 3, 4}, rng);
        Tensor out, dx;
        layer.forward(input, out, Mode::Training);
        const Tensor r = randomTensor(out.shape(), rng);
        layer.backward(input, out, r, &dx);
        auto loss = [&] {
            Tensor z;
            layer.forward(input, z, Mode::Training);
            return weightedSum(r, z);
        };
        expectGradient(input, dx, loss, concat("lrn ", size));
    }
}

TEST(SoftmaxCrossEntropy, StableAndItsGradientMatchesFiniteDifferences)
{
    std::mt19937 rng(19);
    Tensor logits = randomTensor({4, 5, 1, 1}, rng, -3.0f, 3.0f);
    const std::vector<std::uint8_t> labels{0, 4, 2, 2};
    Tensor grad;
    softmaxCrossEntropy(logits, labels, &grad);
    expectGradient(
        logits, grad, [&] { return softmaxCrossEntropy(logits, labels, nullptr).loss; },
        "cross-entropy", 1e-3f, 5e-3);
    // Logits of 1000 would overflow exp(): the log-sum-exp keeps the loss finite and exact.
    const Tensor huge = tensorOf({1, 3, 1, 1}, {1000.0f, 0.0f, -1000.0f});
    const std::vector<std::uint8_t> second{1};
    EXPECT_NEAR(softmaxCrossEntropy(huge, second, nullptr).loss, 1000.0, 1e-3);
    const std::vector<std::uint8_t> first{0};
    const LossResult right = softmaxCrossEntropy(huge, first, nullptr);
    EXPECT_NEAR(right.loss, 0.0, 1e-6);
    EXPECT_EQ(right.correct, 1);
}

TEST(Network, WholeNetworkGradientMatchesFiniteDifferences)
{
    const Architecture arch = *parseArchitecture(
        "conv 4 3x3 pad 1 reflect groups 2 | tanh | avgpool 2 | conv 2 2x2 dilation 2 | sigmoid "
        "| flatten | dense 5 | leakyrelu 0.2 | dense 4");
    Network net = Network::create(arch, {1, 2, 8, 8}, 4).value();
    net.initialize(5);
    std::mt19937 rng(23);
    Tensor x = randomTensor({3, 2, 8, 8}, rng);
    const std::vector<std::uint8_t> labels{0, 3, 1};
    Tensor grad;
    softmaxCrossEntropy(net.forward(x, Mode::Training), labels, &grad);
    net.backward(grad);
    auto loss = [&] {
        return softmaxCrossEntropy(net.forward(x, Mode::Inference), labels, nullptr).loss;
    };
    for (Parameter *p : net.parameters()) {
        const Tensor analytic = p->gradient;
        expectGradient(p->value, analytic, loss, "network " + p->name, 1e-3f, 2e-2);
    }
}

// Batch norm in training mode keeps the batch statistics in the graph: the loss of the finite
// differences is the training-mode forward too.
TEST(Network, BatchNormAndGlobalPoolingGradientsMatchFiniteDifferences)
{
    const Architecture arch = *parseArchitecture(
        "conv 4 3x3 pad 1 nobias | batchnorm | relu | maxpool 3 stride 2 ceil | conv 3 3x3 "
        "| batchnorm eps 0.001 | tanh | gap | dense 6 | batchnorm | sigmoid | dense 3");
    Network net = Network::create(arch, {1, 2, 7, 7}, 3).value();
    net.initialize(7);
    std::mt19937 rng(29);
    Tensor x = randomTensor({4, 2, 7, 7}, rng);
    const std::vector<std::uint8_t> labels{0, 2, 1, 2};
    Tensor grad;
    softmaxCrossEntropy(net.forward(x, Mode::Training), labels, &grad);
    net.backward(grad);
    auto loss = [&] {
        return softmaxCrossEntropy(net.forward(x, Mode::Training), labels, nullptr).loss;
    };
    for (Parameter *p : net.parameters()) {
        const Tensor analytic = p->gradient;
        expectGradient(p->value, analytic, loss, "network " + p->name, 1e-3f, 3e-2);
    }
}

} // namespace
} // namespace convscope
