#include "core/explorer/render.h"

#include <algorithm>
#include <cmath>

namespace convscope {

namespace {

constexpr int kGap = 2;
constexpr std::uint8_t kGapValue = 40;

// The grey level of a value: its place on the gray colormap over the range.
struct GrayScale
{
    ValueRange range;

    std::uint8_t operator()(float v) const
    {
        if (std::isnan(v))
            return 0;
        return colormapColor(Colormap::Gray, colormapPosition(Colormap::Gray, range, v))[0];
    }
};

} // namespace

Image8 renderTensor(const Tensor &tensor, int n, ValueScale valueScale)
{
    const Shape &s = tensor.shape();
    const std::span<const float> values(tensor.plane(n, 0), size_t(s.c * s.planeSize()));
    const GrayScale scale{valueRange(values, valueScale)};
    Image8 image;
    if (s.c == 1 || s.c == 3) {
        image.width = s.w;
        image.height = s.h;
        image.channels = s.c;
        image.pixels.resize(size_t(s.c) * size_t(s.planeSize()));
        for (int y = 0; y < s.h; ++y) {
            for (int x = 0; x < s.w; ++x) {
                for (int c = 0; c < s.c; ++c)
                    image.pixels[(size_t(y) * s.w + x) * s.c + c] = scale(tensor.at(n, c, y, x));
            }
        }
        return image;
    }
    const int columns = int(std::ceil(std::sqrt(double(s.c))));
    const int rows = (s.c + columns - 1) / columns;
    image.width = columns * s.w + (columns - 1) * kGap;
    image.height = rows * s.h + (rows - 1) * kGap;
    image.pixels.assign(size_t(image.width) * image.height, kGapValue);
    for (int c = 0; c < s.c; ++c) {
        const int top = (c / columns) * (s.h + kGap);
        const int left = (c % columns) * (s.w + kGap);
        for (int y = 0; y < s.h; ++y) {
            for (int x = 0; x < s.w; ++x)
                image.pixels[size_t(top + y) * image.width + left + x] = scale(
                    tensor.at(n, c, y, x));
        }
    }
    return image;
}

} // namespace convscope
