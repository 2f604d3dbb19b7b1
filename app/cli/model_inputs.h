#pragma once

#include "core/expected.h"
#include "core/nn/model_file.h"

#include <string>

namespace convscope::cli {

// An image or .npy file made to look like an MNIST digit (core/nn/digit_input), 1×1×28×28 in
// [0, 1], checked against the model's input shape.
Expected<Tensor> loadDigitFor(const Model &model, const std::string &path);

// The network's input: the digit normalised as the model's training data was.
Tensor networkInput(const Model &model, const Tensor &digit);

} // namespace convscope::cli
