#pragma once

#include "core/nn/layer.h"
#include "core/ops/activation.h"
#include "core/ops/conv2d.h"
#include "core/ops/pool2d.h"

#include <optional>

namespace convscope {

// The most weights one layer may have: 2^28 floats, a gigabyte with their gradients.
constexpr std::int64_t kMaxLayerWeights = std::int64_t(1) << 28;

// N×C×H×W → N×K×OH×OW with K filters of (C/G)×KH×KW, every option of core/ops/conv2d: G groups
// of channels, each seen by K/G of the filters (AlexNet's two GPUs, ResNeXt, depthwise G = C).
class ConvLayer final : public Layer
{
public:
    ConvLayer(int filters, int kernelH, int kernelW, ConvOptions options, bool bias);

    Expected<Shape> configure(const Shape &input) override;
    void allocate() override;
    std::int64_t parameterCount() const override;
    void forward(const Tensor &input, Tensor &output, Mode mode) override;
    void backward(const Tensor &input, const Tensor &output, const Tensor &gradOutput,
                  Tensor *gradInput) override;
    std::vector<Parameter *> parameters() override;
    std::int64_t multiplyAdds() const override;
    void initialize(std::mt19937_64 &rng, InitScheme scheme) override;

private:
    const Conv2dPlan &planFor(int batch);

    ConvOptions m_options;
    bool m_hasBias;
    int m_filters;
    int m_kernelH;
    int m_kernelW;
    Shape m_weightShape; // K×(C/G)×K_h×K_w, once configured
    Parameter m_weight;
    Parameter m_bias;
    Conv2dPlan m_plan; // for the last batch size seen
};

// N×C×H×W → N×C×OH×OW, max or average.
class PoolLayer final : public Layer
{
public:
    explicit PoolLayer(PoolOptions options);

    Expected<Shape> configure(const Shape &input) override;
    void forward(const Tensor &input, Tensor &output, Mode mode) override;
    void infer(const Tensor &input, Tensor &output) override;
    void backward(const Tensor &input, const Tensor &output, const Tensor &gradOutput,
                  Tensor *gradInput) override;
    std::int64_t multiplyAdds() const override;

private:
    const Pool2dPlan &planFor(int batch);

    PoolOptions m_options;
    Pool2dPlan m_plan;
    std::vector<std::int64_t> m_argmax;
};

// Element-wise, any shape.
class ActivationLayer final : public Layer
{
public:
    ActivationLayer(Activation activation, float leakySlope);

    Expected<Shape> configure(const Shape &input) override { return input; }
    bool infersInPlace() const override { return true; }
    void forward(const Tensor &input, Tensor &output, Mode mode) override;
    void backward(const Tensor &input, const Tensor &output, const Tensor &gradOutput,
                  Tensor *gradInput) override;

private:
    Activation m_activation;
    float m_slope;
};

// N×(C·H·W)×1×1 from N×C×H×W: the same values, seen as one vector per image.
class FlattenLayer final : public Layer
{
public:
    Expected<Shape> configure(const Shape &input) override;
    void forward(const Tensor &input, Tensor &output, Mode mode) override;
    void backward(const Tensor &input, const Tensor &output, const Tensor &gradOutput,
                  Tensor *gradInput) override;
};

// Fully connected, PyTorch's nn.Linear: y = W·x + b with W of units × inputs, where the
// inputs are the C·H·W values of an image (so a flatten before it is optional).
class DenseLayer final : public Layer
{
public:
    DenseLayer(int units, bool bias);

    Expected<Shape> configure(const Shape &input) override;
    void allocate() override;
    std::int64_t parameterCount() const override;
    void forward(const Tensor &input, Tensor &output, Mode mode) override;
    void backward(const Tensor &input, const Tensor &output, const Tensor &gradOutput,
                  Tensor *gradInput) override;
    std::vector<Parameter *> parameters() override;
    std::int64_t multiplyAdds() const override;
    void initialize(std::mt19937_64 &rng, InitScheme scheme) override;

private:
    int m_units;
    int m_inputs = 0;
    bool m_hasBias;
    Parameter m_weight;
    Parameter m_bias;
};

// Inverted dropout: while training, each value is zeroed with probability p and the others are
// scaled by 1/(1 − p), so that inference needs no rescaling. Its own seeded stream.
class DropoutLayer final : public Layer
{
public:
    explicit DropoutLayer(float rate);

    Expected<Shape> configure(const Shape &input) override { return input; }
    void forward(const Tensor &input, Tensor &output, Mode mode) override;
    void backward(const Tensor &input, const Tensor &output, const Tensor &gradOutput,
                  Tensor *gradInput) override;
    void initialize(std::mt19937_64 &rng, InitScheme scheme) override;

private:
    float m_rate;
    std::mt19937_64 m_rng;
    std::vector<float> m_mask; // 0 or 1/(1 − p) per value of the last training batch
};

// PyTorch's BatchNorm2d, and BatchNorm1d on the N×C×1×1 values of a dense layer: each channel
// normalised over the batch, then scaled by γ and shifted by β (learned). The running mean and
// variance it keeps for inference are buffers: saved with the model, not trained.
class BatchNormLayer final : public Layer
{
public:
    BatchNormLayer(float epsilon, float momentum);

    Expected<Shape> configure(const Shape &input) override;
    void allocate() override;
    std::int64_t parameterCount() const override { return 2 * std::int64_t(m_channels); }
    bool infersInPlace() const override { return true; }
    void forward(const Tensor &input, Tensor &output, Mode mode) override;
    void backward(const Tensor &input, const Tensor &output, const Tensor &gradOutput,
                  Tensor *gradInput) override;
    std::vector<Parameter *> parameters() override;
    std::vector<Tensor *> buffers() override;
    void initialize(std::mt19937_64 &rng, InitScheme scheme) override;

private:
    void initialize();

    float m_epsilon;
    float m_momentum;
    int m_channels = 0;
    Parameter m_gamma;
    Parameter m_beta;
    Tensor m_runningMean;
    Tensor m_runningVar;
    Mode m_mode = Mode::Inference; // of the last forward pass: which statistics it used
    std::vector<double> m_mean;    // per channel, of the last forward pass
    std::vector<double> m_invStd;  // 1 / √(σ² + ε), likewise
};

// AlexNet's local response normalisation, as PyTorch's LocalResponseNorm: each value divided
// by (k + α/n · the sum of the squares of the n channels about its own)^β, at its place.
class LocalResponseNormLayer final : public Layer
{
public:
    LocalResponseNormLayer(int size, float alpha, float beta, float k);

    Expected<Shape> configure(const Shape &input) override { return input; }
    void forward(const Tensor &input, Tensor &output, Mode mode) override;
    void backward(const Tensor &input, const Tensor &output, const Tensor &gradOutput,
                  Tensor *gradInput) override;

private:
    int m_size;
    float m_alpha;
    float m_beta;
    float m_k;
    std::vector<float> m_scale; // k + α/n · Σ x² per value, of the last forward pass
};

// N×C×H×W → N×C×1×1, the mean of each plane: the head of GoogLeNet and ResNet.
class GlobalAvgPoolLayer final : public Layer
{
public:
    Expected<Shape> configure(const Shape &input) override;
    void forward(const Tensor &input, Tensor &output, Mode mode) override;
    void backward(const Tensor &input, const Tensor &output, const Tensor &gradOutput,
                  Tensor *gradInput) override;
};

} // namespace convscope
