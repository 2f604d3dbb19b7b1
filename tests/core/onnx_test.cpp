// ONNX import: networks exported by torch.onnx.export (tests/data/make_onnx_fixtures.py) give
// PyTorch's outputs through ConvScope's own layers, become our architecture exactly, survive a
// save as .csm, and every model that cannot be read is refused with its reason; our own
// networks exported read back as themselves.
#include "core/file_io.h"
#include "core/io/npy.h"
#include "core/nn/digit_input.h"
#include "core/nn/loss.h"
#include "core/nn/model_file.h"
#include "core/nn/onnx_export.h"
#include "core/nn/onnx_import.h"
#include "tests/core/test_support.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

namespace convscope {
namespace {

std::filesystem::path fixture(const std::string &name)
{
    return std::filesystem::path(CONVSCOPE_TEST_DATA) / "onnx" / name;
}

// The model's output for the fixture's input, as infer computes it.
std::vector<float> outputOf(Model &model, const NpyArray &input)
{
    const Shape s = model.network.inputShape();
    const int n = int(input.shape[0]);
    Tensor batch(Shape{n, s.c, s.h, s.w});
    std::copy(input.values.begin(), input.values.end(), batch.data());
    const Tensor &y = model.network.forward(batch, Mode::Inference);
    std::vector<float> out(y.data(), y.data() + y.size());
    if (model.endsWithSoftmax) {
        const int k = int(y.size() / n);
        for (int i = 0; i < n; ++i)
            softmax(y.data() + i * k, k, out.data() + i * k);
    }
    return out;
}

void expectClose(const std::vector<float> &actual, const std::vector<float> &expected)
{
    ASSERT_EQ(actual.size(), expected.size());
    for (size_t i = 0; i < actual.size(); ++i)
        EXPECT_NEAR(actual[i], expected[i], 1e-5 + 1e-4 * std::abs(expected[i])) << "value " << i;
}

class OnnxAgreement : public testing::TestWithParam<const char *>
{};

TEST_P(OnnxAgreement, PyTorchsOutputThroughOurLayers)
{
    const std::string name = GetParam();
    Expected<Model> model = loadModel(fixture(name + ".onnx"));
    ASSERT_TRUE(model) << model.error().message;
    const NpyArray input = readNpy(fixture(name + ".input.npy")).value();
    const NpyArray expected = readNpy(fixture(name + ".output.npy")).value();
    expectClose(outputOf(*model, input), expected.values);

    // Our own model from then on: saved as .csm and read back, the same outputs.
    const std::filesystem::path saved = std::filesystem::temp_directory_path()
                                        / ("convscope-onnx-" + name + ".csm");
    ASSERT_TRUE(saveModel(saved, model->network, model->normalization, model->metadata));
    Expected<Model> again = loadModel(saved);
    std::filesystem::remove(saved);
    ASSERT_TRUE(again) << again.error().message;
    again->endsWithSoftmax = model->endsWithSoftmax;
    expectClose(outputOf(*again, input), expected.values);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, OnnxAgreement,
                         testing::Values("lenet5", "mini-resnet", "mini-inception", "lrn",
                                         "grouped"));

// PyTorch's LeNet-5 is ConvScope's preset to the letter, its view(-1, 400) a flatten; the
// blocks come back as a residual with its projection and a concatenation of four branches.
TEST(OnnxImport, BecomesOurArchitecture)
{
    const ImportedModel lenet = loadOnnx(fixture("lenet5.onnx")).value();
    EXPECT_EQ(lenet.architecture.toString(), parseArchitecture("lenet5")->toString());
    EXPECT_EQ(lenet.input, (Shape{1, 1, 28, 28}));
    EXPECT_EQ(lenet.classes, 10);
    EXPECT_EQ(lenet.opset, 13);
    EXPECT_FALSE(lenet.endsWithSoftmax);
    EXPECT_EQ(lenet.producer.rfind("pytorch", 0), 0u);

    const ImportedModel resnet = loadOnnx(fixture("mini-resnet.onnx")).value();
    const std::string spec = resnet.architecture.toString();
    EXPECT_NE(spec.find("maxpool 3 stride 2 pad 1 ceil"), std::string::npos) << spec;
    EXPECT_NE(spec.find("residual("), spec.rfind("residual(")) << spec; // two blocks
    EXPECT_NE(spec.find("; conv 16 1x1 stride 2 nobias | batchnorm )"), std::string::npos) << spec;
    EXPECT_EQ(resnet.input, (Shape{1, 3, 20, 20}));

    const ImportedModel inception = loadOnnx(fixture("mini-inception.onnx")).value();
    const std::string branches = inception.architecture.toString();
    EXPECT_TRUE(inception.endsWithSoftmax);
    EXPECT_EQ(inception.opset, 9);
    EXPECT_NE(branches.find("concat("), std::string::npos) << branches;
    // F.pad(x, (1, 2, 2, 1)) folded into the convolution: top 2, bottom 1, left 1, right 2.
    EXPECT_NE(branches.find("pad 2,1,1,2"), std::string::npos) << branches;
    EXPECT_NE(branches.find("leakyrelu 0.2"), std::string::npos) << branches;
    EXPECT_NE(branches.find("maxpool 3 stride 1 pad 1 | conv 2 1x1 )"), std::string::npos)
        << branches;

    // The model zoo's AlexNet stage: its LRN node is our lrn layer with the paper's k.
    EXPECT_EQ(loadOnnx(fixture("lrn.onnx"))->architecture.toString(),
              "conv 8 5x5 stride 2 pad 2 | relu | lrn 5 alpha 0.01 k 2 | maxpool 3 stride 2 | "
              "flatten | dense 6");

    // AlexNet's two groups, MobileNet's depthwise and pointwise convolutions.
    EXPECT_EQ(loadOnnx(fixture("grouped.onnx"))->architecture.toString(),
              "conv 8 3x3 pad 1 | relu | conv 8 3x3 pad 1 groups 2 | batchnorm | relu | "
              "conv 8 3x3 stride 2 pad 1 groups 8 nobias | relu | conv 16 1x1 | gap | flatten | "
              "dense 5");
}

// Every refusal names what is wrong: the node and operator, the opset, the shapes, the file.
TEST(OnnxImport, RefusesWithTheReason)
{
    const struct
    {
        const char *file;
        const char *reason;
    } cases[] = {
        {"refused-operator.onnx", "node 'elu' (Elu) is not supported: ConvScope reads Conv"},
        {"refused-opset.onnx", "opset 7; ConvScope reads opsets 9 to 17"},
        {"refused-channels.onnx", "has shape 2×1×3×3 but the architecture needs 2×3×3×3"},
        {"refused-symbolic.onnx", "has a size that is not fixed ('height', dimension 3)"},
        {"refused-truncated.onnx", "not an ONNX model (its protobuf does not parse"},
    };
    for (const auto &c : cases) {
        Expected<Model> model = loadModel(fixture(c.file));
        ASSERT_FALSE(model) << c.file;
        EXPECT_NE(model.error().message.find(c.reason), std::string::npos)
            << c.file << ": " << model.error().message;
        EXPECT_NE(model.error().message.find(c.file), std::string::npos) << c.file;
    }
    EXPECT_FALSE(importOnnx("", "empty.onnx"));
    EXPECT_FALSE(importOnnx(std::string(1000, '\xff'), "noise.onnx"));
    EXPECT_FALSE(loadModel(fixture("missing.onnx")));
}

// Our networks exported and read back: the same architecture (a flipped kernel comes back
// flipped into its weights, reflect padding as a Pad before the convolution), the model's
// normalisation from the graph's first two nodes, and the same probabilities.
TEST(OnnxExport, ReadsBackAsTheSameModel)
{
    const std::string specs[]
        = {"lenet5", "mini-resnet", "mini-inception",
           "conv 4 3x3 pad 1 reflect flip | batchnorm | leakyrelu 0.2 | maxpool 3 stride 2 ceil | "
           "residual( conv 4 3x3 pad 1 | relu | conv 4 3x3 pad 1 ) | concat( conv 2 1x1 ; avgpool "
           "3 stride 1 pad 1 | conv 3 1x1 ) | gap | flatten | dropout 0.2 | dense 10",
           "conv 6 3x3 | relu6 | conv 6 3x3 groups 3 | conv 6 3x3 groups 6 nobias | relu6 | gap | "
           "flatten | dense 10"};
    const PixelNormalization norm{0.1307f, 0.3081f};
    Tensor pixels(Shape{2, 1, 28, 28});
    for (std::int64_t i = 0; i < pixels.size(); ++i)
        pixels.data()[i] = float((i * 37) % 101) / 100.0f;
    Tensor normalised = pixels;
    for (float &v : normalised.values())
        v = norm.apply(v);
    for (const std::string &spec : specs) {
        Network network = Network::create(*parseArchitecture(spec), kDigitShape).value();
        network.initialize(7);
        for (int opset : {11, 13, 17}) {
            const Expected<std::string> bytes = exportOnnx(network, norm, opset);
            ASSERT_TRUE(bytes) << spec << ": " << bytes.error().message;
            Expected<ImportedModel> back = importOnnx(*bytes, "exported.onnx");
            ASSERT_TRUE(back) << spec << ": " << back.error().message;
            EXPECT_TRUE(back->endsWithSoftmax);
            EXPECT_EQ(back->opset, opset);
            EXPECT_FLOAT_EQ(back->normalization.mean, norm.mean);
            EXPECT_FLOAT_EQ(back->normalization.deviation, norm.deviation);
            Network twin = Network::create(back->architecture, back->input).value();
            ASSERT_TRUE(twin.setWeights(back->weights)) << spec;
            const Tensor mine = network.forward(normalised, Mode::Inference);
            const Tensor theirs = twin.forward(normalised, Mode::Inference);
            expectClose(theirs.values(), mine.values());
        }
    }
    Network flipped = Network::create(*parseArchitecture(specs[3]), kDigitShape).value();
    const ImportedModel back = importOnnx(exportOnnx(flipped, norm).value(), "x.onnx").value();
    EXPECT_EQ(back.architecture.toString().find("flip"), std::string::npos);
    EXPECT_NE(back.architecture.toString().find("pad 1 reflect"), std::string::npos);
}

// ConvScope's picture recipe and labels go in metadata_props and come back; a model file whose
// props do not fit its graph is refused when it is loaded.
TEST(OnnxExport, KeepsThePictureRecipeAndTheLabelsInMetadataProps)
{
    test::TempDir dir;
    Network network = Network::create(*parseArchitecture("lenet5"), kDigitShape).value();
    ModelMetadata meta;
    meta.input = "crop resize 32 bgr mean 0.5 std 0.25";
    for (int k = 0; k < 10; ++k)
        meta.labels.push_back("class " + std::to_string(k));
    ASSERT_TRUE(saveOnnx(dir / "m.onnx", network, {}, 13, meta));
    Expected<Model> model = loadModel(dir / "m.onnx");
    ASSERT_TRUE(model) << model.error().message;
    EXPECT_EQ(model->metadata.input, meta.input);
    EXPECT_EQ(model->metadata.labels, meta.labels);
    EXPECT_EQ(inputRecipe(*model).toString(), meta.input);

    meta.labels.resize(3);
    ASSERT_TRUE(saveOnnx(dir / "three.onnx", network, {}, 13, meta));
    const Expected<Model> three = loadModel(dir / "three.onnx");
    ASSERT_FALSE(three);
    EXPECT_NE(three.error().message.find("has 3 labels for the 10 classes"), std::string::npos)
        << three.error().message;
}

TEST(OnnxExport, RefusesWhatTheOpsetCannotSay)
{
    Network ceil = Network::create(*parseArchitecture("conv 2 3x3 | maxpool 3 stride 2 ceil | "
                                                      "flatten | dense 10"),
                                   kDigitShape)
                       .value();
    EXPECT_TRUE(exportOnnx(ceil, {}, 10));
    const Expected<std::string> nine = exportOnnx(ceil, {}, 9);
    ASSERT_FALSE(nine);
    EXPECT_NE(nine.error().message.find("ceil mode needs opset 10"), std::string::npos);
    EXPECT_FALSE(exportOnnx(ceil, {}, 18));
    // ReLU6 is a Clip whose bounds are attributes before opset 11 and inputs from it on.
    Network relu6 = Network::create(*parseArchitecture("conv 2 3x3 | relu6 | flatten | dense 10"),
                                    kDigitShape)
                        .value();
    for (int opset : {9, 10, 11, 17}) {
        const Expected<ImportedModel> back = importOnnx(exportOnnx(relu6, {}, opset).value(), "r");
        ASSERT_TRUE(back) << opset << ": " << back.error().message;
        EXPECT_EQ(back->architecture.toString(), relu6.architecture().toString()) << opset;
    }
    Network maps = Network::create(*parseArchitecture("conv 2 3x3"), kDigitShape, 0).value();
    EXPECT_FALSE(exportOnnx(maps, {}));
}

} // namespace
} // namespace convscope
