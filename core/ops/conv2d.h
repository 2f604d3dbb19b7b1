#pragma once

#include "core/expected.h"
#include "core/ops/geometry.h"
#include "core/tensor.h"

#include <span>

namespace convscope {

// Everything of a convolution but its kernel size, which the weight tensor gives.
struct ConvOptions
{
    int strideH = 1;
    int strideW = 1;
    int dilationH = 1;
    int dilationW = 1;
    PaddingSpec padding;
    PadMode padMode = PadMode::Zero;
    int groups = 1;          // C_in / groups channels feed each filter; groups = C_in is depthwise
    bool flipKernel = false; // true convolution instead of PyTorch's cross-correlation

    // The sliding window of these options with a KH×KW kernel, for core/ops/geometry.
    WindowSpec window(int kernelH, int kernelW) const;
};

// A validated convolution: shapes are checked once, here, and forward passes trust it.
struct Conv2dPlan
{
    Shape input;  // N×C×H×W
    Shape weight; // K×(C/groups)×KH×KW
    Shape output; // N×K×OH×OW
    Geometry geometry;
    int groups = 1;
    bool flipKernel = false;
    bool hasBias = false;

    int inputChannelsPerGroup() const { return input.c / groups; }
    int outputChannelsPerGroup() const { return output.c / groups; }
    // Multiply-adds of one forward pass over the whole batch.
    std::int64_t multiplyAdds() const;
};

// biasCount is 0 (no bias) or the number of filters K.
Expected<Conv2dPlan> planConv2d(const Shape &input, const Shape &weight, int biasCount,
                                const ConvOptions &options);

// The fast path: im2col over blocks of output pixels and one GEMM per block, or a direct
// kernel for depthwise filters. Inputs must have the plan's shapes.
Tensor conv2d(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
              std::span<const float> bias = {});
// The same into an existing tensor, whose allocation is reused: an explorer that recomputes on
// every slider move allocates nothing once the sizes have been seen.
void conv2d(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
            std::span<const float> bias, Tensor &output);

// The backward pass of conv2d, beside it: given dL/dY (the plan's output shape),
//   dW[k, r] = Σ_(n,p) dY[n, k, p] · cols[r, (n, p)]      r over C_g·K_h·K_w
//   db[k]    = Σ_(n,p) dY[n, k, p]
//   dX       = col2im(Wᵀ · dY), then every padding cell's gradient goes to the pixel it
//              copied (reflect, replicate) or is dropped (zero)
// with W flipped back when the plan flips. gradInput may be null (a first layer needs none);
// gradBias is empty when the plan has no bias. All gradients are overwritten, not added to.
void conv2dBackward(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
                    const Tensor &gradOutput, Tensor *gradInput, Tensor &gradWeight,
                    std::span<float> gradBias);

} // namespace convscope
