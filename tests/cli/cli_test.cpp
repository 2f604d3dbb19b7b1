// convscope-cli end to end, through the real binary.
#include "core/explorer/kernels.h"
#include "core/file_io.h"
#include "core/io/image_io.h"
#include "core/io/npy.h"
#include "core/nn/architecture.h"
#include "core/nn/model_file.h"
#include "core/ops/conv2d.h"
#include "core/ops/reference.h"
#include "tests/cli/process.h"
#include "tests/core/test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace convscope {
namespace {

using test::ProcessResult;
using test::runProcess;

const std::string kSamples = CONVSCOPE_SAMPLES;

ProcessResult cli(const std::vector<std::string> &args)
{
    return runProcess(CONVSCOPE_CLI, args);
}

std::string lastLine(const std::string &text)
{
    const size_t end = text.find_last_not_of('\n');
    const size_t start = text.rfind('\n', end);
    return text.substr(start == std::string::npos ? 0 : start + 1, end - start);
}

bool has(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

NpyArray npy(const std::filesystem::path &path)
{
    Expected<NpyArray> a = readNpy(path);
    EXPECT_TRUE(a.ok()) << (a ? "" : a.error().message);
    return a ? *a : NpyArray{};
}

TEST(CliShape, PrintsTheDerivationAndTheOutputLast)
{
    ProcessResult r = cli({"shape", "--input", "28x28", "--kernel", "5", "--padding", "2"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "O_h = floor((28 + 2 + 2 − 1·(5−1) − 1) / 1) + 1 = 28"));
    EXPECT_EQ(lastLine(r.out), "output: 28x28");
    r = cli({"shape", "--input", "32x20", "--kernel", "3x5", "--stride", "2,3", "--dilation", "2",
             "--padding", "1,0,2,2"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(lastLine(r.out), "output: 15x6");
    r = cli({"shape", "--input", "10", "--kernel", "4", "--stride", "3", "--padding", "same"});
    EXPECT_EQ(lastLine(r.out), "output: 4x4");
    r = cli({"shape", "--input", "5", "--kernel", "3", "--padding", "full", "--at", "0,0"});
    ASSERT_EQ(r.exitCode, 0);
    EXPECT_TRUE(has(r.out, "receptive field of output (0, 0): rows -2..0, columns -2..0, 9 taps "
                           "(1 in the image, 8 in the padding)"));
    EXPECT_EQ(lastLine(r.out), "output: 7x7");
}

TEST(CliShape, InvalidSettingsExitOneWithTheDerivation)
{
    ProcessResult r = cli({"shape", "--input", "3", "--kernel", "5"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "O_h = floor((3 + 0 + 0 − 1·(5−1) − 1) / 1) + 1 = -1"));
    EXPECT_TRUE(has(r.err, "padded input 3×3 is smaller than the kernel 5×5"));
    EXPECT_TRUE(r.out.empty());
    r = cli({"shape", "--input", "8", "--kernel", "3", "--stride", "0"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "stride 0 on the height"));
    r = cli({"shape", "--input", "8", "--kernel", "3", "--padding", "-1"});
    EXPECT_EQ(r.exitCode, 1);
    r = cli({"shape", "--input", "3", "--kernel", "3", "--padding", "3", "--pad-mode", "reflect"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "reflect padding 3"));
}

TEST(CliShape, UnreadableCommandLinesExitTwo)
{
    for (const std::vector<std::string> &args :
         {std::vector<std::string>{"shape", "--input", "8"},
          {"shape", "--input", "8", "--kernel", "3", "--stride", "abc"},
          {"shape", "--input", "8x8x8", "--kernel", "3"},
          {"shape", "--input", "8", "--kernel", "3", "--padding", "1,2,3"},
          {"shape", "--input", "8", "--kernel", "3", "--bogus", "1"},
          {"shape", "--input", "8", "--kernel"},
          {"shape", "--input", "8", "--kernel", "3", "--pad-mode", "wrap"},
          {"frobnicate"},
          {}}) {
        ProcessResult r = cli(args);
        EXPECT_EQ(r.exitCode, 2) << (args.empty() ? "" : args.back());
        EXPECT_FALSE(r.err.empty());
    }
    EXPECT_EQ(cli({"--help"}).exitCode, 0);
    EXPECT_EQ(cli({"convolve", "--help"}).exitCode, 0);
}

class CliFiles : public ::testing::Test
{
protected:
    std::string path(const std::string &name) const { return (m_dir / name).string(); }

    std::string write(const std::string &name, const std::string &bytes) const
    {
        EXPECT_TRUE(writeFileAtomically(m_dir / name, bytes).ok());
        return path(name);
    }

    // Runs a command that must fail with the given exit code and leave the outputs untouched.
    ProcessResult expectFailure(std::vector<std::string> args, int exitCode)
    {
        write("out.png", "previous png");
        write("out.npy", "previous npy");
        for (const std::string &flag :
             std::vector<std::string>{"--out", path("out.png"), "--raw", path("out.npy")})
            args.push_back(flag);
        ProcessResult r = cli(args);
        EXPECT_EQ(r.exitCode, exitCode) << r.err;
        EXPECT_EQ(r.signal, 0);
        EXPECT_TRUE(has(r.err, "error") || has(r.err, "usage")) << r.err;
        EXPECT_EQ(*readFile(m_dir / "out.png", 100), "previous png");
        EXPECT_EQ(*readFile(m_dir / "out.npy", 100), "previous npy");
        return r;
    }

    test::TempDir m_dir;
};

TEST_F(CliFiles, TheLectureExampleThroughFiles)
{
    ProcessResult r = cli({"convolve", "--input", kSamples + "/pattern-4x4.npy", "--kernel",
                           kSamples + "/lecture-kernel.txt", "--raw", path("four.npy")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(lastLine(r.out), "output: 1x2x2");
    NpyArray four = npy(path("four.npy"));
    EXPECT_EQ(four.shape, (std::vector<std::int64_t>{1, 2, 2}));
    EXPECT_EQ(four.values, (std::vector<float>{15, 16, 6, 15}));

    r = cli({"convolve", "--input", kSamples + "/pattern-7x7.npy", "--kernel",
             kSamples + "/lecture-kernel.txt", "--stride", "2", "--raw", path("seven.npy")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(npy(path("seven.npy")).values,
              (std::vector<float>{15, 17, 15, 17, 15, 17, 15, 17, 15}));
}

// infer: PyTorch's outputs from its exported ONNX files (a softmax at the end applied), a
// .csm as well, one C×H×W image as a batch of one, and every wrong input refused with the
// output left alone.
TEST_F(CliFiles, InferGivesTheRawOutputOfAnyModel)
{
    const std::string onnx = std::string(CONVSCOPE_ROOT) + "/tests/data/onnx/";
    for (const std::string name : {"lenet5", "mini-resnet", "mini-inception", "grouped"}) {
        ProcessResult r = cli({"infer", "--model", onnx + name + ".onnx", "--input",
                               onnx + name + ".input.npy", "--out", path(name + ".npy")});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        const NpyArray mine = npy(path(name + ".npy"));
        const NpyArray torch = npy(onnx + name + ".output.npy");
        ASSERT_EQ(mine.shape, torch.shape) << name;
        for (size_t i = 0; i < mine.values.size(); ++i)
            EXPECT_NEAR(mine.values[i], torch.values[i], 1e-5 + 1e-4 * std::abs(torch.values[i]))
                << name << " value " << i;
    }
    const NpyArray batch = npy(onnx + "lenet5.input.npy");
    const std::vector<float> first(batch.values.begin(), batch.values.begin() + 28 * 28);
    write("one.npy", encodeNpy(std::vector<std::int64_t>{1, 28, 28}, first));
    ProcessResult r = cli({"infer", "--model", onnx + "lenet5.onnx", "--input", path("one.npy"),
                           "--out", path("one-out.npy")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const NpyArray one = npy(path("one-out.npy"));
    const NpyArray three = npy(path("lenet5.npy"));
    EXPECT_EQ(one.shape, (std::vector<std::int64_t>{1, 10}));
    for (size_t i = 0; i < 10; ++i)
        EXPECT_NEAR(one.values[i], three.values[i], 1e-6); // the batch's first image

    write("out.npy", "previous npy");
    write("wrong.npy", encodeNpy(std::vector<std::int64_t>{2, 3, 28, 28},
                                 std::vector<float>(2 * 3 * 28 * 28, 0.5f)));
    r = cli({"infer", "--model", onnx + "lenet5.onnx", "--input", path("wrong.npy"), "--out",
             path("out.npy")});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "an array of (2, 3, 28, 28), but the network reads N×1×28×28")) << r.err;
    r = cli({"infer", "--model", onnx + "refused-operator.onnx", "--input", path("one.npy"),
             "--out", path("out.npy")});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "(Elu) is not supported")) << r.err;
    EXPECT_EQ(cli({"infer", "--model", onnx + "lenet5.onnx", "--input", path("one.npy")}).exitCode,
              2);
    EXPECT_EQ(*readFile(m_dir / "out.npy", 100), "previous npy");
}

// export: a saved model as ONNX that infer reads back to the same probabilities (the model's
// normalisation inside the graph), at the opsets asked for; what an opset cannot say, and a
// command line that cannot be read, leave the output alone.
// A photo model from PyTorch (no normalisation or softmax in its graph) on a 32×48 picture: the
// recipe's centre crop and ImageNet normalisation give PyTorch's probabilities, named by the
// labels file; the recipe's flags and their refusals; featuremaps on the same picture.
TEST_F(CliFiles, PredictFeedsAPhotoModelAsItsRecipeSays)
{
    const std::string onnx = std::string(CONVSCOPE_ROOT) + "/tests/data/onnx/";
    const std::vector<std::string> common = {"predict", "--model", onnx + "photo.onnx", "--input",
                                             onnx + "photo.picture.npy"};
    std::vector<std::string> words = common;
    words.insert(words.end(),
                 {"--recipe", "crop resize 32 mean 0.485,0.456,0.406 std 0.2,0.2,0.2", "--std",
                  "0.229,0.224,0.225", "--labels", onnx + "photo.labels.txt", "--json"});
    ProcessResult r = cli(words);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const NpyArray torch = npy(onnx + "photo.output.npy");
    std::vector<int> order(12);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return torch.values[a] > torch.values[b]; });
    const char *names[] = {"apple", "banana", "carrot",    "dog", "egg",  "fig",
                           "grape", "ham",    "ice cream", "jam", "kiwi", "lemon"};
    const size_t top = r.out.find("\"top\": [");
    ASSERT_NE(top, std::string::npos) << r.out;
    for (int i = 0; i < 5; ++i) {
        const int k = order[size_t(i)];
        const std::string entry = "{\"class\": " + std::to_string(k) + ", \"label\": \"" + names[k]
                                  + "\", \"probability\": ";
        const size_t at = r.out.find(entry, top);
        ASSERT_NE(at, std::string::npos) << entry << "\n" << r.out;
        EXPECT_NEAR(std::stod(r.out.substr(at + entry.size(), 12)), torch.values[size_t(k)], 1e-5)
            << names[k];
        EXPECT_LT(at, i == 4 ? r.out.size() : r.out.find(names[order[size_t(i + 1)]], top));
    }
    EXPECT_TRUE(has(r.out, "\"recipe\": \"crop resize 32 rgb mean 0.485,0.456,0.406 std "
                           "0.229,0.224,0.225\""))
        << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '{'), 6); // the answer and the top 5

    words = common;
    words.insert(words.end(), {"--imagenet", "--bgr", "--top", "3"});
    r = cli(words);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '%'), 4) << r.out; // the answer and 3 rows

    const std::pair<std::vector<std::string>, const char *> refused[] = {
        {{"--resize", "20"}, "resize 20 is smaller than the input 32×32"},
        {{"--mean", "0.5,0.5"}, "takes one value or three"},
        {{"--recipe", "digit"}, "the digit recipe makes 1×28×28 inputs; the model takes 3×32×32"},
        {{"--labels", onnx + "lenet5.input.npy"}, "lenet5.input.npy"},
        {{"--labels", onnx + "absent.txt"}, "absent.txt"},
    };
    for (const auto &[extra, why] : refused) {
        words = common;
        words.insert(words.end(), extra.begin(), extra.end());
        r = cli(words);
        EXPECT_EQ(r.exitCode, 1) << extra[0];
        EXPECT_TRUE(has(r.err, why)) << r.err;
    }
    write("labels.txt", "a\nb\n");
    words = common;
    words.insert(words.end(), {"--labels", path("labels.txt")});
    r = cli(words);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "has 2 labels for the 12 classes")) << r.err;

    r = cli({"featuremaps", "--model", onnx + "photo.onnx", "--input", onnx + "photo.picture.npy",
             "--imagenet", "--out", path("maps"), "--scale", "1"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(m_dir / "maps" / "input.png"));
    EXPECT_TRUE(std::filesystem::exists(m_dir / "maps" / "01-conv1" / "channel-07.png"));
    r = cli(
        {"predict", "--model", onnx + "mini-resnet.onnx", "--input", onnx + "photo.picture.npy"});
    EXPECT_EQ(r.exitCode, 0) << r.err;

    // A digit model told to resize becomes a crop that keeps the model's normalisation.
    Network digits = Network::create(*parseArchitecture("lenet5"), {1, 1, 28, 28}).value();
    ASSERT_TRUE(saveModel(path("digits.csm"), digits, {0.125f, 0.25f}, {}));
    r = cli({"predict", "--model", path("digits.csm"), "--input", onnx + "photo.picture.npy",
             "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "\"recipe\": \"digit mean 0.125 std 0.25\"")) << r.out;
    r = cli({"predict", "--model", path("digits.csm"), "--input", onnx + "photo.picture.npy",
             "--resize", "40", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "\"recipe\": \"crop resize 40 rgb mean 0.125 std 0.25\"")) << r.out;
}

TEST_F(CliFiles, ExportWritesAModelThatReadsBackAsItself)
{
    Network network = Network::create(*parseArchitecture("conv 4 3x3 pad 1 reflect | relu | "
                                                         "maxpool 3 stride 2 ceil | flatten | "
                                                         "dense 10"),
                                      Shape{1, 1, 28, 28})
                          .value();
    network.initialize(3);
    ASSERT_TRUE(saveModel(path("m.csm"), network, {0.5f, 0.25f}, {}));
    write("x.npy", encodeNpy(std::vector<std::int64_t>{2, 1, 28, 28},
                             std::vector<float>(2 * 28 * 28, 0.75f)));
    for (const std::string opset : {"10", "13", "17"}) {
        ProcessResult r = cli(
            {"export", "--model", path("m.csm"), "--onnx", path("m.onnx"), "--opset", opset});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        EXPECT_TRUE(has(r.out, "opset " + opset
                                   + ", input pixels N×1×28×28, output "
                                     "probabilities N×10"))
            << r.out;
        ASSERT_EQ(cli({"infer", "--model", path("m.csm"), "--input", path("x.npy"), "--out",
                       path("a.npy")})
                      .exitCode,
                  0);
        ASSERT_EQ(cli({"infer", "--model", path("m.onnx"), "--input", path("x.npy"), "--out",
                       path("b.npy")})
                      .exitCode,
                  0);
        const NpyArray a = npy(path("a.npy")), b = npy(path("b.npy"));
        EXPECT_EQ(a.shape, (std::vector<std::int64_t>{2, 10}));
        EXPECT_EQ(a.values, b.values) << "opset " << opset;
        float sum = 0;
        for (int k = 0; k < 10; ++k)
            sum += a.values[size_t(k)];
        EXPECT_NEAR(sum, 1.0f, 1e-5f); // probabilities
    }
    ProcessResult logits = cli({"infer", "--model", path("m.csm"), "--input", path("x.npy"),
                                "--out", path("l.npy"), "--logits"});
    ASSERT_EQ(logits.exitCode, 0) << logits.err;
    EXPECT_NE(npy(path("l.npy")).values, npy(path("a.npy")).values);

    write("kept.onnx", "previous");
    ProcessResult r = cli(
        {"export", "--model", path("m.csm"), "--onnx", path("kept.onnx"), "--opset", "9"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "a pool in ceil mode needs opset 10")) << r.err;
    EXPECT_EQ(cli({"export", "--model", path("m.csm"), "--onnx", path("kept.onnx"), "--opset",
                   "thirteen"})
                  .exitCode,
              2);
    EXPECT_EQ(cli({"export", "--model", path("m.csm")}).exitCode, 2);
    EXPECT_EQ(*readFile(m_dir / "kept.onnx", 100), "previous");
}

TEST_F(CliFiles, AnImageConvolvedAsTheCoreComputesIt)
{
    const std::string camera = kSamples + "/camera.png";
    ProcessResult r = cli({"convolve", "--input", camera, "--kernel", "sobel-x", "--stride", "2",
                           "--padding", "same", "--pad-mode", "reflect", "--bias", "0.5", "--out",
                           path("edges.png"), "--raw", path("edges.npy")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(lastLine(r.out), "output: 1x256x256");
    const NpyArray raw = npy(path("edges.npy"));
    ASSERT_EQ(raw.shape, (std::vector<std::int64_t>{1, 256, 256}));
    Expected<std::string> png = readFile(path("edges.png"), 1 << 24);
    ASSERT_TRUE(png.ok());
    Expected<ImageInfo> info = peekImage(*png, "edges.png");
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->width, 256);

    Tensor input = *loadImage(camera);
    ConvOptions o;
    o.strideH = o.strideW = 2;
    o.padding = PaddingSpec::mode(PaddingKind::Same);
    o.padMode = PadMode::Reflect;
    const Tensor kernel = kernelPreset("sobel-x")->weights;
    auto plan = planConv2d(input.shape(), kernel.shape(), 1, o);
    ASSERT_TRUE(plan.ok());
    const std::vector<float> bias{0.5f};
    const Tensor expected = conv2dReference(*plan, input, kernel, bias);
    for (size_t i = 0; i < raw.values.size(); i += 97)
        ASSERT_NEAR(raw.values[i], expected.values()[i], 1e-5) << i;
}

TEST_F(CliFiles, ColourChannelsAreSummedOrKeptWithDepthwise)
{
    const std::string coffee = kSamples + "/coffee.png";
    ProcessResult summed = cli(
        {"convolve", "--input", coffee, "--kernel", "box", "--raw", path("summed.npy")});
    ASSERT_EQ(summed.exitCode, 0) << summed.err;
    EXPECT_EQ(lastLine(summed.out), "output: 1x398x598");
    ProcessResult depthwise = cli({"convolve", "--input", coffee, "--kernel", "gaussian:5",
                                   "--depthwise", "--padding", "same", "--normalize", "clamp",
                                   "--out", path("blur.png"), "--raw", path("blur.npy")});
    ASSERT_EQ(depthwise.exitCode, 0) << depthwise.err;
    EXPECT_EQ(lastLine(depthwise.out), "output: 3x400x600");
    // One filter over three channels is the sum of the three channels filtered on their own.
    ProcessResult perChannel = cli({"convolve", "--input", coffee, "--kernel", "box", "--depthwise",
                                    "--raw", path("per-channel.npy")});
    ASSERT_EQ(perChannel.exitCode, 0) << perChannel.err;
    const NpyArray s = npy(path("summed.npy"));
    const NpyArray d = npy(path("per-channel.npy"));
    ASSERT_EQ(d.shape, (std::vector<std::int64_t>{3, 398, 598}));
    const size_t plane = 398 * 598;
    for (size_t i = 0; i < plane; i += 331)
        ASSERT_NEAR(s.values[i], d.values[i] + d.values[plane + i] + d.values[2 * plane + i], 1e-5);
    // --gray with the identity kernel gives back 0.299·R + 0.587·G + 0.114·B, less the border.
    ProcessResult gray = cli({"convolve", "--input", coffee, "--kernel", "identity", "--gray",
                              "--raw", path("gray.npy")});
    ASSERT_EQ(gray.exitCode, 0) << gray.err;
    const NpyArray g = npy(path("gray.npy"));
    ASSERT_EQ(g.shape, (std::vector<std::int64_t>{1, 398, 598}));
    const Tensor rgb = *loadImage(coffee);
    for (int y = 0; y < 398; y += 37) {
        for (int x = 0; x < 598; x += 41) {
            const float expected = 0.299f * rgb.at(0, 0, y + 1, x + 1)
                                   + 0.587f * rgb.at(0, 1, y + 1, x + 1)
                                   + 0.114f * rgb.at(0, 2, y + 1, x + 1);
            ASSERT_NEAR(g.values[size_t(y) * 598 + x], expected, 1e-6);
        }
    }
    ProcessResult flipped = cli({"convolve", "--input", kSamples + "/pattern-4x4.npy", "--kernel",
                                 kSamples + "/lecture-kernel.txt", "--flip", "--activation", "relu",
                                 "--bias", "-11", "--raw", path("flip.npy")});
    ASSERT_EQ(flipped.exitCode, 0) << flipped.err;
    EXPECT_TRUE(has(flipped.out, "flipped (true convolution)"));
    // The flipped lecture kernel [[2,0,1],[2,1,0],[1,0,2]] gives [[11, 12], [10, 11]]; − 11
    // and ReLU leave one positive value.
    EXPECT_EQ(npy(path("flip.npy")).values, (std::vector<float>{0, 1, 0, 0}));
}

TEST_F(CliFiles, BadInputsFailCleanlyAndLeaveOutputsAlone)
{
    const std::string camera = kSamples + "/camera.png";
    std::string big("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x9c\x40\0\0\x9c\x40\x08\x02\0\0\0", 29);
    const std::string npyGood = encodeNpy(std::vector<std::int64_t>{4, 4},
                                          std::vector<float>(16, 1.0f));
    const std::string ragged = write("ragged.txt", "1 2 3\n4 5\n");
    const std::string truncated = write("cut.npy", npyGood.substr(0, npyGood.size() - 5));
    const std::string empty = write("empty.png", "");
    const std::string text = write("notes.png", "these are lecture notes, not a picture\n");
    const std::string huge = write("huge.png", big);
    struct Case
    {
        std::vector<std::string> args;
        int exitCode;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{"--input", path("missing.png"), "--kernel", "box"}, 1, "no such file"},
        {{"--input", empty, "--kernel", "box"}, 1, "empty"},
        {{"--input", text, "--kernel", "box"}, 1, "not an image"},
        {{"--input", truncated, "--kernel", "box"}, 1, "truncated"},
        {{"--input", huge, "--kernel", "box"}, 1, "40000×40000"},
        {{"--input", camera, "--kernel", ragged}, 1, "line 2 has 2 numbers"},
        {{"--input", camera, "--kernel", "nonesuch"}, 1, "unknown kernel 'nonesuch'"},
        {{"--input", kSamples + "/pattern-4x4.npy", "--kernel", "box:7"},
         1,
         "padded input 4×4 is smaller than the kernel 7×7"},
        {{"--input", camera, "--kernel", "box", "--stride", "0"}, 1, "stride 0"},
        {{"--input", camera, "--kernel", "box", "--dilation", "0,1"}, 1, "dilation 0"},
        {{"--input", camera, "--kernel", "box", "--bias", "1,2"}, 1, "--bias has 2 values"},
        {{"--input", camera, "--kernel", "box", "--stride", "two"}, 2, "not a whole number"},
        {{"--input", camera, "--kernel", "box", "--pad-mode", "mirror"}, 2, "mirror"},
        {{"--input", camera}, 2, "--kernel is required"},
    };
    for (const Case &c : cases) {
        std::vector<std::string> args{"convolve"};
        args.insert(args.end(), c.args.begin(), c.args.end());
        ProcessResult r = expectFailure(args, c.exitCode);
        EXPECT_TRUE(has(r.err, c.message)) << c.message << " not in: " << r.err;
    }
    // 40 filters of 4×64×64 over a 4×1500×1500 array: 1.35·10^12 multiply-adds.
    write("big.npy", encodeNpy(std::vector<std::int64_t>{4, 1500, 1500},
                               std::vector<float>(4 * 1500 * 1500, 0.5f)));
    write("bank.npy", encodeNpy(std::vector<std::int64_t>{40, 4, 64, 64},
                                std::vector<float>(40 * 4 * 64 * 64, 0.1f)));
    ProcessResult r = expectFailure({"convolve", "--input", path("big.npy"), "--kernel",
                                     path("bank.npy")},
                                    1);
    EXPECT_TRUE(has(r.err, "multiply-adds, more than the 1000000000000")) << r.err;
    ProcessResult folder = cli(
        {"convolve", "--input", camera, "--kernel", "box", "--out", path("no/such/folder.png")});
    EXPECT_EQ(folder.exitCode, 1);
    EXPECT_TRUE(has(folder.err, "does not exist"));
}

// summary describes any preset on its own input without weights, indents blocks, and says
// what is wrong with a spec or an input shape as the other commands do.
TEST(CliSummary, DescribesPresetsSpecsAndBlocks)
{
    ProcessResult r = cli({"summary", "--model", "resnet18", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "\"input\": [3, 224, 224], \"parameters\": 11689512, \"macs\": "
                           "1814073344"))
        << r.out.substr(0, 200);
    EXPECT_TRUE(has(r.out, "{\"name\": \"residual8\", \"kind\": \"residual\", \"depth\": 0, "
                           "\"output\": [512, 7, 7], \"parameters\": 0, \"macs\": 0, "
                           "\"receptive_field\": [435, 435], \"jump\": [32, 32]"))
        << r.out;
    r = cli({"summary", "--model", "lecture-cnn"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "total: 33,120 parameters")) << r.out;
    EXPECT_TRUE(has(r.out, "MLP counterpart (flatten | dense 8192 | relu | dense 1024 | relu | "
                           "dense 512 | relu | dense 10): 34,093,578 parameters"))
        << r.out;
    r = cli({"summary", "--model", "conv 4 3x3 | residual( conv 4 3x3 pad 1 ) | gap | dense 2",
             "--input", "3x16x16"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "\n  conv2 ")) << r.out;
    EXPECT_TRUE(has(r.out, "\nresidual1 ")) << r.out;
    r = cli({"summary", "--model", "conv 4 9x9 | dense 2", "--input", "1x4x4"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "padded input 4×4 is smaller than the kernel 9×9")) << r.err;
    r = cli({"summary", "--model", "lenet5", "--input", "1x28"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(has(r.err, "must be CxHxW")) << r.err;
}

TEST_F(CliFiles, PoolingWithArgmax)
{
    ProcessResult r = cli({"pool", "--input", kSamples + "/pattern-4x4.npy", "--type", "max",
                           "--raw", path("max.npy"), "--argmax", path("argmax.npy"), "--out",
                           path("max.png")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(lastLine(r.out), "output: 1x2x2");
    EXPECT_EQ(npy(path("max.npy")).values, (std::vector<float>{2, 3, 3, 2}));
    EXPECT_EQ(npy(path("argmax.npy")).values, (std::vector<float>{1, 2, 8, 11}));
    Expected<std::string> bytes = readFile(path("argmax.npy"), 1000);
    EXPECT_TRUE(has(*bytes, "'descr': '<i8'"));
    r = cli({"pool", "--input", kSamples + "/pattern-4x4.npy", "--type", "avg", "--size", "3",
             "--stride", "1", "--padding", "1", "--raw", path("avg.npy")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const NpyArray avg = npy(path("avg.npy"));
    EXPECT_EQ(avg.shape, (std::vector<std::int64_t>{1, 4, 4}));
    EXPECT_FLOAT_EQ(avg.values[0], (1 + 2 + 0 + 1) / 9.0f);
    r = cli({"pool", "--input", kSamples + "/chelsea.png", "--type", "max", "--size", "4"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(lastLine(r.out), "output: 3x75x112");
}

TEST_F(CliFiles, PoolingRefusesBadSettings)
{
    const std::string input = kSamples + "/pattern-4x4.npy";
    ProcessResult r = expectFailure({"pool", "--input", input, "--type", "max", "--size", "3",
                                     "--padding", "2"},
                                    1);
    EXPECT_TRUE(has(r.err, "more than half the pooling window 3"));
    r = expectFailure({"pool", "--input", input, "--type", "max", "--size", "5"}, 1);
    EXPECT_TRUE(has(r.err, "smaller than the kernel 5×5"));
    r = expectFailure({"pool", "--input", input, "--type", "max", "--stride", "0"}, 1);
    r = expectFailure({"pool", "--input", input, "--type", "median"}, 2);
    r = expectFailure({"pool", "--input", input, "--type", "avg", "--argmax", path("a.npy")}, 2);
    EXPECT_TRUE(has(r.err, "--argmax needs --type max"));
    r = expectFailure({"pool", "--input", path("nothing.npy"), "--type", "max"}, 1);
}

TEST_F(CliFiles, DataPrepareWritesTheFourIdxFiles)
{
    std::filesystem::create_directories(m_dir / "pkg/src/digits");
    for (int digit = 0; digit < 10; ++digit) {
        std::string json = "{\"data\": [";
        for (int i = 0; i < 784 * 5; ++i)
            json += concat(i ? "," : "", digit / 10.0);
        write(concat("pkg/src/digits/", digit, ".json"), json + "]}");
    }
    ProcessResult r = cli({"data", "prepare", "--from", path("pkg"), "--out", path("mnist")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "40 training and 10 test images"));
    for (const char *name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                             "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"})
        EXPECT_TRUE(std::filesystem::exists(m_dir / "mnist" / name)) << name;
    r = cli({"data", "prepare", "--from", path("nowhere"), "--out", path("x")});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "0.json: no such file"));
    EXPECT_EQ(cli({"data", "--from", path("pkg")}).exitCode, 2);
}

} // namespace
} // namespace convscope
