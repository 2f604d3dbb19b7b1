#pragma once

#include "core/expected.h"
#include "core/nn/layer.h"

#include <string>
#include <string_view>
#include <vector>

namespace convscope {

enum class OptimizerKind { Sgd, Adam };
// Constant; step: multiplied by gamma every stepEpochs epochs; cosine: from the base rate
// down to 0 over the whole run.
enum class ScheduleKind { Constant, Step, Cosine };

// The momentum that SGD with momentum starts from, as in most of the literature.
constexpr float kDefaultMomentum = 0.9f;

struct OptimizerSettings
{
    OptimizerKind kind = OptimizerKind::Sgd;
    float learningRate = 0.01f;
    float momentum = kDefaultMomentum; // SGD
    bool nesterov = false;             // SGD
    float weightDecay = 0.0f;
    float beta1 = 0.9f; // Adam
    float beta2 = 0.999f;
    float epsilon = 1e-8f;
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
};

// The base learning rate the recipes start an optimizer from (README, "Training recipes").
float recommendedLearningRate(OptimizerKind kind);

std::string_view optimizerName(OptimizerKind kind);
Expected<OptimizerKind> parseOptimizer(std::string_view name);
Expected<ScheduleKind> parseSchedule(std::string_view name);
std::string_view scheduleName(ScheduleKind kind);

// PyTorch's torch.optim.SGD and torch.optim.Adam (L2 weight decay added to the gradient):
//   SGD:  g = ∇ + λw;  b = μb + g;  w −= η·(nesterov ? g + μb : b)
//   Adam: g = ∇ + λw;  m = β₁m + (1−β₁)g;  v = β₂v + (1−β₂)g²;
//         w −= η·(m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
class Optimizer
{
public:
    explicit Optimizer(OptimizerSettings settings);

    void step(const std::vector<Parameter *> &parameters, float learningRate);
    const OptimizerSettings &settings() const { return m_settings; }

private:
    OptimizerSettings m_settings;
    std::vector<std::vector<float>> m_first;  // momentum buffer, or Adam's m
    std::vector<std::vector<float>> m_second; // Adam's v
    std::int64_t m_steps = 0;
};

} // namespace convscope
