#pragma once

#include "ui/training/trainingsession.h"

#include <QWidget>

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

    void refresh();       // new frames or new weights
    void rebuildLayers(); // the architecture changed

    int tileCount() const;
    int frameCount() const;
    // Shows recorded frame `index` (the slider's position); the last one follows the run.
    void showFrame(int index);
    std::int64_t shownStep() const { return m_shownStep; }
    const Tensor *shownFilters() const { return m_shown.get(); }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void layerChanged();
    void draw(const Tensor &bank, int channel, std::int64_t step);

    TrainingSession *m_session;
    QComboBox *m_layerBox;
    QComboBox *m_channelBox;
    TensorView *m_view;
    QSlider *m_timeline;
    LiveLabel *m_stepLabel;
    std::shared_ptr<const Tensor> m_shown;
    std::int64_t m_shownStep = 0;
    bool m_stale = false; // new frames arrived while hidden
};

} // namespace convscope::ui
