// Residual and concat blocks: the spec, the graph a network makes of them, their rows, their
// messages, their values against a hand computation and their gradients against finite
// differences.
#include "core/nn/architecture.h"
#include "core/nn/loss.h"
#include "core/nn/model_file.h"
#include "core/nn/network.h"
#include "core/ops/conv2d.h"
#include "tests/core/test_support.h"

#include <gtest/gtest.h>

#include <functional>

namespace convscope {
namespace {

using test::randomTensor;

bool has(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

std::string buildError(const std::string &spec, Shape input = {1, 1, 8, 8}, int classes = 3)
{
    Expected<Architecture> a = parseArchitecture(spec);
    if (!a)
        return a.error().message;
    Expected<Network> n = Network::create(*a, input, classes);
    return n ? std::string() : n.error().message;
}

Network build(const std::string &spec, Shape input = {1, 1, 8, 8}, int classes = 3)
{
    Expected<Architecture> a = parseArchitecture(spec);
    EXPECT_TRUE(a.ok()) << (a ? "" : a.error().message);
    Expected<Network> n = Network::create(*a, input, classes);
    EXPECT_TRUE(n.ok()) << (n ? "" : n.error().message);
    return std::move(n).value();
}

TEST(BlockSpec, NestedBlocksRoundTripInCanonicalForm)
{
    const std::string spec
        = "conv 4 3x3 pad 1 | residual( conv 4 3x3 pad 1 | batchnorm | relu | residual( conv 4 "
          "1x1 ) ) | relu | concat( conv 2 1x1 ; conv 2 1x1 | conv 3 3x3 pad 1 ; maxpool 3 "
          "stride 1 pad 1 | conv 1 1x1 ) | residual( conv 8 3x3 stride 2 pad 1 ; conv 8 1x1 "
          "stride 2 | batchnorm ) | gap | dense 3";
    Expected<Architecture> a = parseArchitecture(spec);
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->toString(), spec);
    EXPECT_EQ(a->layers.size(), 7u);
    EXPECT_EQ(a->layers[1].paths.size(), 1u);
    EXPECT_EQ(a->layers[3].paths.size(), 3u);
    EXPECT_EQ(a->layerCount(), 20); // 7 at the top, 5 + 5 + 3 inside the blocks
    // Spacing and the "residual (" form read the same.
    Expected<Architecture> loose = parseArchitecture(
        "conv 4 3x3 pad 1|residual (conv 4 3x3 pad 1|batchnorm|relu|residual(conv 4 1x1))|relu"
        "|concat(conv 2 1x1;conv 2 1x1|conv 3 3x3 pad 1;maxpool 3 stride 1 pad 1|conv 1 1x1)"
        "|residual(conv 8 3x3 stride 2 pad 1;conv 8 1x1 stride 2|batchnorm)|gap|dense 3");
    ASSERT_TRUE(loose.ok()) << loose.error().message;
    EXPECT_EQ(loose->toString(), spec);
}

TEST(BlockSpec, MistakesAreNamedWithTheirPlace)
{
    const std::pair<const char *, const char *> cases[] = {
        {"residual( conv 4 3x3 | relu", "a '(' is never closed"},
        {"conv 4 3x3 ) | relu", "a ')' closes no '('"},
        {"residual( relu ; relu ; relu )", "at most one shortcut, separated by ';', not 3 paths"},
        {"concat( relu )", "two or more branches"},
        {"residual( relu ) relu", "nothing after the ')'"},
        {"conv 4 3x3 ; relu", "'(', ')' and ';' belong to blocks"},
        {"residual( relu | conv 6 5y5 )", "layer 1 'residual( relu | conv 6 5y5 )': its layers: "
                                          "layer 2 'conv 6 5y5': kernel size '5y5'"},
        {"concat( relu ; relu | | relu )", "branch 2: layer 2 is empty"},
        {"residual( )", "its layers: layer 1 is empty"},
        {"residual( relu | \v ) | relu", "its layers: layer 2 is empty"},
        {"\f", "the architecture is empty"},
        {"residual(residual(residual(residual(residual(residual(residual(residual(residual("
         "relu)))))))))",
         "blocks nest more than 8 deep"},
    };
    for (const auto &[spec, message] : cases) {
        Expected<Architecture> a = parseArchitecture(spec);
        ASSERT_FALSE(a.ok()) << spec;
        EXPECT_TRUE(has(a.error().message, message)) << spec << ": " << a.error().message;
    }
}

TEST(BlockNetwork, RowsNameEveryLayerInsideBlocksAndEndEachBlock)
{
    Network net = build("conv 4 3x3 pad 1 | residual( conv 4 3x3 pad 1 | relu | conv 4 3x3 "
                        "pad 1 ) | concat( conv 2 1x1 ; maxpool 3 stride 1 pad 1 ) | gap "
                        "| dense 3");
    const std::vector<LayerDescription> &rows = net.describe();
    std::vector<std::string> names;
    for (const LayerDescription &row : rows)
        names.push_back(row.name);
    EXPECT_EQ(names, (std::vector<std::string>{"conv1", "conv2", "relu1", "conv3", "residual1",
                                               "conv4", "maxpool1", "concat1", "gap1", "dense1"}));
    EXPECT_EQ(rows[1].depth, 1);
    EXPECT_EQ(rows[1].path, "residual1 › layers");
    EXPECT_EQ(rows[1].topLayer, 1);
    EXPECT_TRUE(rows[4].block);
    EXPECT_EQ(rows[4].depth, 0);
    EXPECT_EQ(rows[4].spec, "layers + identity");
    EXPECT_EQ(rows[4].output, (Shape{1, 4, 8, 8}));
    EXPECT_EQ(rows[6].path, "concat1 › branch 2");
    EXPECT_EQ(rows[7].output, (Shape{1, 6, 8, 8}));
    EXPECT_EQ(rows[7].topLayer, 2);
    EXPECT_EQ(net.activations().size(), rows.size() + 1);
    EXPECT_EQ(net.filters().size(), 4u);
    // 40 + 2·(4·4·9 + 4) + 2·4 + 2 and the dense layer's 6·3 + 3.
    EXPECT_EQ(net.parameterCount(), 40 + 2 * 148 + 10 + 21);
}

TEST(BlockNetwork, ShapeErrorsGiveBothShapesAndTheWayOut)
{
    const std::string residual = buildError("conv 4 3x3 pad 1 | residual( conv 8 3x3 stride 2 "
                                            "pad 1 ) | flatten | dense 3");
    EXPECT_TRUE(has(residual, "residual1: its layers end in 8×4×4 but its identity shortcut "
                              "gives 4×8×8"))
        << residual;
    EXPECT_TRUE(has(residual, "'residual( … ; conv 8 1x1 stride 2 | batchnorm )'")) << residual;
    const std::string concat = buildError("concat( conv 2 3x3 ; conv 2 1x1 ) | flatten | dense 3");
    EXPECT_TRUE(has(concat, "concat1: branch 2 ends in 2×8×8 but branch 1 in 2×6×6")) << concat;
    const std::string inside = buildError("conv 4 3x3 pad 1 | residual( relu | conv 4 9x9 ) "
                                          "| flatten | dense 3");
    EXPECT_TRUE(has(inside, "residual1 › layers › layer 2 'conv 4 9x9' (conv2) on its input "
                            "4×8×8: padded input 8×8 is smaller than the kernel 9×9"))
        << inside;
    const ArchitectureTable table = tabulate(*parseArchitecture("conv 4 3x3 pad 1 | relu | "
                                                                "residual( relu | conv 4 9x9 ) | "
                                                                "flatten | dense 3"),
                                             {1, 1, 8, 8}, 3);
    EXPECT_EQ(table.badLayer, 2);
    EXPECT_EQ(table.rows.size(), 3u); // conv1, relu1 and the block's relu2
}

// y = x + conv(relu(x)) by hand, and concat's channels in branch order.
TEST(BlockNetwork, ValuesAreTheSumAndTheConcatenationByHand)
{
    Network net = build("residual( relu | conv 1 3x3 pad 1 ) | concat( relu ; conv 2 1x1 ) "
                        "| flatten | dense 3",
                        {1, 1, 5, 5});
    net.initialize(3);
    std::mt19937 rng(3);
    const Tensor x = randomTensor({2, 1, 5, 5}, rng);
    net.forward(x, Mode::Inference);
    const std::vector<Tensor> &a = net.activations();
    const Tensor &relu = a[1];
    const Tensor &conv = a[2];
    ConvOptions options;
    options.padding = PaddingSpec::uniform(1);
    const std::vector<Parameter *> weights = net.nodes()[1].layer->parameters();
    const Tensor expected = conv2d(*planConv2d(relu.shape(), {1, 1, 3, 3}, 1, options), relu,
                                   weights[0]->value, weights[1]->value.values());
    for (std::int64_t i = 0; i < conv.size(); ++i) {
        EXPECT_NEAR(conv.data()[i], expected.data()[i], 1e-5);
        EXPECT_FLOAT_EQ(a[3].data()[i], x.data()[i] + conv.data()[i]);
    }
    const Tensor &joined = a[6];
    ASSERT_EQ(joined.shape(), (Shape{2, 3, 5, 5}));
    for (int n = 0; n < 2; ++n) {
        for (int i = 0; i < 25; ++i) {
            EXPECT_EQ(joined.data()[(n * 3 + 0) * 25 + i], a[4].data()[n * 25 + i]);
            EXPECT_EQ(joined.data()[(n * 3 + 1) * 25 + i], a[5].data()[(n * 2 + 0) * 25 + i]);
            EXPECT_EQ(joined.data()[(n * 3 + 2) * 25 + i], a[5].data()[(n * 2 + 1) * 25 + i]);
        }
    }
}

// infer() against forward(): the same logits bit for bit, though its values share buffers and
// its element-wise layers write over their input. The specs read a value after later ones are
// made (a sum's identity, a concatenation's branch that is the block's input), put an
// element-wise layer first, on the caller's input, which must not change, and in a row, and
// mix sizes; the batch changes between calls, and batch norm has running statistics of its
// own from a training pass.
TEST(BlockNetwork, InferGivesForwardsLogitsAndLeavesItsInputAlone)
{
    struct Case
    {
        std::string spec;
        Shape input;
        int classes;
    };
    std::vector<Case> cases
        = {{"relu | residual( batchnorm | relu | conv 2 3x3 pad 1 ; conv 2 1x1 ) | relu "
            "| concat( sigmoid ; residual( relu | conv 2 1x1 ) | tanh ; maxpool 3 stride 1 pad 1 ) "
            "| batchnorm | relu6 | dropout 0.5 | flatten | dense 3",
            {1, 1, 6, 6},
            3},
           {"batchnorm | residual( residual( relu | conv 3 3x3 pad 1 ) | leakyrelu ) | relu "
            "| residual( conv 3 3x3 stride 2 pad 1 | batchnorm ; conv 3 1x1 stride 2 ) | gap "
            "| flatten | dense 3",
            {1, 3, 7, 7},
            3}};
    for (const Preset &preset : presets()) {
        if (preset.takesDigits())
            cases.push_back({preset.spec, preset.input, preset.classes});
    }
    for (const auto &[spec, input, classes] : cases) {
        Network net = build(spec, input, classes);
        net.initialize(5);
        std::mt19937 rng(5);
        net.forward(randomTensor({4, input.c, input.h, input.w}, rng), Mode::Training);
        for (int batch : {3, 1, 3}) {
            const Tensor x = randomTensor({batch, input.c, input.h, input.w}, rng);
            const Tensor copy = x;
            const Tensor expected = net.forward(x, Mode::Inference);
            const Tensor &logits = net.infer(x);
            ASSERT_EQ(logits.shape(), expected.shape()) << spec;
            EXPECT_EQ(logits.values(), expected.values()) << spec << " at batch " << batch;
            EXPECT_EQ(x.values(), copy.values()) << spec;
            for (const Tensor &value : net.activations())
                EXPECT_EQ(value.size(), 0) << spec << ": infer() leaves no value of a pass";
        }
    }
}

void expectNetworkGradient(const std::string &spec, Shape input, Mode mode, std::uint64_t seed)
{
    Network net = build(spec, {1, input.c, input.h, input.w}, 3);
    net.initialize(seed);
    std::mt19937 rng{unsigned(seed)};
    const Tensor x = randomTensor(input, rng);
    std::vector<std::uint8_t> labels;
    for (int n = 0; n < input.n; ++n)
        labels.push_back(std::uint8_t(n % 3));
    Tensor grad;
    softmaxCrossEntropy(net.forward(x, mode), labels, &grad);
    net.backward(grad);
    for (Parameter *p : net.parameters()) {
        const Tensor analytic = p->gradient;
        for (std::int64_t i = 0; i < p->value.size(); ++i) {
            const float saved = p->value.data()[i];
            p->value.data()[i] = saved + 1e-3f;
            const double up = softmaxCrossEntropy(net.forward(x, mode), labels, nullptr).loss;
            p->value.data()[i] = saved - 1e-3f;
            const double down = softmaxCrossEntropy(net.forward(x, mode), labels, nullptr).loss;
            p->value.data()[i] = saved;
            const double numeric = (up - down) / 2e-3;
            ASSERT_NEAR(analytic.data()[i], numeric, 3e-2 * std::max(1.0, std::abs(numeric)))
                << spec << ": " << p->name << " entry " << i;
        }
    }
}

// The gradient reaches every layer through the sum (both paths) and through the concatenation
// (each branch its channels), nested, with batch norm in training mode.
TEST(BlockNetwork, GradientsMatchFiniteDifferencesThroughEveryBlock)
{
    expectNetworkGradient("conv 3 3x3 pad 1 | residual( conv 3 3x3 pad 1 | tanh | conv 3 3x3 "
                          "pad 1 ) | tanh | flatten | dense 3",
                          {2, 1, 5, 5}, Mode::Inference, 1);
    expectNetworkGradient("conv 3 3x3 pad 1 | residual( conv 4 3x3 stride 2 pad 1 | sigmoid ; "
                          "conv 4 1x1 stride 2 ) | gap | dense 3",
                          {2, 2, 6, 6}, Mode::Inference, 2);
    expectNetworkGradient("concat( conv 2 1x1 ; conv 1 1x1 | tanh | conv 2 3x3 pad 1 ; avgpool "
                          "3 stride 1 pad 1 | conv 1 1x1 ) | tanh | flatten | dense 3",
                          {2, 2, 4, 4}, Mode::Inference, 3);
    expectNetworkGradient("conv 3 3x3 pad 1 | batchnorm | residual( concat( conv 1 1x1 ; conv 2 "
                          "3x3 pad 1 | batchnorm ) | tanh | residual( conv 3 1x1 ) ) | relu | "
                          "gap | dense 3",
                          {4, 1, 5, 5}, Mode::Training, 4);
}

// A sum passes its dY on to both inputs: the path's last row reads exactly the sum's gradient,
// and the block's input that gradient plus what the path sends back, on every call.
TEST(BlockNetwork, ASumsGradientReachesThePathsLastRowAndTheBlocksInput)
{
    Network net = build("conv 4 3x3 pad 1 | residual( conv 4 3x3 pad 1 | relu | conv 4 3x3 pad "
                        "1 ) | gap | dense 3",
                        {2, 1, 6, 6});
    net.initialize(7);
    std::mt19937 rng(11);
    const Tensor input = randomTensor({2, 1, 6, 6}, rng);
    const Tensor seed = randomTensor({2, 3, 1, 1}, rng);
    std::vector<float> first;
    for (int call = 0; call < 2; ++call) {
        net.forward(input, Mode::Inference);
        const Tensor inputGradient = net.inputGradient(6, seed);
        const Tensor sum = net.gradientAt(4), pathEnd = net.gradientAt(3);
        const Tensor blockInput = net.gradientAt(0), pathStart = net.gradientAt(1);
        ASSERT_EQ(sum.shape(), (Shape{2, 4, 6, 6}));
        EXPECT_EQ(pathEnd.values(), sum.values());
        // dL/d(block input) = dY of the sum + conv2's dX.
        const Tensor conv2 = net.filters()[1];
        ConvOptions options;
        options.padding = PaddingSpec::perAxis(1, 1);
        const Conv2dPlan plan = planConv2d(sum.shape(), conv2.shape(), 0, options).value();
        Tensor throughPath, gradWeight;
        conv2dBackward(plan, net.activations()[1], conv2, pathStart, &throughPath, gradWeight, {});
        for (std::int64_t i = 0; i < sum.size(); ++i)
            EXPECT_NEAR(blockInput.values()[size_t(i)],
                        sum.values()[size_t(i)] + throughPath.values()[size_t(i)], 1e-5f);
        if (call == 0)
            first = inputGradient.values();
        else
            EXPECT_EQ(inputGradient.values(), first);
    }
}

TEST(BlockNetwork, ModelFilesKeepBlocksAndRunningStatistics)
{
    Network net
        = build("conv 3 3x3 pad 1 | batchnorm | residual( conv 3 3x3 pad 1 | batchnorm "
                "eps 0.001 ; conv 3 1x1 ) | concat( relu ; conv 2 1x1 ) | flatten | dense 3",
                {1, 1, 6, 6});
    net.initialize(5);
    std::mt19937 rng(5);
    net.forward(randomTensor({4, 1, 6, 6}, rng), Mode::Training); // moves the running stats
    Expected<Model> model = decodeModel(encodeModel(net, {0.1f, 0.3f}, {}), "blocks.csm");
    ASSERT_TRUE(model.ok()) << model.error().message;
    EXPECT_EQ(model->network.architecture().toString(), net.architecture().toString());
    const std::vector<Tensor> saved = net.weights(), loaded = model->network.weights();
    ASSERT_EQ(loaded.size(), saved.size());
    // conv1, batchnorm1 with its two running statistics, conv2, batchnorm2 and its two, the
    // shortcut's conv3, conv4 and the dense layer.
    EXPECT_EQ(saved.size(), 2u + 4 + 2 + 4 + 2 + 2 + 2);
    for (size_t i = 0; i < saved.size(); ++i)
        EXPECT_EQ(loaded[i].values(), saved[i].values()) << "tensor " << i;
}

} // namespace
} // namespace convscope
