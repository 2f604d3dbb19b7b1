#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/report.h"
#include "core/nn/model_file.h"
#include "core/nn/trainer.h"

#include <cstdio>
#include <string>

namespace convscope::cli {

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli evaluate --model FILE --data DIR|mnist|fashion [--json]\n"
      "Accuracy of a saved model on the test images of a data set, per class, and the\n"
      "confusion matrix (rows: true class, columns: predicted). --json prints one object with\n"
      "accuracy (0..1), count, correct, loss, per_class and confusion.\n";

constexpr Flag kFlags[] = {{"--model", true}, {"--data", true}, {"--json", false}};

void printJson(const Evaluation &e)
{
    std::printf("{\"accuracy\": %.6f, \"count\": %d, \"correct\": %d, \"loss\": %.6f, "
                "\"per_class\": [",
                e.accuracy(), e.count, e.correct, e.loss);
    for (int t = 0; t < kClasses; ++t) {
        int total = 0;
        for (int p = 0; p < kClasses; ++p)
            total += e.confusion[size_t(t * kClasses + p)];
        std::printf("%s%.6f", t ? ", " : "",
                    total ? double(e.confusion[size_t(t * kClasses + t)]) / total : 0.0);
    }
    std::printf("], \"confusion\": [");
    for (int t = 0; t < kClasses; ++t) {
        std::printf("%s[", t ? ", " : "");
        for (int p = 0; p < kClasses; ++p)
            std::printf("%s%d", p ? ", " : "", e.confusion[size_t(t * kClasses + p)]);
        std::printf("]");
    }
    std::printf("]}\n");
}

void printTable(const Evaluation &e, const ModelMetadata &meta)
{
    std::printf("model trained on %s with %s, %d epochs\n", meta.dataset.c_str(),
                meta.optimizer.c_str(), meta.epochs);
    std::printf("accuracy %.2f%% (%d of %d), mean loss %.4f\n\n", 100 * e.accuracy(), e.correct,
                e.count, e.loss);
    std::printf("true\\predicted");
    for (int p = 0; p < kClasses; ++p)
        std::printf("%6d", p);
    std::printf("   accuracy\n");
    for (int t = 0; t < kClasses; ++t) {
        std::printf("%14d", t);
        int total = 0;
        for (int p = 0; p < kClasses; ++p) {
            std::printf("%6d", e.confusion[size_t(t * kClasses + p)]);
            total += e.confusion[size_t(t * kClasses + p)];
        }
        if (total)
            std::printf("   %6.2f%%\n", 100.0 * e.confusion[size_t(t * kClasses + t)] / total);
        else
            std::printf("         –\n");
    }
}

} // namespace

int runEvaluate(std::span<char *const> words)
{
    if (printedHelp(words, kUsage))
        return 0;
    Expected<Arguments> args = Arguments::parse(words, kFlags);
    if (!args)
        return usageError("evaluate", args.error().message, kUsage);
    Expected<std::string> modelPath = args->required("--model");
    Expected<std::string> dataName = args->required("--data");
    if (!modelPath || !dataName)
        return usageError("evaluate", (modelPath ? dataName.error() : modelPath.error()).message,
                          kUsage);
    Expected<Model> model = loadModel(*modelPath);
    if (!model)
        return failure(model.error());
    Expected<DataSet> data = loadDataSet(*dataName);
    if (!data)
        return failure(data.error());
    const Shape &in = model->network.inputShape();
    if (in.c != 1 || in.h != data->test.rows || in.w != data->test.cols)
        return failure(makeError("the model takes ", in.imageString(), " inputs but the images of ",
                                 data->folder.string(), " are 1×", data->test.rows, "×",
                                 data->test.cols));
    const Evaluation e = evaluate(model->network, data->test, model->normalization);
    if (args->has("--json"))
        printJson(e);
    else
        printTable(e, model->metadata);
    return 0;
}

} // namespace convscope::cli
