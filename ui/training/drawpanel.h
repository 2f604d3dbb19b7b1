#pragma once

#include "core/expected.h"
#include "core/tensor.h"

#include <QWidget>

#include <optional>

class QLabel;

namespace convscope::ui {

class CameraBar;
class DigitCanvas;
class ProbeView;
class TensorView;
class TrainingSession;

// Draw a digit, or show one written on paper to the camera: the canvas, the 28×28 input it
// becomes (prepared as `convscope-cli predict` prepares an image), and that input through the
// newest weights: prediction bars and maps.
class DrawPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DrawPanel(TrainingSession *session, QWidget *parent = nullptr);

    DigitCanvas *canvas() const { return m_canvas; }
    ProbeView *probe() const { return m_probe; }
    CameraBar *camera() const { return m_camera; }
    // The 28×28 input of the current drawing, if there is ink.
    const std::optional<Tensor> &digit() const { return m_digit; }
    void refresh(); // new weights
    QString title() const;

private:
    void drawingChanged();
    void nameTheDrawing();
    void showFrame(const QImage &frame);
    void showDigit(Expected<Tensor> digit, const QString &source);
    bool canDraw() const; // the network takes 1×28×28 images

    TrainingSession *m_session;
    QLabel *m_title;
    DigitCanvas *m_canvas;
    TensorView *m_input;
    QLabel *m_note;
    ProbeView *m_probe;
    CameraBar *m_camera;
    QLabel *m_frame; // the camera's newest frame, in the canvas's place
    std::optional<Tensor> m_digit;
};

} // namespace convscope::ui
