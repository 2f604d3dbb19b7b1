#include "core/ops/conv2d.h"
#include "core/ops/conv2d_kernels.h"
#include "core/ops/reference.h"
#include "core/parallel.h"
#include "tests/core/test_support.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <optional>

namespace convscope {
namespace {

using test::randomTensor;
using test::tensorOf;

// The lecture's diagonal pattern: row i is [1, 2, 3, 0] shifted right by i, repeated.
Tensor diagonalPattern(int size)
{
    const float pattern[] = {1, 2, 3, 0};
    Tensor t(Shape{1, 1, size, size});
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x)
            t.at(0, 0, y, x) = pattern[((x - y) % 4 + 4) % 4];
    }
    return t;
}

const Tensor kLectureKernel = tensorOf(Shape{1, 1, 3, 3}, {2, 0, 1, 0, 1, 2, 1, 0, 2});

Tensor run(const Tensor &input, const Tensor &weight, const ConvOptions &options,
           std::span<const float> bias = {})
{
    Expected<Conv2dPlan> plan = planConv2d(input.shape(), weight.shape(), int(bias.size()), options);
    EXPECT_TRUE(plan.ok()) << (plan ? "" : plan.error().message);
    return conv2d(*plan, input, weight, bias);
}

TEST(Conv2dLecture, FourByFourPatternGivesTheSlideValues)
{
    const Tensor out = run(diagonalPattern(4), kLectureKernel, {});
    ASSERT_EQ(out.shape(), (Shape{1, 1, 2, 2}));
    EXPECT_EQ(out.values(), (std::vector<float>{15, 16, 6, 15}));
}

TEST(Conv2dLecture, SevenBySevenWithStrideTwoStartsFifteenSeventeen)
{
    ConvOptions options;
    options.strideH = options.strideW = 2;
    const Tensor out = run(diagonalPattern(7), kLectureKernel, options);
    ASSERT_EQ(out.shape(), (Shape{1, 1, 3, 3}));
    EXPECT_EQ(out.at(0, 0, 0, 0), 15.0f);
    EXPECT_EQ(out.at(0, 0, 0, 1), 17.0f);
    // Worked by hand: the pattern repeats every 4 pixels, so a stride of 2 alternates two
    // windows, e.g. (1, 0) reads [3 0 1; 2 3 0; 1 2 3] → 6 + 1 + 3 + 1 + 6 = 17.
    EXPECT_EQ(out.values(), (std::vector<float>{15, 17, 15, 17, 15, 17, 15, 17, 15}));
}

TEST(Conv2dLecture, ShapesOfTheSlides)
{
    ConvOptions pad2;
    pad2.padding = PaddingSpec::uniform(2);
    auto plan = planConv2d({1, 1, 32, 32}, {1, 1, 5, 5}, 0, pad2);
    ASSERT_TRUE(plan.ok());
    EXPECT_EQ(plan->output, (Shape{1, 1, 32, 32}));

    auto three = planConv2d({1, 3, 32, 32}, {3, 3, 5, 5}, 3, {});
    ASSERT_TRUE(three.ok());
    EXPECT_EQ(three->output, (Shape{1, 3, 28, 28}));
    EXPECT_EQ(three->multiplyAdds(), 3LL * 28 * 28 * 5 * 5 * 3);

    auto ten = planConv2d({1, 3, 32, 32}, {10, 3, 5, 5}, 10, pad2);
    ASSERT_TRUE(ten.ok());
    EXPECT_EQ(ten->output, (Shape{1, 10, 32, 32}));
}

TEST(Conv2d, FlipGivesTheTrueConvolution)
{
    const Tensor input = tensorOf(Shape{1, 1, 3, 3}, {0, 0, 0, 0, 1, 0, 0, 0, 0});
    const Tensor kernel = tensorOf(Shape{1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
    ConvOptions options;
    options.padding = PaddingSpec::uniform(1);
    // A unit impulse correlated with a kernel draws the kernel rotated by 180°; convolved, it
    // draws the kernel as it is.
    EXPECT_EQ(run(input, kernel, options).values(), (std::vector<float>{9, 8, 7, 6, 5, 4, 3, 2, 1}));
    options.flipKernel = true;
    EXPECT_EQ(run(input, kernel, options).values(), kernel.values());
}

TEST(Conv2d, PadModesFillTheBorderAsPyTorch)
{
    const Tensor input = tensorOf(Shape{1, 1, 1, 3}, {1, 2, 3});
    const Tensor pick = tensorOf(Shape{1, 1, 1, 1}, {1});
    ConvOptions options;
    options.padding = PaddingSpec::perSide({0, 0, 2, 2});
    EXPECT_EQ(run(input, pick, options).values(), (std::vector<float>{0, 0, 1, 2, 3, 0, 0}));
    options.padMode = PadMode::Reflect;
    EXPECT_EQ(run(input, pick, options).values(), (std::vector<float>{3, 2, 1, 2, 3, 2, 1}));
    options.padMode = PadMode::Replicate;
    EXPECT_EQ(run(input, pick, options).values(), (std::vector<float>{1, 1, 1, 2, 3, 3, 3}));
}

TEST(Conv2d, ShapeErrorsCarryTheNumbers)
{
    auto channels = planConv2d({1, 3, 8, 8}, {4, 1, 3, 3}, 0, {});
    ASSERT_FALSE(channels.ok());
    EXPECT_NE(channels.error().message.find("expects input with 1 channels, but got 3"),
              std::string::npos)
        << channels.error().message;
    auto bias = planConv2d({1, 1, 8, 8}, {4, 1, 3, 3}, 3, {});
    ASSERT_FALSE(bias.ok());
    EXPECT_NE(bias.error().message.find("bias has 3 values but there are 4 filters"),
              std::string::npos);
    auto small = planConv2d({1, 1, 3, 3}, {1, 1, 5, 5}, 0, {});
    ASSERT_FALSE(small.ok());
    EXPECT_NE(small.error().message.find("padded input 3×3 is smaller than the kernel 5×5"),
              std::string::npos)
        << small.error().message;
    ConvOptions groups;
    groups.groups = 2;
    EXPECT_FALSE(planConv2d({1, 3, 8, 8}, {2, 1, 3, 3}, 0, groups).ok());
    EXPECT_FALSE(planConv2d({0, 1, 8, 8}, {1, 1, 3, 3}, 0, {}).ok());
}

TEST(Conv2d, RunningWithOtherShapesThanPlannedIsRefused)
{
    auto plan = planConv2d({1, 1, 8, 8}, {1, 1, 3, 3}, 0, {});
    ASSERT_TRUE(plan.ok());
    EXPECT_THROW(conv2d(*plan, Tensor(Shape{1, 1, 9, 9}), Tensor(Shape{1, 1, 3, 3})),
                 std::invalid_argument);
}

void expectClose(const Tensor &fast, const Tensor &reference, const std::string &what)
{
    ASSERT_EQ(fast.shape(), reference.shape()) << what;
    for (std::int64_t i = 0; i < fast.size(); ++i) {
        const float r = reference.values()[size_t(i)];
        ASSERT_LE(std::abs(fast.values()[size_t(i)] - r), 1e-5f * std::max(1.0f, std::abs(r)))
            << what << " at " << i;
    }
}

std::string describe(const Shape &in, const Shape &w, const ConvOptions &o)
{
    return concat("input ", in.toString(), " weight ", w.toString(), " stride ", o.strideH, ",",
                  o.strideW, " dilation ", o.dilationH, ",", o.dilationW, " padding ",
                  o.padding.toString(), " mode ", int(o.padMode), " groups ", o.groups, " flip ",
                  o.flipKernel);
}

TEST(Conv2dRandom, FastPathEqualsTheReferenceOnAThousandConfigurations)
{
    std::mt19937 rng(2024);
    auto pick = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    int checked = 0, attempts = 0;
    while (checked < 1000) {
        ASSERT_LT(++attempts, 20000);
        const int groups = pick(0, 3) == 0 ? pick(2, 3) : 1;
        const Shape in{pick(1, 3), groups * pick(1, 3), pick(1, 12), pick(1, 12)};
        const Shape w{groups * pick(1, 3), in.c / groups, pick(1, 5), pick(1, 5)};
        ConvOptions o;
        o.strideH = pick(1, 3);
        o.strideW = pick(1, 3);
        o.dilationH = pick(1, 3);
        o.dilationW = pick(1, 3);
        o.padMode = PadMode(pick(0, 2));
        o.groups = groups;
        o.flipKernel = pick(0, 1) == 1;
        const int kind = pick(0, 9);
        o.padding = kind == 0   ? PaddingSpec::mode(PaddingKind::Same)
                    : kind == 1 ? PaddingSpec::mode(PaddingKind::Full)
                    : kind == 2
                        ? PaddingSpec::mode(PaddingKind::Valid)
                        : PaddingSpec::perSide({pick(0, 3), pick(0, 3), pick(0, 3), pick(0, 3)});
        const bool withBias = pick(0, 1) == 1;
        Expected<Conv2dPlan> plan = planConv2d(in, w, withBias ? w.n : 0, o);
        if (!plan)
            continue;
        const Tensor input = randomTensor(in, rng);
        const Tensor weight = randomTensor(w, rng);
        const Tensor bias = randomTensor(Shape{1, 1, 1, withBias ? w.n : 0}, rng);
        expectClose(conv2d(*plan, input, weight, bias.values()),
                    conv2dReference(*plan, input, weight, bias.values()), describe(in, w, o));
        ++checked;
    }
}

TEST(Conv2dRandom, GemmBlocksThatSpanSeveralImages)
{
    std::mt19937 rng(5);
    // 16·5·5 = 400 rows make blocks of 163 columns, so blocks start and end inside images.
    const Shape in{3, 16, 14, 14};
    const Shape w{7, 16, 5, 5};
    ConvOptions o;
    o.padMode = PadMode::Reflect;
    o.padding = PaddingSpec::perSide({1, 0, 2, 1});
    auto plan = planConv2d(in, w, 7, o);
    ASSERT_TRUE(plan.ok());
    const Tensor input = randomTensor(in, rng), weight = randomTensor(w, rng);
    const Tensor bias = randomTensor(Shape{1, 1, 1, 7}, rng);
    expectClose(conv2d(*plan, input, weight, bias.values()),
                conv2dReference(*plan, input, weight, bias.values()), "blocks");
}

TEST(Conv2dRandom, FiltersSplitIntoChunksWhenBlocksAreFew)
{
    // A late layer of a large network at batch 1: 49 or 98 output pixels make fewer blocks than
    // units of work, so the filters (70, or 35 a group) are split into chunks of 16 or 8 and a
    // remainder.
    std::mt19937 rng(7);
    for (int groups : {1, 2}) {
        for (int images : {1, 2}) {
            const Shape in{images, 40, 7, 7};
            const Shape w{70, 40 / groups, 3, 3};
            ConvOptions o;
            o.groups = groups;
            o.padding = PaddingSpec::mode(PaddingKind::Same);
            auto plan = planConv2d(in, w, 70, o);
            ASSERT_TRUE(plan.ok());
            const Tensor input = randomTensor(in, rng), weight = randomTensor(w, rng);
            const Tensor bias = randomTensor(Shape{1, 1, 1, 70}, rng);
            expectClose(conv2d(*plan, input, weight, bias.values()),
                        conv2dReference(*plan, input, weight, bias.values()),
                        concat("groups ", groups, " images ", images));
        }
    }
}

using Pick = std::function<int(int, int)>;

// 150 plans drawn by `draw` (the input's shape, the weight's into w) that pass `takes`, with
// every pad mode, dilations, flips and biases, and strides up to maxStride, each against the
// reference; gives up, failing, after 5,000 draws.
void checkForwardOnDrawnPlans(std::uint32_t seed,
                              const std::function<Shape(const Pick &, int groups, Shape &)> &draw,
                              const std::function<bool(const Conv2dPlan &)> &takes,
                              int maxStride = 1)
{
    std::mt19937 rng(seed);
    const Pick pick = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    int checked = 0, attempts = 0;
    while (checked < 150) {
        ASSERT_LT(++attempts, 5000);
        const int groups = pick(0, 3) == 0 ? 2 : 1;
        Shape w;
        const Shape in = draw(pick, groups, w);
        ConvOptions o;
        if (maxStride > 1) {
            o.strideH = pick(1, maxStride);
            o.strideW = pick(1, maxStride);
        }
        o.dilationH = pick(1, 2);
        o.dilationW = pick(1, 2);
        o.padMode = PadMode(pick(0, 2));
        o.groups = groups;
        o.flipKernel = pick(0, 1) == 1;
        o.padding = pick(0, 2) == 0
                        ? PaddingSpec::mode(PaddingKind::Same)
                        : PaddingSpec::perSide({pick(0, 2), pick(0, 2), pick(0, 2), pick(0, 2)});
        Expected<Conv2dPlan> plan = planConv2d(in, w, w.n, o);
        if (!plan || !takes(*plan))
            continue;
        const Tensor input = randomTensor(in, rng), weight = randomTensor(w, rng);
        const Tensor bias = randomTensor(Shape{1, 1, 1, w.n}, rng);
        expectClose(conv2d(*plan, input, weight, bias.values()),
                    conv2dReference(*plan, input, weight, bias.values()), describe(in, w, o));
        ++checked;
    }
}

// Stride-1 plans on rows wide enough for conv2d_wide.cpp's layout (each output row W_p
// columns, one stretch of the padded plane per im2col row) with too few values a filter for
// conv2d_implicit.cpp: blocks that end inside an image and span several, filter chunks sharing
// one im2col buffer, groups.
TEST(Conv2dRandom, WideColumnsEqualTheReference)
{
    checkForwardOnDrawnPlans(
        41,
        [](const Pick &pick, int groups, Shape &w) {
            const Shape in{pick(1, 3), groups * pick(1, 3), pick(1, 14), pick(12, 40)};
            w = {groups * pick(1, pick(0, 2) == 0 ? 40 : 4), in.c / groups, pick(1, 5), pick(1, 3)};
            return in;
        },
        [](const Conv2dPlan &plan) {
            return conv2d_kernels::forwardKernel(plan) == conv2d_kernels::ForwardKernel::Gemm
                   && conv2d_kernels::takesWideColumns(plan);
        });
}

// conv2d_implicit.cpp's tiles: strips that end inside rows and images, filter blocks past the
// last filter, chunks of channels, and, with many filters over a small batch, the threads
// splitting the filters; maps down to 5 columns, where at batch 8 a third of the wide columns
// are unused.
TEST(Conv2dRandom, ImplicitTilesEqualTheReference)
{
    checkForwardOnDrawnPlans(
        53,
        [](const Pick &pick, int groups, Shape &w) {
            const Shape in{pick(0, 3) == 0 ? 8 : pick(1, 3),
                           groups * pick(2, pick(0, 3) == 0 ? 40 : 6), pick(1, 12), pick(5, 30)};
            w = {groups * pick(1, pick(0, 2) == 0 ? 70 : 9), in.c / groups, pick(1, 5), pick(1, 3)};
            return in;
        },
        [](const Conv2dPlan &plan) {
            return conv2d_kernels::forwardKernel(plan) == conv2d_kernels::ForwardKernel::Implicit;
        });
}

// conv2d_lanes_input.cpp: batches that fill the lanes or leave some empty, filter blocks past
// the last filter, maps whose cells end inside a tile, strides up to 3 with dilations, every
// pad mode, groups.
TEST(Conv2dRandom, BatchLanesEqualTheReference)
{
    checkForwardOnDrawnPlans(
        59,
        [](const Pick &pick, int groups, Shape &w) {
            const Shape in{pick(0, 2) == 0 ? 8 * pick(1, 2) : pick(4, 13), groups * pick(1, 8),
                           pick(3, 12), pick(3, 12)};
            w = {groups * pick(1, 12), in.c / groups, pick(1, 5), pick(1, 5)};
            return in;
        },
        [](const Conv2dPlan &plan) {
            return conv2d_kernels::forwardKernel(plan) == conv2d_kernels::ForwardKernel::Lanes;
        },
        3);
}

// conv2d_pointwise.cpp: 1×1 filters without padding over batches from 8, strides 1 to 3 (the
// strided cells gathered), maps from 1×1, with biases.
TEST(Conv2dRandom, PointwiseEqualsTheReference)
{
    checkForwardOnDrawnPlans(
        89,
        [](const Pick &pick, int, Shape &w) {
            const Shape in{pick(8, 20), pick(1, 24), pick(1, 15), pick(1, 15)};
            w = {pick(1, 24), in.c, 1, 1};
            return in;
        },
        [](const Conv2dPlan &plan) {
            return conv2d_kernels::forwardKernel(plan) == conv2d_kernels::ForwardKernel::Pointwise;
        },
        3);
}

// The padded input as the kernels read it, every pad mode, with `slack` zeros after it.
std::vector<float> paddedWithSlack(const Conv2dPlan &plan, const Tensor &input, int slack)
{
    const Geometry &g = plan.geometry;
    const Padding pad = g.padding();
    const int hp = g.h.paddedInput(), wp = g.w.paddedInput();
    const Shape &s = plan.input;
    std::vector<float> padded(size_t(s.n) * s.c * hp * wp + size_t(slack), 0.0f);
    float *to = padded.data();
    for (int n = 0; n < s.n; ++n) {
        for (int c = 0; c < s.c; ++c) {
            for (int y = 0; y < hp; ++y) {
                for (int x = 0; x < wp; ++x, ++to) {
                    const int sy = sourceIndex(y - pad.top, s.h, g.padMode);
                    const int sx = sourceIndex(x - pad.left, s.w, g.padMode);
                    if (sy >= 0 && sx >= 0)
                        *to = input.at(n, c, sy, sx);
                }
            }
        }
    }
    return padded;
}

// A plan of the 3×3 filters w over `in` with a pad mode and 0 to 2 cells of padding a side
// drawn into o; none when Winograd's kernels would not take it.
std::optional<Conv2dPlan> winogradPlan(const Pick &pick, const Shape &in, const Shape &w,
                                       ConvOptions &o)
{
    o.padMode = PadMode(pick(0, 2));
    o.padding = PaddingSpec::perSide({pick(0, 2), pick(0, 2), pick(0, 2), pick(0, 2)});
    Expected<Conv2dPlan> plan = planConv2d(in, w, w.n, o);
    if (!plan || !conv2d_kernels::takesWinograd(*plan))
        return std::nullopt;
    return *plan;
}

// conv2d_winograd.cpp on every plan it takes, whether or not the chooser would give it the
// plan: batches of 1 and 2 (few chunks, their V shared, the channels in slices) and batches of
// 3 to 6 on many channels (many chunks of few tiles, each a unit's own), odd and even maps down
// to 1×1 (tiles whose second row or column is dropped, vectors that span rows and images),
// filters past a block of 4 and a vector, every pad mode, with biases, against the reference.
// The slack past the padded input is NaN: what the kernel reads there must never reach y.
TEST(Conv2dRandom, WinogradEqualsTheReferenceOnEveryPlanItTakes)
{
    std::mt19937 rng(71);
    const Pick pick = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    for (int checked = 0, attempts = 0; checked < 150;) {
        ASSERT_LT(++attempts, 5000);
        const bool manyChunks = pick(0, 1) == 0;
        const Shape in = manyChunks ? Shape{pick(3, 6), pick(48, 70), pick(8, 16), pick(8, 16)}
                                    : Shape{pick(1, 2), pick(1, 40), pick(1, 18), pick(1, 18)};
        const Shape w{manyChunks ? pick(1, 9) : pick(1, 40), in.c, 3, 3};
        ConvOptions o;
        const std::optional<Conv2dPlan> plan = winogradPlan(pick, in, w, o);
        if (!plan)
            continue;
        const Tensor input = randomTensor(in, rng), weight = randomTensor(w, rng);
        const Tensor bias = randomTensor(Shape{1, 1, 1, w.n}, rng);
        const int slack = conv2d_kernels::winogradSlack(*plan);
        std::vector<float> padded = paddedWithSlack(*plan, input, slack);
        std::fill(padded.end() - slack, padded.end(), std::nanf(""));
        const conv2d_kernels::Source src{padded.data(), in.c, plan->geometry.h.paddedInput(),
                                         plan->geometry.w.paddedInput()};
        Tensor out(plan->output);
        conv2d_kernels::winogradForward(*plan, src, weight, bias.values(), out);
        expectClose(out, conv2dReference(*plan, input, weight, bias.values()), describe(in, w, o));
        ++checked;
    }
}

// The AVX-512 build's product kernel against tile4x's, vector by vector: 3 to 6 vectors (one,
// two or three 512-bit registers, with or without a 256-bit half), 1 to 70 rows at scattered
// offsets and a row step past 4. The same bits, since each lane is the same chain of fused
// multiply-adds; the builds without it skip.
TEST(Conv2dKernels, WideTilesGiveTile4xsBits)
{
#ifndef CONVSCOPE_AVX512
    GTEST_SKIP() << "built without CONVSCOPE_AVX512: there is no tile4xWide to check";
#else
    using conv2d_kernels::FloatV;
    using conv2d_kernels::kLanes;
    std::mt19937 rng(83);
    std::normal_distribution<float> value(0.0f, 1.0f);
    for (int vectors = 3; vectors <= 6; ++vectors) {
        for (int rows : {1, 2, 9, 70}) {
            const std::int64_t rowStep = 4 + rows % 5;
            std::vector<float> packed(size_t(rows * rowStep));
            for (float &v : packed)
                v = value(rng);
            std::vector<std::int64_t> offsets(static_cast<size_t>(rows));
            std::int64_t at = 0;
            for (std::int64_t &offset : offsets) {
                offset = at;
                at += vectors * kLanes + std::uniform_int_distribution<int>(0, 9)(rng);
            }
            std::vector<float> s(static_cast<size_t>(at));
            for (float &v : s)
                v = value(rng);
            std::vector<FloatV> wide(size_t(4 * vectors));
            conv2d_kernels::tile4xWide(vectors, packed.data(), s.data(), offsets.data(), rows,
                                       reinterpret_cast<float *>(wide.data()), rowStep);
            for (int i = 0; i < vectors; ++i) {
                FloatV one[4];
                conv2d_kernels::tile4x<1, false>(packed.data(), s.data() + i * kLanes, nullptr,
                                                 nullptr, offsets.data(), rows, one, rowStep);
                for (int f = 0; f < 4; ++f) {
                    for (int lane = 0; lane < kLanes; ++lane)
                        ASSERT_EQ(wide[size_t(f * vectors + i)][lane], one[f][lane])
                            << vectors << " vectors, " << rows << " rows, filter " << f
                            << ", vector " << i << ", lane " << lane;
                }
            }
        }
    }
#endif
}

// The AVX-512 build's dX tile over the batch's lanes against lanesGradInputTile's, sum by sum:
// one tile, or two tiles that share their taps and filter values, a tile's two cells side by
// side in each register; 1 to 17 filters, taps of one or several rows and columns, every one
// or every second. The same bits, as each lane is the same chain of fused multiply-adds.
TEST(Conv2dKernels, WideGradInputTilesGiveLanesGradInputTilesBits)
{
#ifndef CONVSCOPE_AVX512
    GTEST_SKIP() << "built without CONVSCOPE_AVX512: there is no lanesGradInputTileWide to check";
#else
    using conv2d_kernels::FloatV;
    using conv2d_kernels::kLanes;
    using conv2d_kernels::Taps;
    std::mt19937 rng(41);
    std::normal_distribution<float> value(0.0f, 1.0f);
    const Taps rowTaps[] = {{0, 2, 1}, {1, 1, 1}, {0, 4, 2}};
    const Taps columnTaps[] = {{0, 4, 1}, {2, 2, 1}, {1, 3, 2}};
    for (int filters : {1, 5, 17}) {
        for (const Taps &rows : rowTaps) {
            for (const Taps &columns : columnTaps) {
                const std::int64_t cellStride = (filters + 1) * kLanes;
                const std::int64_t xStep = cellStride, yStep = 9 * cellStride;
                const std::int64_t reach = rows.count() * yStep + columns.count() * xStep;
                std::vector<float> maps(size_t(3 * reach + 2 * cellStride));
                for (float &v : maps)
                    v = value(rng);
                const int wyStride = 5 * 6;
                const std::int64_t wkStride = 5 * wyStride;
                std::vector<float> w(size_t(filters * wkStride));
                for (float &v : w)
                    v = value(rng);
                for (int tiles : {1, 2}) {
                    const float *const t[2] = {maps.data() + reach, maps.data() + 2 * reach + 3};
                    FloatV wide[24];
                    conv2d_kernels::lanesGradInputTileWide(tiles, t, cellStride, yStep, xStep,
                                                           w.data(), wkStride, wyStride, filters,
                                                           rows, columns, wide);
                    for (int tile = 0; tile < tiles; ++tile) {
                        FloatV acc[12];
                        conv2d_kernels::lanesGradInputTile(t[tile], cellStride, yStep, xStep,
                                                           w.data(), wkStride, wyStride, filters,
                                                           rows, columns, acc);
                        for (int sum = 0; sum < 12; ++sum) {
                            for (int lane = 0; lane < kLanes; ++lane)
                                ASSERT_EQ(wide[tile * 12 + sum][lane], acc[sum][lane])
                                    << filters << " filters, " << tiles << " tiles, tile " << tile
                                    << ", channel " << sum / 2 << ", cell " << sum % 2 << ", lane "
                                    << lane;
                        }
                    }
                }
            }
        }
    }
#endif
}

// conv2d_lanes_input.cpp's forward pass takes tiles of 3 cells, or in the AVX-512 build runs of
// up to 6 cells of a row at stride 1; whichever takes a cell, its output must be the chain of
// multiply-adds over (c, k_y, k_x) in order, the padding's zeros included, plus the bias, so
// that both builds give the same bits. Rows of 1 to 20 cells, strides and dilations 1 and 2,
// batches past the lanes' last full group, two groups.
TEST(Conv2dKernels, LanesForwardGivesEachCellsChainOfProducts)
{
    std::mt19937 rng(97);
    const Pick pick = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    for (int checked = 0, attempts = 0; checked < 60;) {
        ASSERT_LT(++attempts, 1000);
        const int groups = pick(1, 2);
        const Shape in{pick(1, 17), groups * pick(1, 5), pick(1, 12), pick(1, 20)};
        const Shape w{groups * pick(1, 9), in.c / groups, pick(1, 5), pick(1, 5)};
        ConvOptions o;
        o.strideH = pick(1, 2);
        o.strideW = pick(1, 2);
        o.dilationH = pick(1, 2);
        o.dilationW = pick(1, 2);
        o.groups = groups;
        o.padding = PaddingSpec::perSide({pick(0, 2), pick(0, 2), pick(0, 2), pick(0, 2)});
        const Expected<Conv2dPlan> plan = planConv2d(in, w, w.n, o);
        if (!plan)
            continue;
        const Tensor input = randomTensor(in, rng), weight = randomTensor(w, rng);
        const Tensor bias = randomTensor(Shape{1, 1, 1, w.n}, rng);
        Tensor out(plan->output);
        conv2d_kernels::lanesForward(*plan, input, weight, bias.values(), out);
        const AxisGeometry &gh = plan->geometry.h, &gw = plan->geometry.w;
        const Shape &o2 = plan->output;
        for (int n = 0; n < in.n; ++n) {
            for (int k = 0; k < w.n; ++k) {
                const int firstChannel = k / (w.n / groups) * w.c;
                for (int oy = 0; oy < o2.h; ++oy) {
                    for (int ox = 0; ox < o2.w; ++ox) {
                        float sum = 0.0f;
                        for (int c = 0; c < w.c; ++c) {
                            for (int ky = 0; ky < w.h; ++ky) {
                                for (int kx = 0; kx < w.w; ++kx) {
                                    const int y = oy * gh.stride + ky * gh.dilation - gh.padBegin;
                                    const int x = ox * gw.stride + kx * gw.dilation - gw.padBegin;
                                    const bool inside = y >= 0 && y < in.h && x >= 0 && x < in.w;
                                    const float v = inside ? input.plane(n, firstChannel
                                                                                + c)[y * in.w + x]
                                                           : 0.0f;
                                    sum = weight.plane(k, c)[ky * w.w + kx] * v + sum;
                                }
                            }
                        }
                        ASSERT_EQ(out.plane(n, k)[oy * o2.w + ox], sum + bias.values()[size_t(k)])
                            << describe(in, w, o) << ": image " << n << ", filter " << k
                            << ", cell " << oy << ", " << ox;
                    }
                }
            }
        }
        ++checked;
    }
}

// The AVX-512 build's dW tile over the batch's lanes against lanesGradTile's, sum by sum: 8
// filters in pairs side by side, 4 rows at scattered window starts, 1 to 60 cells, added to
// sums already under way. The same bits, as each lane is the same chain of fused multiply-adds.
TEST(Conv2dKernels, WideGradTilesGiveLanesGradTilesBits)
{
#ifndef CONVSCOPE_AVX512
    GTEST_SKIP() << "built without CONVSCOPE_AVX512: there is no gradTileWide to check";
#else
    using conv2d_kernels::FloatV;
    using conv2d_kernels::kLanes;
    std::mt19937 rng(97);
    std::normal_distribution<float> value(0.0f, 1.0f);
    for (int cells : {1, 2, 7, 60}) {
        // dY_t of the 8 filters apart, and in pairs, cell by cell, the pair's second beside it.
        std::vector<float> apart(size_t(8 * cells * kLanes)), pairs(apart.size());
        for (int f = 0; f < 8; ++f) {
            for (int q = 0; q < cells; ++q) {
                for (int lane = 0; lane < kLanes; ++lane) {
                    const float v = value(rng);
                    apart[size_t((f * cells + q) * kLanes + lane)] = v;
                    pairs[size_t(((f / 2 * cells + q) * 2 + f % 2) * kLanes + lane)] = v;
                }
            }
        }
        std::vector<std::int64_t> windows(static_cast<size_t>(cells));
        std::int64_t end = 0;
        for (std::int64_t &w : windows) {
            w = std::uniform_int_distribution<int>(0, 40)(rng) * kLanes;
            end = std::max(end, w + kLanes);
        }
        std::vector<float> maps(size_t(4 * end));
        for (float &v : maps)
            v = value(rng);
        const float *x[4] = {maps.data(), maps.data() + end, maps.data() + 2 * end,
                             maps.data() + 3 * end};
        const float *pairStarts[4];
        for (int p = 0; p < 4; ++p)
            pairStarts[p] = pairs.data() + p * 2 * cells * kLanes;
        std::vector<FloatV> wide(32);
        for (FloatV &v : wide) {
            for (int lane = 0; lane < kLanes; ++lane)
                v[lane] = value(rng);
        }
        const std::vector<FloatV> before = wide;
        conv2d_kernels::gradTileWide(pairStarts, x, windows.data(), cells, wide.data());
        for (int half = 0; half < 2; ++half) {
            for (int rowSet = 0; rowSet < 2; ++rowSet) {
                // Filters 4·half .. 4·half + 3 against rows 0–2, then against row 3.
                const float *dy[4];
                for (int f = 0; f < 4; ++f)
                    dy[f] = apart.data() + (4 * half + f) * cells * kLanes;
                const float *rows[3] = {x[0], x[1], x[2]};
                if (rowSet == 1)
                    rows[0] = rows[1] = rows[2] = x[3];
                FloatV acc[12];
                for (int f = 0; f < 4; ++f) {
                    for (int j = 0; j < 3; ++j)
                        acc[f * 3 + j] = before[size_t((4 * half + f) * 4 + (rowSet ? 3 : j))];
                }
                conv2d_kernels::lanesGradTile(dy, rows, windows.data(), cells, acc);
                for (int f = 0; f < 4; ++f) {
                    for (int j = 0; j < (rowSet ? 1 : 3); ++j) {
                        const FloatV &got = wide[size_t((4 * half + f) * 4 + (rowSet ? 3 : j))];
                        for (int lane = 0; lane < kLanes; ++lane)
                            ASSERT_EQ(got[lane], acc[f * 3 + j][lane])
                                << cells << " cells, filter " << 4 * half + f << ", row "
                                << (rowSet ? 3 : j) << ", lane " << lane;
                    }
                }
            }
        }
    }
#endif
}

// conv2d_winograd_lanes.cpp on every plan it takes, whether or not the chooser would give it the
// plan: batches of 1 to 20 (lanes past the batch, one to three batches of lanes), maps from 1×1
// to 18×18, odd and even (tiles whose second row or column is dropped, cells read past the
// padded input), 1 to 40 channels (chunks from 6 tiles to a whole map, the last one short of a
// group of 3), filters past a block of 4 and a vector, every pad mode, with biases, against the
// reference; and the same bits on 1 and 3 threads.
TEST(Conv2dRandom, LanesWinogradEqualsTheReferenceOnEveryPlanItTakes)
{
    std::mt19937 rng(89);
    const Pick pick = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    const int saved = threadCount();
    for (int checked = 0, attempts = 0; checked < 120;) {
        ASSERT_LT(++attempts, 5000);
        const Shape in{pick(1, 20), pick(1, 40), pick(1, 18), pick(1, 18)};
        const Shape w{pick(1, 13), in.c, 3, 3};
        ConvOptions o;
        const std::optional<Conv2dPlan> plan = winogradPlan(pick, in, w, o);
        if (!plan)
            continue;
        const Tensor input = randomTensor(in, rng), weight = randomTensor(w, rng);
        const Tensor bias = randomTensor(Shape{1, 1, 1, w.n}, rng);
        Tensor one(plan->output), three(plan->output);
        setThreadCount(1);
        conv2d_kernels::lanesWinogradForward(*plan, input, weight, bias.values(), one);
        setThreadCount(3);
        conv2d_kernels::lanesWinogradForward(*plan, input, weight, bias.values(), three);
        expectClose(one, conv2dReference(*plan, input, weight, bias.values()), describe(in, w, o));
        EXPECT_EQ(three.values(), one.values()) << describe(in, w, o);
        ++checked;
    }
    setThreadCount(saved);
}

TEST(Conv2dRandom, LargeDepthwiseAndStridedImages)
{
    std::mt19937 rng(11);
    for (int stride : {1, 2, 3}) {
        const Shape in{1, 3, 67, 45};
        const Shape w{3, 1, 7, 7};
        ConvOptions o;
        o.groups = 3;
        o.strideH = o.strideW = stride;
        o.padding = PaddingSpec::mode(PaddingKind::Same);
        o.padMode = PadMode::Replicate;
        auto plan = planConv2d(in, w, 0, o);
        ASSERT_TRUE(plan.ok());
        const Tensor input = randomTensor(in, rng), weight = randomTensor(w, rng);
        expectClose(conv2d(*plan, input, weight), conv2dReference(*plan, input, weight),
                    concat("depthwise stride ", stride));
    }
}

TEST(Conv2dRandom, DirectVectorPathsOnWideImages)
{
    // Widths well beyond one block of SIMD registers, so that the register-blocked row kernels
    // (one row, two rows at once when S = 1 and D_h = 1, even lanes when S_w = 2) run alongside
    // their one-register and scalar tails: depthwise filters, and up to four filters over all
    // the channels (the explorer's one filter over an RGB image).
    std::mt19937 rng(23);
    auto pick = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    int checked = 0;
    while (checked < 300) {
        const int channels = pick(1, 3);
        const bool depthwise = pick(0, 1) == 0;
        const Shape in{pick(1, 2), channels, pick(2, 20), pick(30, 90)};
        const Shape w{depthwise ? channels : pick(1, 4), depthwise ? 1 : channels, pick(1, 7),
                      pick(1, 7)};
        ConvOptions o;
        o.groups = depthwise ? channels : 1;
        o.strideH = pick(0, 3) == 0 ? 2 : 1;
        o.strideW = pick(0, 3) == 0 ? 2 : 1;
        o.dilationH = pick(0, 2) == 0 ? 2 : 1;
        o.dilationW = pick(1, 3);
        o.padMode = PadMode(pick(0, 2));
        o.padding = PaddingSpec::perSide({pick(0, 3), pick(0, 3), pick(0, 3), pick(0, 3)});
        o.flipKernel = pick(0, 1) == 1;
        Expected<Conv2dPlan> plan = planConv2d(in, w, w.n, o);
        if (!plan)
            continue;
        const Tensor input = randomTensor(in, rng), weight = randomTensor(w, rng);
        const Tensor bias = randomTensor(Shape{1, 1, 1, w.n}, rng);
        expectClose(conv2d(*plan, input, weight, bias.values()),
                    conv2dReference(*plan, input, weight, bias.values()), describe(in, w, o));
        ++checked;
    }
}

TEST(Conv2dThreads, ResultsAreBitIdenticalWhateverTheThreadCount)
{
    std::mt19937 rng(31);
    const int saved = threadCount();
    ConvOptions same;
    same.padding = PaddingSpec::mode(PaddingKind::Same);
    ConvOptions depthwise = same;
    depthwise.groups = 3;
    // The first seven stay off the lanes, with batches of 1 and 2 (the portable build's lanes
    // take a batch of 4) or with fewer multiply-adds on the implicit tiles, and off Winograd's
    // 3×3 filters. The fourth: conv2d_implicit.cpp's tiles with the threads splitting the
    // filters, which outweigh the input. The fifth: 6 filters like LeNet-5's first layer (on 2
    // channels, since filters of 1 take the depthwise options here). The sixth: tiles over
    // strips that end inside output rows and images. The seventh: too few values a filter for
    // the tiles, the wide GEMM layout. The eighth: the images across the lanes, the last lanes
    // empty. The ninth: Winograd's with a batch of 1, its few chunks' V shared, on odd maps.
    // The tenth: Winograd's with many chunks, each its own, 2 filters past the last block of 4.
    // The eleventh: 1×1 filters, a GEMM an image, over a batch of 19. The twelfth: Winograd's
    // with the images across the lanes, 1 filter past a block of 4.
    const std::pair<Shape, Shape> cases[]
        = {{{2, 6, 40, 40}, {16, 6, 5, 5}},   {{2, 3, 90, 70}, {3, 1, 7, 7}},
           {{1, 3, 120, 100}, {2, 3, 5, 5}},  {{1, 64, 12, 12}, {100, 64, 2, 3}},
           {{7, 2, 28, 28}, {6, 2, 5, 5}},    {{5, 24, 20, 20}, {40, 24, 3, 2}},
           {{2, 2, 20, 20}, {40, 2, 2, 3}},   {{13, 16, 9, 9}, {20, 16, 2, 3}},
           {{1, 48, 15, 13}, {40, 48, 3, 3}}, {{2, 64, 40, 38}, {46, 64, 3, 3}},
           {{19, 24, 9, 11}, {33, 24, 1, 1}}, {{21, 16, 14, 14}, {13, 16, 3, 3}}};
    using conv2d_kernels::ForwardKernel;
    const ForwardKernel kernels[] = {ForwardKernel::Implicit,  ForwardKernel::Direct,
                                     ForwardKernel::Direct,    ForwardKernel::Implicit,
                                     ForwardKernel::Implicit,  ForwardKernel::Implicit,
                                     ForwardKernel::Gemm,      ForwardKernel::Lanes,
                                     ForwardKernel::Winograd,  ForwardKernel::Winograd,
                                     ForwardKernel::Pointwise, ForwardKernel::LanesWinograd};
    for (size_t i = 0; i < std::size(cases); ++i) {
        const auto &[in, w] = cases[i];
        const ConvOptions &o = w.c == 1 ? depthwise : same;
        auto plan = planConv2d(in, w, 0, o);
        ASSERT_TRUE(plan.ok());
        EXPECT_EQ(conv2d_kernels::forwardKernel(*plan), kernels[i]) << i;
        const Tensor input = randomTensor(in, rng), weight = randomTensor(w, rng);
        setThreadCount(1);
        const Tensor one = conv2d(*plan, input, weight);
        for (int threads : {2, 3, 7}) {
            setThreadCount(threads);
            EXPECT_EQ(conv2d(*plan, input, weight).values(), one.values()) << threads;
        }
    }
    setThreadCount(saved);
}

} // namespace
} // namespace convscope
