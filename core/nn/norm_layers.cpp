#include "core/nn/layers.h"
#include "core/ops/lane_sums.h"
#include "core/parallel.h"

#include <algorithm>
#include <cmath>

namespace convscope {

namespace {

// Channels are independent: one thread takes whole channels when a batch is large enough.
constexpr std::int64_t kMinValuesPerThread = std::int64_t(1) << 15;

// Calls f(plane) for every image n of channel c with the offset of its H·W values: the N
// planes that channel normalises.
template<typename F>
void forEachPlane(const Shape &s, int c, F &&f)
{
    for (int n = 0; n < s.n; ++n)
        f((std::int64_t(n) * s.c + c) * s.planeSize());
}

// The mean of channel c of x and the sum of the squares about it, in double: Σ d and Σ d² with
// d = x − x₀ (the channel's first value) in one pass, Σ (x − μ)² = Σ d² − (Σ d)²/M. As x₀ is
// one of the M values, (x₀ − μ)² ≤ M·σ², so the subtraction cancels at most log₁₀ M of double's
// 16 digits. Reading the batch once instead of twice took a tenth off mini-resnet's forward
// passes of batch norm.
double centredSquares(const Shape &s, int c, const float *x, double &mean)
{
    const std::int64_t plane = s.planeSize(), count = std::int64_t(s.n) * plane;
    const double shift = x[std::int64_t(c) * plane];
    LaneSums<double> sum, squares;
    forEachPlane(s, c, [&](std::int64_t at) {
        const float *const values[1] = {x + at};
        addBothWidened(
            values, plane, sum, [&](const Doubles4(&v)[1], Doubles4 &acc) { acc += v[0] - shift; },
            squares,
            [&](const Doubles4(&v)[1], Doubles4 &acc) {
                const Doubles4 d = v[0] - shift;
                acc += d * d;
            });
    });
    mean = shift + sum.total() / double(count);
    return std::max(0.0, squares.total() - sum.total() * sum.total() / double(count));
}

} // namespace

BatchNormLayer::BatchNormLayer(float epsilon, float momentum)
    : m_epsilon(epsilon)
    , m_momentum(momentum)
{}

Expected<Shape> BatchNormLayer::configure(const Shape &input)
{
    if (!(m_epsilon > 0.0f) || !(m_momentum >= 0.0f && m_momentum <= 1.0f))
        return makeError("batch norm needs an epsilon above 0 and a momentum from 0 to 1, not ",
                         m_epsilon, " and ", m_momentum);
    m_channels = input.c;
    return input;
}

void BatchNormLayer::allocate()
{
    const Shape perChannel{1, m_channels, 1, 1};
    m_gamma = {"weight", Tensor(perChannel), Tensor(perChannel)};
    m_beta = {"bias", Tensor(perChannel), Tensor(perChannel)};
    m_runningMean = Tensor(perChannel);
    m_runningVar = Tensor(perChannel);
    initialize();
}

void BatchNormLayer::initialize()
{
    std::fill(m_gamma.value.values().begin(), m_gamma.value.values().end(), 1.0f);
    std::fill(m_beta.value.values().begin(), m_beta.value.values().end(), 0.0f);
    std::fill(m_runningMean.values().begin(), m_runningMean.values().end(), 0.0f);
    std::fill(m_runningVar.values().begin(), m_runningVar.values().end(), 1.0f);
}

void BatchNormLayer::initialize(std::mt19937_64 &, InitScheme)
{
    initialize();
}

// X: N×C×H×W, γ, β: C. Per channel c, over its M = N·H·W values:
// Training:  μ = mean, σ² = biased variance; running μ ← (1 − m)·μ_run + m·μ,
//            running σ² ← (1 − m)·σ²_run + m·σ²·M/(M − 1) (PyTorch's unbiased estimate)
// Inference: μ, σ² are the running ones.
// X̂ = (X − μ) / √(σ² + ε), Y = γ·X̂ + β.
void BatchNormLayer::forward(const Tensor &input, Tensor &output, Mode mode)
{
    const Shape &s = input.shape();
    output.reshape(s);
    m_mode = mode;
    m_mean.resize(size_t(s.c));
    m_invStd.resize(size_t(s.c));
    const std::int64_t plane = s.planeSize(), count = std::int64_t(s.n) * plane;
    const float *x = input.data();
    float *y = output.data();
    parallelFor(s.c, kMinValuesPerThread / std::max<std::int64_t>(count, 1) + 1,
                [&](std::int64_t begin, std::int64_t end) {
                    for (int c = int(begin); c < int(end); ++c) {
                        double mean = m_runningMean.data()[c], variance = m_runningVar.data()[c];
                        if (mode == Mode::Training) {
                            const double squares = centredSquares(s, c, x, mean);
                            variance = squares / double(count);
                            const double unbiased = count > 1 ? squares / double(count - 1)
                                                              : variance;
                            float &runMean = m_runningMean.data()[c],
                                  &runVar = m_runningVar.data()[c];
                            runMean = float((1.0 - m_momentum) * runMean + m_momentum * mean);
                            runVar = float((1.0 - m_momentum) * runVar + m_momentum * unbiased);
                        }
                        const double invStd = 1.0 / std::sqrt(variance + double(m_epsilon));
                        m_mean[size_t(c)] = mean;
                        m_invStd[size_t(c)] = invStd;
                        // Y = (X − p)·scale + shift about a float pivot p near μ: X − p loses
                        // nothing, where X·scale − μ·scale lost a channel's spread when it was
                        // small against μ (values near 10⁴ spread by 10⁻² came out 0.01 off).
                        const double gammaInvStd = m_gamma.value.data()[c] * invStd;
                        const float pivot = float(mean);
                        const float scale = float(gammaInvStd);
                        const float shift = float(m_beta.value.data()[c]
                                                  + (double(pivot) - mean) * gammaInvStd);
                        forEachPlane(s, c, [&](std::int64_t at) {
                            for (std::int64_t i = 0; i < plane; ++i)
                                y[at + i] = (x[at + i] - pivot) * scale + shift;
                        });
                    }
                });
}

// dβ = Σ dY, dγ = Σ dY·X̂ over each channel's M values.
// Training (μ and σ² depend on X): dX = γ/(M·√(σ² + ε)) · (M·dY − Σ dY − X̂·Σ dY·X̂),
//   computed as a·dY + b·(X − μ) + c with a = γ/√(σ² + ε), b = −a·Σ dY·X̂/(M·√(σ² + ε)),
//   c = −a·Σ dY/M, constants of the channel.
// Inference (running statistics, constants): dX = γ·dY/√(σ² + ε).
void BatchNormLayer::backward(const Tensor &input, const Tensor &, const Tensor &gradOutput,
                              Tensor *gradInput)
{
    const Shape &s = input.shape();
    if (gradInput)
        gradInput->reshape(s);
    const std::int64_t plane = s.planeSize(), count = std::int64_t(s.n) * plane;
    const float *x = input.data();
    const float *dy = gradOutput.data();
    float *dx = gradInput ? gradInput->data() : nullptr;
    parallelFor(s.c, kMinValuesPerThread / std::max<std::int64_t>(count, 1) + 1,
                [&](std::int64_t begin, std::int64_t end) {
                    for (int c = int(begin); c < int(end); ++c) {
                        const double mean = m_mean[size_t(c)];
                        const double invStd = m_invStd[size_t(c)];
                        LaneSums<double> sumDy, sumDyCentred;
                        forEachPlane(s, c, [&](std::int64_t at) {
                            const float *const values[2] = {dy + at, x + at};
                            addBothWidened(
                                values, plane, sumDy,
                                [](const Doubles4(&v)[2], Doubles4 &acc) { acc += v[0]; },
                                sumDyCentred,
                                [&](const Doubles4(&v)[2], Doubles4 &acc) {
                                    acc += v[0] * (v[1] - mean);
                                });
                        });
                        const double sumDyXhat = sumDyCentred.total() * invStd;
                        m_beta.gradient.data()[c] = float(sumDy.total());
                        m_gamma.gradient.data()[c] = float(sumDyXhat);
                        if (!dx)
                            continue;
                        const double gammaInvStd = m_gamma.value.data()[c] * invStd;
                        const bool batchStatistics = m_mode == Mode::Training;
                        const float a = float(gammaInvStd);
                        const float b = batchStatistics ? float(-gammaInvStd * sumDyXhat * invStd
                                                                / double(count))
                                                        : 0.0f;
                        // About the forward pass's pivot, for the same reason.
                        const float pivot = float(mean);
                        const float k = batchStatistics
                                            ? float(-gammaInvStd * sumDy.total() / double(count)
                                                    + double(b) * (double(pivot) - mean))
                                            : 0.0f;
                        forEachPlane(s, c, [&](std::int64_t at) {
                            for (std::int64_t i = 0; i < plane; ++i)
                                dx[at + i] = a * dy[at + i] + b * (x[at + i] - pivot) + k;
                        });
                    }
                });
}

std::vector<Parameter *> BatchNormLayer::parameters()
{
    return {&m_gamma, &m_beta};
}

std::vector<Tensor *> BatchNormLayer::buffers()
{
    return {&m_runningMean, &m_runningVar};
}

Expected<Shape> GlobalAvgPoolLayer::configure(const Shape &input)
{
    return Shape{1, input.c, 1, 1};
}

// N×C×H×W → N×C×1×1: Y[n,c] = Σ X[n,c,·,·] / (H·W).
void GlobalAvgPoolLayer::forward(const Tensor &input, Tensor &output, Mode)
{
    const Shape &s = input.shape();
    output.reshape({s.n, s.c, 1, 1});
    const std::int64_t plane = s.planeSize();
    for (std::int64_t p = 0; p < std::int64_t(s.n) * s.c; ++p) {
        double sum = 0.0;
        for (std::int64_t i = 0; i < plane; ++i)
            sum += input.data()[p * plane + i];
        output.data()[p] = float(sum / double(plane));
    }
}

// dX[n,c,y,x] = dY[n,c] / (H·W).
void GlobalAvgPoolLayer::backward(const Tensor &input, const Tensor &, const Tensor &gradOutput,
                                  Tensor *gradInput)
{
    if (!gradInput)
        return;
    const Shape &s = input.shape();
    gradInput->reshape(s);
    const std::int64_t plane = s.planeSize();
    for (std::int64_t p = 0; p < std::int64_t(s.n) * s.c; ++p) {
        const float share = gradOutput.data()[p] / float(plane);
        std::fill_n(gradInput->data() + p * plane, plane, share);
    }
}

LocalResponseNormLayer::LocalResponseNormLayer(int size, float alpha, float beta, float k)
    : m_size(size)
    , m_alpha(alpha)
    , m_beta(beta)
    , m_k(k)
{}

// N×C×H×W → N×C×H×W, PyTorch's window of n channels: from c − ⌊n/2⌋ to c + ⌊(n−1)/2⌋.
//   S[n,c,y,x] = k + α/n · Σ_{c′ in the window} X[n,c′,y,x]²,  Y = X · S^(−β)
void LocalResponseNormLayer::forward(const Tensor &input, Tensor &output, Mode)
{
    const Shape &s = input.shape();
    output.reshape(s);
    m_scale.assign(size_t(input.size()), 0.0f);
    const std::int64_t plane = s.planeSize();
    const int before = m_size / 2, after = (m_size - 1) / 2;
    for (int n = 0; n < s.n; ++n) {
        const float *x = input.data() + std::int64_t(n) * s.c * plane;
        float *scale = m_scale.data() + std::int64_t(n) * s.c * plane;
        float *y = output.data() + std::int64_t(n) * s.c * plane;
        for (int c = 0; c < s.c; ++c) {
            for (std::int64_t i = 0; i < plane; ++i) {
                double energy = 0.0;
                for (int j = std::max(0, c - before); j <= std::min(s.c - 1, c + after); ++j) {
                    const double v = x[std::int64_t(j) * plane + i];
                    energy += v * v;
                }
                const std::int64_t at = std::int64_t(c) * plane + i;
                scale[at] = float(m_k + m_alpha / m_size * energy);
                y[at] = float(x[at] * std::pow(double(scale[at]), -double(m_beta)));
            }
        }
    }
}

//   dX[c] = dY[c] · S[c]^(−β) − 2αβ/n · X[c] · Σ_{c′ whose window holds c} dY[c′] · X[c′] · S[c′]^(−β−1)
void LocalResponseNormLayer::backward(const Tensor &input, const Tensor &, const Tensor &gradOutput,
                                      Tensor *gradInput)
{
    if (!gradInput)
        return;
    const Shape &s = input.shape();
    gradInput->reshape(s);
    const std::int64_t plane = s.planeSize();
    const int before = m_size / 2, after = (m_size - 1) / 2;
    const double factor = 2.0 * m_alpha * m_beta / m_size;
    std::vector<double> carried(size_t(s.c));
    for (int n = 0; n < s.n; ++n) {
        const std::int64_t base = std::int64_t(n) * s.c * plane;
        const float *x = input.data() + base;
        const float *g = gradOutput.data() + base;
        const float *scale = m_scale.data() + base;
        float *dx = gradInput->data() + base;
        for (std::int64_t i = 0; i < plane; ++i) {
            for (int c = 0; c < s.c; ++c) {
                const std::int64_t at = std::int64_t(c) * plane + i;
                carried[size_t(c)] = g[at] * x[at]
                                     * std::pow(double(scale[at]), -double(m_beta) - 1.0);
            }
            for (int c = 0; c < s.c; ++c) {
                // The channels c′ whose window [c′ − before, c′ + after] holds c.
                double sum = 0.0;
                for (int j = std::max(0, c - after); j <= std::min(s.c - 1, c + before); ++j)
                    sum += carried[size_t(j)];
                const std::int64_t at = std::int64_t(c) * plane + i;
                dx[at] = float(g[at] * std::pow(double(scale[at]), -double(m_beta))
                               - factor * x[at] * sum);
            }
        }
    }
}

} // namespace convscope
