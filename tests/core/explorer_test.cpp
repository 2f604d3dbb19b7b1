#include "core/explorer/colormap.h"
#include "core/explorer/conv_explorer.h"
#include "core/io/image_io.h"
#include "core/ops/reference.h"
#include "tests/core/test_support.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace convscope {
namespace {

using test::randomTensor;
using test::tensorOf;

FilterSet filterSet(Tensor weights, std::vector<float> bias, std::string name = "custom")
{
    return FilterSet{std::move(weights), std::move(bias), std::move(name)};
}

TEST(ConvExplorer, LectureExampleAndItsDotProduct)
{
    // The lecture's 4×4 input and 3×3 kernel give [[15, 16], [6, 15]].
    const Tensor input = tensorOf({1, 1, 4, 4}, {1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0});
    ConvSetup setup;
    setup.filters = filterSet(tensorOf({1, 1, 3, 3}, {1, 0, 1, 0, 1, 0, 1, 0, 1}), {0.0f});
    Expected<ConvOutcome> outcome = computeConvolution(input, setup);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    EXPECT_EQ(outcome->output.shape(), (Shape{1, 1, 2, 2}));
    const DotProduct dot = explainOutput(*outcome, input, 0, 0, 1, Activation::None);
    ASSERT_EQ(dot.terms.size(), 9u);
    // Window at rows 0..2, columns 1..3: 1·1 + 1·0 + 0·1 + 1·0 + 1·1 + 1·0 + 0·1 + 1·0 + 1·1.
    EXPECT_EQ(dot.terms[0].input, 1.0f);
    EXPECT_EQ(dot.terms[0].x, 1);
    EXPECT_EQ(dot.terms[8].y, 2);
    EXPECT_EQ(dot.terms[8].x, 3);
    EXPECT_DOUBLE_EQ(dot.sum, 3.0);
    EXPECT_FLOAT_EQ(outcome->output.at(0, 0, 0, 1), 3.0f);
}

TEST(ConvExplorer, EveryExplainedValueIsTheComputedOneOnRandomSetups)
{
    std::mt19937 rng(7);
    auto pick = [&](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    int checked = 0;
    for (int trial = 0; trial < 300; ++trial) {
        const int channels = pick(0, 1) ? 3 : 1;
        const int kh = pick(1, 6), kw = pick(1, 6);
        const Tensor input = randomTensor({1, channels, pick(1, 14), pick(1, 14)}, rng, 0, 1);
        ConvSetup setup;
        const int filters = pick(1, 3);
        std::vector<float> bias(static_cast<size_t>(filters));
        for (float &b : bias)
            b = std::uniform_real_distribution<float>(-1, 1)(rng);
        setup.filters = filterSet(randomTensor({filters, channels, kh, kw}, rng), bias);
        setup.options.strideH = pick(1, 3);
        setup.options.strideW = pick(1, 3);
        setup.options.dilationH = pick(1, 2);
        setup.options.dilationW = pick(1, 2);
        setup.options.padding = PaddingSpec::perSide(
            {pick(0, 2), pick(0, 2), pick(0, 2), pick(0, 2)});
        setup.options.padMode = PadMode(pick(0, 2));
        setup.options.flipKernel = pick(0, 1);
        setup.depthwise = pick(0, 1);
        setup.activation = Activation(pick(0, 4));
        Expected<ConvOutcome> outcome = computeConvolution(input, setup);
        if (!outcome)
            continue;
        const Shape &out = outcome->output.shape();
        EXPECT_EQ(out.c, setup.depthwise ? filters * channels : filters);
        const Tensor reference = conv2dReference(outcome->plan, input, outcome->weights,
                                                 outcome->bias);
        for (int c = 0; c < out.c; ++c) {
            for (int y = 0; y < out.h; ++y) {
                for (int x = 0; x < out.w; ++x) {
                    const DotProduct dot = explainOutput(*outcome, input, c, y, x, setup.activation);
                    EXPECT_EQ(dot.terms.size(), size_t(kh * kw * (setup.depthwise ? 1 : channels)));
                    EXPECT_NEAR(dot.sum, outcome->preActivation.at(0, c, y, x), 1e-4);
                    EXPECT_NEAR(dot.sum, reference.at(0, c, y, x), 1e-4);
                    EXPECT_NEAR(dot.value, outcome->output.at(0, c, y, x), 1e-4);
                    ++checked;
                }
            }
        }
    }
    EXPECT_GT(checked, 2000);
}

TEST(ConvExplorer, DepthwiseAppliesEachSubFilterToItsOwnChannel)
{
    std::mt19937 rng(3);
    const Tensor input = randomTensor({1, 3, 5, 5}, rng, 0, 1);
    ConvSetup setup;
    setup.filters = filterSet(randomTensor({2, 3, 3, 3}, rng), {0.5f, -0.25f});
    setup.depthwise = true;
    Expected<ConvOutcome> outcome = computeConvolution(input, setup);
    ASSERT_TRUE(outcome.ok());
    EXPECT_EQ(outcome->output.shape(), (Shape{1, 6, 3, 3}));
    // Output channel c·F + f = channel c of the input with sub-filter (f, c), plus b_f.
    const int f = 1, c = 2;
    double expected = -0.25;
    for (int ky = 0; ky < 3; ++ky)
        for (int kx = 0; kx < 3; ++kx)
            expected += double(input.at(0, c, 1 + ky, 0 + kx))
                        * setup.filters.weights.at(f, c, ky, kx);
    EXPECT_NEAR(outcome->output.at(0, c * 2 + f, 1, 0), expected, 1e-5);
    EXPECT_EQ(inputChannelsOf(*outcome, c * 2 + f), std::vector<int>{c});
}

TEST(ConvExplorer, ErrorsCarryTheNumbers)
{
    const Tensor input(Shape{1, 1, 3, 3}, 0.5f);
    ConvSetup setup;
    setup.filters = filterSet(Tensor(Shape{1, 1, 5, 5}, 1.0f), {0.0f});
    Expected<ConvOutcome> outcome = computeConvolution(input, setup);
    ASSERT_FALSE(outcome.ok());
    EXPECT_NE(outcome.error().message.find("3×3"), std::string::npos) << outcome.error().message;
    EXPECT_NE(outcome.error().message.find("5×5"), std::string::npos);
    setup.filters = filterSet(Tensor(Shape{1, 3, 3, 3}, 1.0f), {0.0f});
    outcome = computeConvolution(input, setup);
    ASSERT_FALSE(outcome.ok());
    EXPECT_NE(outcome.error().message.find("3 sub-filters"), std::string::npos);
}

TEST(ConvExplorer, ParameterCountSpellsOutTheFormula)
{
    const ParameterCount standard = parameterCount({2, 3, 3, 3}, false, 3);
    EXPECT_EQ(standard.formula, "3·3·3·2 + 2 = 56");
    EXPECT_EQ(standard.total, 56);
    const ParameterCount depthwise = parameterCount({2, 3, 5, 5}, true, 3);
    EXPECT_EQ(depthwise.formula, "5·5·1·6 + 6 = 156");
}

TEST(ConvExplorer, ExportStemNamesTheSettings)
{
    ConvSetup setup;
    setup.filters = filterSet(Tensor(Shape{1, 1, 3, 3}), {0.0f}, "sobel-x");
    setup.options.strideH = setup.options.strideW = 2;
    setup.options.padding = PaddingSpec::uniform(1);
    const Tensor input(Shape{1, 1, 16, 16});
    Expected<ConvOutcome> outcome = computeConvolution(input, setup);
    ASSERT_TRUE(outcome.ok());
    EXPECT_EQ(exportStem("camera", setup, outcome->plan.geometry), "camera_sobel-x_k3_s2_p1_d1");
    setup.options.strideW = 1;
    setup.options.padding = PaddingSpec::perSide({1, 1, 0, 2});
    setup.options.padMode = PadMode::Reflect;
    setup.activation = Activation::Relu;
    outcome = computeConvolution(input, setup);
    ASSERT_TRUE(outcome.ok());
    EXPECT_EQ(exportStem("My Photo.JPG", setup, outcome->plan.geometry),
              "my-photo-jpg_sobel-x_k3_s2x1_p1-1-0-2_d1_reflect_relu");
    const auto settings = exportSettings("camera", setup, *outcome);
    EXPECT_EQ(settings.back().first, "output");
    EXPECT_EQ(settings.back().second, "1×8×16"); // (16+1+1−2−1)/2+1 = 8, (16+0+2−2−1)/1+1 = 16
}

TEST(Colormap, RangesAndColours)
{
    const std::vector<float> values = {-2.0f, 0.5f, 1.0f, NAN};
    ValueRange r = valueRange(values, ValueScale::MinMax);
    EXPECT_EQ(r.low, -2.0f);
    EXPECT_EQ(r.high, 1.0f);
    r = valueRange(values, ValueScale::Symmetric);
    EXPECT_EQ(r.low, -2.0f);
    EXPECT_EQ(r.high, 2.0f);
    r = valueRange(values, ValueScale::Clamp);
    EXPECT_EQ(r.high, 1.0f);
    const std::vector<float> constant(4, 0.0f);
    r = valueRange(constant, ValueScale::MinMax);
    EXPECT_LT(r.low, r.high);

    std::vector<std::uint32_t> pixels(values.size());
    colorize(values, {-2.0f, 1.0f}, Colormap::Gray, pixels.data());
    EXPECT_EQ(pixels[0], 0xff000000u);
    EXPECT_EQ(pixels[2], 0xffffffffu);
    EXPECT_EQ(pixels[3], 0xffff00ffu);
    // The diverging map puts 0 at its white middle whatever the range.
    const std::vector<float> zero = {0.0f, 1.0f, -1.0f};
    colorize(zero, {-1.0f, 3.0f}, Colormap::Diverging, pixels.data());
    const std::uint32_t white = pixels[0];
    EXPECT_GT((white >> 16) & 0xff, 240u);
    EXPECT_GT(white & 0xff, 240u);
    EXPECT_GT((pixels[1] >> 16) & 0xff, pixels[1] & 0xff); // positive leans red
    EXPECT_GT(pixels[2] & 0xff, (pixels[2] >> 16) & 0xff); // negative leans blue
    EXPECT_DOUBLE_EQ(colormapPosition(Colormap::Diverging, {-1.0f, 3.0f}, 0.0f), 0.5);
    // Viridis runs from dark purple to yellow.
    const auto first = colormapColor(Colormap::Viridis, 0.0);
    const auto last = colormapColor(Colormap::Viridis, 1.0);
    EXPECT_NEAR(first[0], 68, 6);
    EXPECT_NEAR(first[2], 84, 6);
    EXPECT_NEAR(last[0], 253, 6);
    EXPECT_NEAR(last[1], 231, 6);
}

TEST(ImageResize, EnlargingKeepsValuesShrinkingAverages)
{
    const Tensor small = tensorOf({1, 1, 2, 2}, {0.0f, 1.0f, 0.25f, 0.5f});
    const Tensor big = resizeImage(small, 4, 4);
    EXPECT_EQ(big.at(0, 0, 0, 3), 1.0f);
    EXPECT_EQ(big.at(0, 0, 3, 0), 0.25f);
    const Tensor back = resizeImage(big, 2, 2);
    EXPECT_FLOAT_EQ(back.at(0, 0, 1, 1), 0.5f);
    const Tensor half = resizeImage(small, 1, 1);
    EXPECT_FLOAT_EQ(half.at(0, 0, 0, 0), 0.4375f);
}

} // namespace
} // namespace convscope
