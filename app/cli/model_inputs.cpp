#include "app/cli/model_inputs.h"

#include "core/io/tensor_io.h"
#include "core/nn/digit_input.h"

namespace convscope::cli {

Expected<Tensor> loadDigitFor(const Model &model, const std::string &path)
{
    const Shape &in = model.network.inputShape();
    if (in.c != 1 || in.h != kDigitSize || in.w != kDigitSize)
        return makeError("the model takes ", in.imageString(),
                         " inputs, not 1×28×28 "
                         "digits: predict and featuremaps work on digit models");
    Expected<TensorFile> file = loadTensorFile(path, ColorMode::Auto);
    if (!file)
        return file.error();
    Expected<Tensor> digit = mnistStyleDigit(file->tensor);
    if (!digit)
        return makeError(path, ": ", digit.error().message);
    return digit;
}

Tensor networkInput(const Model &model, const Tensor &digit)
{
    return normalizedImage(digit.data(), digit.shape().h, digit.shape().w, model.normalization);
}

} // namespace convscope::cli
