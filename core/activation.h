#pragma once

#include "expected.h"
#include "tensor.h"

#include <string>
#include <string_view>
#include <vector>

namespace convscope {

enum class Activation { None, Relu, LeakyRelu, Sigmoid, Tanh };

constexpr float kDefaultLeakySlope = 0.01f; // PyTorch's default negative_slope

void applyActivation(Tensor &tensor, Activation activation, float leakySlope = kDefaultLeakySlope);

std::string_view activationName(Activation activation);
Expected<Activation> parseActivation(std::string_view name);
std::vector<std::string_view> activationNames();

} // namespace convscope
