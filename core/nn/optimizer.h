#pragma once

#include "core/expected.h"
#include "core/nn/layer.h"

#include <string>
#include <string_view>
#include <vector>

namespace convscope {

enum class OptimizerKind { Sgd, Adam, AdamW, Adagrad, RmsProp, AdaDelta };
inline constexpr OptimizerKind kOptimizerKinds[] = {OptimizerKind::Sgd,
                                                    OptimizerKind::Adam,
                                                    OptimizerKind::AdamW,
                                                    OptimizerKind::Adagrad,
                                                    OptimizerKind::RmsProp,
                                                    OptimizerKind::AdaDelta};
// Constant; step: multiplied by gamma every stepEpochs epochs; cosine: from the base rate
// down to 0 over the whole run.
enum class ScheduleKind { Constant, Step, Cosine };

// The momentum that SGD with momentum starts from, as in most of the literature.
constexpr float kDefaultMomentum = 0.9f;

struct OptimizerSettings
{
    OptimizerKind kind = OptimizerKind::Sgd;
    float learningRate = 0.01f;
    float momentum = kDefaultMomentum; // SGD, RMSprop
    bool nesterov = false;             // SGD
    float weightDecay = 0.0f;          // L2 in the gradient; AdamW's decoupled decay
    float beta1 = 0.9f;                // Adam, AdamW
    float beta2 = 0.999f;
    float epsilon = 1e-8f; // the adaptive rules' guard against dividing by zero
    float alpha = 0.99f;   // RMSprop's smoothing of the squared gradient
    float rho = 0.9f;      // AdaDelta's smoothing
    float lrDecay = 0.0f;  // Adagrad's
    ScheduleKind schedule = ScheduleKind::Constant;
    int stepEpochs = 1;
    float gamma = 0.5f;

    // Checks the numbers, saying which is out of range.
    Expected<void> validate() const;
    // The learning rate of a step, given the steps per epoch and of the whole run.
    float learningRateAt(std::int64_t step, std::int64_t stepsPerEpoch,
                         std::int64_t totalSteps) const;
    // "adam lr 0.002 cosine", "sgd lr 0.01 constant momentum 0.9": what a model file records.
    std::string summary() const;

    // An optimizer as torch.optim makes it with its defaults (eps, alpha, rho, AdamW's weight
    // decay 0.01, RMSprop without momentum), at the recipes' learning rate for it; SGD with
    // the recipes' momentum 0.9.
    static OptimizerSettings defaultsFor(OptimizerKind kind);
};

// The base learning rate the recipes start an optimizer from (README, "Training recipes").
float recommendedLearningRate(OptimizerKind kind);

std::string_view optimizerName(OptimizerKind kind);
Expected<OptimizerKind> parseOptimizer(std::string_view name);
Expected<ScheduleKind> parseSchedule(std::string_view name);
std::string_view scheduleName(ScheduleKind kind);

// PyTorch's torch.optim rules, step t from 1 (weight decay λ added to the gradient, except
// AdamW's, which shrinks the weights):
//   SGD:      g = ∇ + λw;  b = μb + g;  w −= η·(nesterov ? g + μb : b)
//   Adam:     g = ∇ + λw;  m = β₁m + (1−β₁)g;  v = β₂v + (1−β₂)g²;
//             w −= η·(m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
//   AdamW:    w −= ηλw;  then Adam's step with g = ∇
//   Adagrad:  g = ∇ + λw;  s += g²;  w −= η / (1 + (t−1)·decay) · g / (√s + ε)
//   RMSprop:  g = ∇ + λw;  v = αv + (1−α)g²;  u = g / (√v + ε);
//             w −= η·(μ > 0 ? (b = μb + u) : u)
//   AdaDelta: g = ∇ + λw;  v = ρv + (1−ρ)g²;  d = √(a + ε) / √(v + ε) · g;
//             a = ρa + (1−ρ)d²;  w −= η·d
class Optimizer
{
public:
    explicit Optimizer(OptimizerSettings settings);

    void step(const std::vector<Parameter *> &parameters, float learningRate);
    const OptimizerSettings &settings() const { return m_settings; }

private:
    OptimizerSettings m_settings;
    // Per parameter: the momentum buffer, Adam's m, Adagrad's sum, RMSprop's or AdaDelta's v;
    // then Adam's v, RMSprop's momentum buffer, AdaDelta's a.
    std::vector<std::vector<float>> m_first;
    std::vector<std::vector<float>> m_second;
    std::int64_t m_steps = 0;
};

} // namespace convscope
