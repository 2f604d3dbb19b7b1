#pragma once

#include "core/expected.h"
#include "core/nn/layer.h"
#include "core/ops/activation.h"
#include "core/ops/conv2d.h"
#include "core/ops/pool2d.h"

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace convscope {

enum class LayerKind {
    Conv,
    MaxPool,
    AvgPool,
    Activation,
    Flatten,
    Dense,
    Dropout,
    BatchNorm,
    GlobalAvgPool,
    LocalResponseNorm, // AlexNet's: each value divided by the energy of its neighbouring channels
    Residual, // paths: the main path, then an optional projection shortcut (identity without)
    Concat,   // paths: the branches, concatenated along the channels
};

struct Architecture;

// PyTorch's BatchNorm2d defaults.
constexpr float kDefaultBatchNormEpsilon = 1e-5f;
constexpr float kDefaultBatchNormMomentum = 0.1f;
// PyTorch's LocalResponseNorm defaults (AlexNet used size 5, alpha 1e-4, beta 0.75, k 2).
constexpr float kDefaultLrnAlpha = 1e-4f;
constexpr float kDefaultLrnBeta = 0.75f;
constexpr float kDefaultLrnK = 1.0f;

// One layer of the one-line architecture spec (README, "Architecture spec"):
//   conv F KxK [stride S|SHxSW] [pad P|PHxPW|T,B,L,R|valid|same|full] [dilation D|DHxDW]
//        [zero|reflect|replicate] [flip] [nobias]
//   maxpool K|KHxKW [stride S|SHxSW] [pad P|PHxPW] [ceil]      avgpool (the same)
//   relu | leakyrelu [SLOPE] | sigmoid | tanh | flatten | dense N [nobias] | dropout P
//   batchnorm [eps E] [momentum M] | gap | lrn SIZE [alpha A] [beta B] [k K]
//   residual( PATH [; SHORTCUT] ) | concat( BRANCH ; BRANCH [; …] )    (nestable)
struct LayerSpec
{
    LayerKind kind = LayerKind::Flatten;
    int count = 0; // filters of a conv, units of a dense layer, channels an LRN spans
    int kernelH = 0;
    int kernelW = 0;
    ConvOptions conv;
    bool bias = true;
    PoolOptions pool;
    Activation activation = Activation::Relu;
    float slope = kDefaultLeakySlope;
    float rate = 0.5f;
    float epsilon = kDefaultBatchNormEpsilon;
    float momentum = kDefaultBatchNormMomentum;
    float alpha = kDefaultLrnAlpha;
    float beta = kDefaultLrnBeta;
    float k = kDefaultLrnK;
    std::vector<Architecture> paths; // of a block

    bool isBlock() const { return kind == LayerKind::Residual || kind == LayerKind::Concat; }

    // The canonical text: what parseArchitecture reads back to the same layer.
    std::string toString() const;
    // "conv", "maxpool", "relu", …
    std::string_view kindName() const;
};

struct Architecture
{
    std::vector<LayerSpec> layers;

    // Layers joined by " | ".
    std::string toString() const;
    // Every layer, those inside blocks included, and the blocks themselves.
    int layerCount() const;
};

// The most layers a spec may have, counted inside blocks too: ResNet-152 written out layer by
// layer has about 500. Blocks nest at most kMaxNesting deep.
constexpr int kMaxLayers = 1000;
constexpr int kMaxNesting = 8;

// A spec or a preset's name (lenet5, tiny, mlp). Says which layer and word is wrong.
Expected<Architecture> parseArchitecture(std::string_view text);

// A named network. The ImageNet ones are counted exactly like torchvision's definitions
// (README, "Presets"); the others are trainable here, on any data set: built on its images'
// channels and size, with their last layer made to give its classes (withClasses).
struct Preset
{
    std::string_view name;  // what a spec or --model names it by: "lenet5"
    std::string_view title; // what a menu shows: "LeNet-5"
    std::string spec;
    Shape input{1, 1, 28, 28}; // per image, as designed
    int classes = 10;
    // The side an image folder's pictures are made for it when nobody says (--image-size).
    int folderSize = 28;

    // Takes the 28×28 digits of the data sets as designed.
    bool takesDigits() const { return input.c == 1 && input.h == 28 && input.w == 28; }
    // Small enough to train here: not one of the ImageNet networks.
    bool trainable() const { return input.h <= 64 && input.w <= 64; }
};

// Why a preset cannot train here (an ImageNet network), naming the small network that shows
// its idea; empty for a preset that can, and for anything else.
std::string trainingRefusal(std::string_view name);

// The architecture with its last layer, when that is a dense one, giving `classes` values:
// torchvision's num_classes. Anything else is returned as it is, for Network::create to judge.
Architecture withClasses(Architecture architecture, int classes);

// The side an image folder's pictures get for this preset or spec: the preset's folderSize,
// 28 for a spec.
int folderImageSize(std::string_view presetOrSpec);

// The preset's spec, or empty for an unknown name.
std::string_view presetSpec(std::string_view name);
// The preset of that name, or null.
const Preset *findPreset(std::string_view name);
std::vector<std::string_view> presetNames();
std::span<const Preset> presets();

// Every word that starts a layer of the spec ("conv", "maxpool", "relu", …), in the order a
// menu lists them, and an example of each layer ("conv 8 3x3 pad 1"; empty for another word).
std::vector<std::string_view> layerWords();
std::string_view layerExample(std::string_view word);

// The layer of a spec that is not a block (null for a block).
std::unique_ptr<Layer> makeLayer(const LayerSpec &spec);

} // namespace convscope
