// What the Inspect page shows: a picture through any model, each row's maps as the network's
// own forward pass gives them, the best classes with their labels, the first filters.
#include "core/lessons/inspection.h"
#include "core/nn/architecture.h"

#include <gtest/gtest.h>

#include <cmath>

namespace convscope {
namespace {

TEST(Inspection, EveryRowsMapsTheBestClassesAndTheFirstFilters)
{
    Network network = Network::create(*parseArchitecture("conv 4 3x3 pad 1 | relu | maxpool 2 | "
                                                         "residual( conv 4 3x3 pad 1 ) | gap | "
                                                         "flatten | dense 12"),
                                      {1, 3, 16, 16}, 12)
                          .value();
    network.initialize(3);
    Tensor picture(Shape{1, 3, 20, 30});
    for (std::int64_t i = 0; i < picture.size(); ++i)
        picture.data()[i] = float((i * 37) % 101) / 100.0f;
    const InputRecipe recipe = InputRecipe::imagenet({1, 3, 16, 16});
    std::vector<std::string> labels;
    for (int k = 0; k < 12; ++k)
        labels.push_back("class " + std::string(1, char('a' + k)));
    const Inspection seen = inspectPicture(network, picture, recipe, labels).value();

    const Tensor input = prepareInput(picture, {1, 3, 16, 16}, recipe).value();
    EXPECT_EQ(seen.fitted.shape(), (Shape{1, 3, 16, 16}));
    EXPECT_EQ(normalizePicture(seen.fitted, recipe).values(), input.values());
    Network twin = Network::create(network.architecture(), {1, 3, 16, 16}, 12).value();
    ASSERT_TRUE(twin.setWeights(network.weights()));
    const Tensor logits = twin.forward(input, Mode::Inference);
    ASSERT_EQ(seen.rows.size(), twin.describe().size());
    ASSERT_EQ(seen.maps.size(), seen.rows.size());
    for (size_t i = 0; i < seen.rows.size(); ++i) {
        EXPECT_EQ(seen.maps[i].shape().c, seen.rows[i].output.c) << seen.rows[i].name;
        EXPECT_EQ(seen.maps[i].values(), twin.activations()[i + 1].values()) << seen.rows[i].name;
    }
    EXPECT_EQ(seen.maps.back().values(), logits.values());

    ASSERT_EQ(seen.top.size(), 5u);
    float total = 0, best = -1e30f;
    int bestIndex = 0;
    for (int k = 0; k < 12; ++k) {
        total += std::exp(logits.data()[k]);
        if (logits.data()[k] > best)
            best = logits.data()[k], bestIndex = k;
    }
    EXPECT_EQ(seen.top[0].index, bestIndex);
    EXPECT_EQ(seen.top[0].label, labels[size_t(bestIndex)]);
    EXPECT_NEAR(seen.top[0].probability, std::exp(best) / total, 1e-6);
    for (size_t i = 1; i < seen.top.size(); ++i)
        EXPECT_GE(seen.top[i - 1].probability, seen.top[i].probability);
    EXPECT_EQ(seen.firstConv, "conv1");
    EXPECT_EQ(seen.firstFilters.shape(), (Shape{4, 3, 3, 3}));
    EXPECT_GE(seen.seconds, 0.0);

    // Without labels, the class numbers; a model that ends with maps has no classes.
    EXPECT_EQ(topClasses(logits, {}, 3)[0].label, std::to_string(bestIndex));
    EXPECT_EQ(topClasses(logits, {}, 30).size(), 12u);
    Network maps = Network::create(*parseArchitecture("conv 2 3x3"), {1, 1, 8, 8}, 0).value();
    const Inspection mapsOnly = inspectPicture(maps, picture, InputRecipe{}, {}).value();
    EXPECT_TRUE(mapsOnly.top.empty());
    EXPECT_EQ(mapsOnly.fitted.shape(), (Shape{1, 1, 8, 8}));
    EXPECT_FALSE(inspectPicture(maps, picture, InputRecipe::parse("crop resize 4").value(), {}));
}

} // namespace
} // namespace convscope
