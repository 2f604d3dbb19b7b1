// Pictures into a model: torchvision's Resize, CenterCrop and Normalize worked by hand on small
// pictures, the channel orders, gray and colour both ways, the digit preparation, the recipe's
// text both ways and each refusal with its numbers; class label files.
#include "core/nn/digit_input.h"
#include "core/nn/input_recipe.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace convscope {
namespace {

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

// 1×C×H×W with value c·100 + y·10 + x, over 1000 to stay in [0, 1].
Tensor ramp(int c, int h, int w)
{
    Tensor t(Shape{1, c, h, w});
    for (int k = 0; k < c; ++k) {
        for (int y = 0; y < h; ++y) {
            for (int x = 0; x < w; ++x)
                t.at(0, k, y, x) = float(k * 100 + y * 10 + x) / 1000.0f;
        }
    }
    return t;
}

TEST(InputRecipe, ResizeThenCentreCropAsTorchvision)
{
    // A 4×8 picture, shorter side 4 → no resize at R = 4; the centre 2×2 of 4×8 starts at
    // row 1, column 3.
    InputRecipe recipe = InputRecipe::parse("crop resize 4").value();
    const Tensor out = prepareInput(ramp(3, 4, 8), {1, 3, 2, 2}, recipe).value();
    ASSERT_EQ(out.shape(), (Shape{1, 3, 2, 2}));
    EXPECT_FLOAT_EQ(out.at(0, 0, 0, 0), 0.013f);
    EXPECT_FLOAT_EQ(out.at(0, 2, 1, 1), 0.224f);
    // R = 2 halves the picture by area: 2×4, its centre 2×2 is columns 1 and 2, each the mean
    // of a 2×2 block of the original.
    recipe.resize = 2;
    const Tensor half = prepareInput(ramp(1, 4, 8), {1, 1, 2, 2}, recipe).value();
    EXPECT_NEAR(half.at(0, 0, 0, 0), (0.002f + 0.003f + 0.012f + 0.013f) / 4, 1e-6f);
    EXPECT_NEAR(half.at(0, 0, 1, 1), (0.024f + 0.025f + 0.034f + 0.035f) / 4, 1e-6f);
}

TEST(InputRecipe, WithoutResizeTheLargestCropOfTheInputsAspect)
{
    // 6×2 picture into a 1×1 input: the centred 2×2 square (rows 2–3), averaged.
    const Tensor out = prepareInput(ramp(1, 6, 2), {1, 1, 1, 1}, InputRecipe{}).value();
    EXPECT_NEAR(out.at(0, 0, 0, 0), (0.020f + 0.021f + 0.030f + 0.031f) / 4, 1e-6f);
}

TEST(InputRecipe, ChannelOrderGrayAndNormalisation)
{
    const Tensor rgb = ramp(3, 2, 2);
    InputRecipe recipe = InputRecipe::parse("crop bgr mean 0.1,0.2,0.3 std 0.5,0.25,2").value();
    const Tensor bgr = prepareInput(rgb, {1, 3, 2, 2}, recipe).value();
    // The network's channel 0 is blue (the picture's 2): (0.211 − 0.1) / 0.5.
    EXPECT_FLOAT_EQ(bgr.at(0, 0, 1, 1), (0.211f - 0.1f) / 0.5f);
    EXPECT_FLOAT_EQ(bgr.at(0, 1, 1, 1), (0.111f - 0.2f) / 0.25f);
    EXPECT_FLOAT_EQ(bgr.at(0, 2, 1, 1), (0.011f - 0.3f) / 2.0f);
    // Colour into a one-channel model weighs it as the loader does.
    const Tensor gray = prepareInput(rgb, {1, 1, 2, 2}, InputRecipe{}).value();
    EXPECT_FLOAT_EQ(gray.at(0, 0, 0, 1), 0.299f * 0.001f + 0.587f * 0.101f + 0.114f * 0.201f);
    // Gray into a colour model is repeated.
    const Tensor repeated = prepareInput(ramp(1, 2, 2), {1, 3, 2, 2}, InputRecipe{}).value();
    for (int c = 0; c < 3; ++c)
        EXPECT_FLOAT_EQ(repeated.at(0, c, 1, 0), 0.010f);
}

TEST(InputRecipe, ImagenetScalesTorchvisionsTransforms)
{
    const InputRecipe at224 = InputRecipe::imagenet({1, 3, 224, 224});
    EXPECT_EQ(at224.toString(), "crop resize 256 rgb mean 0.485,0.456,0.406 std 0.229,0.224,0.225");
    EXPECT_EQ(InputRecipe::imagenet({1, 3, 112, 112}).resize, 128);
    EXPECT_TRUE(InputRecipe::imagenet({1, 1, 64, 64}).check({1, 1, 64, 64}));
}

TEST(InputRecipe, TheDigitRecipePreparesAsMnistWasMade)
{
    Tensor page(Shape{1, 3, 60, 40});
    std::fill(page.values().begin(), page.values().end(), 1.0f);
    for (int y = 10; y < 50; ++y) {
        for (int c = 0; c < 3; ++c)
            page.at(0, c, y, 20) = 0.0f;
    }
    const InputRecipe recipe = InputRecipe::parse("digit mean 0.5 std 0.25").value();
    const Tensor out = prepareInput(page, kDigitShape, recipe).value();
    Tensor gray(Shape{1, 1, 60, 40});
    for (int y = 0; y < 60; ++y) {
        for (int x = 0; x < 40; ++x)
            gray.at(0, 0, y, x) = page.at(0, 0, y, x);
    }
    const Tensor digit = mnistStyleDigit(gray).value();
    for (std::int64_t i = 0; i < out.size(); ++i)
        ASSERT_FLOAT_EQ(out.data()[i], (digit.data()[i] - 0.5f) / 0.25f);
    EXPECT_EQ(InputRecipe::defaultFor(kDigitShape, {0.13f, 0.31f}).toString(),
              "digit mean 0.13 std 0.31");
    EXPECT_EQ(InputRecipe::defaultFor({1, 3, 32, 32}, {}).toString(), "crop rgb mean 0 std 1");
}

TEST(InputRecipe, TextRoundTripsAndRefusalsCarryTheNumbers)
{
    for (const char *text : {"digit mean 0.1307 std 0.3081", "crop rgb mean 0 std 1",
                             "crop resize 256 bgr mean 0.4,0.5,0.6 std 0.003921569"}) {
        const Expected<InputRecipe> recipe = InputRecipe::parse(text);
        ASSERT_TRUE(recipe) << recipe.error().message;
        EXPECT_EQ(recipe->toString(), text);
    }
    const std::pair<const char *, const char *> refused[] = {
        {"", "starts with 'digit' or 'crop'"},
        {"square", "starts with 'digit' or 'crop'"},
        {"crop resize 0", "resize takes a side from 1 to 8192, not '0'"},
        {"crop resize 9000", "not '9000'"},
        {"crop resize", "unknown word 'resize'"},
        {"crop mean 1,2", "one value or three"},
        {"crop mean 1,x,3", "numbers separated by commas"},
        {"crop std 0", "std must be above 0, not 0"},
        {"crop std nan", "numbers separated by commas"},
        {"crop shuffle", "unknown word 'shuffle'"},
        {"digit bgr", "the digit recipe takes only mean and std"},
    };
    for (const auto &[text, why] : refused) {
        const Expected<InputRecipe> recipe = InputRecipe::parse(text);
        ASSERT_FALSE(recipe) << text;
        EXPECT_TRUE(contains(recipe.error().message, why)) << recipe.error().message;
    }
    const InputRecipe small = InputRecipe::parse("crop resize 200").value();
    EXPECT_EQ(small.check({1, 3, 224, 224}).error().message,
              "resize 200 is smaller than the input 224×224: the centre crop would leave the "
              "picture");
    EXPECT_TRUE(
        contains(InputRecipe::parse("crop mean 0.1,0.2,0.3")->check({1, 1, 28, 28}).error().message,
                 "has 3 values for 1 channels"));
    EXPECT_TRUE(contains(InputRecipe::parse("digit")->check({1, 3, 28, 28}).error().message,
                         "the model takes 3×28×28"));
    EXPECT_FALSE(prepareInput(ramp(3, 4, 4), {1, 3, 224, 224}, small));
}

TEST(Labels, OneALineForEachClass)
{
    const auto labels = parseLabels("tench\r\n goldfish \n\n", 2, "l.txt");
    ASSERT_TRUE(labels) << labels.error().message;
    EXPECT_EQ(*labels, (std::vector<std::string>{"tench", "goldfish"}));
    const std::pair<std::string, const char *> refused[] = {
        {"a\nb\n", "l.txt has 2 labels for the 3 classes"},
        {"a\nb\nc\nd\n", "l.txt has more lines than the 3 classes"},
        {"a\n\nc\n", "l.txt: line 2 is empty"},
        {"a\nb\x01\nc\n", "line 2 holds a control character"},
        {"a\n" + std::string(201, 'x') + "\nc", "line 2 is longer than 200 characters"},
    };
    for (const auto &[text, why] : refused) {
        const auto got = parseLabels(text, 3, "l.txt");
        ASSERT_FALSE(got) << text;
        EXPECT_TRUE(contains(got.error().message, why)) << got.error().message;
    }
    EXPECT_FALSE(parseLabels("a", 0, "l.txt"));
}

} // namespace
} // namespace convscope
