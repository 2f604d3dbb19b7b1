#pragma once

#include "core/expected.h"
#include "core/nn/architecture.h"
#include "core/nn/dataset.h"
#include "core/nn/model_file.h"
#include "core/nn/network.h"
#include "core/nn/trainer.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace convscope::ui {

// The first conv layer's filters at one step, for the timeline, and every weight of that step
// for the probe to replay (empty for a network too large to keep one copy per frame).
struct FilterFrame
{
    std::int64_t step = 0;
    Tensor filters; // K×C×K_h×K_w
    std::vector<Tensor> weights;
};

// What a probe image looks like inside the network: every layer's output and the softmax.
struct ProbePass
{
    std::vector<Tensor> activations; // [0] the normalised input, [i + 1] layer i's output
    std::vector<float> probabilities;
};

// A model file the weights came from, and what it says of its training.
struct LoadedModel
{
    QString path;
    ModelMetadata metadata;
};

// Owns one training run at a time and turns what the worker publishes into history the
// widgets draw: every step's report, the epochs, and the filters over time. The GUI thread
// never waits for the worker: the worker appends to an inbox under a lock held for a push, and
// a timer drains it and takes the newest snapshot 10 times a second. A copy of the network
// (the viewer) runs probes on the newest weights without touching the training one.
class TrainingSession : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMaxFilterFrames = 160;
    // How often a view whose redraw costs tens of milliseconds (a lecture page, the Explain
    // tab) follows the weights of a run, where the plots follow every tick.
    static constexpr int kCostlyViewMs = 250;

    explicit TrainingSession(QObject *parent = nullptr);
    ~TrainingSession() override; // stops the worker and waits for it

    // What a new data set does to the weights: start afresh from the seed, or keep them (a
    // loaded model moved to the data set it was trained on).
    enum class DataChange { Restart, KeepWeights };

    // Both clear the history and, but for DataChange::KeepWeights, replace the weights with
    // fresh ones; refused while a run is active. An architecture must build on the data set's
    // images and end with its classes. A data set of other images or classes remakes the
    // network for them (its last dense layer gives the classes), or says why it cannot
    // (blocker).
    Expected<void> setArchitecture(const Architecture &architecture);
    void setData(std::shared_ptr<const DataSet> data, DataChange change = DataChange::Restart);
    // One image of the data set (1×28×28 before any is loaded), and its classes.
    Shape inputShape() const;
    int classCount() const;
    void setSettings(const TrainingSettings &settings) { m_settings = settings; }
    const TrainingSettings &settings() const { return m_settings; }
    const Architecture &architecture() const { return m_viewer->architecture(); }
    const DataSet *data() const { return m_data.get(); }
    std::shared_ptr<const DataSet> dataSet() const { return m_data; }
    const PixelNormalization &normalization() const { return m_norm; }
    // What the classes are called: the data set's names ("T-shirt/top", …), digits without one.
    QStringList classNames() const;
    // Whether the classes are digits: texts and the canvas say "digit", or "image".
    bool digits() const { return !m_data || m_data->isDigits(); }

    // Why Start cannot run now (no data, settings out of range), or empty.
    QString blocker() const;
    bool isActive() const; // running or paused: the worker lives
    TrainerState state() const { return m_state; }

    void start();
    void pause();
    void resume();
    // One batch, from paused or from not started; then paused.
    void singleStep();
    void stop();
    // Fresh weights from the seed; the history starts again.
    void reset();

    // The newest weights as ONNX (pixels in, probabilities out), for PyTorch or OpenCV.
    Expected<void> exportOnnx(const QString &path);
    Expected<void> saveModel(const QString &path);
    Expected<void> loadModel(const QString &path);
    // The model file the weights came from, until a reset or a new network.
    const std::optional<LoadedModel> &loadedModel() const { return m_loaded; }
    // The data set the weights learned from (a loaded model's, or the one trained on here);
    // empty for fresh weights.
    QString weightsDataset() const { return m_trainedOn; }
    // The weights learned from another data set than the current one: their accuracy here
    // measures nothing.
    bool dataMismatch() const;
    // Steps trained since the weights were fresh, saved or loaded: what a reset or a new data
    // set would lose.
    std::int64_t unsavedSteps() const { return stepCount() - m_savedStep; }

    const std::vector<StepReport> &steps() const { return m_steps; }
    const std::vector<EpochReport> &epochs() const { return m_epochs; }
    const std::vector<FilterFrame> &filterHistory() const { return m_frames; }
    std::vector<Tensor> weights() const { return m_viewer->weights(); } // the newest, a copy
    // Steps the weights have had: a loaded model's, then this session's.
    std::int64_t stepCount() const { return m_steps.empty() ? m_baseStep : m_steps.back().step; }
    // The newest report of the worker (images/s, ETA), if a run has started.
    std::optional<StepReport> lastReport() const
    {
        return m_steps.empty() ? std::nullopt : std::optional(m_steps.back());
    }
    // Steps of the current run (the progress bar's), as opposed to stepCount since the reset.
    std::int64_t runStepsDone() const { return stepCount() - m_stepOffset; }
    QString failure() const { return m_failure; }

    // Runs a 1×C×H×W image in [0, 1] of the data set's shape through the newest weights.
    ProbePass probe(const Tensor &unitImage);
    // The same through the weights of a recorded frame (the timeline's), or the newest when
    // the frame kept none.
    ProbePass probeAt(const Tensor &unitImage, int frame);
    Network &viewer() { return *m_viewer; }
    // The i-th test image in [0, 1], as 1×C×H×W.
    Tensor testImage(int index) const;

signals:
    void stateChanged();
    // New steps (plots), and new weights when a snapshot arrived (filters, maps).
    void progressed(int newSteps, bool newWeights);
    void historyCleared();
    void architectureChanged(); // a new network, or a loaded model's
    void dataChanged();         // a new data set: its classes may have other names
    void epochFinished(const convscope::EpochReport &epoch);

private:
    void launch(bool paused);
    void tick();
    void drain(); // the inbox and the newest snapshot into the history
    void setState(TrainerState state);
    void clearHistory();
    void recordFrame(std::int64_t step);
    // True when the viewer was remade for the data set's images and classes.
    bool fitNetworkToData();

    TrainingSettings m_settings;
    std::shared_ptr<const DataSet> m_data;
    PixelNormalization m_norm;
    std::unique_ptr<Network> m_viewer;
    std::unique_ptr<Network> m_replay; // a frame's weights, for the probe
    std::unique_ptr<Trainer> m_trainer;
    std::shared_ptr<const TrainingSnapshot> m_seen;
    TrainerState m_state = TrainerState::Ready;
    QString m_failure;
    QString m_fitError; // why the network cannot take the data set, if it cannot
    QTimer m_timer;

    // Filled by the worker's callbacks, drained by tick().
    std::mutex m_inboxMutex;
    std::vector<StepReport> m_stepInbox;
    std::vector<EpochReport> m_epochInbox;

    std::vector<StepReport> m_steps;
    std::vector<EpochReport> m_epochs;
    std::vector<FilterFrame> m_frames;
    std::int64_t m_stepOffset = 0; // steps of earlier runs since the last reset
    int m_epochOffset = 0;
    std::int64_t m_baseStep = 0; // a loaded model's steps and epochs
    int m_baseEpoch = 0;
    std::int64_t m_savedStep = 0;
    std::optional<LoadedModel> m_loaded;
    QString m_trainedOn;
};

} // namespace convscope::ui
