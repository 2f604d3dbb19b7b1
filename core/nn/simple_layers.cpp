#include "core/nn/layers.h"

#include <algorithm>

namespace convscope {

ActivationLayer::ActivationLayer(Activation activation, float leakySlope)
    : m_activation(activation)
    , m_slope(leakySlope)
{}

// Y = f(X) element-wise; the backward pass needs only Y.
void ActivationLayer::forward(const Tensor &input, Tensor &output, Mode)
{
    activationForward(input, output, m_activation, m_slope);
}

// dX = dY · f'(X), with f' written in terms of Y.
void ActivationLayer::backward(const Tensor &, const Tensor &output, const Tensor &gradOutput,
                               Tensor *gradInput)
{
    if (gradInput)
        activationBackward(output, gradOutput, *gradInput, m_activation, m_slope);
}

Expected<Shape> FlattenLayer::configure(const Shape &input)
{
    return Shape{1, int(std::int64_t(input.c) * input.h * input.w), 1, 1};
}

// N×C×H×W → N×(C·H·W)×1×1, the same values in the same order.
void FlattenLayer::forward(const Tensor &input, Tensor &output, Mode)
{
    const Shape &s = input.shape();
    output.reshape({s.n, s.c * s.h * s.w, 1, 1});
    std::copy(input.values().begin(), input.values().end(), output.values().begin());
}

// dX is dY in the input's shape.
void FlattenLayer::backward(const Tensor &input, const Tensor &, const Tensor &gradOutput,
                            Tensor *gradInput)
{
    if (!gradInput)
        return;
    gradInput->reshape(input.shape());
    std::copy(gradOutput.values().begin(), gradOutput.values().end(), gradInput->values().begin());
}

DropoutLayer::DropoutLayer(float rate)
    : m_rate(rate)
{}

void DropoutLayer::initialize(std::mt19937_64 &rng, InitScheme)
{
    m_rng.seed(rng());
}

// Training: Y = X ⊙ M with M = 0 (probability p) or 1/(1 − p), kept for backward.
// Inference: Y = X.
void DropoutLayer::forward(const Tensor &input, Tensor &output, Mode mode)
{
    output.reshape(input.shape());
    if (mode == Mode::Inference || m_rate <= 0.0f) {
        std::copy(input.values().begin(), input.values().end(), output.values().begin());
        m_mask.clear();
        return;
    }
    const float keep = 1.0f / (1.0f - m_rate);
    m_mask.resize(size_t(input.size()));
    for (size_t i = 0; i < m_mask.size(); ++i) {
        m_mask[i] = uniform01(m_rng) < m_rate ? 0.0f : keep;
        output.data()[i] = input.data()[i] * m_mask[i];
    }
}

// dX = dY ⊙ M (or dY after an inference pass).
void DropoutLayer::backward(const Tensor &, const Tensor &, const Tensor &gradOutput,
                            Tensor *gradInput)
{
    if (!gradInput)
        return;
    gradInput->reshape(gradOutput.shape());
    for (std::int64_t i = 0; i < gradOutput.size(); ++i)
        gradInput->data()[i] = gradOutput.data()[i] * (m_mask.empty() ? 1.0f : m_mask[size_t(i)]);
}

} // namespace convscope
