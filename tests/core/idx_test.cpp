#include "core/file_io.h"
#include "core/io/idx.h"
#include "tests/core/test_support.h"
#include "tests/support/archives.h"

#include <gtest/gtest.h>

namespace convscope {
namespace {

class IdxFiles : public ::testing::Test
{
protected:
    void SetUp() override
    {
        IdxArray images{{3, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255}};
        ASSERT_TRUE(writeIdx(m_dir / "images", images).ok());
        m_bytes = *readFile(m_dir / "images", 1000);
    }

    std::string errorOf(const std::string &name, const std::string &bytes)
    {
        EXPECT_TRUE(writeFileAtomically(m_dir / name, bytes).ok());
        Expected<IdxArray> r = readIdx(m_dir / name);
        return r ? std::string("accepted") : r.error().message;
    }

    test::TempDir m_dir;
    std::string m_bytes;
};

TEST_F(IdxFiles, PlainAndGzippedReadTheSame)
{
    Expected<IdxArray> plain = readIdx(m_dir / "images");
    ASSERT_TRUE(plain.ok()) << plain.error().message;
    EXPECT_EQ(plain->dims, (std::vector<std::int64_t>{3, 2, 2}));
    EXPECT_EQ(plain->data.back(), 255);
    ASSERT_TRUE(writeFileAtomically(m_dir / "images.gz", test::gzipped(m_bytes)).ok());
    Expected<IdxArray> gz = readIdx(m_dir / "images.gz");
    ASSERT_TRUE(gz.ok()) << gz.error().message;
    EXPECT_EQ(gz->dims, plain->dims);
    EXPECT_EQ(gz->data, plain->data);
    // Recognised by content: a gzipped file without the .gz name reads too.
    ASSERT_TRUE(writeFileAtomically(m_dir / "images-idx3-ubyte", test::gzipped(m_bytes)).ok());
    EXPECT_TRUE(readIdx(m_dir / "images-idx3-ubyte").ok());
}

TEST_F(IdxFiles, LabelsAreOneDimensional)
{
    ASSERT_TRUE(writeIdx(m_dir / "labels", {{4}, {7, 2, 1, 0}}).ok());
    Expected<IdxArray> labels = readIdx(m_dir / "labels");
    ASSERT_TRUE(labels.ok());
    EXPECT_EQ(labels->dims, std::vector<std::int64_t>{4});
    EXPECT_EQ(labels->data, (std::vector<std::uint8_t>{7, 2, 1, 0}));
}

TEST_F(IdxFiles, TruncatedAndCorruptFilesNameTheFileAndTheProblem)
{
    EXPECT_NE(errorOf("short", m_bytes.substr(0, m_bytes.size() - 1))
                  .find("short: truncated: the header says 3×2×2 = 12 bytes of data but the file "
                        "holds 11"),
              std::string::npos);
    EXPECT_NE(errorOf("long", m_bytes + "x").find("corrupt"), std::string::npos);
    EXPECT_NE(errorOf("header", m_bytes.substr(0, 9)).find("truncated: the header needs 16"),
              std::string::npos);
    std::string magic = m_bytes;
    magic[0] = 'P';
    EXPECT_NE(errorOf("magic", magic).find("wrong magic number"), std::string::npos);
    std::string floats = m_bytes;
    floats[2] = 0x0D;
    EXPECT_NE(errorOf("floats", floats).find("holds float elements"), std::string::npos);
    std::string rank = m_bytes;
    rank[3] = 9;
    EXPECT_NE(errorOf("rank", rank).find("9 dimensions"), std::string::npos);
    const std::string gz = test::gzipped(m_bytes);
    EXPECT_NE(errorOf("cut.gz", gz.substr(0, gz.size() / 2)).find("truncated or corrupt gzip"),
              std::string::npos);
    std::string garbled = gz;
    for (size_t i = 10; i < garbled.size(); ++i)
        garbled[i] = char(garbled[i] ^ 0x5A);
    EXPECT_NE(errorOf("garbled.gz", garbled).find("gzip"), std::string::npos);
    // A gzip bomb (issue 14): a header promising 1 byte, then 16 MB of zeros. Inflated only
    // as far as the header promises, and refused as holding more.
    std::string bomb("\0\0\x08\x01\0\0\0\x01", 8);
    bomb += std::string(16 << 20, '\0');
    const std::string message = errorOf("bomb.gz", test::gzipped(bomb));
    EXPECT_NE(message.find("says 1 = 1 bytes of data but the file holds more"), std::string::npos)
        << message;
    Expected<IdxArray> missing = readIdx(m_dir / "nothing");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("no such file"), std::string::npos);
}

TEST(IdxFashionMnist, DebiansFilesReadWhenInstalled)
{
    const std::filesystem::path folder = "/usr/share/datasets/fashion-mnist";
    if (!std::filesystem::exists(folder / "t10k-labels-idx1-ubyte.gz"))
        GTEST_SKIP() << "dataset-fashion-mnist is not installed";
    Expected<IdxArray> labels = readIdx(folder / "t10k-labels-idx1-ubyte.gz");
    ASSERT_TRUE(labels.ok()) << labels.error().message;
    EXPECT_EQ(labels->dims, std::vector<std::int64_t>{10000});
    Expected<IdxArray> images = readIdx(folder / "t10k-images-idx3-ubyte.gz");
    ASSERT_TRUE(images.ok()) << images.error().message;
    EXPECT_EQ(images->dims, (std::vector<std::int64_t>{10000, 28, 28}));
}

} // namespace
} // namespace convscope
