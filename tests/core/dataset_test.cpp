// Data sets beyond MNIST: image folders (classes, split, colour, sizes, bad files), CIFAR-10's
// binary batches, colour batches, and networks made for a data set's classes.
#include "core/file_io.h"
#include "core/io/cifar.h"
#include "core/io/image_io.h"
#include "core/nn/architecture.h"
#include "core/nn/image_folder.h"
#include "core/nn/input_recipe.h"
#include "core/nn/network.h"
#include "core/nn/trainer.h"
#include "tests/core/test_support.h"
#include "tests/support/bars.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <set>

namespace convscope {
namespace {

namespace fs = std::filesystem;

bool has(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

// A picture of one colour, w×h, gray when g is given alone.
void writePicture(const fs::path &path, int w, int h, std::vector<std::uint8_t> color)
{
    fs::create_directories(path.parent_path());
    Image8 image{w, h, int(color.size()), {}};
    for (int p = 0; p < w * h; ++p)
        image.pixels.insert(image.pixels.end(), color.begin(), color.end());
    ASSERT_TRUE(writePng(path, image).ok()) << path;
}

void writeText(const fs::path &path, const std::string &text)
{
    fs::create_directories(path.parent_path());
    ASSERT_TRUE(writeFileAtomically(path, text).ok());
}

// apple (red), banana (yellow) and carrot (orange), `count` pictures each of varied sizes.
void writeFruit(const fs::path &root, int count)
{
    const std::vector<std::pair<std::string, std::vector<std::uint8_t>>> fruit
        = {{"apple", {200, 30, 30}}, {"banana", {230, 220, 40}}, {"carrot", {240, 120, 20}}};
    for (const auto &[name, color] : fruit) {
        for (int i = 0; i < count; ++i) {
            std::vector<std::uint8_t> shade = color;
            for (std::uint8_t &v : shade)
                v = std::uint8_t(v - 2 * i);
            writePicture(root / name / concat(i, ".png"), 40 + 7 * i, 30 + 5 * i, shade);
        }
    }
}

TEST(ImageFolder, ClassesAreTheSortedSubfoldersAndBadFilesAreListed)
{
    test::TempDir dir;
    writeFruit(dir.path(), 10);
    writeText(dir / "carrot/broken.png", "\x89PNG\r\n\x1a\nnot really");
    writeText(dir / "banana/notes.txt", "not a picture");
    writeText(dir / "banana/.DS_Store", "hidden");
    writePicture(dir / ".thumbnails/x.png", 8, 8, {1});
    Expected<DataSet> data = loadDataSet(dir.path().string());
    ASSERT_TRUE(data.ok()) << data.error().message;
    EXPECT_EQ(data->classNames, (std::vector<std::string>{"apple", "banana", "carrot"}));
    EXPECT_FALSE(data->isDigits());
    ASSERT_EQ(data->skipped.size(), 2u);
    EXPECT_TRUE(has(data->skipped[0], "notes.txt: ")) << data->skipped[0];
    EXPECT_TRUE(has(data->skipped[1], "broken.png: ")) << data->skipped[1];
    EXPECT_TRUE(data->splitDrawn);
    EXPECT_EQ(data->train.count() + data->test.count(), 30);
    EXPECT_EQ(data->inputShape(), (Shape{1, 3, 28, 28}));
    EXPECT_EQ(data->recipe, "crop");
    // A fifth of each class: 2 of 10.
    for (int k = 0; k < 3; ++k)
        EXPECT_EQ(std::count(data->test.labels.begin(), data->test.labels.end(), k), 2) << k;
}

TEST(ImageFolder, PixelsKeepTheirColourAndGrayIsWeighed)
{
    test::TempDir dir;
    writePicture(dir / "red/a.png", 60, 30, {200, 30, 30});
    writePicture(dir / "red/b.png", 30, 60, {200, 30, 30});
    writePicture(dir / "gray/a.png", 50, 50, {90});
    writePicture(dir / "gray/b.png", 50, 50, {90});
    FolderOptions options;
    options.imageSize = 16;
    Expected<DataSet> rgb = loadDataSet(dir.path().string(), options);
    ASSERT_TRUE(rgb.ok()) << rgb.error().message;
    EXPECT_EQ(rgb->inputShape(), (Shape{1, 3, 16, 16}));
    const ImageSet &set = rgb->train;
    for (int i = 0; i < set.count(); ++i) {
        const std::uint8_t *image = set.image(i);
        const bool red = rgb->classNames[set.labels[size_t(i)]] == "red";
        for (int c = 0; c < 3; ++c) {
            const int expected = red ? std::vector<int>{200, 30, 30}[size_t(c)] : 90;
            for (int p = 0; p < 16 * 16; ++p)
                ASSERT_EQ(image[c * 256 + p], expected) << i << " " << c << " " << p;
        }
    }
    options.color = FolderOptions::Color::Gray;
    Expected<DataSet> gray = loadDataSet(dir.path().string(), options);
    ASSERT_TRUE(gray.ok()) << gray.error().message;
    EXPECT_EQ(gray->inputShape(), (Shape{1, 1, 16, 16}));
    const int weighed = int(std::lround(0.299 * 200 + 0.587 * 30 + 0.114 * 30));
    for (int i = 0; i < gray->train.count(); ++i) {
        const bool red = gray->classNames[gray->train.labels[size_t(i)]] == "red";
        EXPECT_NEAR(gray->train.image(i)[17], red ? weighed : 90, 1);
    }
}

TEST(ImageFolder, AllGrayPicturesGiveOneChannel)
{
    test::TempDir dir;
    for (int i = 0; i < 3; ++i) {
        writePicture(dir / "dark" / concat(i, ".png"), 20, 20, {30});
        writePicture(dir / "light" / concat(i, ".png"), 20, 20, {220});
    }
    Expected<DataSet> data = loadDataSet(dir.path().string());
    ASSERT_TRUE(data.ok()) << data.error().message;
    EXPECT_EQ(data->train.channels, 1);
    EXPECT_EQ(data->test.count(), 2); // one of each class of three
}

TEST(ImageFolder, TheSplitFollowsTheSeed)
{
    test::TempDir dir;
    writeFruit(dir.path(), 10);
    auto testFiles = [&](std::uint64_t seed) {
        FolderOptions options;
        options.seed = seed;
        Expected<DataSet> data = loadDataSet(dir.path().string(), options);
        EXPECT_TRUE(data.ok());
        return data->test.pixels;
    };
    EXPECT_EQ(testFiles(1), testFiles(1));
    EXPECT_NE(testFiles(1), testFiles(2));
}

TEST(ImageFolder, TrainAndTestFoldersAreKept)
{
    test::TempDir dir;
    writeFruit(dir / "train", 4);
    writePicture(dir / "test/banana/x.png", 30, 30, {230, 220, 40});
    writePicture(dir / "test/apple/y.png", 30, 30, {200, 30, 30});
    Expected<DataSet> data = loadDataSet(dir.path().string());
    ASSERT_TRUE(data.ok()) << data.error().message;
    EXPECT_FALSE(data->splitDrawn);
    EXPECT_EQ(data->train.count(), 12);
    EXPECT_EQ(data->test.labels, (std::vector<std::uint8_t>{0, 1}));
    writePicture(dir / "test/durian/z.png", 30, 30, {1, 2, 3});
    Expected<DataSet> foreign = loadDataSet(dir.path().string());
    ASSERT_FALSE(foreign.ok());
    EXPECT_TRUE(has(foreign.error().message, "durian is a class that train/ does not have"))
        << foreign.error().message;
}

TEST(ImageFolder, RefusalsSayWhy)
{
    test::TempDir dir;
    auto refusal = [&](const FolderOptions &options = {}) {
        Expected<DataSet> data = loadDataSet(dir.path().string(), options);
        return data ? std::string("(loaded)") : data.error().message;
    };
    EXPECT_TRUE(has(refusal(), "has no subfolders")) << refusal();
    writePicture(dir / "apple/a.png", 20, 20, {200, 30, 30});
    EXPECT_TRUE(has(refusal(), "has one class, 'apple'")) << refusal();
    writeText(dir / "banana/broken.png", "nothing");
    EXPECT_TRUE(has(refusal(), "the class 'banana' has no picture that could be read (1 could "
                               "not)"))
        << refusal();
    fs::remove(dir / "banana/broken.png");
    writePicture(dir / "banana/a.png", 20, 20, {230, 220, 40});
    EXPECT_TRUE(has(refusal(), "too few pictures to keep any for the test")) << refusal();
    FolderOptions huge;
    huge.imageSize = 300;
    EXPECT_TRUE(has(refusal(huge), "the image size 300 is out of range")) << refusal(huge);
    writePicture(dir / "banana/b.png", 20, 20, {230, 220, 40});
    EXPECT_EQ(refusal(), "(loaded)");
}

TEST(ImageFolder, ResizesTheShorterSideAndKeepsTheCentre)
{
    test::TempDir dir;
    // 40×20: a white stripe 10 wide in the middle of black; the centre square 20×20 of it,
    // at 10×10, is black, white, black in columns of 2.5, 5 and 2.5.
    Image8 image{40, 20, 1, std::vector<std::uint8_t>(800, 0)};
    for (int y = 0; y < 20; ++y)
        for (int x = 15; x < 25; ++x)
            image.pixels[size_t(y * 40 + x)] = 255;
    for (const char *name : {"a/1.png", "a/2.png", "b/1.png", "b/2.png"}) {
        fs::create_directories((dir / name).parent_path());
        ASSERT_TRUE(writePng(dir / name, image).ok());
    }
    FolderOptions options;
    options.imageSize = 10;
    Expected<DataSet> data = loadDataSet(dir.path().string(), options);
    ASSERT_TRUE(data.ok()) << data.error().message;
    const std::uint8_t *row = data->train.image(0);
    EXPECT_EQ(row[0], 0);
    EXPECT_EQ(row[1], 0);
    EXPECT_EQ(row[5], 255);
    EXPECT_EQ(row[9], 0);
}

std::string cifarRecords(const std::vector<std::uint8_t> &labels)
{
    std::string bytes;
    for (size_t i = 0; i < labels.size(); ++i) {
        bytes += char(labels[i]);
        for (int c = 0; c < 3; ++c)
            bytes += std::string(1024, char(10 * c + int(i)));
    }
    return bytes;
}

TEST(Cifar, RecordsAreALabelAndThreePlanes)
{
    Expected<CifarBatch> batch = parseCifarBatch(cifarRecords({3, 9}), "b");
    ASSERT_TRUE(batch.ok()) << batch.error().message;
    EXPECT_EQ(batch->labels, (std::vector<std::uint8_t>{3, 9}));
    EXPECT_EQ(batch->pixels[0], 0);
    EXPECT_EQ(batch->pixels[1024], 10);
    EXPECT_EQ(batch->pixels[2048], 20);
    EXPECT_EQ(batch->pixels[3072 + 2048], 21);
}

TEST(Cifar, MalformedBatchesAreRefused)
{
    auto refusal = [](const std::string &bytes) {
        Expected<CifarBatch> batch = parseCifarBatch(bytes, "b.bin");
        return batch ? std::string() : batch.error().message;
    };
    EXPECT_TRUE(has(refusal(""), "b.bin is empty"));
    EXPECT_TRUE(has(refusal(cifarRecords({1}) + "x"), "3074 bytes are not whole records of 3073"))
        << refusal(cifarRecords({1}) + "x");
    EXPECT_TRUE(has(refusal(cifarRecords({1, 10})), "record 1 has label 10"));
}

TEST(Cifar, AFolderOfBatchesIsADataSet)
{
    test::TempDir dir;
    writeText(dir / "data_batch_1.bin", cifarRecords({0, 1, 2}));
    writeText(dir / "data_batch_2.bin", cifarRecords({3}));
    writeText(dir / "test_batch.bin", cifarRecords({4, 5}));
    Expected<DataSet> data = loadDataSet(dir.path().string());
    ASSERT_TRUE(data.ok()) << data.error().message;
    EXPECT_EQ(data->inputShape(), (Shape{1, 3, 32, 32}));
    EXPECT_EQ(data->train.labels, (std::vector<std::uint8_t>{0, 1, 2, 3}));
    EXPECT_EQ(data->test.count(), 2);
    EXPECT_EQ(data->classNames[3], "cat");
    writeText(dir / "batches.meta.txt", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n");
    Expected<DataSet> named = loadDataSet(dir.path().string());
    ASSERT_TRUE(named.ok()) << named.error().message;
    EXPECT_EQ(named->classNames[3], "d");
    writeText(dir / "batches.meta.txt", "a\nb\n");
    Expected<DataSet> short_ = loadDataSet(dir.path().string());
    ASSERT_FALSE(short_.ok());
    EXPECT_TRUE(has(short_.error().message, "batches.meta.txt has 2 labels for the 10"))
        << short_.error().message;
    fs::remove(dir / "batches.meta.txt");
    fs::remove(dir / "data_batch_1.bin");
    Expected<DataSet> without = loadDataSet(dir.path().string());
    ASSERT_FALSE(without.ok());
    EXPECT_TRUE(has(without.error().message, "not data_batch_1.bin")) << without.error().message;
}

TEST(ColourBatches, EveryChannelIsNormalisedAndMovedAlike)
{
    std::shared_ptr<DataSet> data = test::colorData(4, 1, 3, 12, 5);
    // The same picture on all three channels stays the same on each after augmentation.
    ImageSet &set = data->train;
    for (int i = 0; i < set.count(); ++i) {
        std::uint8_t *image = set.pixels.data() + i * set.imageSize();
        std::copy_n(image, 144, image + 144);
        std::copy_n(image, 144, image + 288);
    }
    const PixelNormalization norm{0.25f, 0.5f};
    std::mt19937_64 rng(3);
    Tensor batch;
    std::vector<std::uint8_t> labels;
    const std::vector<int> indices{2, 0};
    fillBatch(set, indices, norm, {}, rng, batch, labels);
    ASSERT_EQ(batch.shape(), (Shape{2, 3, 12, 12}));
    EXPECT_FLOAT_EQ(batch.plane(0, 2)[7], norm.apply(set.image(2)[288 + 7] / 255.0f));
    Augmentation moved;
    moved.enabled = true;
    fillBatch(set, indices, norm, moved, rng, batch, labels);
    for (int p = 0; p < 144; ++p) {
        EXPECT_EQ(batch.plane(1, 0)[p], batch.plane(1, 1)[p]);
        EXPECT_EQ(batch.plane(1, 0)[p], batch.plane(1, 2)[p]);
    }
}

// An image set of `count` images of channels × rows × cols random pixels.
ImageSet randomImages(int count, int channels, int rows, int cols, std::uint32_t seed)
{
    ImageSet set;
    set.channels = channels;
    set.rows = rows;
    set.cols = cols;
    std::mt19937 rng(seed);
    set.pixels.resize(size_t(count * set.imageSize()));
    for (std::uint8_t &p : set.pixels)
        p = std::uint8_t(rng() % 256);
    set.labels.assign(size_t(count), 0);
    return set;
}

// fillBatch over every image of `set`, in order, with `augmentation` turned on.
Tensor augmentedBatch(const ImageSet &set, const PixelNormalization &norm,
                      Augmentation augmentation, std::uint64_t seed)
{
    augmentation.enabled = true;
    std::vector<int> indices(size_t(set.count()));
    std::iota(indices.begin(), indices.end(), 0);
    std::mt19937_64 rng(seed);
    Tensor batch;
    std::vector<std::uint8_t> labels;
    fillBatch(set, indices, norm, augmentation, rng, batch, labels);
    return batch;
}

// Without rotation or scaling, augmentation moves each image by whole pixels, at most maxShift
// each way, and samples exactly: every channel of every image must be its original shifted by
// one (dy, dx), zeros brought in at the border. Rows of 70 pixels, past the 64 that the warp
// takes at a time.
TEST(Augmentation, ShiftsMoveWholePixels)
{
    const ImageSet set = randomImages(6, 2, 9, 70, 5);
    const PixelNormalization norm{0.25f, 0.5f};
    Augmentation shift;
    shift.maxDegrees = 0.0f;
    shift.maxScale = 0.0f;
    const Tensor batch = augmentedBatch(set, norm, shift, 9);
    int moved = 0;
    for (int i = 0; i < 6; ++i) {
        auto shiftedBy = [&](int dy, int dx) {
            for (int c = 0; c < 2; ++c) {
                for (int y = 0; y < 9; ++y) {
                    for (int x = 0; x < 70; ++x) {
                        const int sy = y - dy, sx = x - dx;
                        const bool inside = sy >= 0 && sy < 9 && sx >= 0 && sx < 70;
                        const float unit = inside ? set.image(i)[(c * 9 + sy) * 70 + sx] / 255.0f
                                                  : 0.0f;
                        if (batch.plane(i, c)[y * 70 + x] != norm.apply(unit))
                            return false;
                    }
                }
            }
            return true;
        };
        bool found = false;
        for (int dy = -2; dy <= 2 && !found; ++dy) {
            for (int dx = -2; dx <= 2 && !found; ++dx) {
                found = shiftedBy(dy, dx);
                moved += found && (dy != 0 || dx != 0);
            }
        }
        EXPECT_TRUE(found) << "image " << i << " is no whole-pixel shift of its original";
    }
    EXPECT_GT(moved, 0);
}

// Rotation and scaling turn the image about its centre: on odd sides the centre pixel maps to
// itself and keeps its value on every channel, whatever the draw.
TEST(Augmentation, RotationKeepsTheCentre)
{
    const ImageSet set = randomImages(8, 3, 11, 71, 6);
    const PixelNormalization norm{0.1f, 0.3f};
    Augmentation turn;
    turn.maxShift = 0.0f;
    turn.maxDegrees = 30.0f;
    turn.maxScale = 0.2f;
    const Tensor batch = augmentedBatch(set, norm, turn, 4);
    int changed = 0;
    for (int i = 0; i < 8; ++i) {
        for (int c = 0; c < 3; ++c) {
            const std::uint8_t *plane = set.image(i) + c * 11 * 71;
            EXPECT_FLOAT_EQ(batch.plane(i, c)[5 * 71 + 35], norm.apply(plane[5 * 71 + 35] / 255.0f))
                << "image " << i << ", channel " << c;
            changed += batch.plane(i, c)[2 * 71 + 10] != norm.apply(plane[2 * 71 + 10] / 255.0f);
        }
    }
    EXPECT_GT(changed, 0);
}

TEST(DataSetNetworks, PresetsTakeTheClassesAndTheNetworkMustFit)
{
    std::shared_ptr<DataSet> data = test::colorData(8, 4, 3, 32, 2);
    Expected<Architecture> lenet = parseArchitecture("lenet5");
    ASSERT_TRUE(lenet.ok());
    const Architecture three = withClasses(*lenet, 3);
    EXPECT_EQ(three.layers.back().count, 3);
    Expected<Network> fits = Network::create(three, data->inputShape(), data->classCount());
    ASSERT_TRUE(fits.ok()) << fits.error().message;
    EXPECT_TRUE(networkFitsData(*fits, *data).ok());
    Expected<Network> ten = Network::create(*lenet, data->inputShape(), 10);
    ASSERT_TRUE(ten.ok());
    EXPECT_EQ(networkFitsData(*ten, *data).error().message,
              "the network gives 10 classes but colours has 3");
    Expected<Network> gray = Network::create(three, {1, 1, 32, 32}, 3);
    ASSERT_TRUE(gray.ok());
    EXPECT_EQ(networkFitsData(*gray, *data).error().message,
              "the network takes 1×32×32 images but colours holds 3×32×32 ones");
    EXPECT_EQ(folderImageSize("lecture-cnn"), 32);
    EXPECT_EQ(folderImageSize("mini-resnet"), 64);
    EXPECT_EQ(folderImageSize("conv 4 3x3 | flatten | dense 2"), 28);
    EXPECT_TRUE(trainingRefusal("lecture-cnn").empty());
    EXPECT_FALSE(trainingRefusal("resnet18").empty());
}

TEST(DataSetNetworks, EvaluationCountsEachClassOfTheDataSet)
{
    std::shared_ptr<DataSet> data = test::colorData(8, 30, 4, 16, 9);
    Expected<Architecture> spec = parseArchitecture("conv 2 3x3 | relu | gap | flatten | dense 4");
    ASSERT_TRUE(spec.ok());
    Expected<Network> net = Network::create(*spec, data->inputShape(), 4);
    ASSERT_TRUE(net.ok()) << net.error().message;
    net->initialize(1);
    const Evaluation e = evaluate(*net, data->test, PixelNormalization::of(data->train));
    EXPECT_EQ(e.classes, 4);
    ASSERT_EQ(e.confusion.size(), 16u);
    std::vector<int> rows(4, 0);
    for (int t = 0; t < 4; ++t)
        for (int p = 0; p < 4; ++p)
            rows[size_t(t)] += e.confusion[size_t(t * 4 + p)];
    for (int t = 0; t < 4; ++t)
        EXPECT_EQ(rows[size_t(t)],
                  std::count(data->test.labels.begin(), data->test.labels.end(), t));
    EXPECT_EQ(e.probabilities.size(), 30u * 4u);
}

TEST(DataSetNetworks, ATrainerRefusesANetworkOfOtherClasses)
{
    std::shared_ptr<DataSet> data = test::colorData(8, 4, 3, 16, 2);
    Expected<Architecture> spec = parseArchitecture("conv 2 3x3 | relu | gap | flatten | dense 5");
    ASSERT_TRUE(spec.ok());
    Expected<Network> net = Network::create(*spec, data->inputShape(), 5);
    ASSERT_TRUE(net.ok());
    Trainer trainer(std::move(*net), data, recommendedSettings("lenet5"));
    trainer.start();
    trainer.wait();
    ASSERT_TRUE(trainer.failure().has_value());
    EXPECT_EQ(trainer.failure()->message, "the network gives 5 classes but colours has 3");
}

TEST(DataSetNetworks, AColourFolderTrainsWellAboveChance)
{
    std::shared_ptr<DataSet> data = test::colorData(120, 60, 3, 28, 4);
    Expected<Architecture> lenet = parseArchitecture("lenet5");
    ASSERT_TRUE(lenet.ok());
    Expected<Network> net = Network::create(withClasses(*lenet, 3), data->inputShape(), 3);
    ASSERT_TRUE(net.ok());
    net->initialize(3);
    TrainingSettings s = recommendedSettings("lenet5", data->train.count());
    s.epochs = 4;
    Trainer trainer(std::move(*net), data, s);
    trainer.start();
    trainer.wait();
    ASSERT_FALSE(trainer.failure().has_value()) << trainer.failure()->message;
    EXPECT_GT(evaluate(trainer.network(), data->test, trainer.normalization()).accuracy(), 0.9);
    EXPECT_EQ(trainedRecipe(*data, {0.5f, 0.25f}), "crop rgb mean 0.5 std 0.25");
}

} // namespace
} // namespace convscope
