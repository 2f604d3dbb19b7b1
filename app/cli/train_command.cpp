#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/data_arguments.h"
#include "app/cli/report.h"
#include "core/file_io.h"
#include "core/nn/input_recipe.h"
#include "core/nn/model_file.h"
#include "core/nn/trainer.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <unistd.h>

namespace convscope::cli {

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli train --data DIR|mnist|fashion|mnist-full|cifar10\n"
      "           --model PRESET|SPEC --save FILE [--image-size N] [--color rgb|gray]\n"
      "           [--epochs N] [--batch 32]\n"
      "           [--optimizer sgd|adam|adamw|adagrad|rmsprop|adadelta] [--lr X]\n"
      "           [--momentum M] [--nesterov] [--weight-decay W] [--schedule "
      "constant|step|cosine]\n"
      "           [--seed S] [--threads T] [--augment|--no-augment] [--label-smoothing E]\n"
      "           [--eval-every STEPS] [--log FILE.csv]\n"
      "Trains a network and saves it (atomically: a failed run leaves an existing FILE as it\n"
      "was). The defaults are the recommended recipe of the preset (README): Adam, cosine\n"
      "schedule, batch 32, augmentation when there are fewer than 20,000 training images. SPEC is "
      "a\n"
      "one-line architecture, e.g. \"conv 6 5x5 pad 2 | relu | maxpool 2 | flatten | dense 10\".\n"
      "PRESET is one of lenet5, tiny, mlp, mini-vgg, mini-inception, mini-resnet, lecture-cnn\n"
      "(summary describes the ImageNet ones); it is built on the data set's channels and size,\n"
      "and its last layer gives the data set's classes. The model file keeps the class names\n"
      "and how a picture was made into an image, for evaluate, predict and the window.\n"
      "The log has one row per step: step,epoch,loss,smoothed_loss,learning_rate,\n"
      "images_per_second,train_seconds,test_accuracy (the last only where evaluated).\n";

constexpr Flag kFlags[] = {{"--data", true},
                           {"--model", true},
                           {"--epochs", true},
                           {"--save", true},
                           {"--batch", true},
                           {"--optimizer", true},
                           {"--lr", true},
                           {"--momentum", true},
                           {"--nesterov", false},
                           {"--weight-decay", true},
                           {"--schedule", true},
                           {"--seed", true},
                           {"--threads", true},
                           {"--augment", false},
                           {"--eval-every", true},
                           {"--log", true},
                           {"--label-smoothing", true},
                           {"--no-augment", false},
                           {"--image-size", true},
                           {"--color", true}};

struct TrainRequest
{
    std::string data;
    std::string model;
    std::string save;
    std::optional<std::string> log;
    TrainingSettings settings;
};

Expected<TrainRequest> parseRequest(const Arguments &args)
{
    TrainRequest r;
    for (auto [flag, target] :
         {std::pair{"--data", &r.data}, {"--model", &r.model}, {"--save", &r.save}}) {
        Expected<std::string> v = args.required(flag);
        if (!v)
            return v.error();
        *target = *v;
    }
    r.log = args.value("--log");
    TrainingSettings &s = r.settings;
    s = recommendedSettings(r.model);
    if (auto name = args.value("--optimizer")) {
        Expected<OptimizerKind> kind = parseOptimizer(*name);
        if (!kind)
            return kind.error();
        if (*kind != s.optimizer.kind) {
            const ScheduleKind schedule = s.optimizer.schedule;
            s.optimizer = OptimizerSettings::defaultsFor(*kind);
            s.optimizer.schedule = schedule;
        }
    }
    if (auto name = args.value("--schedule")) {
        Expected<ScheduleKind> kind = parseSchedule(*name);
        if (!kind)
            return kind.error();
        s.optimizer.schedule = *kind;
    }
    auto epochs = args.number("--epochs", s.epochs);
    auto batch = args.number("--batch", s.batch);
    auto lr = args.number("--lr", s.optimizer.learningRate);
    auto momentum = args.number("--momentum", s.optimizer.momentum);
    auto decay = args.number("--weight-decay", s.optimizer.weightDecay);
    auto seed = args.number<std::uint64_t>("--seed", s.seed);
    auto threads = args.number("--threads", s.threads);
    auto every = args.number<std::int64_t>("--eval-every", 0);
    auto smoothing = args.number("--label-smoothing", s.labelSmoothing);
    for (const Error *e : {epochs ? nullptr : &epochs.error(), batch ? nullptr : &batch.error(),
                           lr ? nullptr : &lr.error(), momentum ? nullptr : &momentum.error(),
                           decay ? nullptr : &decay.error(), seed ? nullptr : &seed.error(),
                           threads ? nullptr : &threads.error(), every ? nullptr : &every.error(),
                           smoothing ? nullptr : &smoothing.error()}) {
        if (e)
            return *e;
    }
    s.epochs = *epochs;
    s.batch = *batch;
    s.optimizer.learningRate = *lr;
    s.optimizer.momentum = *momentum;
    s.optimizer.nesterov = args.has("--nesterov");
    s.optimizer.weightDecay = *decay;
    s.seed = *seed;
    s.threads = *threads;
    s.evaluateEvery = *every;
    s.labelSmoothing = *smoothing;
    if (args.has("--augment") && args.has("--no-augment"))
        return makeError("give --augment or --no-augment, not both");
    if (args.has("--augment") || args.has("--no-augment"))
        s.augmentation.enabled = args.has("--augment");
    return r;
}

std::string duration(double seconds)
{
    if (seconds < 60)
        return concat(std::lround(seconds * 10) / 10.0, " s");
    return concat(int(seconds) / 60, " min ", int(seconds) % 60, " s");
}

// A bar redrawn in place on a terminal, a line per epoch otherwise.
class Progress
{
public:
    explicit Progress(int epochs)
        : m_epochs(epochs)
        , m_terminal(isatty(fileno(stdout)))
    {}

    void step(const StepReport &r)
    {
        const double t = r.trainSeconds;
        if (!m_terminal || (t - m_lastDraw < 0.1 && r.step != r.totalSteps))
            return;
        m_lastDraw = t;
        const std::int64_t perEpoch = r.totalSteps / m_epochs;
        const double done = double(r.step - (r.epoch - 1) * perEpoch) / double(perEpoch);
        const int filled = int(done * 24);
        std::printf("\repoch %d/%d [%s%s] %3d%%  loss %.4f  %.0f img/s  ETA %s   ", r.epoch,
                    m_epochs, std::string(size_t(filled), '#').c_str(),
                    std::string(size_t(24 - filled), '-').c_str(), int(done * 100), r.smoothedLoss,
                    r.imagesPerSecond, duration(r.etaSeconds).c_str());
        std::fflush(stdout);
    }

    void epoch(const EpochReport &e, const StepReport &last)
    {
        if (m_terminal)
            std::printf("\r%90s\r", "");
        std::printf("epoch %d/%d  loss %.4f  train %.2f%%  test %.2f%%  %.0f img/s  %s  ETA %s\n",
                    e.epoch, m_epochs, e.meanLoss, 100 * e.trainAccuracy, 100 * e.testAccuracy,
                    last.imagesPerSecond, duration(e.trainSeconds).c_str(),
                    duration(last.etaSeconds).c_str());
        std::fflush(stdout);
    }

private:
    int m_epochs;
    bool m_terminal;
    double m_lastDraw = -1.0;
};

} // namespace

int runTrain(std::span<char *const> words)
{
    if (printedHelp(words, kUsage))
        return 0;
    Expected<Arguments> args = Arguments::parse(words, kFlags);
    if (!args)
        return usageError("train", args.error().message, kUsage);
    Expected<TrainRequest> r = parseRequest(*args);
    if (!r)
        return usageError("train", r.error().message, kUsage);
    if (auto ok = r->settings.validate(); !ok)
        return failure(ok.error());
    if (const std::string refusal = trainingRefusal(r->model); !refusal.empty())
        return failure(Error{refusal});
    Expected<Architecture> architecture = parseArchitecture(r->model);
    if (!architecture)
        return failure(architecture.error());
    Expected<DataSet> data = loadDataArgument(*args, folderImageSize(r->model),
                                              FolderOptions::Color::Auto);
    if (!data)
        return failure(data.error());
    if (!args->has("--augment") && !args->has("--no-augment"))
        r->settings.augmentation = recommendedSettings(r->model, data->train.count()).augmentation;
    if (findPreset(r->model))
        *architecture = withClasses(std::move(*architecture), data->classCount());
    Expected<Network> network = Network::create(*architecture, data->inputShape(),
                                                data->classCount());
    if (!network)
        return failure(network.error());
    if (auto ok = checkTrainingMemory(*network, r->settings.batch); !ok)
        return failure(ok.error());
    network->initialize(r->settings.seed);
    std::printf("training %s (%lld parameters) on %s: %d training and %d test images of %s in "
                "%d classes, %s, batch %d, %d epochs%s\n",
                network->architecture().toString().c_str(),
                static_cast<long long>(network->parameterCount()), data->folder.c_str(),
                data->train.count(), data->test.count(), data->inputShape().imageString().c_str(),
                data->classCount(), r->settings.optimizer.summary().c_str(), r->settings.batch,
                r->settings.epochs, r->settings.augmentation.enabled ? ", augmented" : "");
    auto shared = std::make_shared<const DataSet>(std::move(*data));
    Trainer trainer(std::move(*network), shared, r->settings);
    Progress progress(r->settings.epochs);
    std::string log(kStepLogHeader);
    StepReport last;
    trainer.onStep([&](const StepReport &step) {
        last = step;
        progress.step(step);
        if (r->log)
            log += stepLogRow(step);
    });
    trainer.onEpoch([&](const EpochReport &epoch) { progress.epoch(epoch, last); });
    trainer.start();
    trainer.wait();
    const std::optional<Error> failed = trainer.failure();
    if (r->log) {
        if (auto ok = writeFileAtomically(*r->log, log); !ok)
            return failure(ok.error());
    }
    if (failed)
        return failure(*failed);

    const PixelNormalization &norm = trainer.normalization();
    const Evaluation train = evaluate(trainer.network(), shared->train, norm);
    const Evaluation test = evaluate(trainer.network(), shared->test, norm);
    std::printf("train accuracy %.2f%% (%d images), test accuracy %.2f%% (%d images), "
                "training time %s\n",
                100 * train.accuracy(), train.count, 100 * test.accuracy(), test.count,
                duration(last.trainSeconds).c_str());
    ModelMetadata meta{r->data,
                       r->settings.optimizer.summary(),
                       r->settings.epochs,
                       last.step,
                       r->settings.seed,
                       train.accuracy(),
                       test.accuracy(),
                       trainedRecipe(*shared, norm),
                       shared->isDigits() ? std::vector<std::string>() : shared->classNames};
    if (auto ok = saveModel(r->save, trainer.network(), norm, meta); !ok)
        return failure(ok.error());
    std::printf("saved %s\n", r->save.c_str());
    return 0;
}

} // namespace convscope::cli
