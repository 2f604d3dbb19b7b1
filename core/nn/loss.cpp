#include "core/nn/loss.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace convscope {

void softmax(const float *logits, int count, float *probabilities)
{
    const float top = *std::max_element(logits, logits + count);
    double sum = 0.0;
    for (int k = 0; k < count; ++k) {
        probabilities[k] = std::exp(logits[k] - top);
        sum += probabilities[k];
    }
    for (int k = 0; k < count; ++k)
        probabilities[k] = float(probabilities[k] / sum);
}

LossResult softmaxCrossEntropy(const Tensor &logits, std::span<const std::uint8_t> labels,
                               Tensor *gradLogits, float labelSmoothing)
{
    const int batch = logits.shape().n;
    const int classes = logits.shape().c * logits.shape().h * logits.shape().w;
    if (labels.size() != size_t(batch))
        throw std::invalid_argument("softmaxCrossEntropy: one label per image is needed");
    if (gradLogits)
        gradLogits->reshape(logits.shape());
    LossResult result;
    for (int n = 0; n < batch; ++n) {
        const float *z = logits.data() + std::int64_t(n) * classes;
        const int label = labels[size_t(n)];
        if (label >= classes)
            throw std::invalid_argument(
                "softmaxCrossEntropy: a label is not below the class count");
        const float *top = std::max_element(z, z + classes);
        double sum = 0.0;
        for (int k = 0; k < classes; ++k)
            sum += std::exp(double(z[k]) - *top);
        const double logSum = std::log(sum) + *top;
        double meanNegLog = 0.0;
        for (int k = 0; k < classes; ++k)
            meanNegLog += logSum - z[k];
        meanNegLog /= classes;
        result.loss += (1.0 - labelSmoothing) * (logSum - z[label]) + labelSmoothing * meanNegLog;
        result.correct += int(top - z) == label;
        if (!gradLogits)
            continue;
        float *g = gradLogits->data() + std::int64_t(n) * classes;
        for (int k = 0; k < classes; ++k) {
            const double target = (1.0 - labelSmoothing) * (k == label)
                                  + double(labelSmoothing) / classes;
            g[k] = float((std::exp(double(z[k]) - *top) / sum - target) / batch);
        }
    }
    result.loss /= std::max(batch, 1);
    return result;
}

} // namespace convscope
