#include "core/nn/layers.h"
#include "core/parallel.h"

#include <Eigen/Core>

#include <cmath>

namespace convscope {

namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstMap = Eigen::Map<const RowMatrix>;
using Map = Eigen::Map<RowMatrix>;

constexpr std::int64_t kMinMultiplyAddsPerThread = std::int64_t(1) << 18;

} // namespace

DenseLayer::DenseLayer(int units, bool bias)
    : m_units(units)
    , m_hasBias(bias)
{}

Expected<Shape> DenseLayer::configure(const Shape &input)
{
    if (m_units < 1)
        return makeError("a dense layer needs at least 1 unit, not ", m_units);
    const std::int64_t inputs = std::int64_t(input.c) * input.h * input.w;
    if (inputs > kMaxLayerWeights / m_units)
        return makeError("a dense layer of ", m_units, " units on ", inputs,
                         " inputs needs more than the ", kMaxLayerWeights,
                         " weights ConvScope allows: pool or stride the input down first, or "
                         "use fewer units");
    m_inputs = int(inputs);
    return Shape{1, m_units, 1, 1};
}

void DenseLayer::allocate()
{
    const Shape weight{1, 1, m_units, m_inputs};
    const Shape bias{1, m_hasBias ? m_units : 0, 1, 1};
    m_weight = {"weight", Tensor(weight), Tensor(weight)};
    m_bias = {"bias", Tensor(bias), Tensor(bias)};
}

std::int64_t DenseLayer::parameterCount() const
{
    return std::int64_t(m_units) * m_inputs + (m_hasBias ? m_units : 0);
}

// X: N×I (the C·H·W values of each image), W: U×I, b: U → Y = X·Wᵀ + b: N×U.
void DenseLayer::forward(const Tensor &input, Tensor &output, Mode)
{
    const int batch = input.shape().n;
    output.reshape({batch, m_units, 1, 1});
    ConstMap x(input.data(), batch, m_inputs);
    ConstMap w(m_weight.value.data(), m_units, m_inputs);
    Map y(output.data(), batch, m_units);
    parallelFor(batch, kMinMultiplyAddsPerThread / (std::int64_t(m_inputs) * m_units) + 1,
                [&](std::int64_t begin, std::int64_t end) {
                    y.middleRows(begin, end - begin).noalias() = x.middleRows(begin, end - begin)
                                                                 * w.transpose();
                    if (m_hasBias) {
                        Eigen::Map<const Eigen::RowVectorXf> b(m_bias.value.data(), m_units);
                        y.middleRows(begin, end - begin).rowwise() += b;
                    }
                });
}

// dW = dYᵀ·X (U×I), db = Σ_n dY[n], dX = dY·W (N×I). dW is split over units, not images,
// so that every weight's sum runs over the batch in the same order whatever the threads.
void DenseLayer::backward(const Tensor &input, const Tensor &, const Tensor &gradOutput,
                          Tensor *gradInput)
{
    const int batch = input.shape().n;
    ConstMap x(input.data(), batch, m_inputs);
    ConstMap w(m_weight.value.data(), m_units, m_inputs);
    ConstMap dy(gradOutput.data(), batch, m_units);
    Map dw(m_weight.gradient.data(), m_units, m_inputs);
    const std::int64_t perUnit = std::int64_t(batch) * m_inputs;
    parallelFor(m_units, kMinMultiplyAddsPerThread / perUnit + 1,
                [&](std::int64_t begin, std::int64_t end) {
                    dw.middleRows(begin, end - begin).noalias()
                        = dy.middleCols(begin, end - begin).transpose() * x;
                });
    if (m_hasBias) {
        float *db = m_bias.gradient.data();
        std::fill(db, db + m_units, 0.0f);
        for (int n = 0; n < batch; ++n) {
            for (int u = 0; u < m_units; ++u)
                db[u] += gradOutput.data()[std::int64_t(n) * m_units + u];
        }
    }
    if (!gradInput)
        return;
    gradInput->reshape(input.shape());
    Map dx(gradInput->data(), batch, m_inputs);
    parallelFor(batch, kMinMultiplyAddsPerThread / (std::int64_t(m_inputs) * m_units) + 1,
                [&](std::int64_t begin, std::int64_t end) {
                    dx.middleRows(begin, end - begin).noalias() = dy.middleRows(begin, end - begin)
                                                                  * w;
                });
}

std::vector<Parameter *> DenseLayer::parameters()
{
    if (m_hasBias)
        return {&m_weight, &m_bias};
    return {&m_weight};
}

std::int64_t DenseLayer::multiplyAdds() const
{
    return std::int64_t(m_units) * m_inputs;
}

void DenseLayer::initialize(std::mt19937_64 &rng, InitScheme scheme)
{
    const double bound = scheme == InitScheme::He ? std::sqrt(6.0 / m_inputs)
                                                  : std::sqrt(6.0 / (m_inputs + m_units));
    for (float &v : m_weight.value.values())
        v = float((2.0 * uniform01(rng) - 1.0) * bound);
    std::fill(m_bias.value.values().begin(), m_bias.value.values().end(), 0.0f);
}

} // namespace convscope
