#pragma once

#include "core/expected.h"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace convscope {

// A NumPy array as ConvScope uses it: C order, values converted to float32.
struct NpyArray
{
    std::vector<std::int64_t> shape;
    std::vector<float> values;

    // "(3, 28, 28)"
    std::string shapeText() const;
};

// Reads .npy format 1.0, 2.0 and 3.0 with little-endian float32/float64 or integer/bool data
// in C order; refuses Fortran order, big-endian or object data, and a size that disagrees
// with the shape, with a message that names the file.
Expected<NpyArray> readNpy(const std::filesystem::path &path);
Expected<NpyArray> parseNpy(const std::string &bytes, const std::string &source);

std::string encodeNpy(std::span<const std::int64_t> shape, std::span<const float> values);
std::string encodeNpy(std::span<const std::int64_t> shape, std::span<const std::int64_t> values);

} // namespace convscope
