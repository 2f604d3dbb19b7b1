#pragma once

#include "core/expected.h"

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace convscope {

// How feature-map values become colours: a colormap, and the value range it spans.
enum class Colormap {
    Diverging, // blue below 0, white at 0, red above: for signed values, always centred on 0
    Gray,
    Viridis,
};

enum class ValueScale {
    MinMax,    // the lowest value is the first colour, the highest the last
    Symmetric, // −m..m with m the largest magnitude, so that 0 sits in the middle
    Clamp,     // 0..1, values outside are clipped (for blurs of an image)
};

// Every colormap and every scale, in the order menus list them.
inline constexpr std::array kColormaps = {Colormap::Diverging, Colormap::Gray, Colormap::Viridis};
inline constexpr std::array kValueScales = {ValueScale::MinMax, ValueScale::Symmetric,
                                            ValueScale::Clamp};

struct ValueRange
{
    float low = 0;
    float high = 1;
};

std::string_view colormapName(Colormap colormap);
std::string_view valueScaleName(ValueScale scale);
// A scale's name as valueScaleName gives it, or as a command line writes it ("minmax").
Expected<ValueScale> parseValueScale(std::string_view name);

// The range of the finite values under a scale; a constant or empty set gives a range that
// still draws (a constant 0 is mid-grey under Symmetric, black under MinMax).
ValueRange valueRange(std::span<const float> values, ValueScale scale);

// The colour of t in [0, 1] along a colormap.
std::array<std::uint8_t, 3> colormapColor(Colormap colormap, double t);

// Where a value falls on the colormap: the diverging map puts 0 at 0.5 whatever the range.
double colormapPosition(Colormap colormap, const ValueRange &range, float value);

// Colours values as 0xffRRGGBB words (QImage::Format_RGB32); NaN is magenta, so that it shows.
void colorize(std::span<const float> values, const ValueRange &range, Colormap colormap,
              std::uint32_t *pixels);

} // namespace convscope
