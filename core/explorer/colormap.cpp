#include "core/explorer/colormap.h"

#include "core/parallel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace convscope {

namespace {

constexpr int kLevels = 1024;
// valueRange's values a chunk: fewer stay on the calling thread.
constexpr size_t kRangeChunk = size_t(1) << 16;

struct Stop
{
    double at;
    double r, g, b;
};

// ColorBrewer's RdBu, reversed so that negative is blue.
constexpr std::array<Stop, 7> kDiverging = {{{0.0, 33, 102, 172},
                                             {0.17, 103, 169, 207},
                                             {0.33, 209, 229, 240},
                                             {0.5, 247, 247, 247},
                                             {0.67, 253, 219, 199},
                                             {0.83, 239, 138, 98},
                                             {1.0, 178, 24, 43}}};

// Matplotlib's viridis as a degree-6 polynomial (Matt Zucker's fit, CC0), within 1 % of it.
std::array<double, 3> viridis(double t)
{
    constexpr double c[7][3] = {{0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
                                {0.1050930431085774, 1.404613529898575, 1.384590162594685},
                                {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
                                {-4.634230498983486, -5.799100973351585, -19.33244095627987},
                                {6.228269936347081, 14.17993336680509, 56.69055260068105},
                                {4.776384997670288, -13.74514537774601, -65.35303263337234},
                                {-5.435455855934631, 4.645852612178535, 26.3124352495832}};
    std::array<double, 3> rgb{};
    for (int k = 0; k < 3; ++k) {
        double v = c[6][k];
        for (int i = 5; i >= 0; --i)
            v = v * t + c[i][k];
        rgb[size_t(k)] = 255.0 * v;
    }
    return rgb;
}

std::uint8_t byte(double v)
{
    return std::uint8_t(std::clamp(std::lround(v), 0L, 255L));
}

std::uint32_t word(const std::array<std::uint8_t, 3> &rgb)
{
    return 0xff000000u | std::uint32_t(rgb[0]) << 16 | std::uint32_t(rgb[1]) << 8 | rgb[2];
}

using LevelTable = std::array<std::uint32_t, kLevels + 1>;

LevelTable makeLevelTable(Colormap colormap)
{
    LevelTable table;
    for (int i = 0; i < kLevels; ++i)
        table[size_t(i)] = word(colormapColor(colormap, (i + 0.5) / kLevels));
    table[kLevels] = 0xffff00ffu; // NaN
    return table;
}

// Built once per colormap: a live view colours dozens of small maps per frame, and building
// the table (3,000 colour evaluations) cost far more than colouring them.
const LevelTable &levelTable(Colormap colormap)
{
    static const std::array<LevelTable, kColormaps.size()> tables = [] {
        std::array<LevelTable, kColormaps.size()> built;
        for (Colormap c : kColormaps)
            built[size_t(c)] = makeLevelTable(c);
        return built;
    }();
    return tables[size_t(colormap)];
}

} // namespace

std::string_view colormapName(Colormap colormap)
{
    switch (colormap) {
    case Colormap::Diverging:
        return "diverging";
    case Colormap::Gray:
        return "gray";
    case Colormap::Viridis:
        return "viridis";
    }
    return "";
}

std::string_view valueScaleName(ValueScale scale)
{
    switch (scale) {
    case ValueScale::MinMax:
        return "min-max";
    case ValueScale::Symmetric:
        return "symmetric";
    case ValueScale::Clamp:
        return "clamp";
    }
    return "";
}

Expected<ValueScale> parseValueScale(std::string_view name)
{
    if (name == "minmax")
        return ValueScale::MinMax;
    for (ValueScale scale : kValueScales) {
        if (name == valueScaleName(scale))
            return scale;
    }
    return makeError("'", name, "' is not a value scale: use minmax, symmetric or clamp");
}

ValueRange valueRange(std::span<const float> values, ValueScale scale)
{
    if (scale == ValueScale::Clamp)
        return {0.0f, 1.0f};
    // A branch-free pass that the compiler vectorises (NaN never wins a comparison), in chunks
    // over the cores (min and max are exact: any split gives the same range); the slow pass that
    // skips infinities runs only when the fast one met one.
    const size_t count = values.size();
    const size_t chunks = (count + kRangeChunk - 1) / kRangeChunk;
    std::vector<float> lows(chunks), highs(chunks);
    parallelFor(std::int64_t(chunks), 1, [&](std::int64_t first, std::int64_t end) {
        for (size_t i = size_t(first); i < size_t(end); ++i) {
            float l = std::numeric_limits<float>::infinity();
            float h = -l;
            for (float v :
                 values.subspan(i * kRangeChunk, std::min(kRangeChunk, count - i * kRangeChunk))) {
                l = v < l ? v : l;
                h = v > h ? v : h;
            }
            lows[i] = l;
            highs[i] = h;
        }
    });
    float low = std::numeric_limits<float>::infinity();
    float high = -low;
    for (size_t i = 0; i < chunks; ++i) {
        low = std::min(low, lows[i]);
        high = std::max(high, highs[i]);
    }
    if (std::isinf(low) || std::isinf(high)) {
        low = std::numeric_limits<float>::infinity();
        high = -low;
        for (float v : values) {
            if (std::isfinite(v)) {
                low = std::min(low, v);
                high = std::max(high, v);
            }
        }
    }
    if (low > high)
        return {0.0f, 1.0f};
    if (scale == ValueScale::Symmetric) {
        const float m = std::max(std::abs(low), std::abs(high));
        return m > 0 ? ValueRange{-m, m} : ValueRange{-1.0f, 1.0f};
    }
    if (low == high)
        return low == 0 ? ValueRange{0.0f, 1.0f}
                        : ValueRange{std::min(low, 0.0f), std::max(high, 0.0f)};
    return {low, high};
}

std::array<std::uint8_t, 3> colormapColor(Colormap colormap, double t)
{
    t = std::clamp(std::isnan(t) ? 0.5 : t, 0.0, 1.0);
    if (colormap == Colormap::Gray)
        return {byte(255 * t), byte(255 * t), byte(255 * t)};
    if (colormap == Colormap::Viridis) {
        const std::array<double, 3> v = viridis(t);
        return {byte(v[0]), byte(v[1]), byte(v[2])};
    }
    size_t i = 1;
    while (i + 1 < kDiverging.size() && kDiverging[i].at < t)
        ++i;
    const Stop &a = kDiverging[i - 1];
    const Stop &b = kDiverging[i];
    const double u = (t - a.at) / (b.at - a.at);
    return {byte(a.r + u * (b.r - a.r)), byte(a.g + u * (b.g - a.g)), byte(a.b + u * (b.b - a.b))};
}

double colormapPosition(Colormap colormap, const ValueRange &range, float value)
{
    if (colormap == Colormap::Diverging) {
        const double m = std::max(std::abs(double(range.low)), std::abs(double(range.high)));
        return m > 0 ? 0.5 + 0.5 * value / m : 0.5;
    }
    const double span = double(range.high) - range.low;
    return span > 0 ? (value - double(range.low)) / span : 0.0;
}

void colorize(std::span<const float> values, const ValueRange &range, Colormap colormap,
              std::uint32_t *pixels)
{
    const LevelTable &table = levelTable(colormap);
    // position = scale · value + offset, the same mapping as colormapPosition, hoisted.
    double scale = 0;
    double offset = 0;
    if (colormap == Colormap::Diverging) {
        const double m = std::max(std::abs(double(range.low)), std::abs(double(range.high)));
        scale = m > 0 ? 0.5 / m : 0;
        offset = 0.5;
    } else {
        const double span = double(range.high) - range.low;
        scale = span > 0 ? 1.0 / span : 0;
        offset = -range.low * scale;
    }
    const float s = float(scale * kLevels);
    const float o = float(offset * kLevels);
    constexpr float top = float(kLevels - 1);
    for (size_t i = 0; i < values.size(); ++i) {
        // NaN fails both comparisons and lands on the sentinel level kLevels.
        const float level = values[i] * s + o;
        const float clamped = level >= 0.0f ? (level <= top ? level : top)
                                            : (level < 0.0f ? 0.0f : float(kLevels));
        pixels[i] = table[size_t(clamped)];
    }
}

} // namespace convscope
