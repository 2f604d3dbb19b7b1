#pragma once

#include "core/expected.h"
#include "core/nn/dataset.h"
#include "core/nn/input_recipe.h"
#include "core/nn/network.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace convscope {

// How a model was trained, stored with it and printed by evaluate.
struct ModelMetadata
{
    std::string dataset;
    std::string optimizer; // "adam lr 0.002 cosine"
    int epochs = 0;
    std::int64_t steps = 0;
    std::uint64_t seed = 0;
    double trainAccuracy = 0.0;
    double testAccuracy = 0.0;
    // How a picture becomes the model's input (nn/input_recipe.h); empty: the default for its
    // shape. And the name of each class, when someone gave them.
    std::string input;
    std::vector<std::string> labels;
};

struct Model
{
    Network network;
    PixelNormalization normalization;
    ModelMetadata metadata;
    // The model's output is the softmax of the network's logits: a .csm model's, as its ONNX
    // export gives it, and an imported graph's that ends with a softmax.
    bool endsWithSoftmax = true;
};

// The .csm file (README, "Model files"), little-endian:
//   "CSMODEL\0", u32 version (1), u32 + bytes architecture spec, u32 C, H, W, classes,
//   f32 mean, deviation, u32 + bytes metadata ("key=value" lines), u32 tensor count,
//   per tensor u32 N, C, H, W + f32 values, u32 CRC-32 of everything before it.
constexpr std::uint32_t kModelFormatVersion = 1;

std::string encodeModel(Network &network, const PixelNormalization &norm, const ModelMetadata &meta);
// `name` is what messages call the bytes (the file's path).
Expected<Model> decodeModel(std::string_view bytes, const std::string &name);

// Atomic: a failure never replaces or truncates an existing file. Refuses weights that are not
// finite.
Expected<void> saveModel(const std::filesystem::path &path, Network &network,
                         const PixelNormalization &norm, const ModelMetadata &meta);
// A .csm file, or an ONNX model (.onnx, imported: see nn/onnx_import.h).
Expected<Model> loadModel(const std::filesystem::path &path);

// The model's own picture recipe, or the default for its input shape: ImageNet's for a model
// of 1000 classes on colour pictures that has no normalisation of its own.
InputRecipe inputRecipe(const Model &model);
// A model's recipe and labels, checked against its network: what a file or a user gives.
Expected<void> checkModelInputs(const ModelMetadata &meta, const Network &network);

} // namespace convscope
