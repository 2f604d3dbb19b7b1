#include "app/cli/model_inputs.h"

#include "core/io/tensor_io.h"

#include <string_view>

namespace convscope::cli {

Expected<InputRecipe> recipeFor(const Model &model, const Arguments &args)
{
    const Shape input = model.network.inputShape();
    InputRecipe recipe = inputRecipe(model);
    if (args.has("--recipe")) {
        Expected<InputRecipe> given = InputRecipe::parse(*args.value("--recipe"));
        if (!given)
            return makeError("--recipe: ", given.error().message);
        recipe = *given;
    }
    if (args.has("--imagenet"))
        recipe = InputRecipe::imagenet(input);
    // The single settings change the recipe above them: written as a recipe's words, they are
    // parsed as one, with its messages. A resize turns a digit recipe into a crop that keeps
    // its mean and deviation.
    std::string words = recipe.toString();
    if (recipe.fit == InputRecipe::Fit::Digit && args.has("--resize"))
        words.replace(0, std::string_view("digit").size(), "crop");
    for (const char *flag : {"--resize", "--mean", "--std"}) {
        if (args.has(flag))
            words += concat(" ", flag + 2, " ", *args.value(flag));
    }
    for (const char *flag : {"--bgr", "--rgb"}) {
        if (args.has(flag))
            words += concat(" ", flag + 2);
    }
    Expected<InputRecipe> changed = InputRecipe::parse(words);
    if (!changed)
        return changed.error();
    if (Expected<void> fits = changed->check(input); !fits)
        return fits.error();
    return changed;
}

Expected<PictureInput> loadPictureFor(const Model &model, const InputRecipe &recipe,
                                      const std::string &path)
{
    Expected<TensorFile> file = loadTensorFile(path, ColorMode::Auto);
    if (!file)
        return file.error();
    if (file->tensor.shape().n != 1)
        return makeError(path, " holds ", file->tensor.shape().n,
                         " pictures; this command takes one (infer takes batches)");
    Expected<Tensor> fitted = fitPicture(file->tensor, model.network.inputShape(), recipe);
    if (!fitted)
        return makeError(path, ": ", fitted.error().message);
    Tensor network = normalizePicture(*fitted, recipe);
    return PictureInput{std::move(*fitted), std::move(network)};
}

Expected<std::vector<std::string>> labelsFor(const Model &model, const Arguments &args)
{
    if (args.has("--labels"))
        return loadLabels(*args.value("--labels"), model.network.classes());
    return model.metadata.labels;
}

} // namespace convscope::cli
