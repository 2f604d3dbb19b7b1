// The training engine: architectures, optimizers, the trainer's control from another thread,
// determinism, divergence, and real runs on the MNIST subset.
#include "core/nn/architecture.h"
#include "core/nn/digit_input.h"
#include "core/nn/network.h"
#include "core/nn/optimizer.h"
#include "core/nn/trainer.h"
#include "core/parallel.h"
#include "tests/core/test_support.h"
#include "tests/support/bars.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <thread>

namespace convscope {
namespace {

Network build(const std::string &spec, Shape input = {1, 1, 28, 28}, int classes = 10)
{
    Expected<Architecture> a = parseArchitecture(spec);
    EXPECT_TRUE(a.ok()) << (a ? "" : a.error().message);
    Expected<Network> n = Network::create(*a, input, classes);
    EXPECT_TRUE(n.ok()) << (n ? "" : n.error().message);
    return std::move(n).value();
}

std::string buildError(const std::string &spec, Shape input = {1, 1, 28, 28})
{
    Expected<Architecture> a = parseArchitecture(spec);
    if (!a)
        return a.error().message;
    Expected<Network> n = Network::create(*a, input, 10);
    return n ? std::string() : n.error().message;
}

bool has(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

std::shared_ptr<const DataSet> mnistOrSkip()
{
    Expected<DataSet> data = loadDataSet("mnist");
    if (!data)
        return nullptr;
    return std::make_shared<const DataSet>(std::move(*data));
}

TEST(Architecture, PresetsHaveTheLectureParameterCounts)
{
    EXPECT_EQ(build("lenet5").parameterCount(), 61706);
    EXPECT_EQ(build("mlp").parameterCount(), 784 * 120 + 120 + 120 * 84 + 84 + 84 * 10 + 10);
    EXPECT_EQ(build("tiny").parameterCount(), 8 * 25 + 8 + 8 * 7 * 7 * 10 + 10);
    const std::vector<LayerDescription> rows = build("lenet5").describe();
    ASSERT_EQ(rows.size(), 12u);
    EXPECT_EQ(rows[0].name, "conv1");
    EXPECT_EQ(rows[0].output, (Shape{1, 6, 28, 28}));
    EXPECT_EQ(rows[0].parameters, 156);
    EXPECT_EQ(rows[0].multiplyAdds, 28 * 28 * 6 * 25);
    EXPECT_EQ(rows[2].name, "maxpool1");
    EXPECT_EQ(rows[3].output, (Shape{1, 16, 10, 10}));
    EXPECT_EQ(rows[3].multiplyAdds, 10 * 10 * 16 * 150);
    EXPECT_EQ(rows[6].output, (Shape{1, 400, 1, 1}));
    EXPECT_EQ(rows[7].name, "dense1");
    EXPECT_EQ(rows[7].parameters, 400 * 120 + 120);
    EXPECT_EQ(rows[11].output, (Shape{1, 10, 1, 1}));
}

TEST(Architecture, TextRoundTripsThroughTheParser)
{
    const std::string spec = "conv 4 3x5 stride 2x1 pad 1,0,2,1 dilation 2 reflect flip nobias "
                             "| leakyrelu 0.2 | avgpool 3 stride 2 pad 1 | conv 2 3x3 pad same "
                             "| sigmoid | dropout 0.25 | flatten | dense 10 nobias";
    const Architecture a = *parseArchitecture(spec);
    EXPECT_EQ(a.toString(), spec);
    EXPECT_EQ(parseArchitecture(a.toString())->toString(), spec);
    const LayerSpec &conv = a.layers[0];
    EXPECT_EQ(conv.kernelH, 3);
    EXPECT_EQ(conv.kernelW, 5);
    EXPECT_EQ(conv.conv.strideH, 2);
    EXPECT_EQ(conv.conv.padding.sides, (Padding{1, 0, 2, 1}));
    EXPECT_EQ(conv.conv.padMode, PadMode::Reflect);
    EXPECT_TRUE(conv.conv.flipKernel);
    EXPECT_FALSE(conv.bias);
    EXPECT_TRUE(buildError(spec).empty()) << buildError(spec);

    // AlexNet's normalisation: PyTorch's defaults left out of the text, the paper's k kept.
    const Architecture lrn = *parseArchitecture("lrn 5 alpha 0.0001 beta 0.75 k 2 | flatten | "
                                                "dense 10");
    EXPECT_EQ(lrn.toString(), "lrn 5 k 2 | flatten | dense 10");
    EXPECT_EQ(lrn.layers[0].count, 5);
    EXPECT_FLOAT_EQ(lrn.layers[0].k, 2.0f);
    EXPECT_TRUE(has(buildError("lrn | dense 10"), "lrn needs the channels it spans"));
    EXPECT_TRUE(has(buildError("lrn 0 | dense 10"), "LRN size 0 must be from 1 to 4096"));
    EXPECT_TRUE(has(buildError("lrn 5 k 0 | dense 10"), "k 0 must be above 0"));
    EXPECT_TRUE(has(buildError("lrn 5 gamma 1 | dense 10"), "lrn takes alpha, beta and k"));

    // Grouped convolutions: AlexNet's two halves, a depthwise layer.
    const Architecture grouped = *parseArchitecture("conv 4 3x3 | conv 8 3x3 groups 2 | "
                                                    "conv 8 3x3 groups 8 nobias | flatten | "
                                                    "dense 10");
    EXPECT_EQ(grouped.layers[1].conv.groups, 2);
    EXPECT_EQ(parseArchitecture(grouped.toString())->toString(), grouped.toString());
    EXPECT_TRUE(has(grouped.toString(), "conv 8 3x3 groups 8 nobias"));
    EXPECT_TRUE(buildError(grouped.toString()).empty());
    EXPECT_TRUE(has(buildError("conv 4 3x3 | conv 6 3x3 groups 4 | flatten | dense 10"),
                    "6 filters cannot be split into 4 groups"));
    EXPECT_TRUE(has(buildError("conv 4 3x3 groups 0 | flatten | dense 10"),
                    "groups 0: a convolution has at least 1 group"));
    EXPECT_TRUE(has(buildError("conv 4 3x3 groups two | flatten | dense 10"),
                    "groups 'two' is not a whole number"));
}

// The grammar table that the Network page lists: every word's example is a layer of that kind,
// every preset a network, and an unknown word is answered with the whole list.
TEST(Architecture, EveryLayerWordAndPresetParses)
{
    const std::vector<std::string_view> words = layerWords();
    EXPECT_EQ(words.size(), 16u);
    std::string listed;
    for (std::string_view word : words) {
        const std::string example(layerExample(word));
        Expected<Architecture> one = parseArchitecture(example);
        ASSERT_TRUE(one.ok()) << example << ": " << one.error().message;
        ASSERT_EQ(one->layers.size(), 1u);
        EXPECT_EQ(one->layers[0].kindName(), word);
        EXPECT_EQ(one->layers[0].toString(), example);
        listed += std::string(word) + (word == words.back() ? "" : ", ");
    }
    EXPECT_TRUE(layerExample("pool").empty());
    const std::string unknown = buildError("pool 2 | dense 10");
    EXPECT_TRUE(has(unknown, listed.substr(0, listed.rfind(", ")))) << unknown;
    EXPECT_TRUE(has(unknown, "or " + std::string(words.back()))) << unknown;
    EXPECT_TRUE(has(buildError("residual | dense 10"), "write it as 'residual( LAYERS"));
    for (const Preset &preset : presets()) {
        EXPECT_FALSE(preset.title.empty());
        EXPECT_EQ(parseArchitecture(preset.name)->toString(), preset.spec);
        if (preset.takesDigits()) {
            EXPECT_TRUE(buildError(std::string(preset.name)).empty()) << preset.name;
        }
    }
}

// Issue 14: sizes are checked before anything is allocated, and a network too large to train
// here is refused with its size, while describing it still works.
TEST(Architecture, HugeLayersAreRefusedBeforeTheyAreAllocated)
{
    EXPECT_TRUE(has(buildError("conv 2 32,147483647 | dense 10"), "more than 268435456 weights"))
        << buildError("conv 2 32,147483647 | dense 10");
    const std::string kernel = buildError("conv 1 2147483647 | flatten | dense 10");
    EXPECT_TRUE(has(kernel, "needs more than 268435456 weights")) << kernel;
    const std::string typo = buildError("flatten | dense 300000 | dense 10");
    EXPECT_TRUE(has(typo, "the network has 238500010 parameters")) << typo;
    EXPECT_TRUE(has(typo, "up to 50000000 parameters")) << typo;
    const ArchitectureTable described = tabulate(*parseArchitecture("flatten | dense 300000 | "
                                                                    "dense 10"),
                                                 kDigitShape);
    EXPECT_TRUE(described.error.empty()) << described.error;
    EXPECT_EQ(described.parameters(), 238500010);
    EXPECT_TRUE(has(buildError("flatten | dense 240 | dense 655369"), "end it with 'dense 10'"));
}

TEST(Architecture, ErrorsNameTheLayerAndTheNumbers)
{
    EXPECT_TRUE(has(buildError("conv 6 5y5 | dense 10"), "layer 1 'conv 6 5y5'"));
    EXPECT_TRUE(has(buildError("conv 6 5x5 | pool 2 | dense 10"), "unknown layer 'pool'"));
    EXPECT_TRUE(has(buildError("conv 6 5x5 |"), "ends with '|'"));
    EXPECT_TRUE(has(buildError(""), "empty"));
    EXPECT_TRUE(has(buildError("dropout 1.5 | dense 10"), "dropout rate 1.5"));
    const std::string tooSmall = buildError("conv 6 5x5 | maxpool 2 | conv 16 5x5 | maxpool 2 "
                                            "| conv 32 5x5 | flatten | dense 10");
    EXPECT_TRUE(has(tooSmall, "layer 5 'conv 32 5x5' (conv3) on its input 16×4×4")) << tooSmall;
    EXPECT_TRUE(has(tooSmall, "4×4 is smaller than")) << tooSmall;
    EXPECT_TRUE(has(buildError("conv 6 5x5 | flatten | dense 12"), "end it with 'dense 10'"));
    EXPECT_TRUE(has(buildError("conv 0 3x3 | flatten | dense 10"), "at least 1 filter"));
}

TEST(Optimizer, SgdAndAdamFollowPyTorchsFormulas)
{
    Parameter p{"w", Tensor({1, 1, 1, 2}), Tensor({1, 1, 1, 2})};
    p.value.values() = {1.0f, -2.0f};
    p.gradient.values() = {0.5f, 0.25f};
    OptimizerSettings sgd;
    sgd.learningRate = 0.1f;
    sgd.momentum = 0.9f;
    sgd.weightDecay = 0.01f;
    Optimizer opt(sgd);
    opt.step({&p}, 0.1f); // g = 0.5 + 0.01 = 0.51, b = 0.51
    EXPECT_FLOAT_EQ(p.value.values()[0], 1.0f - 0.1f * 0.51f);
    opt.step({&p}, 0.1f); // g = 0.5 + 0.01·0.949, b = 0.9·0.51 + g
    const float g = 0.5f + 0.01f * (1.0f - 0.051f);
    EXPECT_FLOAT_EQ(p.value.values()[0], 1.0f - 0.051f - 0.1f * (0.9f * 0.51f + g));

    p.value.values() = {1.0f, -2.0f};
    OptimizerSettings adam;
    adam.kind = OptimizerKind::Adam;
    Optimizer a(adam);
    a.step({&p}, 0.001f); // the first Adam step moves every weight by lr·sign(g)
    EXPECT_NEAR(p.value.values()[0], 1.0f - 0.001f, 1e-7);
    EXPECT_NEAR(p.value.values()[1], -2.0f - 0.001f, 1e-7);

    OptimizerSettings cosine;
    cosine.schedule = ScheduleKind::Cosine;
    EXPECT_FLOAT_EQ(cosine.learningRateAt(0, 10, 100), 0.01f);
    EXPECT_NEAR(cosine.learningRateAt(50, 10, 100), 0.005f, 1e-7);
    cosine.schedule = ScheduleKind::Step;
    cosine.stepEpochs = 2;
    EXPECT_FLOAT_EQ(cosine.learningRateAt(25, 10, 100), 0.01f * 0.5f);  // epoch 2
    EXPECT_FLOAT_EQ(cosine.learningRateAt(45, 10, 100), 0.01f * 0.25f); // epoch 4
}

TEST(Trainer, OverfitsSixtyFourImagesToFullAccuracy)
{
    std::shared_ptr<DataSet> data = test::barsData(64, 64, 3);
    data->test = data->train;
    TrainingSettings s = recommendedSettings("lenet5");
    s.epochs = 40;
    s.batch = 16;
    s.optimizer.schedule = ScheduleKind::Constant;
    s.optimizer.learningRate = 0.002f;
    Network net = build("lenet5");
    net.initialize(4);
    Trainer trainer(std::move(net), data, s);
    trainer.start();
    trainer.wait();
    ASSERT_FALSE(trainer.failure().has_value());
    const Evaluation e = evaluate(trainer.network(), data->train, trainer.normalization());
    EXPECT_EQ(e.correct, 64);
    EXPECT_EQ(trainer.state(), TrainerState::Finished);
}

std::vector<Tensor> trainedWeights(std::shared_ptr<const DataSet> data, int threads)
{
    TrainingSettings s = recommendedSettings("lenet5");
    s.epochs = 2;
    s.threads = threads;
    s.augmentation.enabled = true;
    Network net = build("conv 4 5x5 pad 2 | relu | maxpool 2 | flatten | dropout 0.3 | dense 10");
    net.initialize(11);
    Trainer trainer(std::move(net), data, s);
    trainer.start();
    trainer.wait();
    return trainer.network().weights();
}

TEST(Trainer, SameSeedAndThreadsGiveIdenticalWeights)
{
    std::shared_ptr<const DataSet> data = test::barsData(300, 300, 5);
    const int threads = threadCount();
    const std::vector<Tensor> a = trainedWeights(data, 2);
    const std::vector<Tensor> b = trainedWeights(data, 2);
    setThreadCount(threads);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i)
        EXPECT_EQ(a[i].values(), b[i].values()) << "tensor " << i;
}

bool waitFor(const std::function<bool()> &condition)
{
    for (int i = 0; i < 2000 && !condition(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return condition();
}

TEST(Trainer, PausesResumesStepsAndStopsFromAnotherThread)
{
    std::shared_ptr<const DataSet> data = test::barsData(2000, 2000, 7);
    TrainingSettings s = recommendedSettings("tiny");
    s.epochs = 1000;
    s.publishInterval = 0.0;
    Network net = build("tiny");
    net.initialize(1);
    Trainer trainer(std::move(net), data, s);
    std::atomic<std::int64_t> steps{0};
    StepReport first;
    trainer.onStep([&](const StepReport &r) {
        if (r.step == 1)
            first = r;
        steps = r.step;
    });
    trainer.start(true);
    ASSERT_TRUE(waitFor([&] { return trainer.latestSnapshot() != nullptr; }));
    EXPECT_EQ(trainer.state(), TrainerState::Paused);
    EXPECT_EQ(steps.load(), 0);

    trainer.singleStep();
    ASSERT_TRUE(waitFor([&] { return steps.load() == 1; }));
    // Images/s runs on the training clock: the wait before the step does not slow it down.
    EXPECT_NEAR(first.imagesPerSecond * first.trainSeconds, s.batch, 1e-6 * s.batch);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(steps.load(), 1);
    ASSERT_TRUE(waitFor([&] {
        auto snap = trainer.latestSnapshot();
        return snap && snap->last.step == 1 && snap->state == TrainerState::Paused;
    }));

    trainer.resume();
    ASSERT_TRUE(waitFor([&] { return steps.load() > 20; }));
    EXPECT_EQ(trainer.state(), TrainerState::Running);
    trainer.pause();
    ASSERT_TRUE(waitFor([&] { return trainer.state() == TrainerState::Paused; }));
    const std::int64_t pausedAt = steps.load();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(steps.load(), pausedAt);

    trainer.resume();
    ASSERT_TRUE(waitFor([&] { return steps.load() > pausedAt + 5; }));
    trainer.stop();
    trainer.wait();
    EXPECT_EQ(trainer.state(), TrainerState::Stopped);
    EXPECT_FALSE(trainer.failure().has_value());
    const std::shared_ptr<const TrainingSnapshot> last = trainer.latestSnapshot();
    EXPECT_EQ(last->state, TrainerState::Stopped);
    // The last snapshot carries the weights the trainer stopped with, the filters first.
    const std::vector<Tensor> stoppedWith = trainer.network().weights();
    ASSERT_EQ(last->weights.size(), stoppedWith.size());
    EXPECT_EQ(last->weights[0].shape(), (Shape{8, 1, 5, 5}));
    for (size_t i = 0; i < stoppedWith.size(); ++i)
        EXPECT_EQ(last->weights[i].values(), stoppedWith[i].values()) << "parameter " << i;
    for (const Tensor &w : trainer.network().weights()) {
        for (float v : w.values())
            ASSERT_TRUE(std::isfinite(v));
    }
    EXPECT_GT(evaluate(trainer.network(), data->test, trainer.normalization()).accuracy(), 0.5);
}

// The trainer checks every weight after every step with Tensor::allFinite, whose vectorised
// test of the exponent bits must find each kind of infinity and NaN in every position of a
// vector and of the tail after the last whole one, and nothing among the extreme finite values.
TEST(Trainer, TheWeightCheckFindsEveryInfinityAndNaNAnywhere)
{
    using Limits = std::numeric_limits<float>;
    const float bad[] = {Limits::infinity(), -Limits::infinity(), Limits::quiet_NaN(),
                         -Limits::quiet_NaN(), Limits::signaling_NaN()};
    const float extremes[] = {Limits::max(), -Limits::max(), Limits::denorm_min(), -0.0f,
                              Limits::min()};
    for (int size = 1; size <= 37; ++size) {
        Tensor t({1, 1, 1, size});
        for (int i = 0; i < size; ++i)
            t.values()[size_t(i)] = extremes[i % 5];
        EXPECT_TRUE(t.allFinite()) << size;
        for (int at = 0; at < size; ++at) {
            for (float v : bad) {
                Tensor broken = t;
                broken.values()[size_t(at)] = v;
                EXPECT_FALSE(broken.allFinite()) << v << " at " << at << " of " << size;
            }
        }
    }
    EXPECT_TRUE(Tensor().allFinite());
}

TEST(Trainer, DivergenceStopsAtOnceAndSaysWhy)
{
    std::shared_ptr<const DataSet> data = test::barsData(500, 500, 9);
    TrainingSettings s;
    s.optimizer.learningRate = 1e6f;
    s.epochs = 3;
    Network net = build("tiny");
    net.initialize(1);
    Trainer trainer(std::move(net), data, s);
    trainer.start();
    trainer.wait();
    EXPECT_EQ(trainer.state(), TrainerState::Failed);
    ASSERT_TRUE(trainer.failure().has_value());
    EXPECT_TRUE(has(trainer.failure()->message, "Lower the learning rate"))
        << trainer.failure()->message;
    EXPECT_TRUE(has(trainer.latestSnapshot()->message, "diverged"));
}

// A loss that stays finite but runs away (Adam at a learning rate of 10) stops too, with the
// loss's rise in the message, and the network holds its last good weights, all finite.
TEST(Trainer, ARunawayLossStopsWithTheLastGoodWeights)
{
    std::shared_ptr<const DataSet> data = test::barsData(1000, 200, 9);
    TrainingSettings s = recommendedSettings("tiny");
    s.optimizer.learningRate = 10.0f;
    s.epochs = 3;
    s.batch = 16;
    Network net = build("tiny");
    net.initialize(1);
    Trainer trainer(std::move(net), data, s);
    trainer.start();
    trainer.wait();
    ASSERT_EQ(trainer.state(), TrainerState::Failed);
    const std::string message = trainer.failure()->message;
    EXPECT_TRUE(has(message, "the loss went from")) << message;
    EXPECT_TRUE(has(message, "the last good ones")) << message;
    for (const Tensor &w : trainer.network().weights()) {
        for (float v : w.values())
            ASSERT_TRUE(std::isfinite(v));
    }
}

// Runs that end at chance stop at their evaluation, with the reason: one whose loss rose
// (Adam at 0.1) and one whose units all died (every image gives the same output).
TEST(Trainer, ARunThatCollapsesToChanceStopsAtItsEvaluation)
{
    std::shared_ptr<const DataSet> data = test::barsData(1000, 200, 9);
    for (float rate : {0.1f, 0.03f}) {
        TrainingSettings s = recommendedSettings("lenet5");
        s.optimizer.learningRate = rate;
        s.epochs = 3;
        Network net = build("lenet5");
        net.initialize(1);
        Trainer trainer(std::move(net), data, s);
        trainer.start();
        trainer.wait();
        ASSERT_EQ(trainer.state(), TrainerState::Failed) << "Adam at " << rate;
        const std::string message = trainer.failure()->message;
        EXPECT_TRUE(has(message, "training stopped learning at step ")) << message;
        EXPECT_TRUE(has(message, "chance for 10 classes")) << message;
        EXPECT_TRUE(has(message, "the loss rose from") || has(message, "the same output"))
            << message;
        EXPECT_LT(*trainer.latestSnapshot()->testAccuracy, 0.15);
    }
    Evaluation same;
    same.classes = 10;
    same.probabilities.assign(3 * 10, 0.1f);
    EXPECT_TRUE(same.sameForEveryImage());
    same.probabilities[size_t(2 * 10 + 1)] = 0.01f;
    EXPECT_FALSE(same.sameForEveryImage());
}

// Every preset's recipe, and SGD with and without momentum at its recommended rate, trains
// without tripping the divergence rule.
TEST(Trainer, HealthyRecipesNeverTripTheDivergenceRule)
{
    std::shared_ptr<const DataSet> data = test::barsData(1200, 200, 4);
    for (const char *preset :
         {"lenet5", "tiny", "mlp", "mini-vgg", "mini-inception", "mini-resnet"}) {
        const bool mini = std::string(preset).starts_with("mini");
        for (int optimizer = 0; optimizer < (mini ? 1 : 3); ++optimizer) {
            TrainingSettings s = recommendedSettings(preset);
            if (optimizer > 0) {
                s.optimizer.kind = OptimizerKind::Sgd;
                s.optimizer.learningRate = recommendedLearningRate(OptimizerKind::Sgd);
                s.optimizer.momentum = optimizer == 2 ? kDefaultMomentum : 0.0f;
            }
            s.epochs = 1;
            s.batch = 16;
            Network net = build(preset);
            net.initialize(2);
            Trainer trainer(std::move(net), data, s);
            trainer.start();
            trainer.wait();
            EXPECT_EQ(trainer.state(), TrainerState::Finished)
                << preset << " optimizer " << optimizer << ": "
                << (trainer.failure() ? trainer.failure()->message : std::string());
        }
    }
    // The lecture's slow learner, sigmoids under plain SGD, sits near chance for a while
    // without being taken for a collapse.
    TrainingSettings s = recommendedSettings("lenet5");
    s.optimizer.kind = OptimizerKind::Sgd;
    s.optimizer.learningRate = 0.01f;
    s.optimizer.momentum = 0.0f;
    s.epochs = 2;
    Network net = build(
        "conv 6 5x5 pad 2 | sigmoid | avgpool 2 | conv 16 5x5 | sigmoid | "
        "avgpool 2 | flatten | dense 120 | sigmoid | dense 84 | sigmoid | dense 10");
    net.initialize(2);
    Trainer trainer(std::move(net), data, s);
    trainer.start();
    trainer.wait();
    EXPECT_EQ(trainer.state(), TrainerState::Finished)
        << (trainer.failure() ? trainer.failure()->message : std::string());
}

// LeNet-5 under every other rule at its recommended rate: a test of its own, so that CTest runs
// it beside the presets' (the sanitizer pass's longest).
TEST(Trainer, EveryOptimizerTrainsLeNetWithoutTrippingTheRule)
{
    std::shared_ptr<const DataSet> data = test::barsData(1200, 200, 4);
    for (OptimizerKind kind : {OptimizerKind::AdamW, OptimizerKind::Adagrad, OptimizerKind::RmsProp,
                               OptimizerKind::AdaDelta}) {
        TrainingSettings s = recommendedSettings("lenet5");
        const ScheduleKind schedule = s.optimizer.schedule;
        s.optimizer = OptimizerSettings::defaultsFor(kind);
        s.optimizer.schedule = schedule;
        s.epochs = 1;
        s.batch = 16;
        Network net = build("lenet5");
        net.initialize(2);
        Trainer trainer(std::move(net), data, s);
        trainer.start();
        trainer.wait();
        EXPECT_EQ(trainer.state(), TrainerState::Finished)
            << optimizerName(kind) << ": "
            << (trainer.failure() ? trainer.failure()->message : std::string());
    }
}

TEST(Trainer, ShortRealRunOnTheMnistSubsetPassesNinetyPercent)
{
    std::shared_ptr<const DataSet> data = mnistOrSkip();
    if (!data)
        GTEST_SKIP() << "data/mnist is missing: scripts/setup prepares it";
    TrainingSettings s = recommendedSettings("lenet5");
    s.epochs = 2;
    Network net = build("lenet5");
    net.initialize(s.seed);
    Trainer trainer(std::move(net), data, s);
    const auto start = std::chrono::steady_clock::now();
    trainer.start();
    trainer.wait();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::minutes(1));
    ASSERT_FALSE(trainer.failure().has_value());
    EXPECT_GE(evaluate(trainer.network(), data->test, trainer.normalization()).accuracy(), 0.90);
    EXPECT_GE(trainer.lastEpoch()->testAccuracy, 0.90);
}

TEST(Evaluate, ConfusionMatrixCountsEveryImageOnce)
{
    std::shared_ptr<const DataSet> data = test::barsData(123, 123, 13);
    Network net = build("tiny");
    net.initialize(2);
    const Evaluation e = evaluate(net, data->test, PixelNormalization::of(data->train));
    int total = 0, diagonal = 0;
    for (int t = 0; t < 10; ++t) {
        for (int p = 0; p < 10; ++p)
            total += e.confusion[size_t(t * 10 + p)];
        diagonal += e.confusion[size_t(t * 11)];
    }
    EXPECT_EQ(total, 123);
    EXPECT_EQ(diagonal, e.correct);
    EXPECT_EQ(e.count, 123);
}

TEST(Evaluate, EveryImageHasItsPredictionAndProbabilities)
{
    std::shared_ptr<const DataSet> data = test::barsData(70, 70, 5);
    Network net = build("tiny");
    net.initialize(4);
    const PixelNormalization norm = PixelNormalization::of(data->train);
    const Evaluation e = evaluate(net, data->test, norm);
    ASSERT_EQ(e.predicted.size(), 70u);
    ASSERT_EQ(e.probabilities.size(), 700u);
    int correct = 0;
    for (int i = 0; i < 70; i += 1) {
        std::vector<float> unit(28 * 28);
        for (int p = 0; p < 28 * 28; ++p)
            unit[size_t(p)] = float(data->test.image(i)[p]) / 255.0f;
        const Tensor &logits = net.forward(normalizedImage(unit.data(), 28, 28, norm),
                                           Mode::Inference);
        const int best = int(std::max_element(logits.data(), logits.data() + 10) - logits.data());
        EXPECT_EQ(e.predicted[size_t(i)], best) << "image " << i;
        const float *p = e.probabilities.data() + i * 10;
        EXPECT_NEAR(std::accumulate(p, p + 10, 0.0), 1.0, 1e-5);
        EXPECT_EQ(std::max_element(p, p + 10) - p, best);
        correct += best == data->test.labels[size_t(i)];
    }
    EXPECT_EQ(correct, e.correct);
}

std::string reluStack(int relus)
{
    std::string spec;
    for (int i = 0; i < relus; ++i)
        spec += "relu | ";
    return spec + "flatten | dense 10";
}

// A typo that repeats a layer thousands of times is refused when parsed; a deep network that
// parses trains only at a batch whose activations fit, and is evaluated in smaller batches.
TEST(Trainer, DeepNetworksTrainAtABatchThatFitsInMemory)
{
    EXPECT_TRUE(parseArchitecture(reluStack(kMaxLayers - 2)).ok());
    Expected<Architecture> typo = parseArchitecture(reluStack(kMaxLayers));
    ASSERT_FALSE(typo.ok());
    EXPECT_TRUE(has(typo.error().message, "more than 1000 layers")) << typo.error().message;

    Network deep = build(reluStack(900));
    const std::int64_t values = 784 + 900 * 784 + 784 + 10;
    EXPECT_EQ(deep.valuesPerImage(), values);
    EXPECT_TRUE(checkTrainingMemory(deep, 32).ok());
    const Expected<void> big = checkTrainingMemory(deep, 1024);
    ASSERT_FALSE(big.ok());
    const std::string &message = big.error().message;
    EXPECT_TRUE(has(message, "at batch 1024 keeps 5.8 GB")) << message;
    EXPECT_TRUE(has(message, "use a batch of at most "
                                 + std::to_string(kMaxTrainingActivationBytes / (8 * values))))
        << message;

    std::shared_ptr<const DataSet> data = test::barsData(10, 123, 13);
    deep.initialize(2);
    const Evaluation e = evaluate(deep, data->test, PixelNormalization::of(data->train));
    EXPECT_EQ(e.count, 123);
    EXPECT_EQ(std::accumulate(e.confusion.begin(), e.confusion.end(), 0), 123);
}

TEST(ArchitectureTable, RowsBeforeABadLayerKeepTheirFigures)
{
    const ArchitectureTable lenet = tabulate(*parseArchitecture("lenet5"), {1, 1, 28, 28});
    EXPECT_EQ(lenet.badLayer, -1);
    EXPECT_TRUE(lenet.error.empty()) << lenet.error;
    ASSERT_EQ(lenet.rows.size(), 12u);
    EXPECT_EQ(lenet.parameters(), 61706);
    EXPECT_EQ(lenet.rows[0].output, (Shape{1, 6, 28, 28}));
    EXPECT_EQ(lenet.rows[0].parameters, 6 * 25 + 6);
    EXPECT_EQ(lenet.rows[0].multiplyAdds, 6 * 25 * 28 * 28);
    EXPECT_EQ(lenet.multiplyAdds(), build("lenet5").multiplyAdds());

    const ArchitectureTable bad = tabulate(*parseArchitecture("conv 6 5x5 | maxpool 2 | conv 16 "
                                                              "5x5 | maxpool 2 | conv 32 5x5 | "
                                                              "flatten | dense 10"),
                                           {1, 1, 28, 28});
    EXPECT_EQ(bad.badLayer, 4);
    ASSERT_EQ(bad.rows.size(), 4u);
    EXPECT_EQ(bad.rows[3].output, (Shape{1, 16, 4, 4}));
    EXPECT_TRUE(has(bad.error, "4×4 is smaller than")) << bad.error;

    const ArchitectureTable open = tabulate(*parseArchitecture("conv 6 3x3 | flatten"),
                                            {1, 1, 28, 28});
    EXPECT_EQ(open.badLayer, -1);
    EXPECT_EQ(open.rows.size(), 2u);
    EXPECT_TRUE(has(open.error, "end it with 'dense 10'")) << open.error;
    EXPECT_TRUE(has(tabulate({}, {1, 1, 28, 28}).error, "no layers"));
}

// The lecture's comparison: every conv stage becomes a dense layer as large as its output.
TEST(Architecture, MlpOfStagesHasADenseLayerPerStage)
{
    const Architecture lenet = *parseArchitecture("lenet5");
    const Architecture mlp = mlpOfStages(lenet, kDigitShape, 10);
    EXPECT_EQ(mlp.toString(), "flatten | dense 1176 | relu | dense 400 | relu | dense 120 | relu "
                              "| dense 84 | relu | dense 10");
    EXPECT_EQ(mlpParameterCount(mlp, 784), 784 * 1176 + 1176 + 1176 * 400 + 400 + 400 * 120 + 120
                                               + 120 * 84 + 84 + 84 * 10 + 10);
    EXPECT_EQ(build(mlp.toString()).parameterCount(), mlpParameterCount(mlp, 784));
    EXPECT_EQ(mlpOfStages(*parseArchitecture("tiny"), kDigitShape, 10).toString(),
              "flatten | dense 392 | relu | dense 10");
}

TEST(SerialScope, KeepsEveryRangeOnTheCaller)
{
    const std::thread::id caller = std::this_thread::get_id();
    std::atomic<int> elsewhere{0};
    {
        SerialScope serial;
        parallelFor(1000, 1, [&](std::int64_t, std::int64_t) {
            elsewhere += std::this_thread::get_id() != caller;
        });
    }
    EXPECT_EQ(elsewhere.load(), 0);
}

} // namespace
} // namespace convscope
