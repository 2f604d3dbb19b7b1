// Model files: a bit-exact round trip, and every kind of damage refused with a clear message.
#include "core/file_io.h"
#include "core/io/idx.h"
#include "core/nn/dataset.h"
#include "core/nn/digit_input.h"
#include "core/nn/model_file.h"
#include "tests/core/test_support.h"

#include <gtest/gtest.h>

#include <cstring>
#include <zlib.h>

namespace convscope {
namespace {

using test::TempDir;

bool has(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

Network lenet(std::uint64_t seed)
{
    Network net = Network::create(*parseArchitecture("lenet5"), {1, 1, 28, 28}).value();
    net.initialize(seed);
    return net;
}

const ModelMetadata kMeta{"mnist", "adam lr 0.002 cosine", 10, 1250, 7, 0.99, 0.981, {}, {}};

std::string encoded()
{
    Network net = lenet(3);
    return encodeModel(net, {0.13f, 0.31f}, kMeta);
}

// Replaces the trailing CRC so that a deliberate change is not caught by the checksum alone.
std::string withChecksum(std::string bytes)
{
    bytes.resize(bytes.size() - 4);
    const std::uint32_t crc = std::uint32_t(
        crc32(0, reinterpret_cast<const Bytef *>(bytes.data()), uInt(bytes.size())));
    for (int i = 0; i < 4; ++i)
        bytes.push_back(char((crc >> (8 * i)) & 0xff));
    return bytes;
}

std::string decodeError(const std::string &bytes)
{
    Expected<Model> m = decodeModel(bytes, "m.csm");
    return m ? std::string() : m.error().message;
}

TEST(ModelFile, RoundTripIsBitExact)
{
    TempDir dir;
    Network net = lenet(5);
    ASSERT_TRUE(saveModel(dir / "m.csm", net, {0.13f, 0.31f}, kMeta).ok());
    Expected<Model> m = loadModel(dir / "m.csm");
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m->network.architecture().toString(), net.architecture().toString());
    const std::vector<Tensor> a = net.weights(), b = m->network.weights();
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i)
        EXPECT_EQ(std::memcmp(a[i].data(), b[i].data(), size_t(a[i].size()) * 4), 0);
    EXPECT_EQ(m->normalization.mean, 0.13f);
    EXPECT_EQ(m->normalization.deviation, 0.31f);
    EXPECT_EQ(m->metadata.dataset, "mnist");
    EXPECT_EQ(m->metadata.steps, 1250);
    EXPECT_EQ(m->metadata.seed, 7u);
    EXPECT_DOUBLE_EQ(m->metadata.testAccuracy, 0.981);
    EXPECT_EQ(encodeModel(m->network, m->normalization, m->metadata),
              encodeModel(net, {0.13f, 0.31f}, kMeta));
}

// The picture recipe and the class labels travel in the metadata; a file whose recipe or labels
// do not fit its network is refused with the reason.
TEST(ModelFile, KeepsThePictureRecipeAndTheLabels)
{
    TempDir dir;
    Network net = lenet(5);
    ModelMetadata meta = kMeta;
    meta.input = "digit mean 0.5 std 0.25";
    meta.labels = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    ASSERT_TRUE(saveModel(dir / "m.csm", net, {0.13f, 0.31f}, meta).ok());
    Expected<Model> m = loadModel(dir / "m.csm");
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m->metadata.input, meta.input);
    EXPECT_EQ(m->metadata.labels, meta.labels);
    EXPECT_EQ(inputRecipe(*m).toString(), "digit mean 0.5 std 0.25");
    m->metadata.input.clear();
    EXPECT_EQ(inputRecipe(*m).toString(), "digit mean 0.13 std 0.31");

    meta.labels.pop_back();
    EXPECT_TRUE(has(decodeError(encodeModel(net, {0.13f, 0.31f}, meta)),
                    "m.csm: its labels has 9 labels for the 10 classes"));
    meta.labels.clear();
    meta.input = "crop resize 20";
    EXPECT_TRUE(has(decodeError(encodeModel(net, {0.13f, 0.31f}, meta)),
                    "m.csm: its picture recipe: resize 20 is smaller than the input 28×28"));
    meta.input = "crop mean 1,2,3";
    EXPECT_TRUE(
        has(decodeError(encodeModel(net, {0.13f, 0.31f}, meta)), "has 3 values for 1 channels"));
    meta.input = "square";
    EXPECT_TRUE(has(decodeError(encodeModel(net, {0.13f, 0.31f}, meta)),
                    "its picture recipe: a picture recipe starts with"));
}

TEST(ModelFile, EveryDamageIsRefused)
{
    const std::string good = encoded();
    ASSERT_TRUE(decodeError(good).empty());

    std::string magic = good;
    magic[0] = 'X';
    EXPECT_TRUE(has(decodeError(magic), "not a ConvScope model"));
    EXPECT_TRUE(has(decodeError("CSM"), "not a ConvScope model"));

    std::string version = good;
    version[8] = 9;
    EXPECT_TRUE(has(decodeError(withChecksum(version)), "format version 9"));

    for (size_t cut : {size_t(10), size_t(40), good.size() / 2, good.size() - 1}) {
        const std::string message = decodeError(good.substr(0, cut));
        EXPECT_TRUE(has(message, "truncated")) << cut << ": " << message;
    }

    std::string flipped = good;
    flipped[good.size() / 2] ^= 0x10;
    EXPECT_TRUE(has(decodeError(flipped), "checksum"));

    EXPECT_TRUE(has(decodeError(good + "x"), "after its checksum"));

    // Another architecture of the same length, with a valid checksum: the weights no longer
    // fit it.
    std::string other = good;
    const size_t at = other.find("conv 6 5x5");
    ASSERT_NE(at, std::string::npos);
    other.replace(at, 10, "conv 7 5x5");
    const std::string message = decodeError(withChecksum(other));
    EXPECT_TRUE(has(message, "disagree with the architecture")) << message;

    std::string nan = good;
    const float bad = std::nanf("");
    std::memcpy(nan.data() + nan.size() - 8, &bad, 4);
    EXPECT_TRUE(has(decodeError(withChecksum(nan)), "not finite"));
}

// A good file's bytes up to its tensor count, then one tensor header of the given shape and
// `tail` bytes: what a damaged or crafted file can promise.
std::string withTensorHeader(const std::vector<std::uint32_t> &dims, size_t tail)
{
    const std::string good = encoded();
    const auto u32at = [&](size_t at) {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
            v |= std::uint32_t(std::uint8_t(good[at + size_t(i)])) << (8 * i);
        return v;
    };
    size_t at = 8 + 4;   // magic, version
    at += 4 + u32at(at); // architecture
    at += 16 + 8;        // input shape, normalisation
    at += 4 + u32at(at); // metadata
    std::string bytes = good.substr(0, at);
    for (std::uint32_t v : std::vector<std::uint32_t>{1, dims[0], dims[1], dims[2], dims[3]}) {
        for (int i = 0; i < 4; ++i)
            bytes.push_back(char((v >> (8 * i)) & 0xff));
    }
    return bytes + std::string(tail, '\0');
}

// Issue 14's findings: a header's sizes are checked against the limit without overflowing,
// and against the bytes the file has before anything is allocated.
TEST(ModelFile, TensorHeadersAreCheckedBeforeAllocating)
{
    const std::uint32_t big = 1u << 28;
    // 2^28 · 2^28 · 2^28 · 16 wraps a 64-bit product to 0 and once passed the size check.
    EXPECT_TRUE(has(decodeError(withTensorHeader({big, big, big, 16}, 64)), "too large"));
    // 256 × 1024 × 1024 floats are 1 GiB: an 86-byte tail cannot hold them.
    const std::string message = decodeError(withTensorHeader({256, 1024, 1024, 1}, 86));
    EXPECT_TRUE(has(message, "needs 1073741824 bytes and 86 are left")) << message;
}

TEST(ModelFile, ASaveThatFailsLeavesTheOldFile)
{
    TempDir dir;
    const auto path = dir / "m.csm";
    ASSERT_TRUE(writeFileAtomically(path, "old").ok());
    Network net = lenet(1);
    net.parameters()[0]->value.values()[3] = std::numeric_limits<float>::infinity();
    Expected<void> saved = saveModel(path, net, {}, kMeta);
    ASSERT_FALSE(saved.ok());
    EXPECT_TRUE(has(saved.error().message, "not finite"));
    EXPECT_EQ(*readFile(path, 100), "old");
    Network fine = lenet(1);
    EXPECT_FALSE(saveModel(dir / "missing" / "m.csm", fine, {}, kMeta).ok());
}

void writeSet(const std::filesystem::path &dir, const std::string &prefix, int count,
              std::uint8_t label)
{
    IdxArray images{{count, 28, 28}, std::vector<std::uint8_t>(size_t(count) * 784, 7)};
    IdxArray labels{{count}, std::vector<std::uint8_t>(size_t(count), label)};
    ASSERT_TRUE(writeIdx(dir / (prefix + "-images-idx3-ubyte"), images).ok());
    ASSERT_TRUE(writeIdx(dir / (prefix + "-labels-idx1-ubyte"), labels).ok());
}

TEST(DataSet, LoadsAFolderAndRefusesInconsistentFiles)
{
    TempDir dir;
    writeSet(dir.path(), "train", 5, 3);
    writeSet(dir.path(), "t10k", 2, 9);
    Expected<DataSet> data = loadDataSet(dir.path().string());
    ASSERT_TRUE(data.ok()) << data.error().message;
    EXPECT_EQ(data->train.count(), 5);
    EXPECT_EQ(data->test.labels[1], 9);

    writeSet(dir.path(), "t10k", 2, 10);
    EXPECT_TRUE(has(loadDataSet(dir.path().string()).error().message, "label 10 of image 0"));

    IdxArray labels{{3}, {1, 2, 3}};
    ASSERT_TRUE(writeIdx(dir / "t10k-labels-idx1-ubyte", labels).ok());
    EXPECT_TRUE(has(loadDataSet(dir.path().string()).error().message, "has 3 labels but"));

    std::filesystem::remove(dir / "train-images-idx3-ubyte");
    EXPECT_TRUE(
        has(loadDataSet(dir.path().string()).error().message, "has no train-images-idx3-ubyte"));
    EXPECT_TRUE(has(loadDataSet((dir / "nowhere").string()).error().message, "does not exist"));
}

TEST(DataSet, NamesItsClasses)
{
    TempDir dir;
    writeSet(dir.path(), "train", 3, 1);
    writeSet(dir.path(), "t10k", 2, 2);
    Expected<DataSet> digits = loadDataSet(dir.path().string());
    ASSERT_TRUE(digits.ok()) << digits.error().message;
    EXPECT_TRUE(digits->isDigits());
    EXPECT_EQ(digits->classNames[7], "7");

    const std::filesystem::path fashion = dir / "My-Fashion-MNIST";
    std::filesystem::create_directory(fashion);
    writeSet(fashion, "train", 3, 1);
    writeSet(fashion, "t10k", 2, 2);
    Expected<DataSet> clothes = loadDataSet(fashion.string());
    ASSERT_TRUE(clothes.ok()) << clothes.error().message;
    EXPECT_FALSE(clothes->isDigits());
    EXPECT_EQ(clothes->classNames[0], "T-shirt/top");
    EXPECT_EQ(clothes->classNames[9], "Ankle boot");

    // A classes.txt names them, and must name all ten.
    std::string names;
    for (int k = 0; k < 10; ++k)
        names += "class " + std::to_string(k) + (k == 3 ? "\r\n" : "\n");
    ASSERT_TRUE(writeFileAtomically(dir / "classes.txt", names).ok());
    Expected<DataSet> named = loadDataSet(dir.path().string());
    ASSERT_TRUE(named.ok()) << named.error().message;
    EXPECT_EQ(named->classNames[3], "class 3");
    EXPECT_FALSE(named->isDigits());
    ASSERT_TRUE(writeFileAtomically(dir / "classes.txt", "cat\ndog\n").ok());
    const Expected<DataSet> tooFew = loadDataSet(dir.path().string());
    ASSERT_FALSE(tooFew.ok());
    EXPECT_TRUE(has(tooFew.error().message, "classes.txt has 2 labels for the 10 classes"))
        << tooFew.error().message;
}

TEST(DigitInput, CentresScalesAndInvertsLikeMnist)
{
    // A dark 10×30 bar on a white 60×80 page, off-centre.
    Tensor page({1, 1, 60, 80}, 1.0f);
    for (int y = 5; y < 35; ++y) {
        for (int x = 50; x < 60; ++x)
            page.at(0, 0, y, x) = 0.0f;
    }
    Expected<Tensor> digit = mnistStyleDigit(page);
    ASSERT_TRUE(digit.ok()) << digit.error().message;
    EXPECT_EQ(digit->shape(), (Shape{1, 1, 28, 28}));
    int top = 28, bottom = -1, left = 28, right = -1;
    double mass = 0, my = 0, mx = 0;
    for (int y = 0; y < 28; ++y) {
        for (int x = 0; x < 28; ++x) {
            const float v = digit->at(0, 0, y, x);
            if (v > 0.5f) {
                top = std::min(top, y);
                bottom = std::max(bottom, y);
                left = std::min(left, x);
                right = std::max(right, x);
            }
            mass += v;
            my += v * y;
            mx += v * x;
        }
    }
    EXPECT_EQ(bottom - top + 1, 20); // the longer side becomes 20 pixels
    EXPECT_NEAR(right - left + 1, 7, 1);
    EXPECT_NEAR(my / mass, 13.5, 0.6); // the centre of mass is the centre
    EXPECT_NEAR(mx / mass, 13.5, 0.6);

    Tensor blank({1, 1, 40, 40}, 0.3f);
    EXPECT_TRUE(has(mnistStyleDigit(blank).error().message, "blank"));
    Tensor mnist({1, 1, 28, 28}, 0.0f);
    mnist.at(0, 0, 3, 4) = 0.75f;
    EXPECT_EQ(mnistStyleDigit(mnist)->values(), mnist.values()); // 28×28 is taken as it is
    EXPECT_FALSE(mnistStyleDigit(Tensor({2, 1, 28, 28})).ok());
}

} // namespace
} // namespace convscope
