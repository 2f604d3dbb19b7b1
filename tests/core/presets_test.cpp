// The presets against torchvision: parameters and multiply-adds of every ImageNet network and
// of the lecture's CNN (tests/data/make_architecture_fixtures.py), and the trainable ones built.
#include "core/nn/architecture.h"
#include "core/nn/network.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace convscope {
namespace {

TEST(Presets, CountLikeTorchvision)
{
    std::ifstream in(CONVSCOPE_TEST_DATA "/torchvision_architectures.txt");
    ASSERT_TRUE(in.good());
    int checked = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream fields(line);
        std::string name;
        Shape input{1, 0, 0, 0};
        std::int64_t parameters = 0, macs = 0;
        int classes = 0;
        fields >> name >> input.c >> input.h >> input.w >> parameters >> macs >> classes;
        const Preset *preset = findPreset(name);
        ASSERT_NE(preset, nullptr) << name;
        EXPECT_EQ(preset->input, input) << name;
        EXPECT_EQ(preset->classes, classes) << name;
        const ArchitectureTable table = tabulate(*parseArchitecture(name), input, classes);
        ASSERT_TRUE(table.error.empty()) << name << ": " << table.error;
        EXPECT_EQ(table.parameters(), parameters) << name;
        EXPECT_EQ(table.multiplyAdds(), macs) << name;
        ++checked;
    }
    EXPECT_EQ(checked, 7);
}

// Every preset describes on its own input; the digit ones also build, and train here.
TEST(Presets, EveryPresetDescribesAndTheDigitOnesBuild)
{
    for (const Preset &preset : presets()) {
        const ArchitectureTable table = tabulate(*parseArchitecture(preset.spec), preset.input,
                                                 preset.classes);
        EXPECT_TRUE(table.error.empty()) << preset.name << ": " << table.error;
        if (!preset.takesDigits())
            continue;
        Expected<Network> network = Network::create(*parseArchitecture(preset.spec), preset.input,
                                                    preset.classes);
        EXPECT_TRUE(network.ok()) << preset.name << ": " << network.error().message;
    }
    EXPECT_EQ(findPreset("resnet50")
                  ->spec.find("residual( conv 64 1x1 nobias | batchnorm | relu "
                              "| conv 64 3x3 pad 1 nobias | batchnorm | relu | "
                              "conv 256 1x1 nobias | batchnorm ; conv 256 1x1 "
                              "nobias | batchnorm ) | relu"),
              findPreset("resnet50")->spec.find("residual("));
    EXPECT_EQ(findPreset("nonesuch"), nullptr);
}

} // namespace
} // namespace convscope
