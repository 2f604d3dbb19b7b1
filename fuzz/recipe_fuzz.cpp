// A picture recipe (--recipe, a model file's input= line, an ONNX model's convscope.input) and a
// class label file: the first byte picks which, and the model's shape or class count; a recipe
// that parses and fits is applied to a small picture and must give finite values.
#include "core/nn/input_recipe.h"
#include "fuzz/fuzz_target.h"

#include <cmath>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace convscope;
    if (size == 0)
        return 0;
    const std::string text = fuzz::bytesOf(data + 1, size - 1);
    if (data[0] & 1) {
        (void) parseLabels(text, data[0] >> 1, "labels.txt");
        return 0;
    }
    const Expected<InputRecipe> recipe = InputRecipe::parse(text);
    if (!recipe)
        return 0;
    if (InputRecipe::parse(recipe->toString()).value() != *recipe)
        std::abort(); // the text written is the recipe read
    const int channels = (data[0] >> 1) % 4 + 1;
    const Shape input{1, channels, 28, 28};
    Tensor picture(Shape{1, 3, 30, 41});
    for (std::int64_t i = 0; i < picture.size(); ++i)
        picture.data()[i] = float(i % 7) / 6.0f;
    const Expected<Tensor> prepared = prepareInput(picture, input, *recipe);
    if (prepared) {
        for (float v : prepared->values()) {
            if (std::isnan(v))
                std::abort();
        }
    }
    return 0;
}
