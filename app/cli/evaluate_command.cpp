#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/data_arguments.h"
#include "app/cli/report.h"
#include "core/nn/model_file.h"
#include "core/nn/trainer.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

namespace convscope::cli {

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli evaluate --model FILE --data DIR|mnist|fashion|mnist-full|cifar10\n"
      "           [--image-size N] [--color rgb|gray] [--json]\n"
      "Accuracy of a saved model on the test images of a data set, per class, and the\n"
      "confusion matrix (rows: true class, columns: predicted). --json prints one object with\n"
      "accuracy (0..1), count, correct, loss, classes, per_class and confusion.\n";

constexpr Flag kFlags[] = {{"--model", true},
                           {"--data", true},
                           {"--json", false},
                           {"--image-size", true},
                           {"--color", true}};

int confusionAt(const Evaluation &e, int truth, int predicted)
{
    return e.confusion[size_t(truth * e.classes + predicted)];
}

std::optional<double> classAccuracy(const Evaluation &e, int truth)
{
    int total = 0;
    for (int p = 0; p < e.classes; ++p)
        total += confusionAt(e, truth, p);
    return total ? std::optional(double(confusionAt(e, truth, truth)) / total) : std::nullopt;
}

void printJson(const Evaluation &e, const std::vector<std::string> &names)
{
    std::printf("{\"accuracy\": %.6f, \"count\": %d, \"correct\": %d, \"loss\": %.6f, "
                "\"classes\": [",
                e.accuracy(), e.count, e.correct, e.loss);
    for (int t = 0; t < e.classes; ++t)
        std::printf("%s%s", t ? ", " : "", jsonString(names[size_t(t)]).c_str());
    std::printf("], \"per_class\": [");
    for (int t = 0; t < e.classes; ++t)
        std::printf("%s%.6f", t ? ", " : "", classAccuracy(e, t).value_or(0.0));
    std::printf("], \"confusion\": [");
    for (int t = 0; t < e.classes; ++t) {
        std::printf("%s[", t ? ", " : "");
        for (int p = 0; p < e.classes; ++p)
            std::printf("%s%d", p ? ", " : "", confusionAt(e, t, p));
        std::printf("]");
    }
    std::printf("]}\n");
}

// The matrix's columns are numbered; each row names its class, and a legend numbers the names
// when they are not the numbers themselves.
void printTable(const Evaluation &e, const ModelMetadata &meta,
                const std::vector<std::string> &names)
{
    std::printf("model trained on %s with %s, %d epochs\n", meta.dataset.c_str(),
                meta.optimizer.c_str(), meta.epochs);
    std::printf("accuracy %.2f%% (%d of %d), mean loss %.4f\n\n", 100 * e.accuracy(), e.correct,
                e.count, e.loss);
    size_t nameWidth = 14;
    for (const std::string &name : names)
        nameWidth = std::max(nameWidth, name.size() + 5);
    std::printf("%-*s", int(nameWidth), "true\\predicted");
    for (int p = 0; p < e.classes; ++p)
        std::printf("%6d", p);
    std::printf("   accuracy\n");
    for (int t = 0; t < e.classes; ++t) {
        const std::string row = names[size_t(t)] == std::to_string(t)
                                    ? names[size_t(t)]
                                    : concat(t, " ", names[size_t(t)]);
        std::printf("%*s", int(nameWidth), row.c_str());
        for (int p = 0; p < e.classes; ++p)
            std::printf("%6d", confusionAt(e, t, p));
        if (const std::optional<double> accuracy = classAccuracy(e, t))
            std::printf("   %6.2f%%\n", 100.0 * *accuracy);
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
    const Shape &in = model->network.inputShape();
    Expected<DataSet> data = loadDataArgument(*args, in.h,
                                              in.c == 3 ? FolderOptions::Color::Rgb
                                                        : FolderOptions::Color::Gray);
    if (!data)
        return failure(data.error());
    if (auto fits = networkFitsData(model->network, *data); !fits)
        return failure(makeError("the model does not fit ", data->folder.string(), ": ",
                                 fits.error().message));
    const std::vector<std::string> &labels = model->metadata.labels;
    if (!labels.empty() && !data->isDigits() && labels != data->classNames)
        return failure(makeError("the model's classes (", join(labels, ", "), ") are not those of ",
                                 data->folder.string(), " (", join(data->classNames, ", "), ")"));
    const Evaluation e = evaluate(model->network, data->test, model->normalization);
    if (args->has("--json"))
        printJson(e, data->classNames);
    else
        printTable(e, model->metadata, data->classNames);
    return 0;
}

} // namespace convscope::cli
