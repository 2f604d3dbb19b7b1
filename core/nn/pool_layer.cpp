#include "core/nn/layers.h"

namespace convscope {

PoolLayer::PoolLayer(PoolOptions options)
    : m_options(options)
{}

Expected<Shape> PoolLayer::configure(const Shape &input)
{
    Expected<Pool2dPlan> plan = planPool2d(input, m_options);
    if (!plan)
        return plan.error();
    m_plan = *plan;
    return plan->output;
}

const Pool2dPlan &PoolLayer::planFor(int batch)
{
    m_plan.input.n = batch;
    m_plan.output.n = batch;
    return m_plan;
}

// X: N×C×H×W → Y: N×C×O_h×O_w; max pooling caches the argmax of every window for backward.
void PoolLayer::forward(const Tensor &input, Tensor &output, Mode)
{
    pool2d(planFor(input.shape().n), input, output, m_argmax);
}

// The same output, without the argmax: no backward pass follows.
void PoolLayer::infer(const Tensor &input, Tensor &output)
{
    pool2dValues(planFor(input.shape().n), input, output);
}

// dX from dY: to the cached argmax (max) or spread over the window (average).
void PoolLayer::backward(const Tensor &input, const Tensor &, const Tensor &gradOutput,
                         Tensor *gradInput)
{
    if (gradInput)
        pool2dBackward(planFor(input.shape().n), m_argmax, gradOutput, *gradInput);
}

std::int64_t PoolLayer::multiplyAdds() const
{
    return 0; // comparisons or additions only
}

} // namespace convscope
