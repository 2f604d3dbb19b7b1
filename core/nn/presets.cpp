// The named networks: the course's small ones, and the ImageNet families written out layer by
// layer exactly as torchvision defines them (torchvision/models/*.py, weights=None).
#include "core/nn/architecture.h"

#include <vector>

namespace convscope {

namespace {

// Layers one after another, as a spec writes them.
std::string pipeline(const std::vector<std::string> &layers)
{
    return join(layers, " | ");
}

// torchvision's BasicConv2d of GoogLeNet: a conv without bias, batch norm (eps 0.001), ReLU.
std::string basicConv(int filters, int kernel, int pad = 0, int stride = 1)
{
    std::string conv = concat("conv ", filters, " ", kernel, "x", kernel);
    if (stride != 1)
        conv += concat(" stride ", stride);
    if (pad != 0)
        conv += concat(" pad ", pad);
    return conv + " nobias | batchnorm eps 0.001 | relu";
}

// GoogLeNet's Inception module; torchvision's "5×5" branch uses a 3×3 kernel.
std::string inception(int c1, int c3reduce, int c3, int c5reduce, int c5, int poolProjection)
{
    return concat("concat( ", basicConv(c1, 1), " ; ", basicConv(c3reduce, 1), " | ",
                  basicConv(c3, 3, 1), " ; ", basicConv(c5reduce, 1), " | ", basicConv(c5, 3, 1),
                  " ; maxpool 3 stride 1 pad 1 ceil | ", basicConv(poolProjection, 1), " )");
}

std::string googlenet()
{
    return pipeline({basicConv(64, 7, 3, 2),
                     "maxpool 3 stride 2 ceil",
                     basicConv(64, 1),
                     basicConv(192, 3, 1),
                     "maxpool 3 stride 2 ceil",
                     inception(64, 96, 128, 16, 32, 32),
                     inception(128, 128, 192, 32, 96, 64),
                     "maxpool 3 stride 2 ceil",
                     inception(192, 96, 208, 16, 48, 64),
                     inception(160, 112, 224, 24, 64, 64),
                     inception(128, 128, 256, 24, 64, 64),
                     inception(112, 144, 288, 32, 64, 64),
                     inception(256, 160, 320, 32, 128, 128),
                     "maxpool 2 ceil",
                     inception(256, 160, 320, 32, 128, 128),
                     inception(384, 192, 384, 48, 128, 128),
                     "gap",
                     "flatten",
                     "dropout 0.2",
                     "dense 1000"});
}

std::string convBn(int filters, int kernel, int stride, int pad)
{
    return concat("conv ", filters, " ", kernel, "x", kernel,
                  stride != 1 ? concat(" stride ", stride) : std::string(),
                  pad != 0 ? concat(" pad ", pad) : std::string(), " nobias | batchnorm");
}

std::string convBnRelu(int filters, int kernel, int pad)
{
    return convBn(filters, kernel, 1, pad) + " | relu";
}

// The mini network's inception module: GoogLeNet's four branches, with a true 5×5.
std::string miniInception(int c1, int c3reduce, int c3, int c5reduce, int c5, int poolProjection)
{
    return concat("concat( ", convBnRelu(c1, 1, 0), " ; ", convBnRelu(c3reduce, 1, 0), " | ",
                  convBnRelu(c3, 3, 1), " ; ", convBnRelu(c5reduce, 1, 0), " | ",
                  convBnRelu(c5, 5, 2), " ; maxpool 3 stride 1 pad 1 | ",
                  convBnRelu(poolProjection, 1, 0), " )");
}

// ResNet's BasicBlock (18, 34) or Bottleneck (50: 1×1, 3×3 carrying the stride, 1×1 to four
// times the width), with the 1×1 projection shortcut where the shape changes.
std::string resnetBlock(int width, int stride, bool bottleneck, int inChannels)
{
    const int out = bottleneck ? 4 * width : width;
    const std::string layers = bottleneck ? pipeline({convBn(width, 1, 1, 0), "relu",
                                                      convBn(width, 3, stride, 1), "relu",
                                                      convBn(out, 1, 1, 0)})
                                          : pipeline({convBn(width, 3, stride, 1), "relu",
                                                      convBn(width, 3, 1, 1)});
    const bool project = stride != 1 || inChannels != out;
    return concat("residual( ", layers, project ? " ; " + convBn(out, 1, stride, 0) : "",
                  " ) | relu");
}

std::string resnet(const std::vector<int> &blocks, bool bottleneck)
{
    std::vector<std::string> parts{convBn(64, 7, 2, 3), "relu", "maxpool 3 stride 2 pad 1"};
    int channels = 64;
    for (size_t stage = 0; stage < blocks.size(); ++stage) {
        const int width = 64 << stage;
        for (int b = 0; b < blocks[stage]; ++b) {
            parts.push_back(resnetBlock(width, b == 0 && stage > 0 ? 2 : 1, bottleneck, channels));
            channels = bottleneck ? 4 * width : width;
        }
    }
    parts.insert(parts.end(), {"gap", "flatten", "dense 1000"});
    return pipeline(parts);
}

// torchvision's VGG: 3×3 convolutions with ReLU in stages closed by a 2×2 max pool; its
// adaptive pool to 7×7 changes nothing at 224×224.
std::string vgg(const std::vector<std::vector<int>> &stages)
{
    std::vector<std::string> parts;
    for (const std::vector<int> &stage : stages) {
        for (int filters : stage)
            parts.insert(parts.end(), {concat("conv ", filters, " 3x3 pad 1"), "relu"});
        parts.push_back("maxpool 2");
    }
    parts.insert(parts.end(), {"flatten", "dense 4096", "relu", "dropout 0.5", "dense 4096", "relu",
                               "dropout 0.5", "dense 1000"});
    return pipeline(parts);
}

std::vector<Preset> makePresets()
{
    const Shape imagenet{1, 3, 224, 224};
    const Shape digits{1, 1, 28, 28};
    return {
        {"lenet5", "LeNet-5",
         "conv 6 5x5 pad 2 | relu | maxpool 2 | conv 16 5x5 | relu | maxpool 2 | flatten "
         "| dense 120 | relu | dense 84 | relu | dense 10"},
        {"tiny", "tiny CNN", "conv 8 5x5 pad 2 | relu | maxpool 4 | flatten | dense 10"},
        {"mlp", "MLP (no convolution)", "flatten | dense 120 | relu | dense 84 | relu | dense 10"},
        {"mini-vgg", "Mini VGG",
         pipeline({convBnRelu(16, 3, 1), convBnRelu(16, 3, 1), "maxpool 2", convBnRelu(32, 3, 1),
                   convBnRelu(32, 3, 1), "maxpool 2", "flatten | dense 128 | relu | dropout 0.3",
                   "dense 10"}),
         digits, 10, 64},
        {"mini-inception", "Mini Inception",
         pipeline({convBnRelu(32, 3, 1), convBnRelu(32, 3, 1), "maxpool 2",
                   miniInception(16, 16, 24, 8, 16, 8), "maxpool 2",
                   miniInception(32, 32, 48, 12, 24, 24), "gap | flatten | dense 10"}),
         digits, 10, 64},
        {"mini-resnet", "Mini ResNet",
         pipeline({convBn(16, 3, 1, 1), "relu", resnetBlock(16, 1, false, 16),
                   resnetBlock(32, 2, false, 16), resnetBlock(64, 2, false, 32),
                   "gap | flatten | dense 10"}),
         digits, 10, 64},
        {"lecture-cnn",
         "Lecture CNN",
         "conv 32 5x5 pad 2 nobias | relu | maxpool 2 | conv 16 5x5 pad 2 nobias | relu | "
         "maxpool 2 | conv 32 5x5 pad 2 nobias | relu | maxpool 2 | flatten | dense 10 nobias",
         {1, 3, 32, 32},
         10,
         32},
        {"alexnet", "AlexNet",
         "conv 64 11x11 stride 4 pad 2 | relu | maxpool 3 stride 2 | conv 192 5x5 pad 2 | relu "
         "| maxpool 3 stride 2 | conv 384 3x3 pad 1 | relu | conv 256 3x3 pad 1 | relu | conv "
         "256 3x3 pad 1 | relu | maxpool 3 stride 2 | flatten | dropout 0.5 | dense 4096 | relu "
         "| dropout 0.5 | dense 4096 | relu | dense 1000",
         imagenet, 1000, 224},
        {"vgg16", "VGG-16",
         vgg({{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}}), imagenet,
         1000, 224},
        {"googlenet", "GoogLeNet", googlenet(), imagenet, 1000, 224},
        {"resnet18", "ResNet-18", resnet({2, 2, 2, 2}, false), imagenet, 1000, 224},
        {"resnet34", "ResNet-34", resnet({3, 4, 6, 3}, false), imagenet, 1000, 224},
        {"resnet50", "ResNet-50", resnet({3, 4, 6, 3}, true), imagenet, 1000, 224},
    };
}

} // namespace

std::span<const Preset> presets()
{
    static const std::vector<Preset> all = makePresets();
    return all;
}

const Preset *findPreset(std::string_view name)
{
    for (const Preset &preset : presets()) {
        if (preset.name == name)
            return &preset;
    }
    return nullptr;
}

std::string_view presetSpec(std::string_view name)
{
    const Preset *preset = findPreset(name);
    return preset ? std::string_view(preset->spec) : std::string_view();
}

std::string trainingRefusal(std::string_view name)
{
    const Preset *preset = findPreset(name);
    if (!preset || preset->trainable())
        return {};
    const std::string_view mini = name == "googlenet"                    ? "mini-inception"
                                  : name.substr(0, 6) == "resnet"        ? "mini-resnet"
                                  : name == "alexnet" || name == "vgg16" ? "mini-vgg"
                                                                         : "lenet5";
    return concat(preset->name, " (", preset->title, ") takes ", preset->input.imageString(),
                  " images in ", preset->classes,
                  " classes: ConvScope describes it (convscope-cli summary --model ", preset->name,
                  ") but trains networks of small images (28×28 to 64×64); ", mini,
                  " shows its idea at that size");
}

Architecture withClasses(Architecture architecture, int classes)
{
    if (!architecture.layers.empty() && architecture.layers.back().kind == LayerKind::Dense)
        architecture.layers.back().count = classes;
    return architecture;
}

int folderImageSize(std::string_view presetOrSpec)
{
    const Preset *preset = findPreset(presetOrSpec);
    return preset && preset->trainable() ? preset->folderSize : 28;
}

std::vector<std::string_view> presetNames()
{
    std::vector<std::string_view> names;
    for (const Preset &preset : presets())
        names.push_back(preset.name);
    return names;
}

} // namespace convscope
