#pragma once

#include "core/expected.h"
#include "core/ops/activation.h"
#include "core/ops/conv2d.h"
#include "core/tensor.h"

#include <string>
#include <utility>
#include <vector>

namespace convscope {

// The convolution explorer's model, without Qt: the filters a student edits, the knobs, and
// what one update computes. The GUI runs computeConvolution() off its thread on every change;
// the benchmark times the same function.

// F filters, each with one K_h×K_w sub-filter per input channel (the lecture's "a filter has
// as many sub-filters as the input has channels").
struct FilterSet
{
    Tensor weights;          // F×C×KH×KW
    std::vector<float> bias; // F values
    std::string name;        // "sobel-x", "custom", ...

    int filterCount() const { return weights.shape().n; }
    int channels() const { return weights.shape().c; }
};

// The explorer applies a filter set in one of two ways:
//   standard:  output channel f = Σ_c x_c ⋆ w[f, c] + b_f          (F outputs, groups 1)
//   depthwise: output channel c·F + f = x_c ⋆ w[f, c] + b_f        (C·F outputs, groups C)
struct ConvSetup
{
    FilterSet filters;
    ConvOptions options;
    bool depthwise = false;
    Activation activation = Activation::None;
};

struct ConvOutcome
{
    Conv2dPlan plan;
    Tensor weights; // as conv2d takes them: F×C×KH×KW, or (C·F)×1×KH×KW for depthwise
    std::vector<float> bias;
    Tensor preActivation; // 1×F'×OH×OW
    Tensor output;        // after the activation; the same values without one
};

// K_h·K_w·C_in·C_out + C_out with the numbers of this setup, e.g. "3·3·3·2 + 2 = 56".
struct ParameterCount
{
    std::string formula;
    std::int64_t total = 0;
};
ParameterCount parameterCount(const Shape &weights, bool depthwise, int inputChannels);

// Validates the setup against the input (1×C×H×W) once, then convolves with the fast path.
Expected<ConvOutcome> computeConvolution(const Tensor &input, const ConvSetup &setup);

// The same into an outcome of an earlier call, whose buffers are reused.
Expected<void> computeConvolution(const Tensor &input, const ConvSetup &setup, ConvOutcome &outcome);

// One input × weight term of an output value.
struct DotTerm
{
    int channel = 0; // input channel
    int ky = 0;      // kernel position as drawn (after a flip, the weight comes from the
    int kx = 0;      // mirrored position)
    int y = 0;       // input position, outside the image for a padding cell
    int x = 0;
    float input = 0; // what the tap reads (0 for a zero-padding cell)
    float weight = 0;
    bool padding = false;
};

// How output value (channel, y, x) is made: every term, the bias, the sum and the activation.
struct DotProduct
{
    std::vector<DotTerm> terms;
    double bias = 0;
    double sum = 0; // Σ terms + bias, before the activation
    double value = 0;
};

DotProduct explainOutput(const ConvOutcome &outcome, const Tensor &input, int channel, int y, int x,
                         Activation activation);

// The input channels output channel o reads: all of them, or one for depthwise.
std::vector<int> inputChannelsOf(const ConvOutcome &outcome, int outputChannel);

// A file name stem that says what made a feature map, e.g. "camera_sobel-x_k3_s2_p1_d1"
// (per-axis values as "s2x1", per-side padding as "p1-1-0-2", then the pad mode, flip,
// depthwise and activation when they are not the defaults).
std::string exportStem(const std::string &imageName, const ConvSetup &setup,
                       const Geometry &geometry);

// The same settings spelled out, one "key: value" line each, for a sidecar or PNG metadata.
std::vector<std::pair<std::string, std::string>> exportSettings(const std::string &imageName,
                                                                const ConvSetup &setup,
                                                                const ConvOutcome &outcome);

} // namespace convscope
