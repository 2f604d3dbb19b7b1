#include "ui/training/trainingsession.h"

#include "core/nn/digit_input.h"
#include "core/nn/loss.h"
#include "core/nn/model_file.h"
#include "core/nn/onnx_export.h"
#include "core/parallel.h"
#include "ui/common/coretext.h"

#include <algorithm>

namespace convscope::ui {

namespace {

// 10 redraws a second look live; every redraw takes the GUI thread's CPU from the training
// threads, which wait for each other at every layer: at 30 a second that cost LeNet-5 a tenth
// of its speed on two cores, and at 15 the GUI thread still took 6.1–6.8 % of a core against
// 4.2–4.6 % at 10 (bench/gui_training_bench, batch 32).
constexpr int kTickMs = 100;
// The timeline keeps every frame's weights while they take at most this much in all.
constexpr std::int64_t kMaxReplayBytes = std::int64_t(64) << 20;

} // namespace

TrainingSession::TrainingSession(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &TrainingSession::tick);
    m_viewer = std::make_unique<Network>(
        Network::create(*parseArchitecture("lenet5"), kDigitShape).value());
    reset();
}

TrainingSession::~TrainingSession()
{
    m_trainer.reset(); // stops and joins before the inbox goes away
}

Expected<void> TrainingSession::setArchitecture(const Architecture &architecture)
{
    if (isActive())
        return makeError(tr("stop training before changing the network").toStdString());
    Expected<Network> network = Network::create(architecture, inputShape(), classCount());
    if (!network)
        return network.error();
    m_trainer.reset();
    m_viewer = std::make_unique<Network>(std::move(*network));
    m_fitError.clear();
    reset();
    emit architectureChanged();
    return {};
}

Shape TrainingSession::inputShape() const
{
    return m_data ? m_data->inputShape() : m_viewer->inputShape();
}

int TrainingSession::classCount() const
{
    return m_data ? m_data->classCount() : m_viewer->classes();
}

// A data set of other images or classes gets the network remade for them: built on its
// images, with the last dense layer giving its classes (torchvision's num_classes).
bool TrainingSession::fitNetworkToData()
{
    const Shape in = inputShape();
    const int classes = classCount();
    if (m_viewer->inputShape() == in && m_viewer->classes() == classes) {
        m_fitError.clear();
        return false;
    }
    const Architecture adapted = withClasses(m_viewer->architecture(), classes);
    Expected<Network> network = Network::create(adapted, in, classes);
    if (!network) {
        m_fitError = tr("the network does not fit the %1 images in %2 classes: %3")
                         .arg(QString::fromStdString(in.imageString()))
                         .arg(classes)
                         .arg(coreText(network.error().message));
        return false;
    }
    m_fitError.clear();
    m_viewer = std::make_unique<Network>(std::move(*network));
    return true;
}

void TrainingSession::setData(std::shared_ptr<const DataSet> data, DataChange change)
{
    if (isActive())
        return;
    m_trainer.reset();
    m_data = std::move(data);
    const bool remade = fitNetworkToData();
    if (change == DataChange::KeepWeights && !remade) {
        // The weights keep the normalisation they learned with; only the data's views change.
        m_failure.clear();
        clearHistory();
        setState(TrainerState::Ready);
        emit progressed(0, true);
    } else {
        m_norm = m_data ? PixelNormalization::of(m_data->train) : PixelNormalization{};
        reset();
    }
    if (remade)
        emit architectureChanged();
    emit dataChanged();
    emit stateChanged(); // whether Start can run depends on the data
}

// Without a data set: a loaded model's labels, the digits for ten classes, numbers otherwise.
QStringList TrainingSession::classNames() const
{
    std::vector<std::string> names = DataSet::digitClassNames();
    if (m_data)
        names = m_data->classNames;
    else if (m_loaded && int(m_loaded->metadata.labels.size()) == classCount())
        names = m_loaded->metadata.labels;
    QStringList list;
    for (const std::string &name : names)
        list.append(QString::fromStdString(name));
    for (int k = int(list.size()); k < classCount(); ++k)
        list.append(QString::number(k));
    return list.mid(0, classCount());
}

bool TrainingSession::dataMismatch() const
{
    return !m_trainedOn.isEmpty()
           && (!m_data || m_trainedOn != QString::fromStdString(m_data->name));
}

QString TrainingSession::blocker() const
{
    if (!m_data)
        return tr("choose a data set on the Network page");
    if (!m_fitError.isEmpty())
        return m_fitError;
    if (Expected<void> ok = m_settings.validate(); !ok)
        return coreText(ok.error().message);
    if (Expected<void> ok = checkTrainingMemory(*m_viewer, m_settings.batch); !ok)
        return coreText(ok.error().message);
    return {};
}

bool TrainingSession::isActive() const
{
    return m_state == TrainerState::Running || m_state == TrainerState::Paused;
}

void TrainingSession::start()
{
    launch(false);
}

void TrainingSession::launch(bool paused)
{
    if (isActive() || !blocker().isEmpty())
        return;
    m_stepOffset = stepCount();
    m_epochOffset = m_epochs.empty() ? m_baseEpoch : m_epochs.back().epoch;
    m_trainedOn = QString::fromStdString(m_data->name);
    Expected<Network> network = Network::create(m_viewer->architecture(), inputShape(),
                                                classCount());
    if (!network) {
        m_failure = coreText(network.error().message);
        emit stateChanged();
        return;
    }
    if (Expected<void> ok = network->setWeights(m_viewer->weights()); !ok) {
        m_failure = coreText(ok.error().message);
        emit stateChanged();
        return;
    }
    m_failure.clear();
    m_trainer = std::make_unique<Trainer>(std::move(*network), m_data, m_settings);
    m_trainer->onStep([this](const StepReport &report) {
        std::lock_guard lock(m_inboxMutex);
        m_stepInbox.push_back(report);
    });
    m_trainer->onEpoch([this](const EpochReport &epoch) {
        std::lock_guard lock(m_inboxMutex);
        m_epochInbox.push_back(epoch);
    });
    m_seen.reset();
    m_trainer->start(paused);
    m_timer.start();
    setState(paused ? TrainerState::Paused : TrainerState::Running);
}

void TrainingSession::pause()
{
    if (m_state == TrainerState::Running) {
        m_trainer->pause();
        setState(TrainerState::Paused);
    }
}

void TrainingSession::resume()
{
    if (m_state == TrainerState::Paused) {
        m_trainer->resume();
        setState(TrainerState::Running);
    }
}

void TrainingSession::singleStep()
{
    if (!isActive()) {
        launch(true);
        if (!isActive())
            return;
    }
    m_trainer->singleStep();
    setState(TrainerState::Paused);
}

void TrainingSession::stop()
{
    if (!isActive())
        return;
    m_trainer->stop();
    m_trainer->wait();
    drain(); // the last steps and the final weights
    m_timer.stop();
    setState(TrainerState::Stopped);
}

void TrainingSession::reset()
{
    m_trainer.reset(); // stops the worker and waits for it
    m_timer.stop();
    m_viewer->initialize(m_settings.seed);
    m_failure.clear();
    if (m_loaded && m_data)
        m_norm = PixelNormalization::of(m_data->train); // fresh weights learn the data's own
    m_loaded.reset();
    m_trainedOn.clear();
    m_baseStep = 0;
    m_baseEpoch = 0;
    m_savedStep = 0;
    clearHistory();
    setState(TrainerState::Ready);
    emit progressed(0, true);
}

void TrainingSession::clearHistory()
{
    {
        std::lock_guard lock(m_inboxMutex);
        m_stepInbox.clear();
        m_epochInbox.clear();
    }
    m_steps.clear();
    m_epochs.clear();
    m_frames.clear();
    m_seen.reset();
    m_stepOffset = 0;
    m_epochOffset = 0;
    recordFrame(m_baseStep);
    emit historyCleared();
}

void TrainingSession::tick()
{
    drain();
    if (!m_trainer || !isActive())
        return;
    const TrainerState worker = m_trainer->state();
    if (worker == TrainerState::Finished || worker == TrainerState::Failed) {
        m_trainer->wait();
        if (std::optional<Error> failure = m_trainer->failure())
            m_failure = coreText(failure->message);
        drain(); // the last steps and the final weights
        m_timer.stop();
        setState(worker);
    }
}

void TrainingSession::drain()
{
    std::vector<StepReport> steps;
    std::vector<EpochReport> epochs;
    {
        std::lock_guard lock(m_inboxMutex);
        steps.swap(m_stepInbox);
        epochs.swap(m_epochInbox);
    }
    for (StepReport &report : steps) {
        report.step += m_stepOffset;
        m_steps.push_back(report);
    }
    std::shared_ptr<const TrainingSnapshot> snapshot = m_trainer ? m_trainer->latestSnapshot()
                                                                 : nullptr;
    const bool newWeights = snapshot && snapshot != m_seen && !snapshot->weights.empty();
    if (newWeights) {
        m_seen = snapshot;
        // The worker trains a network of the viewer's architecture, so this cannot fail short
        // of a bug; if it did, the views would keep the last weights and say so.
        if (Expected<void> ok = m_viewer->setWeights(snapshot->weights); !ok)
            m_failure = coreText(ok.error().message);
        if (snapshot->last.step > 0)
            recordFrame(snapshot->last.step + m_stepOffset);
    }
    for (EpochReport &epoch : epochs) {
        epoch.epoch += m_epochOffset;
        epoch.step += m_stepOffset;
        m_epochs.push_back(epoch);
    }
    if (!steps.empty() || newWeights)
        emit progressed(int(steps.size()), newWeights);
    // After the steps, so that the plots put each epoch at the step that ended it.
    for (const EpochReport &epoch : epochs)
        emit epochFinished(epoch);
}

// The viewer's first conv layer at a step and, while the whole network is small enough for
// every frame to keep a copy, all its weights, so the probe can replay that step.
void TrainingSession::recordFrame(std::int64_t step)
{
    const std::vector<Tensor> filters = m_viewer->filters();
    if (filters.empty())
        return;
    const bool replayable = m_viewer->parameterCount() * std::int64_t(sizeof(float))
                                * kMaxFilterFrames
                            <= kMaxReplayBytes;
    FilterFrame frame{step, filters.front(),
                      replayable ? m_viewer->weights() : std::vector<Tensor>{}};
    if (!m_frames.empty() && m_frames.back().step == step) {
        m_frames.back() = std::move(frame);
        return;
    }
    // Full: keep every other frame (the first always), so the timeline spans the whole run at
    // half the resolution rather than forgetting the beginning.
    if (int(m_frames.size()) >= kMaxFilterFrames) {
        std::vector<FilterFrame> kept;
        for (size_t i = 0; i < m_frames.size(); i += 2)
            kept.push_back(std::move(m_frames[i]));
        m_frames.swap(kept);
    }
    m_frames.push_back(std::move(frame));
}

void TrainingSession::setState(TrainerState state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged();
}

ProbePass TrainingSession::probe(const Tensor &unitImage)
{
    const SerialScope serial; // never take the thread pool away from the trainer
    ProbePass pass;
    const Tensor &logits = m_viewer->forward(normalizedImage(unitImage, m_norm), Mode::Inference);
    pass.probabilities.resize(size_t(logits.size()));
    softmax(logits.data(), int(logits.size()), pass.probabilities.data());
    pass.activations = m_viewer->activations();
    return pass;
}

ProbePass TrainingSession::probeAt(const Tensor &unitImage, int frame)
{
    if (frame < 0 || frame >= int(m_frames.size()) || m_frames[size_t(frame)].weights.empty())
        return probe(unitImage);
    const SerialScope serial;
    if (!m_replay || m_replay->architecture().toString() != m_viewer->architecture().toString())
        m_replay = std::make_unique<Network>(
            Network::create(m_viewer->architecture(), m_viewer->inputShape(), m_viewer->classes())
                .value());
    if (!m_replay->setWeights(m_frames[size_t(frame)].weights))
        return probe(unitImage);
    ProbePass pass;
    const Tensor &logits = m_replay->forward(normalizedImage(unitImage, m_norm), Mode::Inference);
    pass.probabilities.resize(size_t(logits.size()));
    softmax(logits.data(), int(logits.size()), pass.probabilities.data());
    pass.activations = m_replay->activations();
    return pass;
}

Tensor TrainingSession::testImage(int index) const
{
    return unitImage(m_data->test, index);
}

Expected<void> TrainingSession::saveModel(const QString &path)
{
    ModelMetadata meta;
    meta.dataset = m_data ? m_data->name : std::string();
    meta.optimizer = m_settings.optimizer.summary();
    meta.epochs = m_epochs.empty() ? m_baseEpoch : m_epochs.back().epoch;
    meta.steps = stepCount();
    meta.seed = m_settings.seed;
    if (!m_epochs.empty()) {
        meta.trainAccuracy = m_epochs.back().trainAccuracy;
        meta.testAccuracy = m_epochs.back().testAccuracy;
    } else if (m_loaded) {
        meta.trainAccuracy = m_loaded->metadata.trainAccuracy;
        meta.testAccuracy = m_loaded->metadata.testAccuracy;
    }
    // The viewer holds the newest weights; the training network stays the worker's.
    Expected<void> saved = convscope::saveModel(path.toStdString(), *m_viewer, m_norm, meta);
    if (saved)
        m_savedStep = stepCount();
    return saved;
}

Expected<void> TrainingSession::exportOnnx(const QString &path)
{
    return saveOnnx(path.toStdString(), *m_viewer, m_norm);
}

Expected<void> TrainingSession::loadModel(const QString &path)
{
    if (isActive())
        return makeError(tr("stop training before loading a model").toStdString());
    Expected<Model> model = convscope::loadModel(path.toStdString());
    if (!model)
        return model.error();
    // A model of other images or classes than the data set's sets the data set aside: its
    // views would feed the network what it cannot take (TrainingPage offers the model's own).
    const bool fits = model->network.inputShape() == inputShape()
                      && model->network.classes() == classCount();
    // An imported model may be larger than a network this page trains.
    if (model->network.parameterCount() > kMaxTrainableParameters)
        return makeError(tr("%1: %2 parameters, more than the %3 of a network trained here: the "
                            "Inspect page shows it")
                             .arg(path)
                             .arg(model->network.parameterCount())
                             .arg(kMaxTrainableParameters)
                             .toStdString());
    m_trainer.reset();
    m_viewer = std::make_unique<Network>(std::move(model->network));
    m_norm = model->normalization;
    m_failure.clear();
    m_loaded = LoadedModel{path, model->metadata};
    m_trainedOn = QString::fromStdString(model->metadata.dataset);
    m_baseStep = model->metadata.steps;
    m_baseEpoch = model->metadata.epochs;
    m_savedStep = m_baseStep;
    m_fitError.clear();
    const bool dropped = !fits && m_data;
    if (!fits)
        m_data.reset();
    clearHistory();
    setState(TrainerState::Ready);
    emit architectureChanged();
    if (dropped)
        emit dataChanged();
    emit progressed(0, true);
    return {};
}

} // namespace convscope::ui
