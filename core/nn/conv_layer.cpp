#include "core/nn/layers.h"

#include <algorithm>
#include <cmath>

namespace convscope {

ConvLayer::ConvLayer(int filters, int kernelH, int kernelW, ConvOptions options, bool bias)
    : m_options(options)
    , m_hasBias(bias)
    , m_filters(filters)
    , m_kernelH(kernelH)
    , m_kernelW(kernelW)
    , m_weight{"weight", {}, {}}
    , m_bias{"bias", {}, {}}
{}

Expected<Shape> ConvLayer::configure(const Shape &input)
{
    if (m_filters < 1)
        return makeError("a convolution needs at least 1 filter, not ", m_filters);
    // Counted before anything is planned or allocated, factor by factor so that it cannot
    // overflow: "conv 2 32,2147483647" once asked for 37.7 GB.
    const int groups = std::max(m_options.groups, 1);
    const int perGroup = input.c / groups;
    std::int64_t weights = 1;
    for (std::int64_t factor : {std::int64_t(m_filters), std::int64_t(perGroup),
                                std::int64_t(m_kernelH), std::int64_t(m_kernelW)}) {
        if (factor > 0 && weights > kMaxLayerWeights / factor)
            return makeError("a convolution of ", m_filters,
                             m_filters == 1 ? " filter of " : " filters of ", perGroup, "×",
                             m_kernelH, "×", m_kernelW, " needs more than ", kMaxLayerWeights,
                             " weights: use fewer or smaller filters");
        weights *= std::max<std::int64_t>(factor, 0);
    }
    // planConv2d says why channels or filters do not split into the groups.
    const Shape weight{m_filters, input.c % groups == 0 ? perGroup : input.c, m_kernelH, m_kernelW};
    Expected<Conv2dPlan> plan = planConv2d(input, weight, m_hasBias ? m_filters : 0, m_options);
    if (!plan)
        return plan.error();
    m_plan = *plan;
    m_weightShape = weight;
    return Shape{1, plan->output.c, plan->output.h, plan->output.w};
}

void ConvLayer::allocate()
{
    const Shape bias{1, m_hasBias ? m_filters : 0, 1, 1};
    m_weight = {"weight", Tensor(m_weightShape), Tensor(m_weightShape)};
    m_bias = {"bias", Tensor(bias), Tensor(bias)};
}

std::int64_t ConvLayer::parameterCount() const
{
    return m_weightShape.count() + (m_hasBias ? m_filters : 0);
}

const Conv2dPlan &ConvLayer::planFor(int batch)
{
    if (m_plan.input.n != batch) {
        m_plan.input.n = batch;
        m_plan.output.n = batch;
    }
    return m_plan;
}

// X: N×C×H×W, W: K×(C/G)×K_h×K_w, b: K → Y: N×K×O_h×O_w, filter k reading the C/G channels
// of its group ⌊k·G/K⌋ (core/ops/conv2d's fast path).
void ConvLayer::forward(const Tensor &input, Tensor &output, Mode)
{
    conv2d(planFor(input.shape().n), input, m_weight.value, m_bias.value.values(), output);
}

// dW, db and dX from dY by core/ops/conv2d's backward pass; the forward caches nothing but X.
void ConvLayer::backward(const Tensor &input, const Tensor &, const Tensor &gradOutput,
                         Tensor *gradInput)
{
    conv2dBackward(planFor(input.shape().n), input, m_weight.value, gradOutput, gradInput,
                   m_weight.gradient, m_bias.gradient.values());
}

std::vector<Parameter *> ConvLayer::parameters()
{
    if (m_hasBias)
        return {&m_weight, &m_bias};
    return {&m_weight};
}

std::int64_t ConvLayer::multiplyAdds() const
{
    const Shape &w = m_weightShape;
    return std::int64_t(m_plan.output.c) * m_plan.output.h * m_plan.output.w * w.c * w.h * w.w;
}

void ConvLayer::initialize(std::mt19937_64 &rng, InitScheme scheme)
{
    const Shape &w = m_weight.value.shape();
    const double fanIn = double(w.c) * w.h * w.w;
    const double fanOut = double(w.n) * w.h * w.w;
    const double bound = scheme == InitScheme::He ? std::sqrt(6.0 / fanIn)
                                                  : std::sqrt(6.0 / (fanIn + fanOut));
    for (float &v : m_weight.value.values())
        v = float((2.0 * uniform01(rng) - 1.0) * bound);
    std::fill(m_bias.value.values().begin(), m_bias.value.values().end(), 0.0f);
}

} // namespace convscope
