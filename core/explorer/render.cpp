#include "core/explorer/render.h"

#include <algorithm>
#include <cmath>

namespace convscope {

namespace {

constexpr int kGap = 2;
constexpr std::uint8_t kGapValue = 40;

struct Scale
{
    float offset = 0.0f;
    float factor = 255.0f;

    std::uint8_t operator()(float v) const
    {
        if (std::isnan(v))
            return 0;
        const float scaled = (v - offset) * factor;
        return std::uint8_t(std::clamp(std::lround(scaled), 0L, 255L));
    }
};

Scale scaleFor(const Tensor &tensor, int n, Normalization normalization)
{
    if (normalization == Normalization::Clamp)
        return {};
    const Shape &s = tensor.shape();
    const float *begin = tensor.plane(n, 0);
    const float *end = begin + std::int64_t(s.c) * s.planeSize();
    float lo = INFINITY, hi = -INFINITY;
    for (const float *p = begin; p != end; ++p) {
        if (std::isfinite(*p)) {
            lo = std::min(lo, *p);
            hi = std::max(hi, *p);
        }
    }
    if (!(hi > lo))
        return {};
    return {lo, 255.0f / (hi - lo)};
}

} // namespace

Image8 renderTensor(const Tensor &tensor, int n, Normalization normalization)
{
    const Shape &s = tensor.shape();
    const Scale scale = scaleFor(tensor, n, normalization);
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
