#pragma once

#include "core/expected.h"
#include "core/tensor.h"

#include <string>
#include <string_view>
#include <vector>

namespace convscope {

// Relu6 is min(max(x, 0), 6), MobileNet's.
enum class Activation { None, Relu, LeakyRelu, Sigmoid, Tanh, Relu6 };

constexpr float kDefaultLeakySlope = 0.01f; // PyTorch's default negative_slope

void applyActivation(Tensor &tensor, Activation activation, float leakySlope = kDefaultLeakySlope);
// output = f(input); output may be input itself.
void activationForward(const Tensor &input, Tensor &output, Activation activation,
                       float leakySlope = kDefaultLeakySlope);
// The backward pass, from the forward's output y (leaky ReLU needs a slope ≥ 0 for y to tell
// the sides apart). gradInput is overwritten; it may be gradOutput itself.
void activationBackward(const Tensor &output, const Tensor &gradOutput, Tensor &gradInput,
                        Activation activation, float leakySlope = kDefaultLeakySlope);

std::string_view activationName(Activation activation);
Expected<Activation> parseActivation(std::string_view name);
std::vector<std::string_view> activationNames();

} // namespace convscope
