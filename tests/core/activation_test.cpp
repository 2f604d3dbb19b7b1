#include "core/ops/activation.h"
#include "core/parallel.h"
#include "tests/core/test_support.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace convscope {
namespace {

Tensor applied(Activation a, float slope = kDefaultLeakySlope)
{
    Tensor t = test::tensorOf(Shape{1, 1, 1, 5}, {-200.0f, -1.0f, 0.0f, 2.0f, 200.0f});
    applyActivation(t, a, slope);
    return t;
}

TEST(Activation, HandWorkedValues)
{
    EXPECT_EQ(applied(Activation::None).values(), (std::vector<float>{-200, -1, 0, 2, 200}));
    EXPECT_EQ(applied(Activation::Relu).values(), (std::vector<float>{0, 0, 0, 2, 200}));
    EXPECT_EQ(applied(Activation::LeakyRelu, 0.1f).values(),
              (std::vector<float>{-20, -0.1f, 0, 2, 200}));
    const Tensor s = applied(Activation::Sigmoid);
    EXPECT_EQ(s.values()[0], 0.0f); // no overflow to NaN at −200
    EXPECT_NEAR(s.values()[1], 1.0 / (1.0 + std::exp(1.0)), 1e-7);
    EXPECT_EQ(s.values()[2], 0.5f);
    EXPECT_EQ(s.values()[4], 1.0f);
    const Tensor t = applied(Activation::Tanh);
    EXPECT_NEAR(t.values()[3], std::tanh(2.0), 1e-7);
    EXPECT_EQ(t.values()[0], -1.0f);
    EXPECT_EQ(applied(Activation::Relu6).values(), (std::vector<float>{0, 0, 0, 2, 6}));
    // No gradient at or past either bound, as PyTorch's hardtanh.
    Tensor y(Shape{1, 1, 1, 4});
    y.values() = {0, 3, 6, 5.999f};
    const Tensor dy(Shape{1, 1, 1, 4}, 1.0f);
    Tensor dx;
    activationBackward(y, dy, dx, Activation::Relu6);
    EXPECT_EQ(dx.values(), (std::vector<float>{0, 1, 0, 1}));
}

// Large tensors are split across the threads: every value, forward and backward, must be the
// one a tensor of that value alone gets, on one thread and on four.
TEST(Activation, ASplitTensorGetsEveryValueAsAlone)
{
    std::mt19937 rng(5);
    const Tensor x = test::randomTensor({3, 7, 61, 73}, rng, -8.0f, 8.0f);
    const Tensor dy = test::randomTensor(x.shape(), rng);
    const int threads = threadCount();
    for (std::string_view name : activationNames()) {
        const Activation a = *parseActivation(name);
        for (int count : {1, 4}) {
            setThreadCount(count);
            Tensor y, dx;
            activationForward(x, y, a, 0.1f);
            activationBackward(y, dy, dx, a, 0.1f);
            ASSERT_EQ(y.shape(), x.shape());
            ASSERT_EQ(dx.shape(), x.shape());
            for (std::int64_t i = 0; i < x.size(); ++i) {
                Tensor one(Shape{1, 1, 1, 1}, x.data()[i]), oneY, oneDy(one.shape(), dy.data()[i]),
                    oneDx;
                activationForward(one, oneY, a, 0.1f);
                activationBackward(oneY, oneDy, oneDx, a, 0.1f);
                ASSERT_EQ(y.data()[i], oneY.data()[0]) << name << " value " << i;
                ASSERT_EQ(dx.data()[i], oneDx.data()[0]) << name << " gradient " << i;
            }
        }
    }
    setThreadCount(threads);
}

TEST(Activation, NamesRoundTrip)
{
    for (std::string_view name : activationNames()) {
        Expected<Activation> a = parseActivation(name);
        ASSERT_TRUE(a.ok());
        EXPECT_EQ(activationName(*a), name);
    }
    Expected<Activation> bad = parseActivation("gelu");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("'gelu'"), std::string::npos);
}

} // namespace
} // namespace convscope
