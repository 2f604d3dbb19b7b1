#pragma once

#include "core/tensor.h"

#include <QWidget>

#include <optional>

class QLabel;

namespace convscope::ui {

class DigitCanvas;
class ProbeView;
class TensorView;
class TrainingSession;

// Draw a digit: the canvas, the 28×28 input it becomes (prepared as `convscope-cli predict`
// prepares an image), and that input through the newest weights: prediction bars and maps.
class DrawPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DrawPanel(TrainingSession *session, QWidget *parent = nullptr);

    DigitCanvas *canvas() const { return m_canvas; }
    ProbeView *probe() const { return m_probe; }
    // The 28×28 input of the current drawing, if there is ink.
    const std::optional<Tensor> &digit() const { return m_digit; }
    void refresh(); // new weights
    QString title() const;

private:
    void drawingChanged();
    void nameTheDrawing();
    bool canDraw() const; // the network takes 1×28×28 images

    TrainingSession *m_session;
    QLabel *m_title;
    DigitCanvas *m_canvas;
    TensorView *m_input;
    QLabel *m_note;
    ProbeView *m_probe;
    std::optional<Tensor> m_digit;
};

} // namespace convscope::ui
