// The numbers behind "why did it say 3?": saliency against finite differences, occlusion
// against forward passes on the occluded images, Grad-CAM against CAM where they must agree.
#include "core/lessons/explain.h"
#include "core/nn/architecture.h"
#include "core/nn/loss.h"

#include <gtest/gtest.h>

#include <random>

namespace convscope {
namespace {

Network built(const std::string &spec, const Shape &input, std::uint64_t seed)
{
    Network net = Network::create(*parseArchitecture(spec), input, 10).value();
    net.initialize(seed);
    return net;
}

Tensor randomInput(const Shape &shape, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> value(0.0f, 1.0f);
    Tensor input(shape);
    for (float &v : input.values())
        v = value(rng);
    return input;
}

TEST(Explain, SaliencyIsTheGradientOfTheScore)
{
    const Shape shape{1, 1, 8, 8};
    Network net = built("conv 3 3x3 pad 1 | tanh | avgpool 2 | flatten | dense 10", shape, 4);
    const Tensor input = randomInput(shape, 5);
    for (int cls : {0, 7}) {
        const Tensor map = saliencyMap(net, input, cls).value();
        for (std::int64_t i = 0; i < input.size(); ++i) {
            Tensor plus = input, minus = input;
            plus.data()[i] += 1e-2f;
            minus.data()[i] -= 1e-2f;
            const double up = net.forward(plus, Mode::Inference).data()[cls];
            const double down = net.forward(minus, Mode::Inference).data()[cls];
            const double numeric = std::abs(up - down) / 2e-2;
            ASSERT_NEAR(map.data()[i], numeric, 1e-3 + 1e-2 * numeric)
                << "class " << cls << " pixel " << i;
        }
    }
    EXPECT_FALSE(saliencyMap(net, input, 10));
}

TEST(Explain, OcclusionIsTheProbabilityOfEachOccludedImage)
{
    const Shape shape{1, 1, 28, 28};
    Network net = built("lenet5", shape, 6);
    const Tensor image = randomInput(shape, 7);
    const auto prepare = [](const Tensor &t) {
        Tensor out = t;
        for (float &v : out.values())
            v = (v - 0.13f) / 0.31f;
        return out;
    };
    OcclusionSettings settings;
    settings.patch = 7;
    settings.stride = 3;
    int calls = 0;
    const Tensor map = occlusionMap(net, image, prepare, 3, settings, [&](int done, int total) {
                           ++calls;
                           EXPECT_LE(done, total);
                       }).value();
    // (28 − 7) / 3 rounds up to 7 steps, and one more at the start: the last reaches the edge.
    ASSERT_EQ(map.shape(), (Shape{1, 1, 8, 8}));
    EXPECT_EQ(calls, 64);
    for (auto [r, c] : {std::pair{0, 0}, {3, 5}, {7, 7}}) {
        Tensor hidden = image;
        const int top = std::min(r * 3, 21), left = std::min(c * 3, 21);
        for (int y = top; y < top + 7; ++y) {
            for (int x = left; x < left + 7; ++x)
                hidden.at(0, 0, y, x) = 0.5f;
        }
        const Tensor &logits = net.forward(prepare(hidden), Mode::Inference);
        std::vector<float> p(10);
        softmax(logits.data(), 10, p.data());
        EXPECT_EQ(map.at(0, 0, r, c), p[3]) << r << ", " << c;
    }
    settings.stride = 8;
    EXPECT_FALSE(occlusionMap(net, image, prepare, 3, settings));
    std::atomic<bool> cancel{true};
    settings.stride = 2;
    EXPECT_FALSE(occlusionMap(net, image, prepare, 3, settings, {}, &cancel));
}

// Before a global average pool and one dense layer, Grad-CAM is CAM: the weights of the class
// times each channel, over the pool's H·W.
TEST(Explain, GradCamIsCamAfterGlobalPooling)
{
    const Shape shape{1, 1, 9, 9};
    Network net = built("conv 4 3x3 pad 1 | relu | gap | flatten | dense 10", shape, 8);
    const Tensor input = randomInput(shape, 9);
    ASSERT_EQ(lastMapRow(net.describe()), 1);
    const int cls = 6;
    const Tensor cam = gradCam(net, input, cls, 1).value();
    net.forward(input, Mode::Inference);
    const Tensor activation = net.activations()[2];
    const Tensor &weights = net.nodes().back().layer->parameters().front()->value;
    for (int y = 0; y < 9; ++y) {
        for (int x = 0; x < 9; ++x) {
            double expected = 0;
            for (int k = 0; k < 4; ++k)
                expected += weights.data()[cls * 4 + k] / 81.0 * activation.at(0, k, y, x);
            EXPECT_NEAR(cam.at(0, 0, y, x), std::max(expected, 0.0), 1e-6) << y << ", " << x;
        }
    }
    EXPECT_FALSE(gradCam(net, input, cls, 4));

    Network lenet = built("lenet5", Shape{1, 1, 28, 28}, 1);
    EXPECT_EQ(lenet.describe()[size_t(lastMapRow(lenet.describe()))].name, "maxpool2");
}

// Gradient ascent raises the channel's mean activation, stays in the input range, and gives
// the same picture for the same seed.
TEST(Explain, AFilterDreamRaisesItsChannel)
{
    Network net = built("lenet5", Shape{1, 1, 28, 28}, 3);
    const float low = -0.5f, high = 2.5f;
    FilterDream dream(net, 3, 5, low, high); // conv2, filter 6
    const float first = dream.step();
    float last = first;
    for (int i = 0; i < 40; ++i)
        last = dream.step();
    EXPECT_GT(last, first + 0.1f);
    EXPECT_EQ(dream.steps(), 41);
    for (float v : dream.image().values()) {
        EXPECT_GE(v, low);
        EXPECT_LE(v, high);
    }
    FilterDream again(net, 3, 5, low, high);
    for (int i = 0; i < 41; ++i)
        again.step();
    EXPECT_EQ(again.image().values(), dream.image().values());
    DreamSettings other;
    other.seed = 2;
    FilterDream seeded(net, 3, 5, low, high, other);
    seeded.step();
    EXPECT_NE(seeded.image().values(), dream.image().values());
}

} // namespace
} // namespace convscope
