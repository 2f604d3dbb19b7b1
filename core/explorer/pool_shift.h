#pragma once

#include "core/expected.h"
#include "core/ops/pool2d.h"
#include "core/tensor.h"

#include <cstdint>
#include <vector>

namespace convscope {

// The input moved one pixel to the right; its first column repeats the edge.
Tensor shiftedRight(const Tensor &input);

// What a one-pixel shift of the input does to a pooling, counted only over the windows where
// something is: a window whose values are (nearly) all equal before and after the shift
// (background) pools to the same value under any pooling, and counting it would hide the
// point. "Nearly": they spread over at most 1 % of the input's range. For the contrast, the
// same count for the other pooling type (average for max, max for average).
struct ShiftComparison
{
    Tensor before;                       // the pooled input, 1×C×O_h×O_w
    Tensor after;                        // the pooled shifted input
    std::vector<std::uint8_t> content;   // per pooled value: its window holds something
    std::vector<std::uint8_t> unchanged; // per pooled value: the shift left it as it was
    std::int64_t windows = 0;            // C·O_h·O_w
    std::int64_t withContent = 0;
    std::int64_t unchangedWithContent = 0;
    std::int64_t otherUnchangedWithContent = 0;
};

// input is 1×C×H×W; options must plan on it.
Expected<ShiftComparison> compareShift(const Tensor &input, const PoolOptions &options);

} // namespace convscope
