#pragma once

#include "core/ops/conv2d.h"
#include "core/ops/pool2d.h"

namespace convscope {

// Naive implementations straight from the definitions, accumulating in double. Slow on
// purpose: the tests check the fast paths against them.
Tensor conv2dReference(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
                       std::span<const float> bias = {});
PoolResult pool2dReference(const Pool2dPlan &plan, const Tensor &input);

} // namespace convscope
