#include "core/nn/optimizer.h"

#include <cmath>
#include <numbers>

namespace convscope {

std::string OptimizerSettings::summary() const
{
    return concat(optimizerName(kind), " lr ", learningRate, " ", scheduleName(schedule),
                  kind == OptimizerKind::Sgd ? concat(" momentum ", momentum) : "",
                  weightDecay > 0 ? concat(" weight-decay ", weightDecay) : "");
}

float recommendedLearningRate(OptimizerKind kind)
{
    return kind == OptimizerKind::Adam ? 0.002f : 0.01f;
}

Expected<void> OptimizerSettings::validate() const
{
    if (!(learningRate > 0.0f) || !std::isfinite(learningRate))
        return makeError("the learning rate ", learningRate, " must be a positive number");
    if (!(momentum >= 0.0f && momentum < 1.0f))
        return makeError("the momentum ", momentum, " must be at least 0 and below 1");
    if (!(weightDecay >= 0.0f) || !std::isfinite(weightDecay))
        return makeError("the weight decay ", weightDecay, " must be 0 or more");
    if (!(beta1 >= 0.0f && beta1 < 1.0f && beta2 >= 0.0f && beta2 < 1.0f))
        return makeError("Adam's betas ", beta1, " and ", beta2, " must be at least 0 and below 1");
    if (!(epsilon > 0.0f))
        return makeError("Adam's epsilon ", epsilon, " must be positive");
    if (schedule == ScheduleKind::Step && (stepEpochs < 1 || !(gamma > 0.0f && gamma <= 1.0f)))
        return makeError("a step schedule needs a period of at least 1 epoch (not ", stepEpochs,
                         ") and a factor in (0, 1] (not ", gamma, ")");
    return {};
}

float OptimizerSettings::learningRateAt(std::int64_t step, std::int64_t stepsPerEpoch,
                                        std::int64_t totalSteps) const
{
    switch (schedule) {
    case ScheduleKind::Constant:
        break;
    case ScheduleKind::Step: {
        const std::int64_t epoch = step / std::max<std::int64_t>(stepsPerEpoch, 1);
        return learningRate * std::pow(gamma, float(epoch / stepEpochs));
    }
    case ScheduleKind::Cosine: {
        const double t = double(step) / double(std::max<std::int64_t>(totalSteps, 1));
        return float(learningRate * 0.5 * (1.0 + std::cos(std::numbers::pi * std::min(t, 1.0))));
    }
    }
    return learningRate;
}

std::string_view optimizerName(OptimizerKind kind)
{
    return kind == OptimizerKind::Adam ? "adam" : "sgd";
}

Expected<OptimizerKind> parseOptimizer(std::string_view name)
{
    if (name == "sgd")
        return OptimizerKind::Sgd;
    if (name == "adam")
        return OptimizerKind::Adam;
    return makeError("unknown optimizer '", name, "': use sgd or adam");
}

std::string_view scheduleName(ScheduleKind kind)
{
    switch (kind) {
    case ScheduleKind::Step:
        return "step";
    case ScheduleKind::Cosine:
        return "cosine";
    case ScheduleKind::Constant:
        break;
    }
    return "constant";
}

Expected<ScheduleKind> parseSchedule(std::string_view name)
{
    for (ScheduleKind kind : {ScheduleKind::Constant, ScheduleKind::Step, ScheduleKind::Cosine}) {
        if (scheduleName(kind) == name)
            return kind;
    }
    return makeError("unknown schedule '", name, "': use constant, step or cosine");
}

Optimizer::Optimizer(OptimizerSettings settings)
    : m_settings(settings)
{}

namespace {

// One loop per rule, on restrict pointers, so that the compiler vectorises them: with the rule
// chosen inside the loop, Adam's square root and division ran one float at a time and took
// two thirds of a batch-1 training step.
void sgdUpdate(float *__restrict w, const float *__restrict grad, float *__restrict b,
               std::int64_t count, const OptimizerSettings &s, float rate)
{
    const float momentum = s.momentum, decay = s.weightDecay;
    if (s.nesterov) {
        for (std::int64_t j = 0; j < count; ++j) {
            const float g = grad[j] + decay * w[j];
            b[j] = momentum * b[j] + g;
            w[j] -= rate * (g + momentum * b[j]);
        }
        return;
    }
    for (std::int64_t j = 0; j < count; ++j) {
        b[j] = momentum * b[j] + grad[j] + decay * w[j];
        w[j] -= rate * b[j];
    }
}

void adamUpdate(float *__restrict w, const float *__restrict grad, float *__restrict m,
                float *__restrict v, std::int64_t count, const OptimizerSettings &s, float rate,
                float correction1, float correction2)
{
    const float beta1 = s.beta1, beta2 = s.beta2, decay = s.weightDecay, epsilon = s.epsilon;
    const float step = rate / correction1, inverse2 = 1.0f / correction2;
    for (std::int64_t j = 0; j < count; ++j) {
        const float g = grad[j] + decay * w[j];
        m[j] = beta1 * m[j] + (1.0f - beta1) * g;
        v[j] = beta2 * v[j] + (1.0f - beta2) * g * g;
        w[j] -= step * m[j] / (std::sqrt(v[j] * inverse2) + epsilon);
    }
}

} // namespace

void Optimizer::step(const std::vector<Parameter *> &parameters, float learningRate)
{
    const OptimizerSettings &s = m_settings;
    if (m_first.empty()) {
        for (const Parameter *p : parameters) {
            m_first.emplace_back(size_t(p->value.size()), 0.0f);
            m_second.emplace_back(s.kind == OptimizerKind::Adam ? size_t(p->value.size()) : 0, 0.0f);
        }
    }
    ++m_steps;
    const float correction1 = 1.0f - std::pow(s.beta1, float(m_steps));
    const float correction2 = 1.0f - std::pow(s.beta2, float(m_steps));
    for (size_t i = 0; i < parameters.size(); ++i) {
        float *w = parameters[i]->value.data();
        const float *grad = parameters[i]->gradient.data();
        const std::int64_t count = parameters[i]->value.size();
        if (s.kind == OptimizerKind::Sgd)
            sgdUpdate(w, grad, m_first[i].data(), count, s, learningRate);
        else
            adamUpdate(w, grad, m_first[i].data(), m_second[i].data(), count, s, learningRate,
                       correction1, correction2);
    }
}

} // namespace convscope
