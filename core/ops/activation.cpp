#include "core/ops/activation.h"

#include "core/parallel.h"

#include <algorithm>
#include <cmath>

namespace convscope {

namespace {

struct NamedActivation
{
    Activation activation;
    std::string_view name;
};

constexpr NamedActivation kActivations[] = {{Activation::None, "none"},
                                            {Activation::Relu, "relu"},
                                            {Activation::LeakyRelu, "leaky-relu"},
                                            {Activation::Sigmoid, "sigmoid"},
                                            {Activation::Tanh, "tanh"},
                                            {Activation::Relu6, "relu6"}};

// Each value on its own, so any split gives the same values; below this many a thread, one
// thread is faster. LeNet-5's first ReLU at batch 64 (301,056 values) was 5 % of a step on
// one thread.
constexpr std::int64_t kMinValuesPerThread = std::int64_t(1) << 15;

// exp() of a large positive number overflows; this form never does.
float sigmoid(float x)
{
    if (x >= 0.0f)
        return 1.0f / (1.0f + std::exp(-x));
    const float e = std::exp(x);
    return e / (1.0f + e);
}

} // namespace

void applyActivation(Tensor &tensor, Activation activation, float leakySlope)
{
    activationForward(tensor, tensor, activation, leakySlope);
}

void activationForward(const Tensor &input, Tensor &output, Activation activation, float leakySlope)
{
    output.reshape(input.shape());
    const float *x = input.data();
    float *y = output.data();
    parallelFor(input.size(), kMinValuesPerThread, [&](std::int64_t begin, std::int64_t end) {
        switch (activation) {
        case Activation::None:
            if (x != y) // else in place: Network::infer
                std::copy(x + begin, x + end, y + begin);
            return;
        case Activation::Relu:
            for (std::int64_t i = begin; i < end; ++i)
                y[i] = x[i] > 0.0f ? x[i] : 0.0f;
            return;
        case Activation::LeakyRelu:
            for (std::int64_t i = begin; i < end; ++i)
                y[i] = x[i] > 0.0f ? x[i] : x[i] * leakySlope;
            return;
        case Activation::Sigmoid:
            std::transform(x + begin, x + end, y + begin, sigmoid);
            return;
        case Activation::Tanh:
            std::transform(x + begin, x + end, y + begin, [](float v) { return std::tanh(v); });
            return;
        case Activation::Relu6:
            for (std::int64_t i = begin; i < end; ++i)
                y[i] = std::min(x[i] > 0.0f ? x[i] : 0.0f, 6.0f);
            return;
        }
    });
}

// dL/dx from the activation's output y = f(x), which is all the derivatives need:
//   ReLU 1[y > 0], leaky ReLU 1 or the slope, sigmoid y·(1 − y), tanh 1 − y², ReLU6
//   1[0 < y < 6] (PyTorch's hardtanh passes no gradient at either bound)
void activationBackward(const Tensor &output, const Tensor &gradOutput, Tensor &gradInput,
                        Activation activation, float leakySlope)
{
    gradInput.reshape(output.shape());
    const float *y = output.data();
    const float *dy = gradOutput.data();
    float *dx = gradInput.data();
    parallelFor(output.size(), kMinValuesPerThread, [&](std::int64_t begin, std::int64_t end) {
        switch (activation) {
        case Activation::None:
            std::copy(dy + begin, dy + end, dx + begin);
            return;
        // dY is read before the test: read inside it, GCC made a branch of it, which took
        // 35 times as long on random signs.
        case Activation::Relu:
            for (std::int64_t i = begin; i < end; ++i) {
                const float g = dy[i];
                dx[i] = y[i] > 0.0f ? g : 0.0f;
            }
            return;
        case Activation::LeakyRelu:
            for (std::int64_t i = begin; i < end; ++i) {
                const float g = dy[i];
                dx[i] = y[i] > 0.0f ? g : g * leakySlope;
            }
            return;
        case Activation::Sigmoid:
            for (std::int64_t i = begin; i < end; ++i)
                dx[i] = dy[i] * y[i] * (1.0f - y[i]);
            return;
        case Activation::Tanh:
            for (std::int64_t i = begin; i < end; ++i)
                dx[i] = dy[i] * (1.0f - y[i] * y[i]);
            return;
        case Activation::Relu6:
            for (std::int64_t i = begin; i < end; ++i) {
                const float g = dy[i];
                dx[i] = y[i] > 0.0f && y[i] < 6.0f ? g : 0.0f;
            }
            return;
        }
    });
}

std::string_view activationName(Activation activation)
{
    for (const NamedActivation &a : kActivations) {
        if (a.activation == activation)
            return a.name;
    }
    return "none";
}

std::vector<std::string_view> activationNames()
{
    std::vector<std::string_view> names;
    for (const NamedActivation &a : kActivations)
        names.push_back(a.name);
    return names;
}

Expected<Activation> parseActivation(std::string_view name)
{
    for (const NamedActivation &a : kActivations) {
        if (a.name == name)
            return a.activation;
    }
    return makeError("unknown activation '", name,
                     "': choose none, relu, leaky-relu, sigmoid, tanh or relu6");
}

} // namespace convscope
