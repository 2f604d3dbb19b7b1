#include "core/explorer/kernels.h"
#include "core/file_io.h"
#include "core/io/npy.h"
#include "tests/core/test_support.h"

#include <gtest/gtest.h>

#include <numeric>

namespace convscope {
namespace {

TEST(Kernels, EveryPresetLoads)
{
    for (const std::string &name : kernelPresetNames()) {
        Expected<KernelBank> k = kernelPreset(name);
        ASSERT_TRUE(k.ok()) << name;
        EXPECT_EQ(k->weights.shape(), (Shape{1, 1, 3, 3})) << name;
        EXPECT_TRUE(k->planar);
    }
    EXPECT_EQ(kernelPreset("sobel-x")->weights.values(),
              (std::vector<float>{-1, 0, 1, -2, 0, 2, -1, 0, 1}));
}

TEST(Kernels, SizedPresets)
{
    const Tensor g = kernelPreset("gaussian:5")->weights;
    EXPECT_EQ(g.shape(), (Shape{1, 1, 5, 5}));
    EXPECT_NEAR(std::accumulate(g.values().begin(), g.values().end(), 0.0), 1.0, 1e-6);
    EXPECT_FLOAT_EQ(g.at(0, 0, 2, 2), 36.0f / 256.0f);
    EXPECT_FLOAT_EQ(kernelPreset("box:4")->weights.at(0, 0, 3, 3), 1.0f / 16.0f);
    EXPECT_EQ(kernelPreset("identity:1")->weights.values(), std::vector<float>{1});
    EXPECT_FALSE(kernelPreset("box:0").ok());
    EXPECT_FALSE(kernelPreset("box:x").ok());
    EXPECT_FALSE(kernelPreset("box:65").ok());
    Expected<KernelBank> unknown = kernelPreset("blur");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("unknown kernel 'blur'"), std::string::npos);
    EXPECT_NE(unknown.error().message.find("sobel-x"), std::string::npos);
}

TEST(Kernels, TextGrids)
{
    Expected<KernelBank> k = parseKernelGrid("# lecture\n2 0 1\n0,1,2\n[1, 0, 2],\n\n", "k.txt");
    ASSERT_TRUE(k.ok()) << k.error().message;
    EXPECT_EQ(k->weights.shape(), (Shape{1, 1, 3, 3}));
    EXPECT_EQ(k->weights.values(), (std::vector<float>{2, 0, 1, 0, 1, 2, 1, 0, 2}));
    EXPECT_EQ(parseKernelGrid("1 2\n", "k")->weights.shape(), (Shape{1, 1, 1, 2}));
    Expected<KernelBank> ragged = parseKernelGrid("1 2 3\n4 5\n", "r.txt");
    ASSERT_FALSE(ragged.ok());
    EXPECT_EQ(ragged.error().message,
              "r.txt: line 2 has 2 numbers but the first row has 3: every row of a kernel needs "
              "the same count");
    EXPECT_NE(parseKernelGrid("1 x\n", "k").error().message.find("'x' is not a number"),
              std::string::npos);
    EXPECT_NE(parseKernelGrid("1 nan\n", "k").error().message.find("not a finite"),
              std::string::npos);
    EXPECT_NE(parseKernelGrid("\n# nothing\n", "k").error().message.find("no numbers"),
              std::string::npos);
}

TEST(Kernels, FilesWinOverPresetsAndNpyShapesAreChecked)
{
    test::TempDir dir;
    ASSERT_TRUE(writeFileAtomically(dir / "k.txt", "1 2\n3 4\n").ok());
    Expected<KernelBank> text = loadKernel((dir / "k.txt").string());
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(text->name, "k.txt");
    ASSERT_TRUE(
        writeFileAtomically(dir / "bank.npy", encodeNpy(std::vector<std::int64_t>{2, 3, 1, 1},
                                                        std::vector<float>{1, 2, 3, 4, 5, 6}))
            .ok());
    Expected<KernelBank> bank = loadKernel((dir / "bank.npy").string());
    ASSERT_TRUE(bank.ok()) << bank.error().message;
    EXPECT_FALSE(bank->planar);
    EXPECT_EQ(bank->weights.shape(), (Shape{2, 3, 1, 1}));
    ASSERT_TRUE(writeFileAtomically(dir / "three.npy", encodeNpy(std::vector<std::int64_t>{1, 2, 2},
                                                                 std::vector<float>{1, 2, 3, 4}))
                    .ok());
    EXPECT_NE(loadKernel((dir / "three.npy").string()).error().message.find("not (1, 2, 2)"),
              std::string::npos);
    ASSERT_TRUE(writeFileAtomically(dir / "bin.dat", std::string("\0\1\2", 3)).ok());
    EXPECT_NE(loadKernel((dir / "bin.dat").string()).error().message.find("binary"),
              std::string::npos);
}

TEST(Kernels, FilterBanksSpreadAPlanarKernelOverTheChannels)
{
    const KernelBank sobel = *kernelPreset("sobel-x");
    Expected<FilterBank> summed = filterBankFor(sobel, 3, false);
    ASSERT_TRUE(summed.ok());
    EXPECT_EQ(summed->weights.shape(), (Shape{1, 3, 3, 3}));
    EXPECT_EQ(summed->groups, 1);
    Expected<FilterBank> depthwise = filterBankFor(sobel, 3, true);
    ASSERT_TRUE(depthwise.ok());
    EXPECT_EQ(depthwise->weights.shape(), (Shape{3, 1, 3, 3}));
    EXPECT_EQ(depthwise->groups, 3);
    EXPECT_EQ(depthwise->weights.at(2, 0, 1, 2), 2.0f);
    KernelBank bank{Tensor(Shape{4, 2, 3, 3}), false, "bank"};
    EXPECT_EQ(filterBankFor(bank, 2, false)->weights.shape(), (Shape{4, 2, 3, 3}));
    EXPECT_FALSE(filterBankFor(bank, 2, true).ok());
}

} // namespace
} // namespace convscope
