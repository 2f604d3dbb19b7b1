#pragma once

#include "core/explorer/colormap.h"
#include "core/io/image_io.h"
#include "core/tensor.h"

namespace convscope {

// One image of a tensor as 8-bit pixels: 1 channel as grayscale, 3 channels as RGB, any other
// count as a grid of grayscale tiles (row-major, ceil(√C) across, 2-pixel dark gaps). All
// channels share one range, taken by valueRange() under the scale as the window's colormaps
// take it, so that a map exported from the CLI and from the window is scaled by the same code
// (a constant 0 is black, any other constant spans 0 to itself). NaN is black.
Image8 renderTensor(const Tensor &tensor, int n, ValueScale scale);

} // namespace convscope
