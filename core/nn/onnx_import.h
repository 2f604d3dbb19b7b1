#pragma once

#include "core/expected.h"
#include "core/nn/architecture.h"
#include "core/nn/dataset.h"
#include "core/tensor.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace convscope {

// The largest .onnx file read: VGG-16's 528 MB with room. ONNX keeps the weights of a model
// over 2 GB in files of their own, which are refused.
constexpr std::int64_t kMaxOnnxFileBytes = std::int64_t(1) << 30;

// The opsets of the default domain read: what torch.onnx.export writes from PyTorch 1.x on.
constexpr int kFirstOnnxOpset = 9;
constexpr int kLastOnnxOpset = 17;

// An ONNX graph as ConvScope's own network: the architecture (a chain of layers with residual
// and concatenation blocks), the per-image input, and the weights in Network::weights()'
// order, so that every view, the summary, training and saving work on it.
struct ImportedModel
{
    Architecture architecture;
    Shape input;     // 1×C×H×W
    int classes = 0; // the values of the output, when it is one per image; 0 otherwise
    std::vector<Tensor> weights;
    // A graph that starts with (x − mean) / deviation by two scalars, as ConvScope's exports
    // do, reads pixels in [0, 1]: that is the model's normalisation, not a layer.
    PixelNormalization normalization;
    // The graph ends with a softmax, which the network leaves out (ConvScope's networks end
    // with logits): the model's output is the softmax of the network's.
    bool endsWithSoftmax = false;
    int opset = 0;
    std::string producer; // "pytorch 1.13.1"
    // What ConvScope's exports keep in the model's metadata_props: the picture recipe
    // (convscope.input) and the class labels (convscope.labels, one a line).
    std::string inputRecipe;
    std::vector<std::string> labels;
};

constexpr const char *kOnnxRecipeKey = "convscope.input";
constexpr const char *kOnnxLabelsKey = "convscope.labels";

// Reads an ONNX model from the bytes of a file; source names it in messages. A node that
// cannot be converted is refused with its name, operator and the reason.
Expected<ImportedModel> importOnnx(const std::string &bytes, const std::string &source);
Expected<ImportedModel> loadOnnx(const std::filesystem::path &path);

} // namespace convscope
