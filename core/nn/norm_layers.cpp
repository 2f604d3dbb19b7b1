#include "core/nn/layers.h"
#include "core/ops/lane_sums.h"
#include "core/parallel.h"

#include <algorithm>
#include <cmath>

namespace convscope {

namespace {

// Channels are independent: one thread takes whole channels when a batch is large enough.
constexpr std::int64_t kMinValuesPerThread = std::int64_t(1) << 15;

// Calls f(c, offset) for the H·W values of each plane of channels [begin, end), image by image.
// A channel's planes come in the order of its images, as a per-channel loop gives them, so its
// sums are the same; but the reads go through memory in order, a run of (end − begin)·H·W
// values at a time. Reading one channel's planes instead, N runs of H·W values far apart, left
// the hardware prefetcher a run too short to follow: on data no longer in the cache, batch norm
// took 0.57 ms over 64×16×28×28 values against 0.21 ms on warm data.
template<typename F>
void forEachPlane(const Shape &s, int begin, int end, F &&f)
{
    for (int n = 0; n < s.n; ++n) {
        for (int c = begin; c < end; ++c)
            f(c, (std::int64_t(n) * s.c + c) * s.planeSize());
    }
}

// Channel c's mean and the sum of the squares about it, in double, from Σ d and Σ d² with
// d = x − x₀ (the channel's first value): Σ (x − μ)² = Σ d² − (Σ d)²/M. As x₀ is one of the M
// values, (x₀ − μ)² ≤ M·σ², so the subtraction cancels at most log₁₀ M of double's 16 digits.
struct CentredSums
{
    double shift = 0.0;
    LaneSums<double> sum, squares;

    double mean(std::int64_t count) const { return shift + sum.total() / double(count); }
    double squaresAboutMean(std::int64_t count) const
    {
        return std::max(0.0, squares.total() - sum.total() * sum.total() / double(count));
    }
};

// CentredSums of channels [begin, end) of x in one pass, which took a tenth off mini-resnet's
// forward passes of batch norm against two.
std::vector<CentredSums> centredSums(const Shape &s, int begin, int end, const float *x)
{
    std::vector<CentredSums> sums(size_t(end - begin));
    for (int c = begin; c < end; ++c)
        sums[size_t(c - begin)].shift = x[std::int64_t(c) * s.planeSize()];
    forEachPlane(s, begin, end, [&](int c, std::int64_t at) {
        CentredSums &channel = sums[size_t(c - begin)];
        const double shift = channel.shift;
        const float *const values[1] = {x + at};
        addBothWidened(
            values, s.planeSize(), channel.sum,
            [&](const Doubles4(&v)[1], Doubles4 &acc) { acc += v[0] - shift; }, channel.squares,
            [&](const Doubles4(&v)[1], Doubles4 &acc) {
                const Doubles4 d = v[0] - shift;
                acc += d * d;
            });
    });
    return sums;
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
                    const int first = int(begin), last = int(end);
                    std::vector<CentredSums> sums;
                    if (mode == Mode::Training)
                        sums = centredSums(s, first, last, x);
                    // Y = (X − p)·scale + shift about a float pivot p near μ: X − p loses
                    // nothing, where X·scale − μ·scale lost a channel's spread when it was
                    // small against μ (values near 10⁴ spread by 10⁻² came out 0.01 off).
                    std::vector<float> pivot, scale, shift;
                    for (int c = first; c < last; ++c) {
                        double mean = m_runningMean.data()[c], variance = m_runningVar.data()[c];
                        if (mode == Mode::Training) {
                            const CentredSums &channel = sums[size_t(c - first)];
                            mean = channel.mean(count);
                            const double squares = channel.squaresAboutMean(count);
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
                        const double gammaInvStd = m_gamma.value.data()[c] * invStd;
                        pivot.push_back(float(mean));
                        scale.push_back(float(gammaInvStd));
                        shift.push_back(float(m_beta.value.data()[c]
                                              + (double(pivot.back()) - mean) * gammaInvStd));
                    }
                    forEachPlane(s, first, last, [&](int c, std::int64_t at) {
                        const size_t k = size_t(c - first);
                        const float p = pivot[k], a = scale[k], b = shift[k];
                        for (std::int64_t i = 0; i < plane; ++i)
                            y[at + i] = (x[at + i] - p) * a + b;
                    });
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
                    const int first = int(begin), last = int(end);
                    std::vector<LaneSums<double>> sumDy(size_t(last - first)),
                        sumDyCentred(size_t(last - first));
                    forEachPlane(s, first, last, [&](int c, std::int64_t at) {
                        const size_t k = size_t(c - first);
                        const double mean = m_mean[size_t(c)];
                        const float *const values[2] = {dy + at, x + at};
                        addBothWidened(
                            values, plane, sumDy[k],
                            [](const Doubles4(&v)[2], Doubles4 &acc) { acc += v[0]; },
                            sumDyCentred[k],
                            [&](const Doubles4(&v)[2], Doubles4 &acc) {
                                acc += v[0] * (v[1] - mean);
                            });
                    });
                    const bool batchStatistics = m_mode == Mode::Training;
                    std::vector<float> pivot, factorDy, factorCentred, constant;
                    for (int c = first; c < last; ++c) {
                        const size_t k = size_t(c - first);
                        const double mean = m_mean[size_t(c)];
                        const double invStd = m_invStd[size_t(c)];
                        const double sumDyXhat = sumDyCentred[k].total() * invStd;
                        m_beta.gradient.data()[c] = float(sumDy[k].total());
                        m_gamma.gradient.data()[c] = float(sumDyXhat);
                        const double gammaInvStd = m_gamma.value.data()[c] * invStd;
                        const float b = batchStatistics ? float(-gammaInvStd * sumDyXhat * invStd
                                                                / double(count))
                                                        : 0.0f;
                        // About the forward pass's pivot, for the same reason.
                        pivot.push_back(float(mean));
                        factorDy.push_back(float(gammaInvStd));
                        factorCentred.push_back(b);
                        constant.push_back(
                            batchStatistics ? float(-gammaInvStd * sumDy[k].total() / double(count)
                                                    + double(b) * (double(pivot.back()) - mean))
                                            : 0.0f);
                    }
                    if (!dx)
                        return;
                    forEachPlane(s, first, last, [&](int c, std::int64_t at) {
                        const size_t k = size_t(c - first);
                        const float p = pivot[k], a = factorDy[k], b = factorCentred[k],
                                    d = constant[k];
                        for (std::int64_t i = 0; i < plane; ++i)
                            dx[at + i] = a * dy[at + i] + b * (x[at + i] - p) + d;
                    });
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
