// The receptive field demo's numbers: the gradient of one unit with respect to the input
// against finite differences (through blocks and batch norm), the effective field inside the
// theoretical one, and the field's growth worked by hand for LeNet-5.
#include "core/io/image_io.h"
#include "core/lessons/receptive_field.h"
#include "core/nn/architecture.h"

#include <gtest/gtest.h>

#include <random>

namespace convscope {
namespace {

Network built(const std::string &spec, const Shape &input, std::uint64_t seed)
{
    Network net = Network::create(*parseArchitecture(spec), input, 10).value();
    net.initialize(seed);
    return net;
}

Tensor randomInput(const Shape &shape, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> value(-1.0f, 1.0f);
    Tensor input(shape);
    for (float &v : input.values())
        v = value(rng);
    return input;
}

float unitValue(Network &net, const Tensor &input, const Unit &unit)
{
    net.forward(input, Mode::Inference);
    return net.activations()[size_t(unit.row) + 1].at(0, unit.channel, unit.y, unit.x);
}

// Smooth layers (tanh, average pools, batch norm in evaluation) so that central differences
// are exact to their rounding; a residual and a concatenation on the way.
TEST(EffectiveField, TheInputGradientIsTheFiniteDifference)
{
    const Shape shape{1, 2, 9, 9};
    Network net = built("conv 3 3x3 pad 1 | tanh | residual( conv 3 3x3 pad 1 | batchnorm | tanh )"
                        " | concat( conv 2 1x1 ; avgpool 3 stride 1 pad 1 ) | avgpool 2 | "
                        "conv 4 3x3 | tanh | flatten | dense 10",
                        shape, 5);
    const Tensor input = randomInput(shape, 6);
    std::mt19937_64 rng(7);
    for (int trial = 0; trial < 6; ++trial) {
        Unit unit;
        unit.row = int(rng() % net.describe().size());
        const Shape out = net.describe()[size_t(unit.row)].output;
        unit.channel = int(rng() % std::uint64_t(out.c));
        unit.y = int(rng() % std::uint64_t(out.h));
        unit.x = int(rng() % std::uint64_t(out.w));
        net.forward(input, Mode::Inference);
        Tensor seed(Shape{1, out.c, out.h, out.w}, 0.0f);
        seed.at(0, unit.channel, unit.y, unit.x) = 1.0f;
        const Tensor gradient = net.inputGradient(unit.row, seed);
        ASSERT_EQ(gradient.shape(), shape);
        for (std::int64_t i = 0; i < input.size(); ++i) {
            Tensor plus = input, minus = input;
            const float h = 1e-2f;
            plus.data()[i] += h;
            minus.data()[i] -= h;
            const double numeric = (double(unitValue(net, plus, unit))
                                    - double(unitValue(net, minus, unit)))
                                   / (2.0 * h);
            ASSERT_NEAR(gradient.data()[i], numeric, 2e-3 + 2e-2 * std::abs(numeric))
                << net.describe()[size_t(unit.row)].name << " value " << i;
        }
    }
}

// Whatever the weights and the input, a unit's gradient reaches no pixel outside its
// theoretical field; and on LeNet-5 it reaches some pixel inside.
TEST(EffectiveField, NeverLeavesTheTheoreticalField)
{
    for (const char *spec : {"lenet5", "mini-resnet", "mini-inception"}) {
        Network net = built(spec, Shape{1, 1, 28, 28}, 3);
        const Tensor input = randomInput(Shape{1, 1, 28, 28}, 4);
        const std::vector<LayerDescription> rows = net.describe();
        for (int r = 0; r < int(rows.size()); r += 2) {
            const Shape out = rows[size_t(r)].output;
            const Unit unit{r, out.c - 1, out.h / 2, out.w / 3};
            const Tensor field = effectiveField(net, input, unit).value();
            const FieldRect rect = theoreticalField(rows[size_t(r)], unit.y, unit.x);
            double outside = 0, inside = 0;
            for (int y = 0; y < 28; ++y) {
                for (int x = 0; x < 28; ++x) {
                    const bool within = y >= rect.top && y < rect.top + rect.height
                                        && x >= rect.left && x < rect.left + rect.width;
                    (within ? inside : outside) += field.at(0, 0, y, x);
                }
            }
            EXPECT_EQ(outside, 0.0) << spec << " " << rows[size_t(r)].name;
            const std::string name = rows[size_t(r)].name;
            if (std::string(spec) == "lenet5"
                && (name.starts_with("conv") || name.starts_with("dense"))) {
                EXPECT_GT(inside, 0.0) << rows[size_t(r)].name;
            }
        }
    }
}

TEST(EffectiveField, LeNet5sConv2ByHand)
{
    Network net = built("lenet5", Shape{1, 1, 28, 28}, 1);
    const std::vector<LayerDescription> &rows = net.describe();
    ASSERT_EQ(rows[3].name, "conv2");
    const FieldRect rect = theoreticalField(rows[3], 3, 4);
    EXPECT_EQ(rect.top, -2 + 3 * 2);
    EXPECT_EQ(rect.left, -2 + 4 * 2);
    EXPECT_EQ(rect.height, 14);
    EXPECT_EQ(rect.width, 14);

    const std::vector<FieldStep> steps = fieldSteps(rows, 3);
    ASSERT_EQ(steps.size(), 4u);
    EXPECT_EQ(steps[0].rule, "r = r′ + D·(K−1)·j′ = 1 + 1·(5−1)·1 = 5, j = j′·S = 1·1 = 1, "
                             "start = -2");
    EXPECT_EQ(steps[1].rule, "unchanged: it works on each value where it is");
    EXPECT_EQ(steps[2].rule, "r = r′ + D·(K−1)·j′ = 5 + 1·(2−1)·1 = 6, j = j′·S = 1·2 = 2, "
                             "start = -2");
    EXPECT_EQ(steps[3].rule, "r = r′ + D·(K−1)·j′ = 6 + 1·(5−1)·2 = 14, j = j′·S = 2·1 = 2, "
                             "start = -2");
    const std::vector<FieldStep> all = fieldSteps(rows, int(rows.size()) - 1);
    EXPECT_EQ(all[6].layer, "flatten1");
    EXPECT_EQ(all[6].rule, "every value of its input: r = 32, j = 20");
    EXPECT_EQ(all.back().rule,
              "every value of its input, which already sees the whole image: r = 32, j = 20");

    // Through a block: the block's first layer starts from the field before the block.
    Network resnet = built("mini-resnet", Shape{1, 1, 28, 28}, 1);
    const std::vector<FieldStep> blockSteps = fieldSteps(resnet.describe(), 8);
    EXPECT_EQ(blockSteps[3].layer, "conv2");
    EXPECT_EQ(blockSteps[3].before.size, 3);
    EXPECT_EQ(blockSteps[8].layer, "residual1");
    EXPECT_EQ(blockSteps[8].rule, "the largest field over the block's paths: r = 7, j = 1");
}

// The lecture's point: deep in a stack, most of a unit's gradient falls in the middle of its
// theoretical field.
TEST(EffectiveField, DeepUnitsAreCentreWeighted)
{
    Network net = built("mini-resnet", Shape{1, 1, 28, 28}, 2);
    const std::vector<LayerDescription> &rows = net.describe();
    int last = 0;
    for (int r = 0; r < int(rows.size()); ++r) {
        if (rows[size_t(r)].name == "relu7")
            last = r;
    }
    ASSERT_EQ(rows[size_t(last)].field.h.size, 25);
    const Tensor field
        = effectiveField(net, randomInput(Shape{1, 1, 28, 28}, 9), Unit{last, 5, 3, 3}).value();
    const EffectiveExtent extent = effectiveExtent(field);
    EXPECT_GT(extent.side, 0);
    EXPECT_LT(extent.side, 25);
}

TEST(EffectiveField, TheExtentHoldsTheShare)
{
    Tensor field(Shape{1, 1, 28, 28}, 0.0f);
    field.at(0, 0, 10, 12) = 3.0f;
    EffectiveExtent one = effectiveExtent(field);
    EXPECT_EQ(one.side, 1);
    EXPECT_DOUBLE_EQ(one.centreY, 10.0);
    EXPECT_DOUBLE_EQ(one.centreX, 12.0);
    for (int y = 4; y < 9; ++y) {
        for (int x = 4; x < 9; ++x)
            field.at(0, 0, y, x) = 1.0f;
    }
    field.at(0, 0, 10, 12) = 0.0f;
    const EffectiveExtent block = effectiveExtent(field);
    EXPECT_EQ(block.side, 5);
    EXPECT_EQ(block.top, 4);
    EXPECT_EQ(block.left, 4);
    // Weight off the block's middle still fits the block: a square of whole pixels over the
    // centre's pixel, not one centred on a point between pixels.
    field.at(0, 0, 8, 8) = 6.0f;
    const EffectiveExtent skewed = effectiveExtent(field);
    EXPECT_GT(skewed.centreY, 6.2);
    EXPECT_EQ(skewed.side, 5);
    EXPECT_EQ(skewed.top, 4);
    EXPECT_EQ(skewed.left, 4);
    // 90 %: of 10 in one pixel and 1 in the next, the pixel alone.
    Tensor pair(Shape{1, 1, 6, 6}, 0.0f);
    pair.at(0, 0, 2, 2) = 10.0f;
    pair.at(0, 0, 2, 3) = 1.0f;
    EXPECT_EQ(effectiveExtent(pair).side, 1);
    EXPECT_EQ(effectiveExtent(pair, 0.95).side, 2);
    EXPECT_EQ(effectiveExtent(Tensor(Shape{1, 1, 5, 5}, 0.0f)).side, 0);

    Network net = built("lenet5", Shape{1, 1, 28, 28}, 1);
    EXPECT_FALSE(effectiveField(net, randomInput(Shape{1, 1, 28, 28}, 1), Unit{3, 16, 0, 0}));
    EXPECT_FALSE(effectiveField(net, randomInput(Shape{1, 1, 28, 28}, 1), Unit{99, 0, 0, 0}));
}

// AlexNet's trunk: its rows are the full network's up to the flatten, with the same fields,
// and it builds, where the whole network's 61 M parameters are over the budget. A stack of
// maps with no classifier builds with classes 0 and no other way.
TEST(EffectiveField, TheTrunkKeepsTheMapsRows)
{
    const Architecture alexnet = *parseArchitecture("alexnet");
    const Shape imagenet{1, 3, 224, 224};
    EXPECT_FALSE(Network::create(alexnet, imagenet, 1000));
    const Architecture trunk = featureTrunk(alexnet);
    ASSERT_EQ(trunk.layers.size(), 13u);
    Network net = Network::create(trunk, imagenet, 0).value();
    const ArchitectureTable whole = tabulate(alexnet, imagenet, 1000);
    ASSERT_EQ(net.describe().size(), 13u);
    for (size_t i = 0; i < net.describe().size(); ++i) {
        EXPECT_EQ(net.describe()[i].name, whole.rows[i].name);
        EXPECT_EQ(net.describe()[i].field.h.size, whole.rows[i].field.h.size);
    }
    EXPECT_EQ(net.describe().back().field.h.size, 195); // torchvision's AlexNet, by hand
    EXPECT_EQ(net.describe().back().output, (Shape{1, 256, 6, 6}));

    const Architecture stack = *parseArchitecture("conv 4 3x3 | relu | conv 4 3x3");
    EXPECT_FALSE(Network::create(stack, Shape{1, 1, 9, 9}, 10));
    EXPECT_EQ(Network::create(stack, Shape{1, 1, 9, 9}, 0)->describe().back().field.h.size, 5);
    EXPECT_TRUE(featureTrunk(*parseArchitecture("flatten | dense 10")).layers.empty());
}

// A photo for a network of another shape: the centred crop of the input's aspect, resized;
// grey weighs R, G and B as the image loader does.
TEST(EffectiveField, APhotoBecomesTheInput)
{
    Tensor photo(Shape{1, 3, 4, 8}, 0.0f);
    for (int y = 0; y < 4; ++y) {
        for (int x = 0; x < 8; ++x) {
            photo.at(0, 0, y, x) = float(x) / 8.0f;
            photo.at(0, 1, y, x) = float(y) / 4.0f;
            photo.at(0, 2, y, x) = 0.5f;
        }
    }
    const Tensor square = photoInput(photo, Shape{1, 3, 4, 4});
    ASSERT_EQ(square.shape(), (Shape{1, 3, 4, 4}));
    for (int y = 0; y < 4; ++y) {
        for (int x = 0; x < 4; ++x) {
            for (int c = 0; c < 3; ++c)
                EXPECT_EQ(square.at(0, c, y, x), photo.at(0, c, y, x + 2));
        }
    }
    const Tensor grey = photoInput(photo, Shape{1, 1, 2, 4});
    ASSERT_EQ(grey.shape(), (Shape{1, 1, 2, 4}));
    const Tensor half = resizeImage(photo, 2, 4);
    EXPECT_FLOAT_EQ(grey.at(0, 0, 1, 3), 0.299f * half.at(0, 0, 1, 3) + 0.587f * half.at(0, 1, 1, 3)
                                             + 0.114f * half.at(0, 2, 1, 3));
    const Tensor five = photoInput(photo, Shape{1, 5, 8, 2});
    for (int c = 1; c < 5; ++c)
        EXPECT_EQ(five.at(0, c, 6, 1), five.at(0, 0, 6, 1));
}

} // namespace
} // namespace convscope
