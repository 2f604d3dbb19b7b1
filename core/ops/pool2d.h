#pragma once

#include "core/expected.h"
#include "core/ops/geometry.h"
#include "core/tensor.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace convscope {

enum class PoolType { Max, Average };

struct PoolOptions
{
    PoolType type = PoolType::Max;
    int kernelH = 2;
    int kernelW = 2;
    std::optional<int> strideH; // the kernel size when not given, as PyTorch
    std::optional<int> strideW;
    int padH = 0; // on both sides of the axis, as PyTorch
    int padW = 0;
    bool ceilMode = false; // PyTorch's ceil_mode: a last partial window is kept

    // The sliding window of these options (dilation 1), for core/ops/geometry.
    WindowSpec window() const;
};

struct Pool2dPlan
{
    Shape input;
    Shape output;
    Geometry geometry;
    PoolType type = PoolType::Max;
};

Expected<Pool2dPlan> planPool2d(const Shape &input, const PoolOptions &options);

struct PoolResult
{
    Tensor output;
    // Max pooling: for every output value, the flat index y·W + x of the winning input pixel in
    // its channel plane (PyTorch's return_indices). Empty for average pooling.
    std::vector<std::int64_t> argmax;
};

// Max pads with −∞ and the first maximum of a window wins a tie (a NaN wins outright, as in
// PyTorch). Average divides by the full window, padding included (count_include_pad).
PoolResult pool2d(const Pool2dPlan &plan, const Tensor &input);
// The same into existing buffers, whose allocations are reused (a training loop allocates
// nothing once the sizes have been seen); argmax is left empty for average pooling.
void pool2d(const Pool2dPlan &plan, const Tensor &input, Tensor &output,
            std::vector<std::int64_t> &argmax);
// The output alone, the same values, without the argmax that only the backward pass reads
// (inference: resnet18's 3×3 max pooling wrote 1.6 MB of winners it never used).
void pool2dValues(const Pool2dPlan &plan, const Tensor &input, Tensor &output);

// The backward pass of pool2d, beside it: max routes each output's gradient to the argmax of
// its window; average spreads it evenly over the window (padding's share dropped).
// gradInput is overwritten.
void pool2dBackward(const Pool2dPlan &plan, std::span<const std::int64_t> argmax,
                    const Tensor &gradOutput, Tensor &gradInput);

} // namespace convscope
