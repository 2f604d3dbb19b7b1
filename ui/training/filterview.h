#pragma once

#include "core/explorer/colormap.h"
#include "ui/training/trainingsession.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QSlider;

namespace convscope::ui {

class LiveLabel;
class TensorView;

// The first conv layer's filters as tiles, live, with a timeline that scrubs back through the
// frames recorded since initialisation ("before and after training"); deeper conv layers show
// their current filters one input channel at a time.
class FilterView : public QWidget
{
    Q_OBJECT

public:
    explicit FilterView(TrainingSession *session, QWidget *parent = nullptr);

    // How the frames are drawn: the weights at each frame's own scale, at one scale for the
    // whole run (their growth shows), or what training changed since initialisation.
    enum class Look { OwnScale, RunScale, ChangeSinceStart };

    void refresh();       // new frames or new weights
    void rebuildLayers(); // the architecture changed
    void setLook(Look look);

    int tileCount() const;
    int frameCount() const;
    // Shows recorded frame `index` (the slider's position); the last one follows the run.
    void showFrame(int index);
    std::int64_t shownStep() const { return m_shownStep; }
    const Tensor *shownFilters() const { return m_shown.get(); }

signals:
    // The timeline shows recorded frame `index`; −1 when it follows the run.
    void frameShown(int index);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void layerChanged();
    // With a range, every frame shares it; without, each frame is scaled to itself.
    void draw(const Tensor &bank, int channel, std::int64_t step,
              std::optional<ValueRange> range = std::nullopt);
    void drawFrame(int index);
    Look look() const;
    // The largest |weight| of the first layer over every recorded frame.
    float runMagnitude() const;

    TrainingSession *m_session;
    QComboBox *m_layerBox;
    QComboBox *m_channelBox;
    QComboBox *m_lookBox;
    TensorView *m_view;
    QSlider *m_timeline;
    LiveLabel *m_stepLabel;
    std::shared_ptr<const Tensor> m_shown;
    std::int64_t m_shownStep = 0;
    int m_frame = -1;     // the frame shown, −1 following the run
    bool m_stale = false; // new frames arrived while hidden
};

} // namespace convscope::ui
