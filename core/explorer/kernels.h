#pragma once

#include "core/expected.h"
#include "core/tensor.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace convscope {

constexpr int kMaxKernelSide = 64;

// Filters to convolve with: K×C×KH×KW. A planar kernel is a single 2-D kernel (1×1×KH×KW)
// that the caller spreads over the input's channels (summed as a CNN layer does, or one
// channel at a time for depthwise).
struct KernelBank
{
    Tensor weights;
    bool planar = true;
    std::string name; // "sobel-x", or the file name
};

// identity, box, gaussian, sharpen, sobel-x, sobel-y, laplacian, emboss, outline; identity,
// box and gaussian take a size, e.g. "gaussian:5" (binomial weights), 3 by default.
std::vector<std::string> kernelPresetNames();
Expected<KernelBank> kernelPreset(std::string_view name);

// Rows of numbers separated by spaces, tabs or commas; brackets, trailing commas, blank lines
// and '#' comments are ignored, so a NumPy or Python list can be pasted as it is.
Expected<KernelBank> parseKernelGrid(std::string_view text, const std::string &source);

// A preset name, or a file: .npy of shape (K, C, KH, KW) or (KH, KW), or a text grid.
// An existing file wins over a preset of the same name.
Expected<KernelBank> loadKernel(const std::string &nameOrPath);

// The weights and groups of a convolution that applies a bank to a C-channel input. A planar
// kernel becomes one filter with C identical sub-filters (the channels are summed, as a CNN
// layer does), or with depthwise one filter per channel. A K×C'×KH×KW bank is used as it is,
// or with depthwise (C' = 1) as K/C filters per channel.
struct FilterBank
{
    Tensor weights;
    int groups = 1;
};

Expected<FilterBank> filterBankFor(const KernelBank &bank, int inputChannels, bool depthwise);

} // namespace convscope
