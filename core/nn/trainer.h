#pragma once

#include "core/expected.h"
#include "core/nn/dataset.h"
#include "core/nn/latest_slot.h"
#include "core/nn/loss.h"
#include "core/nn/network.h"
#include "core/nn/optimizer.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace convscope {

struct TrainingSettings
{
    int epochs = 10;
    int batch = 64;
    OptimizerSettings optimizer;
    std::uint64_t seed = 1;
    int threads = 0; // 0: every core
    Augmentation augmentation;
    float labelSmoothing = 0.0f;    // 0: plain cross-entropy
    std::int64_t evaluateEvery = 0; // steps between test evaluations; 0: at the end of epochs
    double publishInterval = 0.05;  // seconds between snapshots

    Expected<void> validate() const;
};

// What a training batch may keep of activations and their gradients: 4 GB, a sixth of the
// 24 GB machines of a class, so that a typo such as 5000 layers is refused, not swapped.
constexpr std::int64_t kMaxTrainingActivationBytes = 4'000'000'000;
// Refuses a batch whose activations and gradients would pass kMaxTrainingActivationBytes,
// with the figures and what to change.
Expected<void> checkTrainingMemory(const Network &network, int batch);

// The recommended recipe of a preset (README, "Training recipes"); lenet5's for any spec.
// Augmentation is part of it for training sets below kAugmentBelow images, where it pays.
constexpr int kAugmentBelow = 20000;
TrainingSettings recommendedSettings(std::string_view preset, int trainingImages = 0);

enum class TrainerState { Ready, Running, Paused, Finished, Stopped, Failed };
std::string_view trainerStateName(TrainerState state);

struct StepReport
{
    std::int64_t step = 0; // steps done, from 1
    std::int64_t totalSteps = 0;
    int epoch = 0; // from 1
    double loss = 0.0;
    double smoothedLoss = 0.0; // exponential moving average, weight 0.98
    float learningRate = 0.0f;
    double imagesPerSecond = 0.0; // over the last second of training
    double trainSeconds = 0.0;    // the training clock: steps only, no evaluation or pauses
    double etaSeconds = 0.0;
    std::optional<double> testAccuracy; // when this step was followed by an evaluation
};

// The step log of `train --log` and of the GUI's "Save log": a header and one row per step.
constexpr std::string_view kStepLogHeader = "step,epoch,loss,smoothed_loss,learning_rate,"
                                            "images_per_second,train_seconds,test_accuracy\n";
std::string stepLogRow(const StepReport &report);

struct EpochReport
{
    int epoch = 0;
    double meanLoss = 0.0;
    double trainAccuracy = 0.0; // over this epoch's training batches, as they were seen
    double testAccuracy = 0.0;
    double trainSeconds = 0.0;
    std::int64_t step = 0; // the step that ended it
};

// What a UI draws: immutable once published, taken from the trainer's latest-value slot.
struct TrainingSnapshot
{
    TrainerState state = TrainerState::Ready;
    StepReport last;
    int epochs = 0;
    std::optional<double> trainAccuracy; // of the last finished epoch
    std::optional<double> testAccuracy;  // of the last evaluation
    // Every parameter, for a copy of the network that a viewer runs and draws (its filters
    // are the conv layers' weights among these).
    std::vector<Tensor> weights;
    std::string message; // why training failed
};

struct Evaluation
{
    int count = 0;
    int correct = 0;
    double loss = 0.0;
    int classes = 0;
    std::vector<int> confusion;          // classes × classes, rows = true class
    std::vector<std::uint8_t> predicted; // per image
    std::vector<float> probabilities;    // per image, `classes` each (softmax)

    double accuracy() const { return count ? double(correct) / count : 0.0; }
    // True when every image got the same probabilities: the network no longer sees its input.
    bool sameForEveryImage() const;
};

// One optimisation step on one batch: forward, softmax cross-entropy, backward and the
// optimizer's update (skipped when the loss is not finite). What the trainer and the
// throughput benchmarks run.
LossResult trainOnBatch(Network &network, Optimizer &optimizer, const Tensor &batch,
                        std::span<const std::uint8_t> labels, float learningRate,
                        Tensor &gradLogits, float labelSmoothing = 0.0f);

// Refuses a network whose input or class count differs from the data set's, with both.
Expected<void> networkFitsData(const Network &network, const DataSet &data);

// Accuracy, mean loss and the confusion matrix over a whole split, in inference mode; the
// network has a class for each label of the set.
Evaluation evaluate(Network &network, const ImageSet &set, const PixelNormalization &norm);

// Trains a network on a worker thread. The caller controls it with atomic flags that the loop
// checks between batches, and observes it through callbacks (run on the worker thread) and
// snapshots (taken from any thread).
class Trainer
{
public:
    Trainer(Network network, std::shared_ptr<const DataSet> data, TrainingSettings settings);
    ~Trainer(); // stops and joins

    // Called on the worker thread after every step and every epoch.
    void onStep(std::function<void(const StepReport &)> observer);
    void onEpoch(std::function<void(const EpochReport &)> observer);

    // Starts the worker (paused when startPaused, ready to single-step).
    void start(bool startPaused = false);
    void pause();
    void resume();
    // While paused: trains exactly one batch, then pauses again.
    void singleStep();
    // Ends training after the current batch; the model stays consistent.
    void stop();
    // Waits for the worker to end.
    void wait();

    TrainerState state() const { return m_state.load(); }
    std::shared_ptr<const TrainingSnapshot> latestSnapshot() const { return m_snapshots.latest(); }
    // After wait(): the trained network and why it failed, if it did.
    Network &network() { return m_network; }
    const PixelNormalization &normalization() const { return m_norm; }
    std::optional<Error> failure() const;
    std::optional<EpochReport> lastEpoch() const;

private:
    void run();
    bool waitWhilePaused();
    // What the steps of one epoch add up, for its report.
    struct EpochTally
    {
        int epoch = 0;
        double lossSum = 0.0; // Σ batch loss × batch size
        std::int64_t correct = 0;
        std::int64_t images = 0;
    };

    bool trainStep(std::int64_t step, std::span<const int> indices, EpochTally &tally);
    // False when the run failed at its evaluation.
    bool finishEpoch(const EpochTally &tally);
    // Fails the run when it sits at chance after its loss rose, or with an output that no
    // longer depends on the image (kChanceFactor in trainer.cpp).
    bool collapsed(const Evaluation &test);
    void publish(TrainerState state);
    void fail(const std::string &message);
    void diverged(const std::string &message);

    Network m_network;
    std::shared_ptr<const DataSet> m_data;
    TrainingSettings m_settings;
    PixelNormalization m_norm;
    Optimizer m_optimizer;
    std::function<void(const StepReport &)> m_stepObserver;
    std::function<void(const EpochReport &)> m_epochObserver;

    std::thread m_worker;
    std::atomic<TrainerState> m_state{TrainerState::Ready};
    std::atomic<bool> m_stopRequested{false};
    std::atomic<bool> m_pauseRequested{false};
    std::atomic<int> m_singleSteps{0};
    mutable std::mutex m_controlMutex;
    std::condition_variable m_control;
    LatestSlot<TrainingSnapshot> m_snapshots;

    // Worker-side state.
    Tensor m_batch;
    Tensor m_gradLogits;
    std::vector<std::uint8_t> m_labels;
    std::mt19937_64 m_shuffleRng;
    std::mt19937_64 m_augmentRng;
    StepReport m_last;
    std::optional<double> m_trainAccuracy;
    std::optional<double> m_testAccuracy;
    std::optional<EpochReport> m_lastEpoch;
    std::optional<Error> m_failure;
    double m_lastPublish = -1.0;
    double m_firstLoss = 0.0;
    double m_peakLoss = 0.0;           // the highest smoothed loss since kWatchFrom
    std::vector<Tensor> m_goodWeights; // the weights at m_goodStep, copied as training goes
    std::int64_t m_goodStep = 0;
};

} // namespace convscope
