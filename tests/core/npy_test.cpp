#include "core/file_io.h"
#include "core/io/npy.h"
#include "tests/core/test_support.h"

#include <gtest/gtest.h>

#include <fstream>

namespace convscope {
namespace {

std::string npyWith(const std::string &dict, const std::string &data, char major = 1)
{
    std::string header = dict;
    header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ');
    header.push_back('\n');
    std::string out("\x93NUMPY", 6);
    out.push_back(major);
    out.push_back(0);
    if (major == 1) {
        out.push_back(char(header.size() & 0xff));
        out.push_back(char(header.size() >> 8));
    } else {
        for (int i = 0; i < 4; ++i)
            out.push_back(char((header.size() >> (8 * i)) & 0xff));
    }
    return out + header + data;
}

std::string floats(std::initializer_list<float> v)
{
    return std::string(reinterpret_cast<const char *>(std::data(v)), v.size() * sizeof(float));
}

TEST(Npy, RoundTripOfFloat32)
{
    const std::vector<std::int64_t> shape{2, 3};
    const std::vector<float> values{1, -2, 3.5f, 0, 1e-7f, -1e7f};
    Expected<NpyArray> back = parseNpy(encodeNpy(shape, values), "mem");
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->shape, shape);
    EXPECT_EQ(back->values, values);
    EXPECT_EQ(back->shapeText(), "(2, 3)");
    EXPECT_EQ(encodeNpy(shape, values).size() % 64, (values.size() * 4) % 64);
}

TEST(Npy, ReadsWhatNumPyWritesInOtherDtypesAndVersions)
{
    const std::string f8 = npyWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
                                   std::string("\0\0\0\0\0\0\xf0\x3f\0\0\0\0\0\0\0\xc0", 16));
    Expected<NpyArray> a = parseNpy(f8, "f8");
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a->values, (std::vector<float>{1.0f, -2.0f}));
    EXPECT_EQ(a->shapeText(), "(2,)");
    const std::string u1 = npyWith("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 3), }",
                                   "\x01\x02\xff", 2);
    Expected<NpyArray> b = parseNpy(u1, "u1");
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_EQ(b->values, (std::vector<float>{1, 2, 255}));
}

TEST(Npy, RefusesBrokenFilesWithTheReason)
{
    const std::string good = encodeNpy(std::vector<std::int64_t>{2, 2},
                                       std::vector<float>{1, 2, 3, 4});
    auto message = [](const std::string &bytes) {
        Expected<NpyArray> r = parseNpy(bytes, "x.npy");
        return r ? std::string("accepted") : r.error().message;
    };
    EXPECT_NE(message(good.substr(0, good.size() - 3)).find("x.npy: truncated"), std::string::npos);
    EXPECT_NE(message(good + "junk").find("corrupt"), std::string::npos);
    EXPECT_NE(message(good.substr(0, 20)).find("truncated .npy header"), std::string::npos);
    EXPECT_NE(message("hello world").find("not a NumPy .npy file"), std::string::npos);
    EXPECT_NE(message(
                  npyWith("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", floats({1})))
                  .find("Fortran order"),
              std::string::npos);
    EXPECT_NE(message(
                  npyWith("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", floats({1})))
                  .find("big-endian"),
              std::string::npos);
    EXPECT_NE(message(npyWith("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "x"))
                  .find("dtype"),
              std::string::npos);
    EXPECT_NE(message(
                  npyWith("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", "12345678"))
                  .find("not supported"),
              std::string::npos);
    EXPECT_NE(message(npyWith("{'descr': '<f4', 'fortran_order': False, 'shape': (1099511627776, "
                              "1099511627776), }",
                              ""))
                  .find("too large"),
              std::string::npos);
}

TEST(Npy, FilesAreReadAndMissingOnesNamed)
{
    test::TempDir dir;
    ASSERT_TRUE(writeFileAtomically(dir / "a.npy",
                                    encodeNpy(std::vector<std::int64_t>{1}, std::vector<float>{7}))
                    .ok());
    Expected<NpyArray> a = readNpy(dir / "a.npy");
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->values, std::vector<float>{7});
    Expected<NpyArray> missing = readNpy(dir / "missing.npy");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("missing.npy: no such file"), std::string::npos);
    std::ofstream(dir / "empty.npy").close();
    EXPECT_NE(readNpy(dir / "empty.npy").error().message.find("empty"), std::string::npos);
}

TEST(AtomicWrite, AFailedWriteLeavesTheOldFile)
{
    test::TempDir dir;
    ASSERT_TRUE(writeFileAtomically(dir / "f.txt", "old").ok());
    Expected<void> bad = writeFileAtomically(dir / "no-such-folder" / "f.txt", "new");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("does not exist"), std::string::npos);
    EXPECT_FALSE(writeFileAtomically(dir.path(), "new").ok());
    EXPECT_EQ(*readFile(dir / "f.txt", 100), "old");
    ASSERT_TRUE(writeFileAtomically(dir / "f.txt", "new").ok());
    EXPECT_EQ(*readFile(dir / "f.txt", 100), "new");
    int entries = 0;
    for ([[maybe_unused]] const auto &e : std::filesystem::directory_iterator(dir.path()))
        ++entries;
    EXPECT_EQ(entries, 1); // no temporary left behind
}

} // namespace
} // namespace convscope
