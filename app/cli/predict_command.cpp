#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/model_inputs.h"
#include "app/cli/report.h"
#include "core/nn/loss.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <numeric>

namespace convscope::cli {

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli predict --model FILE --input IMAGE|NPY [--top K] [--json]\n"
      "           [--recipe TEXT] [--imagenet] [--resize R] [--bgr|--rgb] [--mean M] [--std S]\n"
      "           [--labels FILE]\n"
      "The classes a saved or imported model gives a picture, most probable first: every class\n"
      "of a model with up to 10, the top 5 of a larger one (--top K).\n";

constexpr Flag kOwnFlags[] = {{"--model", true},
                              {"--input", true},
                              {"--top", true},
                              {"--json", false}};

} // namespace

int runPredict(std::span<char *const> words)
{
    const std::string usage = std::string(kUsage) + kPictureUsage;
    if (printedHelp(words, usage.c_str()))
        return 0;
    std::vector<Flag> flags(std::begin(kOwnFlags), std::end(kOwnFlags));
    flags.insert(flags.end(), std::begin(kPictureFlags), std::end(kPictureFlags));
    Expected<Arguments> args = Arguments::parse(words, flags);
    if (!args)
        return usageError("predict", args.error().message, usage.c_str());
    Expected<std::string> modelPath = args->required("--model");
    Expected<std::string> inputPath = args->required("--input");
    if (!modelPath || !inputPath)
        return usageError("predict", (modelPath ? inputPath.error() : modelPath.error()).message,
                          usage.c_str());
    Expected<Model> model = loadModel(*modelPath);
    if (!model)
        return failure(model.error());
    const int classes = model->network.classes();
    if (classes < 1)
        return failure(makeError(*modelPath, " ends with maps of ",
                                 model->network.describe().back().output.imageString(),
                                 ", not classes: featuremaps shows them"));
    const Expected<int> top = args->number("--top", std::min(classes, classes <= 10 ? 10 : 5));
    if (!top || *top < 1)
        return usageError("predict", "--top must be a whole number from 1", usage.c_str());
    Expected<InputRecipe> recipe = recipeFor(*model, *args);
    if (!recipe)
        return failure(recipe.error());
    Expected<std::vector<std::string>> labels = labelsFor(*model, *args);
    if (!labels)
        return failure(labels.error());
    Expected<PictureInput> picture = loadPictureFor(*model, *recipe, *inputPath);
    if (!picture)
        return failure(picture.error());
    const Tensor &logits = model->network.infer(picture->network);
    std::vector<float> p(size_t(logits.size()));
    softmax(logits.data(), int(logits.size()), p.data());
    std::vector<int> order(p.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return p[a] > p[b]; });
    order.resize(size_t(std::min(*top, classes)));
    const auto label = [&](int k) {
        return labels->empty() ? std::to_string(k) : (*labels)[size_t(k)];
    };
    if (args->has("--json")) {
        std::printf("{\"class\": %d, \"label\": %s, \"probabilities\": [", order[0],
                    jsonString(label(order[0])).c_str());
        for (size_t k = 0; k < p.size(); ++k)
            std::printf("%s%.6f", k ? ", " : "", p[k]);
        std::printf("], \"top\": [");
        for (size_t i = 0; i < order.size(); ++i)
            std::printf("%s{\"class\": %d, \"label\": %s, \"probability\": %.6f}", i ? ", " : "",
                        order[i], jsonString(label(order[i])).c_str(), p[size_t(order[i])]);
        std::printf("], \"recipe\": %s}\n", jsonString(recipe->toString()).c_str());
        return 0;
    }
    std::printf("%s (%.2f%%)\n",
                labels->empty() ? concat("class ", order[0]).c_str() : label(order[0]).c_str(),
                100.0 * p[size_t(order[0])]);
    // Up to ten classes in their own order, as before a ranking mattered; more, the best first.
    if (classes <= 10 && *top >= classes)
        std::iota(order.begin(), order.end(), 0);
    for (int k : order) {
        const int bar = int(p[size_t(k)] * 40 + 0.5f);
        std::printf("  %-3d %7.2f%%  %s  %s\n", k, 100.0 * p[size_t(k)],
                    std::string(size_t(bar), '#').c_str(), labels->empty() ? "" : label(k).c_str());
    }
    return 0;
}

} // namespace convscope::cli
