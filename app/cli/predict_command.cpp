#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/model_inputs.h"
#include "app/cli/report.h"
#include "core/nn/loss.h"

#include <algorithm>
#include <cstdio>

namespace convscope::cli {

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli predict --model FILE --input IMAGE|NPY [--json]\n"
      "The class a saved model gives an image, with the probability of every class. The input\n"
      "is made to look like an MNIST digit first: grayscale, inverted when its background is\n"
      "light (the digit must be white on black), and unless it is 28×28 already, cropped to its\n"
      "ink, scaled to fit 20×20 and centred by its centre of mass in 28×28 (README).\n"
      "--json prints {\"class\": K, \"probabilities\": [10 numbers]}.\n";

constexpr Flag kFlags[] = {{"--model", true}, {"--input", true}, {"--json", false}};

} // namespace

int runPredict(std::span<char *const> words)
{
    if (printedHelp(words, kUsage))
        return 0;
    Expected<Arguments> args = Arguments::parse(words, kFlags);
    if (!args)
        return usageError("predict", args.error().message, kUsage);
    Expected<std::string> modelPath = args->required("--model");
    Expected<std::string> inputPath = args->required("--input");
    if (!modelPath || !inputPath)
        return usageError("predict", (modelPath ? inputPath.error() : modelPath.error()).message,
                          kUsage);
    Expected<Model> model = loadModel(*modelPath);
    if (!model)
        return failure(model.error());
    Expected<Tensor> digit = loadDigitFor(*model, *inputPath);
    if (!digit)
        return failure(digit.error());
    const Tensor &logits = model->network.forward(networkInput(*model, *digit), Mode::Inference);
    std::vector<float> p(size_t(logits.size()));
    softmax(logits.data(), int(logits.size()), p.data());
    const int best = int(std::max_element(p.begin(), p.end()) - p.begin());
    if (args->has("--json")) {
        std::printf("{\"class\": %d, \"probabilities\": [", best);
        for (size_t k = 0; k < p.size(); ++k)
            std::printf("%s%.6f", k ? ", " : "", p[k]);
        std::printf("]}\n");
        return 0;
    }
    std::printf("class %d (%.2f%%)\n", best, 100.0 * p[size_t(best)]);
    for (size_t k = 0; k < p.size(); ++k) {
        const int bar = int(p[k] * 40 + 0.5f);
        std::printf("  %zu  %6.2f%%  %s\n", k, 100.0 * p[k], std::string(size_t(bar), '#').c_str());
    }
    return 0;
}

} // namespace convscope::cli
