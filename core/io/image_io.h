#pragma once

#include "core/expected.h"
#include "core/tensor.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace convscope {

// Decoding is refused above this many pixels, read from the header before anything is
// decoded: a PNG header can claim 40000×40000 in a few bytes, and a 100 KB PNG of one colour
// holds 6000×6000. 25 megapixels (a 6000×4000 camera photo) decode to 300 MB of RGB floats, so
// that any image accepted is convolved in well under 800 MB.
constexpr std::int64_t kMaxImagePixels = 25'000'000;
constexpr std::int64_t kMaxImageFileBytes = std::int64_t(256) << 20;

struct ImageInfo
{
    std::string format; // "PNG", "JPEG", "BMP", "WebP", "PNM"
    int width = 0;
    int height = 0;
};

// The format and size an image file declares in its header.
Expected<ImageInfo> peekImage(std::string_view bytes, const std::string &source);

enum class ColorMode {
    Auto, // grayscale files give 1 channel, colour files 3 (alpha is dropped)
    Gray, // 0.299·R + 0.587·G + 0.114·B
    Rgb,  // grayscale files are repeated on 3 channels
};

// 1×C×H×W in [0, 1] (8-bit values / 255, 16-bit / 65535), channels in RGB order.
Expected<Tensor> loadImage(const std::filesystem::path &path, ColorMode mode = ColorMode::Auto);
// The same from the bytes of a file; source names it in messages.
Expected<Tensor> decodeImage(const std::string &bytes, const std::string &source,
                             ColorMode mode = ColorMode::Auto);

// Every plane resized: by pixel area when shrinking, by nearest neighbour when enlarging, so
// that a 7×7 lecture pattern blown up to 28×28 keeps its exact values.
Tensor resizeImage(const Tensor &image, int height, int width);

// 8-bit pixels, interleaved, in RGB order.
struct Image8
{
    int width = 0;
    int height = 0;
    int channels = 1; // 1 or 3
    std::vector<std::uint8_t> pixels;
};

Expected<std::string> encodePng(const Image8 &image);
Expected<void> writePng(const std::filesystem::path &path, const Image8 &image);

} // namespace convscope
