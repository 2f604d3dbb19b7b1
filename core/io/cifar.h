#pragma once

#include "core/expected.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace convscope {

// CIFAR-10's binary version (cifar-10-binary.tar.gz): each batch file is records of one label
// byte (0–9) and 3×32×32 pixel bytes, red plane, green plane, blue plane, rows row-major. Its
// batches.meta.txt names the classes, one a line (read as class labels, nn/input_recipe.h).
constexpr int kCifarSide = 32;
constexpr int kCifarClasses = 10;
constexpr std::int64_t kCifarImageBytes = 3 * kCifarSide * kCifarSide;
constexpr std::int64_t kCifarRecordBytes = 1 + kCifarImageBytes;
// A published batch holds 10,000 images (30.7 MB); a file 20 times larger is not one.
constexpr std::int64_t kMaxCifarBatchBytes = 200'000 * kCifarRecordBytes;

struct CifarBatch
{
    std::vector<std::uint8_t> pixels; // count × 3 × 32 × 32
    std::vector<std::uint8_t> labels;
};

// Checks that the bytes are whole records with labels below 10; source names them in messages.
Expected<CifarBatch> parseCifarBatch(std::string_view bytes, const std::string &source);
Expected<CifarBatch> readCifarBatch(const std::filesystem::path &path);

} // namespace convscope
