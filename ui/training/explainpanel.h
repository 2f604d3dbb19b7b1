#pragma once

#include "core/lessons/explain.h"

#include <QWidget>

#include <atomic>
#include <memory>
#include <thread>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTimer;

namespace convscope::ui {

class DrawPanel;
class FieldCanvas;
class TrainingSession;

// The Training page's "Explain" tab: for a test image or the drawn digit and a class (the
// network's answer unless chosen), the saliency map, the occlusion map (a grey patch slid over
// the image, computed off the GUI thread with its progress and a cancel) and Grad-CAM on the
// last feature map, all on a copy of the newest weights; Export PNGs… writes them.
class ExplainPanel : public QWidget
{
    Q_OBJECT

public:
    ExplainPanel(TrainingSession *session, DrawPanel *draw, QWidget *parent = nullptr);
    ~ExplainPanel() override;

    void setTestImage(int index); // 0-based
    int testImage() const;
    bool usesDrawing() const;
    // -1: the class the network answers.
    void setClass(int classIndex);
    void useDrawing(bool drawing);
    int explainedClass() const { return m_class; }
    const Tensor &saliency() const { return m_saliency; }
    const Tensor &gradCamMap() const { return m_gradCam; }
    const Tensor &occlusion() const { return m_occlusion; }
    bool occluding() const { return m_worker.joinable() && !m_done; }
    void startOcclusion();
    void cancelOcclusion();
    // Writes the input and the three maps, enlarged, as PNGs into a folder; the files' names,
    // or the reason it failed.
    Expected<QStringList> exportMaps(const QString &folder) const;
    QString captionText() const;
    // Gradient ascent on a channel of a conv row, on a copy of the weights of now: `steps`
    // steps, one every timer tick, drawn as they come.
    void startDream(int row, int channel, int steps = kDreamSteps);
    bool dreaming() const;
    const Tensor &dreamImage() const;
    QString dreamText() const;
    static constexpr int kDreamSteps = 80;

    // The weights or the data changed: the maps follow (an occlusion in flight is cancelled).
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildControls();
    Tensor unitImage(int *label) const;
    Tensor prepare(const Tensor &unitImage) const;
    void occlusionFinished(Expected<Tensor> map, std::uint64_t generation);
    void stopWorker();
    void dreamStep();
    QImage dreamPicture() const;
    void fillDreamLayers();

    TrainingSession *m_session;
    DrawPanel *m_draw;
    std::unique_ptr<Network> m_network;
    Tensor m_input;
    Tensor m_saliency;
    Tensor m_gradCam;
    Tensor m_occlusion;
    int m_class = 0;
    int m_camRow = -1;
    bool m_stale = true;

    std::thread m_worker;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_done{true};
    std::uint64_t m_generation = 0; // a newer image or network makes a finished map stale

    QComboBox *m_source;
    QSpinBox *m_image;
    QComboBox *m_classBox;
    QLabel *m_answer;
    QSpinBox *m_patch;
    QSpinBox *m_stride;
    QPushButton *m_occlude;
    QProgressBar *m_progress;
    QPushButton *m_export;
    FieldCanvas *m_inputView;
    FieldCanvas *m_saliencyView;
    FieldCanvas *m_occlusionView;
    FieldCanvas *m_camView;
    QLabel *m_camTitle;
    QLabel *m_caption;

    std::unique_ptr<Network> m_dreamNetwork;
    std::unique_ptr<FilterDream> m_dream;
    int m_dreamTarget = 0;
    std::int64_t m_dreamWeightsStep = 0;
    QTimer *m_dreamTimer;
    QComboBox *m_dreamLayer;
    QSpinBox *m_dreamChannel;
    QPushButton *m_dreamButton;
    FieldCanvas *m_dreamView;
    QLabel *m_dreamTitle;
};

} // namespace convscope::ui
