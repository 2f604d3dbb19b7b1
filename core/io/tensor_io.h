#pragma once

#include "core/expected.h"
#include "core/io/image_io.h"
#include "core/tensor.h"

#include <filesystem>
#include <string>

namespace convscope {

// An input read from disk: an image (1×C×H×W) or a .npy of shape (H, W), (C, H, W) or
// (N, C, H, W). batched is true for the last, whose outputs keep the N axis.
struct TensorFile
{
    Tensor tensor;
    bool batched = false;
};

// .npy by extension or content, any other file as an image. An array must hold finite
// values; with 1 or 3 channels, ColorMode converts it as it converts an image.
Expected<TensorFile> loadTensorFile(const std::filesystem::path &path, ColorMode mode);
// The same from a file's bytes, an .npy when they start with its magic; source names the file
// in messages.
Expected<TensorFile> decodeTensorFile(const std::string &bytes, const std::string &source,
                                      ColorMode mode);

// (C, H, W) float32, or (N, C, H, W) when batched.
std::string encodeTensorNpy(const Tensor &tensor, bool batched);

} // namespace convscope
