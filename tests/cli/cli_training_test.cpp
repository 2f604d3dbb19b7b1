// train, evaluate, predict, featuremaps and bench-train end to end, through the real binary.
#include "core/file_io.h"
#include "core/io/download.h"
#include "core/io/idx.h"
#include "core/io/image_io.h"
#include "tests/cli/process.h"
#include "tests/core/test_support.h"
#include "tests/support/archives.h"
#include "tests/support/loopback_server.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <sstream>

namespace convscope {
namespace {

using test::ProcessResult;
using test::runProcess;
using test::TempDir;

ProcessResult cli(const std::vector<std::string> &args)
{
    return runProcess(CONVSCOPE_CLI, args);
}

bool has(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

std::vector<double> numbersAfter(const std::string &json, const std::string &key)
{
    const size_t at = json.find("\"" + key + "\"");
    if (at == std::string::npos)
        return {};
    const size_t colon = json.find(':', at);
    size_t end = json.find_first_of(",}", colon + 1);
    if (json.find('[', colon) == colon + 2)
        end = json.find(key == "confusion" ? "]]" : "]", colon);
    const std::string part = json.substr(colon + 1, end - colon);
    std::vector<double> values;
    for (const char *p = part.c_str(); *p;) {
        char *end = nullptr;
        const double v = std::strtod(p, &end);
        if (end == p) {
            ++p;
            continue;
        }
        values.push_back(v);
        p = end;
    }
    return values;
}

// A small copy of the prepared MNIST subset, so that the runs take a second.
std::string smallMnist(const TempDir &dir)
{
    for (const char *stem : {"train", "t10k"}) {
        const int count = std::string(stem) == "train" ? 3000 : 500;
        Expected<IdxArray> images = readIdx(std::string(CONVSCOPE_ROOT "/data/mnist/") + stem
                                            + "-images-idx3-ubyte");
        Expected<IdxArray> labels = readIdx(std::string(CONVSCOPE_ROOT "/data/mnist/") + stem
                                            + "-labels-idx1-ubyte");
        if (!images || !labels)
            return {};
        images->dims[0] = labels->dims[0] = count;
        images->data.resize(size_t(count) * 784);
        labels->data.resize(size_t(count));
        EXPECT_TRUE(writeIdx(dir / (std::string(stem) + "-images-idx3-ubyte"), *images).ok());
        EXPECT_TRUE(writeIdx(dir / (std::string(stem) + "-labels-idx1-ubyte"), *labels).ok());
    }
    return dir.path().string();
}

TEST(CliTraining, TrainEvaluatePredictAndFeaturemapsEndToEnd)
{
    TempDir data, out;
    const std::string folder = smallMnist(data);
    if (folder.empty())
        GTEST_SKIP() << "data/mnist is missing: scripts/setup prepares it";
    const std::string model = (out / "tiny.csm").string();
    ProcessResult r = cli({"train", "--data", folder, "--model", "tiny", "--epochs", "2", "--batch",
                           "50", "--save", model, "--log", (out / "log.csv").string(), "--seed",
                           "3"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "epoch 2/2")) << r.out;
    EXPECT_TRUE(has(r.out, "train accuracy")) << r.out;
    EXPECT_TRUE(has(r.out, "saved " + model));
    const std::string log = *readFile(out / "log.csv", 1 << 20);
    EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 1 + 2 * 3000 / 50); // header + steps
    EXPECT_TRUE(log.rfind("step,epoch,loss,smoothed_loss,learning_rate", 0) == 0);

    r = cli({"evaluate", "--model", model, "--data", folder, "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::vector<double> accuracy = numbersAfter(r.out, "accuracy");
    ASSERT_EQ(accuracy.size(), 1u) << r.out;
    EXPECT_GT(accuracy[0], 0.85);
    EXPECT_EQ(numbersAfter(r.out, "count"), std::vector<double>{500});
    const std::vector<double> confusion = numbersAfter(r.out, "confusion");
    ASSERT_EQ(confusion.size(), 100u) << r.out;
    double total = 0, diagonal = 0;
    for (int i = 0; i < 100; ++i) {
        total += confusion[size_t(i)];
        diagonal += i % 11 == 0 ? confusion[size_t(i)] : 0;
    }
    EXPECT_EQ(total, 500);
    EXPECT_NEAR(diagonal / 500, accuracy[0], 1e-6);
    r = cli({"evaluate", "--model", model, "--data", folder});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "true\\predicted"));

    // The first test digit, saved as an 8-bit PNG, goes through predict.
    Expected<IdxArray> images = readIdx(data / "t10k-images-idx3-ubyte");
    Expected<IdxArray> labels = readIdx(data / "t10k-labels-idx1-ubyte");
    Image8 digit{28, 28, 1,
                 std::vector<std::uint8_t>(images->data.begin(), images->data.begin() + 784)};
    ASSERT_TRUE(writePng(out / "digit.png", digit).ok());
    r = cli({"predict", "--model", model, "--input", (out / "digit.png").string(), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::vector<double> p = numbersAfter(r.out, "probabilities");
    ASSERT_EQ(p.size(), 10u) << r.out;
    EXPECT_NEAR(std::accumulate(p.begin(), p.end(), 0.0), 1.0, 1e-4);
    const int predicted = int(numbersAfter(r.out, "class").at(0));
    EXPECT_EQ(predicted, int(std::max_element(p.begin(), p.end()) - p.begin()));
    EXPECT_EQ(predicted, labels->data[0]) << "the first MNIST test digit is an easy 7";

    r = cli({"featuremaps", "--model", model, "--input", (out / "digit.png").string(), "--out",
             (out / "maps").string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const char *file :
         {"input.png", "01-conv1.png", "01-conv1/channel-07.png", "03-maxpool1.png",
          "05-dense1.png", "filters-conv1.png", "filters-conv1/filter-00.png"})
        EXPECT_TRUE(std::filesystem::exists(out / "maps" / file)) << file;
    Expected<Tensor> grid = loadImage(out / "maps" / "01-conv1/channel-00.png");
    ASSERT_TRUE(grid.ok());
    EXPECT_EQ(grid->shape().h, 28 * 8);
    r = cli({"featuremaps", "--model", model, "--input", (out / "digit.png").string(), "--out",
             (out / "maps").string(), "--layer", "conv9"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "no layer 'conv9'; its layers are conv1 relu1 maxpool1")) << r.err;
}

// Issue 14's runaway runs, each of its kind: non-finite (SGD at 1e9), a loss that explodes
// (Adam at 1e6 and at 10) and a network that collapses to chance (Adam at 0.1).
TEST(CliTraining, DivergenceExitsOneAndKeepsTheOldModel)
{
    TempDir data, out;
    const std::string folder = smallMnist(data);
    if (folder.empty())
        GTEST_SKIP() << "data/mnist is missing: scripts/setup prepares it";
    const std::vector<std::vector<std::string>> runs = {
        {"--model", "tiny", "--optimizer", "sgd", "--lr", "1e9"},
        {"--model", "tiny", "--optimizer", "adam", "--lr", "1e6"},
        {"--model", "lenet5", "--optimizer", "adam", "--lr", "10"},
        {"--model", "lenet5", "--optimizer", "adam", "--lr", "0.1"},
    };
    for (const std::vector<std::string> &run : runs) {
        ASSERT_TRUE(writeFileAtomically(out / "m.csm", "precious").ok());
        std::vector<std::string>
            args{"train", "--data", folder, "--epochs", "1", "--save", (out / "m.csm").string()};
        args.insert(args.end(), run.begin(), run.end());
        ProcessResult r = cli(args);
        const std::string what = run[1] + " " + run[3] + " " + run[5];
        EXPECT_EQ(r.exitCode, 1) << what;
        EXPECT_TRUE(has(r.err, "diverged") || has(r.err, "stopped learning")) << what << r.err;
        EXPECT_TRUE(has(r.err, "Lower the learning rate")) << what << r.err;
        EXPECT_EQ(*readFile(out / "m.csm", 100), "precious") << what;
    }
}

// Each torch.optim rule trains from the command line with its defaults, which the run's first
// line states; an unknown one is a usage error that lists them.
TEST(CliTraining, EveryOptimizerTrainsWithItsDefaults)
{
    TempDir data, out;
    const std::string folder = smallMnist(data);
    if (folder.empty())
        GTEST_SKIP() << "data/mnist is missing: scripts/setup prepares it";
    for (const char *rule :
         {"adamw lr 0.002", "adagrad lr 0.01", "rmsprop lr 0.001", "adadelta lr 1"}) {
        const std::string name = std::string(rule).substr(0, std::string(rule).find(' '));
        ProcessResult r = cli({"train", "--data", folder, "--model", "tiny", "--epochs", "1",
                               "--batch", "50", "--optimizer", name, "--save",
                               (out / (name + ".csm")).string()});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        EXPECT_TRUE(has(r.out, rule)) << r.out;
        EXPECT_TRUE(has(r.out, "train accuracy")) << r.out;
    }
    ProcessResult r = cli({"train", "--data", folder, "--model", "tiny", "--optimizer", "lion",
                           "--save", (out / "lion.csm").string()});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(has(r.err, "use sgd, adam, adamw, adagrad, rmsprop or adadelta")) << r.err;
}

TEST(CliTraining, BadModelsAndCommandLinesAreRefused)
{
    TempDir out;
    ASSERT_TRUE(writeFileAtomically(out / "bad.csm", "definitely not a model").ok());
    ProcessResult r = cli({"evaluate", "--model", (out / "bad.csm").string(), "--data", "mnist"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "not a ConvScope model")) << r.err;
    r = cli({"predict", "--model", (out / "missing.csm").string(), "--input", "x.png"});
    EXPECT_EQ(r.exitCode, 1);
    r = cli({"train", "--model", "lenet5", "--save", "x.csm"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(has(r.err, "--data is required"));
    r = cli({"train", "--data", "mnist", "--model", "googlenet", "--save", "x.csm"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "googlenet (GoogLeNet) takes 3×224×224 images in 1000 classes"))
        << r.err;
    EXPECT_TRUE(has(r.err, "mini-inception shows its idea")) << r.err;
    r = cli({"train", "--data", "mnist", "--model", "conv 6 5y5 | dense 10", "--save", "x.csm"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "layer 1 'conv 6 5y5'")) << r.err;
    r = cli({"train", "--data", "mnist", "--model", "lenet5", "--save", "x.csm", "--lr", "-1"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "learning rate -1")) << r.err;
    r = cli({"train", "--data", (out / "nowhere").string(), "--model", "tiny", "--save", "x.csm"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "does not exist")) << r.err;
}

TEST(CliTraining, BenchTrainPrintsImagesPerSecond)
{
    ProcessResult r = cli({"bench-train", "--model", "lenet5", "--batch", "8", "--steps", "5",
                           "--threads", "1", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::vector<double> rate = numbersAfter(r.out, "images_per_second");
    ASSERT_EQ(rate.size(), 1u) << r.out;
    EXPECT_GT(rate[0], 0.0);
    r = cli({"bench-train", "--batch", "0"});
    EXPECT_EQ(r.exitCode, 2);
}

// --layers: a row for each of the network's rows with its forward and backward time, and the
// rest of a step; the rows' shares and the rest make the whole step.
TEST(CliTraining, BenchTrainLayersSaysWhereAStepsTimeGoes)
{
    ProcessResult r = cli({"bench-train", "--model", "conv 4 3x3 | relu | flatten | dense 10",
                           "--batch", "8", "--steps", "5", "--threads", "1", "--layers"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const char *row : {"conv1", "relu1", "flatten1", "dense1", "loss and update"})
        EXPECT_TRUE(has(r.out, row)) << row << "\n" << r.out;
    double shares = 0.0;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
        if (line.ends_with('%'))
            shares += std::stod(line.substr(line.find_last_of(' ') + 1));
    }
    EXPECT_NEAR(shares, 100.0, 0.6) << r.out;
    r = cli({"bench-train", "--model", "conv 4 3x3 | relu | flatten | dense 10", "--batch", "8",
             "--steps", "5", "--threads", "1", "--layers", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    size_t rows = 0;
    for (size_t at = r.out.find("\"forward_ms\""); at != std::string::npos;
         at = r.out.find("\"forward_ms\"", at + 1))
        ++rows;
    EXPECT_EQ(rows, 4u) << r.out;
    EXPECT_EQ(numbersAfter(r.out, "rest_ms").size(), 1u) << r.out;
    EXPECT_EQ(numbersAfter(r.out, "images_per_second").size(), 1u) << r.out;
}

// apple, banana and carrot: squares of their colours at varied places over noise.
void writeFruit(const std::filesystem::path &root, int perClass)
{
    const std::vector<std::pair<std::string, std::vector<int>>> fruit = {{"apple", {200, 30, 30}},
                                                                         {"banana", {230, 220, 40}},
                                                                         {"carrot", {240, 120, 20}}};
    std::mt19937 rng(5);
    for (const auto &[name, color] : fruit) {
        std::filesystem::create_directories(root / name);
        for (int i = 0; i < perClass; ++i) {
            const int w = 40 + int(rng() % 30), h = 40 + int(rng() % 30);
            Image8 image{w, h, 3, std::vector<std::uint8_t>(size_t(w * h * 3))};
            for (std::uint8_t &v : image.pixels)
                v = std::uint8_t(rng() % 60);
            const int x0 = int(rng() % std::uint32_t(w / 3)),
                      y0 = int(rng() % std::uint32_t(h / 3));
            for (int y = y0; y < y0 + h / 2; ++y)
                for (int x = x0; x < x0 + w / 2; ++x)
                    for (int c = 0; c < 3; ++c)
                        image.pixels[size_t((y * w + x) * 3 + c)] = std::uint8_t(color[size_t(c)]);
            ASSERT_TRUE(writePng(root / name / concat(i, ".png"), image).ok());
        }
    }
}

TEST(CliTraining, AFolderOfPicturesTrainsAndItsModelKnowsItsClasses)
{
    TempDir data, out;
    writeFruit(data.path(), 20);
    ASSERT_TRUE(writeFileAtomically(data / "carrot/broken.jpg", "not a jpeg").ok());
    const std::string model = (out / "fruit.csm").string();
    ProcessResult r = cli({"train", "--data", data.path().string(), "--model", "lenet5", "--epochs",
                           "6", "--image-size", "32", "--save", model});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "48 training and 12 test images of 3×32×32 in 3 classes")) << r.out;
    EXPECT_TRUE(has(r.out, "dense 3")) << r.out;
    EXPECT_TRUE(has(r.err, "skipped 1 file that could not be read:")) << r.err;
    EXPECT_TRUE(has(r.err, "broken.jpg")) << r.err;

    // evaluate takes the model's size and colour without being told.
    r = cli({"evaluate", "--model", model, "--data", data.path().string(), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "\"classes\": [\"apple\", \"banana\", \"carrot\"]")) << r.out;
    EXPECT_GT(numbersAfter(r.out, "accuracy").at(0), 0.8) << r.out;
    EXPECT_EQ(numbersAfter(r.out, "confusion").size(), 9u);
    r = cli({"evaluate", "--model", model, "--data", data.path().string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "2 carrot")) << r.out;

    r = cli({"predict", "--model", model, "--input", (data / "banana/3.png").string(), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "\"label\": \"banana\"")) << r.out;
    EXPECT_TRUE(has(r.out, "\"recipe\": \"crop rgb mean ")) << r.out;

    TempDir other;
    writeFruit(other.path(), 3);
    std::filesystem::rename(other / "carrot", other / "durian");
    r = cli({"evaluate", "--model", model, "--data", other.path().string()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "the model's classes (apple, banana, carrot) are not those of"))
        << r.err;
    r = cli({"evaluate", "--model", model, "--data", data.path().string(), "--image-size", "28"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "the network takes 3×32×32 images but")) << r.err;
}

std::string cifarBatch(int count)
{
    std::string bytes;
    for (int i = 0; i < count; ++i) {
        bytes += char(i % 10);
        for (int p = 0; p < 3072; ++p)
            bytes += char((p / 1024 == i % 3 ? 200 : 20) + p % 7);
    }
    return bytes;
}

TEST(CliTraining, DataDownloadFetchesFromAMirrorAndSaysWhyItCannot)
{
    std::vector<std::pair<std::string, std::string>> members;
    for (int i = 1; i <= 5; ++i)
        members.push_back({concat("cifar-10-batches-bin/data_batch_", i, ".bin"), cifarBatch(20)});
    members.push_back({"cifar-10-batches-bin/test_batch.bin", cifarBatch(10)});
    const std::string archive = test::gzipped(test::tarOf(members));
    test::LoopbackServer server({{"cifar-10-binary.tar.gz", archive}});
    TempDir dir;
    const std::string manifest = (dir / "manifest.txt").string();
    ASSERT_TRUE(writeFileAtomically(manifest, concat("cifar-10-binary.tar.gz ", archive.size(), " ",
                                                     md5Of(archive), "\n"))
                    .ok());
    const std::string out = (dir / "cifar").string();
    ProcessResult r = cli({"data", "download", "cifar10", "--mirror", server.url("missing"),
                           "--manifest", manifest, "--out", out});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "could not download cifar-10-binary.tar.gz from any mirror")) << r.err;
    EXPECT_TRUE(has(r.err, server.url("missing") + ": ") && has(r.err, "404")) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));

    r = cli({"data", "download", "cifar10", "--mirror", server.url("good"), "--manifest", manifest,
             "--out", out});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "fetching cifar-10-binary.tar.gz (1 of 1) from " + server.url("good")))
        << r.out;
    EXPECT_TRUE(has(r.out, "100 training and 10 test images of 3×32×32 in 10 classes")) << r.out;

    r = cli({"train", "--data", out, "--model", "lecture-cnn", "--epochs", "1", "--save",
             (dir / "c.csm").string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(has(r.out, "of 3×32×32 in 10 classes")) << r.out;
    // CIFAR-10's arrays are not pictures to resize: the options for them are refused.
    r = cli({"train", "--data", out, "--model", "lecture-cnn", "--image-size", "28", "--save",
             (dir / "d.csm").string()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "--image-size is for a folder of pictures: ")) << r.err;
    EXPECT_TRUE(has(r.err, "'s images are 3×32×32 as its files hold them")) << r.err;
    r = cli({"evaluate", "--model", (dir / "c.csm").string(), "--data", out, "--color", "gray"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(has(r.err, "--color is for a folder of pictures")) << r.err;

    r = cli({"data", "download", "imagenet"});
    EXPECT_EQ(r.exitCode, 2);
    r = cli({"data", "download", "cifar10", "--manifest", manifest});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(has(r.err, "give the --mirror that holds them")) << r.err;
}

} // namespace
} // namespace convscope
