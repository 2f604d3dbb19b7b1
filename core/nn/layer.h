#pragma once

#include "core/expected.h"
#include "core/tensor.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace convscope {

// Dropout drops only while training; everything else behaves the same in both modes.
enum class Mode { Inference, Training };

// Weights are drawn from U(−a, a): He (a = √(6 / fan_in)) before a ReLU, Xavier/Glorot
// (a = √(6 / (fan_in + fan_out))) elsewhere; biases start at zero.
enum class InitScheme { He, Xavier };

struct Parameter
{
    std::string name; // "weight" or "bias"
    Tensor value;
    Tensor gradient;
};

// A layer of a network. Shapes are validated once, in configure(); forward and backward then
// trust them, for any batch size N.
class Layer
{
public:
    virtual ~Layer() = default;

    // Checks a per-image input shape (n = 1) and returns the per-image output shape, or what is
    // wrong with the numbers. Called once, before anything else; it allocates nothing, so that
    // a network of any size can be described and a too large one refused before it exists.
    virtual Expected<Shape> configure(const Shape &input) = 0;
    // The weights and gradients configure() sized, once the network has been found sound.
    virtual void allocate() {}
    // Weights and biases that allocate() will make, known after configure().
    virtual std::int64_t parameterCount() const { return 0; }
    // output = f(input); the layer keeps what its backward pass needs (argmax, dropout mask).
    virtual void forward(const Tensor &input, Tensor &output, Mode mode) = 0;
    // forward(input, output, Mode::Inference) with no backward pass to follow (Network::infer):
    // the same output, without what only the backward pass reads.
    virtual void infer(const Tensor &input, Tensor &output)
    {
        forward(input, output, Mode::Inference);
    }
    // From dL/d(output): each parameter's gradient (overwritten) and, unless gradInput is null,
    // dL/d(input). input and output are the tensors of the last forward pass.
    virtual void backward(const Tensor &input, const Tensor &output, const Tensor &gradOutput,
                          Tensor *gradInput)
        = 0;

    virtual std::vector<Parameter *> parameters() { return {}; }
    // State that is saved with the weights but not trained (batch norm's running statistics).
    virtual std::vector<Tensor *> buffers() { return {}; }
    // Per image, for the architecture table.
    virtual std::int64_t multiplyAdds() const { return 0; }
    // Whether forward(x, x, Mode::Inference) is right: each output value computed from the input
    // value at its place alone, so that Network::infer may write the output over the input.
    virtual bool infersInPlace() const { return false; }
    virtual void initialize(std::mt19937_64 &, InitScheme) {}
};

// Uniform in [0, 1) from 24 random bits, the same on every standard library (the std
// distributions are not).
inline float uniform01(std::mt19937_64 &rng)
{
    return float(rng() >> 40) * (1.0f / 16777216.0f);
}

} // namespace convscope
