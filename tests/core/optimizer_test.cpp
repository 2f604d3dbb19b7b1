#include "core/nn/optimizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace convscope {
namespace {

Parameter parameterOf(const std::vector<float> &values)
{
    Parameter p{"w", Tensor({1, 1, 1, int(values.size())}), Tensor({1, 1, 1, int(values.size())})};
    p.value.values() = values;
    return p;
}

std::vector<float> floats(std::istringstream &line)
{
    std::vector<float> values;
    for (float v; line >> v;)
        values.push_back(v);
    return values;
}

// torch.optim's steps, written by tests/data/make_optimizer_fixtures.py.
TEST(Optimizer, EveryRuleStepsAsTorchOptimDoes)
{
    std::ifstream in(CONVSCOPE_TEST_DATA "/torch_optimizers.txt");
    ASSERT_TRUE(in) << "tests/data/torch_optimizers.txt is missing";
    std::map<std::string, int> cases;
    std::string text;
    std::optional<Optimizer> optimizer;
    Parameter p;
    std::string label;
    int step = 0;
    while (std::getline(in, text)) {
        std::istringstream line(text);
        std::string word;
        line >> word;
        if (word == "case") {
            std::string kind;
            line >> kind;
            OptimizerSettings s = OptimizerSettings::defaultsFor(*parseOptimizer(kind));
            std::map<std::string, float> values;
            for (std::string pair; line >> pair;)
                values[pair.substr(0, pair.find('='))] = std::stof(pair.substr(pair.find('=') + 1));
            s.learningRate = values.at("lr");
            s.weightDecay = values.at("weight_decay");
            s.momentum = values.count("momentum") ? values.at("momentum") : 0.0f;
            s.nesterov = values.count("nesterov") && values.at("nesterov") != 0.0f;
            for (auto [key, field] : {std::pair{"eps", &s.epsilon},
                                      {"beta1", &s.beta1},
                                      {"beta2", &s.beta2},
                                      {"alpha", &s.alpha},
                                      {"rho", &s.rho},
                                      {"lr_decay", &s.lrDecay}}) {
                if (values.count(key))
                    *field = values.at(key);
            }
            ASSERT_TRUE(s.validate().ok()) << text;
            optimizer.emplace(s);
            label = text;
            step = 0;
            ++cases[kind];
        } else if (word == "init") {
            p = parameterOf(floats(line));
        } else if (word == "grad") {
            p.gradient.values() = floats(line);
            optimizer->step({&p}, optimizer->settings().learningRate);
            ++step;
        } else if (word == "param") {
            const std::vector<float> expected = floats(line);
            ASSERT_EQ(expected.size(), size_t(p.value.size()));
            for (size_t i = 0; i < expected.size(); ++i)
                ASSERT_NEAR(p.value.values()[i], expected[i], 2e-6f + 2e-6f * std::abs(expected[i]))
                    << label << ", step " << step << ", value " << i;
        }
    }
    for (OptimizerKind kind : kOptimizerKinds)
        EXPECT_GE(cases[std::string(optimizerName(kind))], 2) << optimizerName(kind);
}

// The first step of each adaptive rule, worked by hand: its size does not depend on the
// gradient's scale, only on its sign (Adagrad, Adam) or on ε (AdaDelta).
TEST(Optimizer, FirstStepsWorkedByHand)
{
    const auto firstStep = [](OptimizerKind kind, float g) {
        Parameter p = parameterOf({1.0f});
        p.gradient.values() = {g};
        const OptimizerSettings s = OptimizerSettings::defaultsFor(kind);
        Optimizer optimizer(s);
        optimizer.step({&p}, s.learningRate);
        return p.value.values()[0];
    };
    // Adagrad: s = g², w −= 0.01·g / (|g| + 1e-10)
    EXPECT_NEAR(firstStep(OptimizerKind::Adagrad, 0.3f), 1.0f - 0.01f, 1e-7f);
    EXPECT_NEAR(firstStep(OptimizerKind::Adagrad, -30.0f), 1.0f + 0.01f, 1e-7f);
    // AdamW at lr 0.002, decay 0.01: w·(1 − 0.002·0.01) − 0.002·sign(g)
    EXPECT_NEAR(firstStep(OptimizerKind::AdamW, 0.5f), 1.0f * (1.0f - 2e-5f) - 0.002f, 1e-7f);
    // RMSprop at lr 0.001, α 0.99: v = 0.01·g², w −= 0.001·g / (0.1·|g| + 1e-8) ≈ 0.01·sign(g)
    EXPECT_NEAR(firstStep(OptimizerKind::RmsProp, 2.0f), 1.0f - 0.001f * 2.0f / (0.2f + 1e-8f),
                1e-6f);
    // AdaDelta at lr 1, ρ 0.9, ε 1e-6: v = 0.1·g², d = √ε / √(v + ε) · g
    const float g = 0.5f;
    EXPECT_NEAR(firstStep(OptimizerKind::AdaDelta, g),
                1.0f - std::sqrt(1e-6f) / std::sqrt(0.1f * g * g + 1e-6f) * g, 1e-7f);
}

TEST(Optimizer, NamesSettingsAndRefusals)
{
    for (OptimizerKind kind : kOptimizerKinds) {
        EXPECT_EQ(*parseOptimizer(optimizerName(kind)), kind);
        const OptimizerSettings s = OptimizerSettings::defaultsFor(kind);
        EXPECT_TRUE(s.validate().ok()) << optimizerName(kind);
        EXPECT_EQ(s.summary().substr(0, optimizerName(kind).size()), optimizerName(kind));
    }
    EXPECT_EQ(OptimizerSettings::defaultsFor(OptimizerKind::AdamW).weightDecay, 0.01f);
    EXPECT_EQ(OptimizerSettings::defaultsFor(OptimizerKind::Adagrad).epsilon, 1e-10f);
    EXPECT_EQ(OptimizerSettings::defaultsFor(OptimizerKind::AdaDelta).learningRate, 1.0f);
    EXPECT_EQ(OptimizerSettings::defaultsFor(OptimizerKind::RmsProp).momentum, 0.0f);
    EXPECT_NE(parseOptimizer("lion").error().message.find(
                  "use sgd, adam, adamw, adagrad, rmsprop or adadelta"),
              std::string::npos);
    OptimizerSettings bad = OptimizerSettings::defaultsFor(OptimizerKind::RmsProp);
    bad.alpha = 1.0f;
    EXPECT_NE(bad.validate().error().message.find("alpha 1"), std::string::npos);
    bad = OptimizerSettings::defaultsFor(OptimizerKind::AdaDelta);
    bad.rho = -0.5f;
    EXPECT_NE(bad.validate().error().message.find("rho -0.5"), std::string::npos);
}

} // namespace
} // namespace convscope
