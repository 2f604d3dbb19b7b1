#include "app/cli/commands.h"

#include <cstdio>
#include <exception>
#include <string_view>

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli COMMAND [OPTIONS]\n"
      "  shape        output size of a convolution, derived step by step\n"
      "  convolve     convolve an image or array with a kernel\n"
      "  pool         max or average pooling of an image or array\n"
      "  data         prepare the MNIST subset, or download the full MNIST or CIFAR-10\n"
      "  train        train a network on MNIST, CIFAR-10 or a folder of pictures, save it\n"
      "  evaluate     accuracy and confusion matrix of a saved model\n"
      "  predict      the class a saved model sees in an image\n"
      "  infer        a model's raw output for an array of images (.csm or .onnx)\n"
      "  export       a saved model as ONNX, for PyTorch, OpenCV or ONNX Runtime\n"
      "  featuremaps  PNG feature maps of every layer for an image, and the filters\n"
      "  summary      layers, parameters, multiply-adds and receptive fields of a network\n"
      "  bench-train  training throughput on MNIST-shaped data\n"
      "'convscope-cli COMMAND --help' tells more. Exit codes: 0 success, 1 failure,\n"
      "2 a command line that cannot be understood.\n";

} // namespace

int main(int argc, char **argv)
{
    using namespace convscope::cli;
    if (argc < 2) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    const std::string_view command = argv[1];
    const std::span<char *const> words(argv + 2, size_t(argc - 2));
    try {
        if (command == "shape")
            return runShape(words);
        if (command == "convolve")
            return runConvolve(words);
        if (command == "pool")
            return runPool(words);
        if (command == "data")
            return runData(words);
        if (command == "train")
            return runTrain(words);
        if (command == "evaluate")
            return runEvaluate(words);
        if (command == "predict")
            return runPredict(words);
        if (command == "infer")
            return runInfer(words);
        if (command == "export")
            return runExport(words);
        if (command == "featuremaps")
            return runFeaturemaps(words);
        if (command == "bench-train")
            return runBenchTrain(words);
        if (command == "summary")
            return runSummary(words);
    } catch (const std::bad_alloc &) {
        std::fputs("error: out of memory; use a smaller input or fewer filters\n", stderr);
        return 1;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "error: internal error: %s\n", e.what());
        return 1;
    }
    if (command == "--help" || command == "-h" || command == "help") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (command == "--version") {
        std::puts("convscope-cli " CONVSCOPE_VERSION);
        return 0;
    }
    std::fprintf(stderr, "convscope-cli: unknown command '%.*s'\n\n%s", int(command.size()),
                 command.data(), kUsage);
    return 2;
}
