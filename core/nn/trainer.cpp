#include "core/nn/trainer.h"

#include "core/file_io.h"
#include "core/parallel.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <sstream>

namespace convscope {

namespace {

constexpr double kSmoothing = 0.98;
// Divergence (README, "Training"): after kWatchFrom steps of a run, a smoothed loss above
// kLossGrowth times the run's first loss, and at least kLossMargin above it, stops the run.
// A healthy run's smoothed loss stays below its first loss; the margin keeps a run that starts
// from trained weights (a first loss near 0) from stopping on noise.
constexpr std::int64_t kWatchFrom = 20;
constexpr double kLossGrowth = 10.0;
constexpr double kLossMargin = 10.0;
// Collapse (README, "Training"): at a test evaluation, an accuracy below kChanceFactor times
// chance stops the run when the smoothed loss rose above kRiseFactor times the first loss, or
// when every test image gets the same output: its units died, and it will not learn again. A
// healthy run is far above chance at its first evaluation, and a slow one (sigmoids and plain
// SGD) has no loss that rose and outputs that still differ from image to image.
constexpr double kChanceFactor = 1.5;
constexpr double kRiseFactor = 1.5;
// The weights are copied this often, so that a run that diverges hands back its last good ones.
constexpr std::int64_t kGoodWeightsEvery = 25;
// Evaluation goes through the test set in batches of up to 500 images and 256 MB of activations.
constexpr int kEvaluationBatch = 500;
constexpr std::int64_t kEvaluationBytes = std::int64_t(256) << 20;

double now()
{
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

bool allFinite(Network &network)
{
    for (const Parameter *p : network.parameters()) {
        if (!p->value.allFinite())
            return false;
    }
    return true;
}

} // namespace

std::string stepLogRow(const StepReport &r)
{
    std::ostringstream row;
    row << r.step << ',' << r.epoch << ',' << r.loss << ',' << r.smoothedLoss << ','
        << r.learningRate << ',' << r.imagesPerSecond << ',' << r.trainSeconds << ',';
    if (r.testAccuracy)
        row << *r.testAccuracy;
    row << '\n';
    return row.str();
}

Expected<void> TrainingSettings::validate() const
{
    if (epochs < 1 || epochs > 100000)
        return makeError("the number of epochs ", epochs, " must be between 1 and 100000");
    if (batch < 1 || batch > 65536)
        return makeError("the batch size ", batch, " must be between 1 and 65536");
    if (threads < 0 || threads > 64)
        return makeError("the thread count ", threads, " must be between 1 and 64 (0: all cores)");
    if (!(labelSmoothing >= 0.0f && labelSmoothing < 1.0f))
        return makeError("the label smoothing ", labelSmoothing, " must be at least 0 and below 1");
    if (evaluateEvery < 0)
        return makeError("the evaluation interval ", evaluateEvery, " must be 0 or more steps");
    return optimizer.validate();
}

TrainingSettings recommendedSettings(std::string_view preset, int trainingImages)
{
    TrainingSettings s;
    s.optimizer.kind = OptimizerKind::Adam;
    s.optimizer.learningRate = recommendedLearningRate(OptimizerKind::Adam);
    s.optimizer.schedule = ScheduleKind::Cosine;
    s.epochs = 10;
    s.batch = 32;
    s.augmentation.enabled = trainingImages > 0 && trainingImages < kAugmentBelow;
    if (preset == "tiny") {
        s.optimizer.learningRate = 0.005f;
        s.epochs = 5;
    } else if (preset == "mlp") {
        s.optimizer.learningRate = 0.001f;
    } else if (preset == "mini-resnet" || preset == "mini-inception") {
        // Batch-normed networks take a larger step: 98.60 % against 98.40 for mini-resnet.
        s.optimizer.learningRate = 0.005f;
    } else if (preset == "mini-vgg") {
        s.epochs = 15; // 98.65 % on the digit subset, against 98.45 after 10
    }
    return s;
}

std::string_view trainerStateName(TrainerState state)
{
    switch (state) {
    case TrainerState::Ready:
        return "ready";
    case TrainerState::Running:
        return "running";
    case TrainerState::Paused:
        return "paused";
    case TrainerState::Finished:
        return "finished";
    case TrainerState::Stopped:
        return "stopped";
    case TrainerState::Failed:
        return "failed";
    }
    return "?";
}

LossResult trainOnBatch(Network &network, Optimizer &optimizer, const Tensor &batch,
                        std::span<const std::uint8_t> labels, float learningRate,
                        Tensor &gradLogits, float labelSmoothing)
{
    const LossResult loss = softmaxCrossEntropy(network.forward(batch, Mode::Training), labels,
                                                &gradLogits, labelSmoothing);
    if (std::isfinite(loss.loss)) {
        network.backward(gradLogits);
        optimizer.step(network.parameters(), learningRate);
    }
    return loss;
}

Expected<void> checkTrainingMemory(const Network &network, int batch)
{
    const std::int64_t perImage = 2 * network.valuesPerImage() * std::int64_t(sizeof(float));
    if (perImage * batch <= kMaxTrainingActivationBytes)
        return {};
    return makeError("training this network at batch ", batch, " keeps ",
                     formatBytes(perImage * batch), " of activations and their gradients (",
                     formatBytes(perImage), " per image), more than the ",
                     formatBytes(kMaxTrainingActivationBytes),
                     " ConvScope allows: use a batch of at most ",
                     std::max<std::int64_t>(1, kMaxTrainingActivationBytes / perImage),
                     ", fewer layers or a smaller input");
}

Expected<void> networkFitsData(const Network &network, const DataSet &data)
{
    const Shape in = network.inputShape();
    const Shape images = data.inputShape();
    if (in.c != images.c || in.h != images.h || in.w != images.w)
        return makeError("the network takes ", in.imageString(), " images but ", data.name,
                         " holds ", images.imageString(), " ones");
    if (network.classes() != data.classCount())
        return makeError("the network gives ", network.classes(), " classes but ", data.name,
                         " has ", data.classCount());
    return {};
}

Evaluation evaluate(Network &network, const ImageSet &set, const PixelNormalization &norm)
{
    const int classes = network.classes();
    Evaluation result;
    result.classes = classes;
    result.confusion.assign(size_t(classes) * size_t(classes), 0);
    result.predicted.resize(size_t(set.count()));
    result.probabilities.resize(size_t(set.count()) * size_t(classes));
    std::vector<int> indices(size_t(set.count()));
    std::iota(indices.begin(), indices.end(), 0);
    Tensor batch;
    std::vector<std::uint8_t> labels;
    std::mt19937_64 unused;
    const std::int64_t perImage = network.valuesPerImage() * std::int64_t(sizeof(float));
    const int chunk = int(
        std::clamp<std::int64_t>(kEvaluationBytes / perImage, 1, kEvaluationBatch));
    for (int first = 0; first < set.count(); first += chunk) {
        const int count = std::min(chunk, set.count() - first);
        fillBatch(set, std::span(indices).subspan(size_t(first), size_t(count)), norm, {}, unused,
                  batch, labels);
        const Tensor &logits = network.infer(batch);
        result.loss += softmaxCrossEntropy(logits, labels, nullptr).loss * count;
        for (int n = 0; n < count; ++n) {
            const float *z = logits.data() + std::int64_t(n) * classes;
            const int predicted = int(std::max_element(z, z + classes) - z);
            result.correct += predicted == labels[size_t(n)];
            ++result.confusion[size_t(labels[size_t(n)] * classes + predicted)];
            result.predicted[size_t(first + n)] = std::uint8_t(predicted);
            softmax(z, classes, result.probabilities.data() + std::int64_t(first + n) * classes);
        }
    }
    result.count = set.count();
    result.loss /= std::max(result.count, 1);
    return result;
}

Trainer::Trainer(Network network, std::shared_ptr<const DataSet> data, TrainingSettings settings)
    : m_network(std::move(network))
    , m_data(std::move(data))
    , m_settings(settings)
    , m_norm(PixelNormalization::of(m_data->train))
    , m_optimizer(settings.optimizer)
    , m_shuffleRng(settings.seed ^ 0x5deece66dULL)
    , m_augmentRng(settings.seed ^ 0x2545f4914f6cdd1dULL)
{}

Trainer::~Trainer()
{
    stop();
    wait();
}

void Trainer::onStep(std::function<void(const StepReport &)> observer)
{
    m_stepObserver = std::move(observer);
}

void Trainer::onEpoch(std::function<void(const EpochReport &)> observer)
{
    m_epochObserver = std::move(observer);
}

void Trainer::start(bool startPaused)
{
    if (m_worker.joinable())
        return;
    m_pauseRequested = startPaused;
    m_state = startPaused ? TrainerState::Paused : TrainerState::Running;
    m_worker = std::thread([this] { run(); });
}

void Trainer::pause()
{
    std::lock_guard lock(m_controlMutex);
    m_pauseRequested = true;
    m_control.notify_all();
}

void Trainer::resume()
{
    std::lock_guard lock(m_controlMutex);
    m_pauseRequested = false;
    m_control.notify_all();
}

void Trainer::singleStep()
{
    std::lock_guard lock(m_controlMutex);
    m_pauseRequested = true;
    ++m_singleSteps;
    m_control.notify_all();
}

void Trainer::stop()
{
    std::lock_guard lock(m_controlMutex);
    m_stopRequested = true;
    m_control.notify_all();
}

void Trainer::wait()
{
    if (m_worker.joinable())
        m_worker.join();
}

std::optional<Error> Trainer::failure() const
{
    std::lock_guard lock(m_controlMutex);
    return m_failure;
}

std::optional<EpochReport> Trainer::lastEpoch() const
{
    std::lock_guard lock(m_controlMutex);
    return m_lastEpoch;
}

// Returns false when training should end.
bool Trainer::waitWhilePaused()
{
    if (!m_pauseRequested.load() && !m_stopRequested.load())
        return true;
    std::unique_lock lock(m_controlMutex);
    for (;;) {
        if (m_stopRequested)
            return false;
        if (!m_pauseRequested) {
            m_state = TrainerState::Running;
            return true;
        }
        if (m_singleSteps > 0) {
            --m_singleSteps;
            return true;
        }
        if (m_state != TrainerState::Paused) {
            m_state = TrainerState::Paused;
            lock.unlock();
            publish(TrainerState::Paused);
            lock.lock();
            continue;
        }
        m_control.wait(lock);
    }
}

// A run that ran away: its network goes back to the last good weights (so that the views and a
// later Start have them), then the run fails with the message.
void Trainer::diverged(const std::string &message)
{
    // The same network's own weights: setting them back cannot fail.
    (void) m_network.setWeights(m_goodWeights);
    fail(message);
}

void Trainer::fail(const std::string &message)
{
    {
        std::lock_guard lock(m_controlMutex);
        m_failure = Error{message};
    }
    m_state = TrainerState::Failed;
    publish(TrainerState::Failed);
}

bool Trainer::trainStep(std::int64_t step, std::span<const int> indices, EpochTally &tally)
{
    const double start = now();
    const ImageSet &train = m_data->train;
    fillBatch(train, indices, m_norm, m_settings.augmentation, m_augmentRng, m_batch, m_labels);
    const float rate = m_settings.optimizer.learningRateAt(step - 1,
                                                           m_last.totalSteps / m_settings.epochs,
                                                           m_last.totalSteps);
    const LossResult loss = trainOnBatch(m_network, m_optimizer, m_batch, m_labels, rate,
                                         m_gradLogits, m_settings.labelSmoothing);
    if (!std::isfinite(loss.loss) || !allFinite(m_network)) {
        diverged(concat("training diverged at step ", step, " (epoch ", tally.epoch,
                        "): the loss or the weights became infinite or not a number. Lower the "
                        "learning rate (it was ",
                        rate, "), e.g. to ", rate / 10, ", and train again; nothing was saved"));
        return false;
    }
    const double seconds = now() - start;
    m_last.step = step;
    m_last.epoch = tally.epoch;
    m_last.loss = loss.loss;
    m_last.smoothedLoss = step == 1
                              ? loss.loss
                              : kSmoothing * m_last.smoothedLoss + (1.0 - kSmoothing) * loss.loss;
    m_last.learningRate = rate;
    if (step == 1)
        m_firstLoss = loss.loss;
    if (step >= kWatchFrom)
        m_peakLoss = std::max(m_peakLoss, m_last.smoothedLoss);
    if (step >= kWatchFrom
        && m_last.smoothedLoss > std::max(kLossGrowth * m_firstLoss, m_firstLoss + kLossMargin)) {
        diverged(concat("training diverged: the loss went from ", m_firstLoss, " to ",
                        m_last.smoothedLoss, " (smoothed) in ", step,
                        " steps. Lower the learning rate (it was ", rate, "), e.g. to ", rate / 10,
                        ", and train again; nothing was saved, and the weights are "
                        "the last good ones, from step ",
                        m_goodStep));
        return false;
    }
    if (step % kGoodWeightsEvery == 0) {
        m_goodWeights = m_network.weights();
        m_goodStep = step;
    }
    m_last.trainSeconds += seconds;
    m_last.etaSeconds = m_last.trainSeconds / double(step) * double(m_last.totalSteps - step);
    m_last.testAccuracy.reset();
    tally.lossSum += loss.loss * double(indices.size());
    tally.correct += loss.correct;
    tally.images += std::int64_t(indices.size());
    return true;
}

bool Evaluation::sameForEveryImage() const
{
    for (size_t i = size_t(classes); i < probabilities.size(); ++i) {
        if (std::abs(probabilities[i] - probabilities[i % size_t(classes)]) > 1e-6f)
            return false;
    }
    return true;
}

bool Trainer::collapsed(const Evaluation &test)
{
    const int classes = m_network.classes();
    const bool rose = m_peakLoss > kRiseFactor * m_firstLoss;
    if (test.accuracy() >= kChanceFactor / classes || !(rose || test.sameForEveryImage()))
        return false;
    const std::string why = rose ? concat("the loss rose from ", m_firstLoss, " to ", m_peakLoss,
                                          " (smoothed)")
                                 : std::string("every test image gives the same output");
    const float rate = m_settings.optimizer.learningRate;
    fail(concat("training stopped learning at step ", m_last.step, ": ", why,
                ", and the test accuracy is ", 100.0 * test.accuracy(), " %, chance for ", classes,
                " classes; the network's units have died. Lower the learning rate (it is ", rate,
                "), e.g. to ", rate / 10, ", and train again; nothing was saved"));
    return true;
}

bool Trainer::finishEpoch(const EpochTally &tally)
{
    const double images = double(std::max<std::int64_t>(tally.images, 1));
    const Evaluation test = evaluate(m_network, m_data->test, m_norm);
    const EpochReport epoch{tally.epoch,     tally.lossSum / images, double(tally.correct) / images,
                            test.accuracy(), m_last.trainSeconds,    m_last.step};
    m_trainAccuracy = epoch.trainAccuracy;
    m_testAccuracy = epoch.testAccuracy;
    {
        std::lock_guard lock(m_controlMutex);
        m_lastEpoch = epoch;
    }
    if (m_epochObserver)
        m_epochObserver(epoch);
    return !collapsed(test);
}

void Trainer::publish(TrainerState state)
{
    auto snapshot = std::make_shared<TrainingSnapshot>();
    snapshot->state = state;
    snapshot->last = m_last;
    snapshot->epochs = m_settings.epochs;
    snapshot->trainAccuracy = m_trainAccuracy;
    snapshot->testAccuracy = m_testAccuracy;
    snapshot->weights = m_network.weights();
    {
        std::lock_guard lock(m_controlMutex);
        if (m_failure)
            snapshot->message = m_failure->message;
    }
    m_snapshots.publish(std::move(snapshot));
    m_lastPublish = now();
}

void Trainer::run()
{
    try {
        if (m_settings.threads > 0)
            setThreadCount(m_settings.threads);
        const ImageSet &train = m_data->train;
        if (auto fits = networkFitsData(m_network, *m_data); !fits) {
            fail(fits.error().message);
            return;
        }
        const int batch = m_settings.batch;
        const std::int64_t perEpoch = (train.count() + batch - 1) / batch;
        m_last.totalSteps = perEpoch * m_settings.epochs;
        std::vector<int> order(size_t(train.count()));
        std::iota(order.begin(), order.end(), 0);
        m_goodWeights = m_network.weights();
        m_goodStep = 0;
        m_peakLoss = 0.0;
        publish(m_state.load());
        std::int64_t step = 0;
        // On the training clock, so that pauses, evaluations and publishing do not count.
        double windowStart = 0.0;
        std::int64_t windowImages = 0;
        for (int e = 1; e <= m_settings.epochs; ++e) {
            for (size_t i = order.size(); i > 1; --i)
                std::swap(order[i - 1], order[size_t(m_shuffleRng() % i)]);
            EpochTally tally{e};
            for (std::int64_t b = 0; b < perEpoch; ++b) {
                if (!waitWhilePaused()) {
                    m_state = TrainerState::Stopped;
                    publish(TrainerState::Stopped);
                    return;
                }
                const auto first = size_t(b * batch);
                const size_t count = std::min(size_t(batch), order.size() - first);
                if (!trainStep(++step, std::span(order).subspan(first, count), tally))
                    return;
                windowImages += std::int64_t(count);
                const double t = m_last.trainSeconds;
                if (t - windowStart >= 1.0 || m_last.imagesPerSecond == 0.0) {
                    m_last.imagesPerSecond = double(windowImages) / std::max(t - windowStart, 1e-9);
                    windowStart = t;
                    windowImages = 0;
                }
                if (m_settings.evaluateEvery > 0 && step % m_settings.evaluateEvery == 0) {
                    const Evaluation test = evaluate(m_network, m_data->test, m_norm);
                    m_testAccuracy = test.accuracy();
                    m_last.testAccuracy = m_testAccuracy;
                    if (collapsed(test))
                        return;
                }
                if (m_stepObserver)
                    m_stepObserver(m_last);
                if (m_state == TrainerState::Paused
                    || now() - m_lastPublish >= m_settings.publishInterval)
                    publish(m_state.load());
            }
            if (!finishEpoch(tally))
                return;
        }
        m_state = TrainerState::Finished;
        publish(TrainerState::Finished);
    } catch (const std::exception &error) {
        fail(concat("training stopped: ", error.what()));
    }
}

} // namespace convscope
