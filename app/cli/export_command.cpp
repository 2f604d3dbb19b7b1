#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/report.h"
#include "core/nn/model_file.h"
#include "core/nn/onnx_export.h"

#include <cstdio>
#include <cstdlib>

namespace convscope::cli {

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli export --model FILE.csm --onnx OUT.onnx [--opset N]\n"
      "The model as ONNX for use elsewhere (PyTorch, OpenCV's dnn, ONNX Runtime): its input\n"
      "\"pixels\" is N×C×H×W in [0, 1], as predict feeds the network, normalised inside the\n"
      "graph with the model's mean and deviation; its output \"probabilities\" is N×classes.\n"
      "Opsets 9 to 17, 13 by default (a pool in ceil mode needs 10). The model passes ONNX's\n"
      "checker before it is written, atomically.\n";

constexpr Flag kFlags[] = {{"--model", true}, {"--onnx", true}, {"--opset", true}};

} // namespace

int runExport(std::span<char *const> words)
{
    if (printedHelp(words, kUsage))
        return 0;
    Expected<Arguments> args = Arguments::parse(words, kFlags);
    if (!args)
        return usageError("export", args.error().message, kUsage);
    Expected<std::string> modelPath = args->required("--model");
    Expected<std::string> outPath = args->required("--onnx");
    if (!modelPath || !outPath)
        return usageError("export", (modelPath ? outPath.error() : modelPath.error()).message,
                          kUsage);
    int opset = kDefaultExportOpset;
    if (const std::optional<std::string> given = args->value("--opset")) {
        char *end = nullptr;
        const long value = std::strtol(given->c_str(), &end, 10);
        if (given->empty() || *end != '\0' || value < 1 || value > 1000)
            return usageError("export", "--opset must be a whole number, such as 13", kUsage);
        opset = int(value);
    }
    Expected<Model> model = loadModel(*modelPath);
    if (!model)
        return failure(model.error());
    if (Expected<void> ok = saveOnnx(*outPath, model->network, model->normalization, opset,
                                     model->metadata);
        !ok)
        return failure(ok.error());
    std::printf("%s: opset %d, input pixels N×%s, output probabilities N×%d\n", outPath->c_str(),
                opset, model->network.inputShape().imageString().c_str(), model->network.classes());
    return 0;
}

} // namespace convscope::cli
