#pragma once

#include "core/io/image_io.h"
#include "core/tensor.h"

namespace convscope {

enum class Normalization {
    MinMax, // the lowest value of the tensor becomes 0, the highest 255
    Clamp,  // [0, 1] becomes 0..255, values outside are clipped (for blurs of an image)
};

// One image of a tensor as 8-bit pixels: 1 channel as grayscale, 3 channels as RGB, any other
// count as a grid of grayscale tiles (row-major, ceil(√C) across, 2-pixel dark gaps). All
// channels share one scale so that they can be compared. Under MinMax a constant tensor keeps
// its value clipped to [0, 1], so an all-zero map is black rather than undefined.
Image8 renderTensor(const Tensor &tensor, int n, Normalization normalization);

} // namespace convscope
