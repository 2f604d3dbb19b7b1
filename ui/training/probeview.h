#pragma once

#include "ui/training/trainingsession.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QLabel;
class QScrollArea;
class QSpinBox;
class QVBoxLayout;

namespace convscope::ui {

class LiveLabel;
class ProbabilityBars;
class TensorView;

// One probe image through every layer of the newest weights: the input, each layer's maps
// (dense layers as a strip of units), and the softmax bars. Click a map to enlarge it; each
// layer's maps can be exported (grid, one channel, every channel, .npy).
class ProbeView : public QWidget
{
    Q_OBJECT

public:
    explicit ProbeView(TrainingSession *session, QWidget *parent = nullptr);

    void rebuildLayers(); // the architecture changed
    void refresh();
    // The weights of a recorded frame of the filters' timeline (−1: the newest), so that
    // scrubbing the timeline replays the maps.
    void setFrame(int frame);
    // The cross-entropy loss of the test image shown, beside its softmax.
    QString lossText() const;
    // "true class … · predicted … (… %)".
    QString truthText() const; // new weights or a new probe
    int probeIndex() const;
    // A 1×1×28×28 image in [0, 1] of the user's instead of a test image; nullopt goes back.
    void setExternalImage(std::optional<Tensor> image, const QString &name = {});
    // Nothing to probe (an empty canvas): the maps and bars are cleared and the message says
    // what to do, until the next image.
    void showMessage(const QString &message);
    QString message() const { return m_message; }
    const ProbePass &pass() const { return m_pass; }
    const ProbabilityBars *bars() const { return m_bars; }

signals:
    // A unit of an enlarged map was clicked: its row of the network's table, channel and place.
    void receptiveFieldAsked(int row, int channel, int y, int x);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showPrediction(int label);
    struct Row
    {
        QString name;
        QLabel *title;
        TensorView *view;
        std::shared_ptr<const Tensor> maps; // 1×C×H×W as drawn
    };

    void enlarge(int rowIndex, int channel);
    void exportRow(const Row &row);

    TrainingSession *m_session;
    QLabel *m_indexLabel = nullptr;
    QSpinBox *m_index;
    LiveLabel *m_truth;
    ProbabilityBars *m_bars;
    LiveLabel *m_loss = nullptr;
    QLabel *m_barsTitle = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_rowsHost;
    QVBoxLayout *m_rowsLayout;
    std::vector<Row> m_rows;
    ProbePass m_pass;
    int m_frame = -1;
    std::optional<Tensor> m_external;
    QString m_externalName; // what the image is: the drawing, the camera
    QString m_message;
    bool m_stale = true;
    QString m_exportFolder;
};

} // namespace convscope::ui
