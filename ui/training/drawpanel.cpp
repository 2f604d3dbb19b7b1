#include "ui/training/drawpanel.h"

#include "core/nn/digit_input.h"
#include "ui/common/camerabar.h"
#include "ui/common/coretext.h"
#include "ui/common/planeimages.h"
#include "ui/common/tensorview.h"
#include "ui/training/digitcanvas.h"
#include "ui/training/probeview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace convscope::ui {

DrawPanel::DrawPanel(TrainingSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_title(new QLabel(this))
    , m_canvas(new DigitCanvas(this))
    , m_input(new TensorView(this))
    , m_note(new QLabel(this))
    , m_probe(new ProbeView(session, this))
    , m_camera(new CameraBar(this))
    , m_frame(new QLabel(this))
{
    m_frame->setAlignment(Qt::AlignCenter);
    m_frame->setMinimumSize(160, 120);
    m_frame->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_frame->hide();
    auto *clear = new QPushButton(tr("Clear"), this);
    auto *undo = new QPushButton(tr("Undo"), this);
    clear->setShortcut(QKeySequence(tr("Ctrl+Backspace")));
    undo->setShortcut(QKeySequence::Undo);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(clear);
    buttons->addWidget(undo);
    m_note->setWordWrap(true);
    m_input->setFixedHeight(150);
    m_camera->setToolTip(tr("Show the camera a digit written on paper: each frame is made into "
                            "an MNIST digit and run through the network"));
    auto *left = new QVBoxLayout;
    left->addWidget(m_title);
    left->addWidget(m_camera);
    left->addWidget(m_canvas, 1);
    left->addWidget(m_frame, 1);
    left->addLayout(buttons);
    left->addWidget(new QLabel(tr("<b>What the network sees</b>"), this));
    left->addWidget(m_input);
    left->addWidget(m_note);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(left, 2);
    layout->addWidget(m_probe, 5);
    connect(clear, &QPushButton::clicked, m_canvas, &DigitCanvas::clear);
    connect(undo, &QPushButton::clicked, m_canvas, &DigitCanvas::undo);
    connect(m_canvas, &DigitCanvas::changed, this, &DrawPanel::drawingChanged);
    connect(m_camera, &CameraBar::frame, this, &DrawPanel::showFrame);
    // While the camera is live its frames take the canvas's place.
    connect(m_camera, &CameraBar::liveChanged, this, [this](bool live) {
        m_canvas->setVisible(!live);
        m_frame->setVisible(live);
        if (!live)
            drawingChanged();
    });
    connect(session, &TrainingSession::dataChanged, this, &DrawPanel::nameTheDrawing);
    nameTheDrawing();
}

// A digit for the digits, anything else for another data set of 1×28×28 images, in the words
// of its classes. A drawing cannot feed a network of other images.
void DrawPanel::nameTheDrawing()
{
    const bool drawable = canDraw();
    m_canvas->setEnabled(drawable);
    m_camera->setEnabled(drawable);
    if (!drawable)
        m_camera->stop();
    m_note->setText(
        drawable ? tr("The network sees 28×28: the drawing, or the camera's frame, is cropped to "
                      "its ink, scaled to 20 px, and centred by its centre of mass, as MNIST "
                      "digits were.")
                 : tr("This network takes %1 images, and a drawing becomes a 28×28 gray digit. "
                      "The Live tab's probe runs the test images through it; the Inspect page "
                      "takes any picture.")
                       .arg(QString::fromStdString(m_session->inputShape().imageString())));
    m_title->setText(!drawable ? tr("<b>Drawing needs 28×28 gray images</b>")
                     : m_session->digits()
                         ? tr("<b>Draw a digit</b>")
                         : tr("<b>Draw one of: %1</b>").arg(m_session->classNames().join(", ")));
    m_title->setWordWrap(true);
    drawingChanged();
}

bool DrawPanel::canDraw() const
{
    return m_session->inputShape() == kDigitShape;
}

QString DrawPanel::title() const
{
    return m_title->text();
}

void DrawPanel::drawingChanged()
{
    m_digit.reset();
    if (!canDraw()) {
        m_input->clear();
        m_probe->showMessage(
            tr("No drawing for a network of %1 images")
                .arg(QString::fromStdString(m_session->inputShape().imageString())));
        return;
    }
    if (m_canvas->isEmpty()) {
        m_input->clear();
        m_probe->showMessage(m_session->digits()
                                 ? tr("Draw a digit on the left: its prediction appears as you "
                                      "draw")
                                 : tr("Draw on the left: its prediction appears as you draw"));
        return;
    }
    showDigit(mnistStyleDigit(m_canvas->drawingTensor()), tr("your drawing"));
}

// A frame of the camera instead of the drawing, made into a digit the same way.
void DrawPanel::showFrame(const QImage &frame)
{
    if (!canDraw())
        return;
    const QImage reduced = reducedFrame(frame);
    m_frame->setPixmap(QPixmap::fromImage(reduced).scaled(m_frame->size(), Qt::KeepAspectRatio,
                                                          Qt::SmoothTransformation));
    showDigit(mnistStyleDigit(imageTensor(reduced, 1)), tr("the camera"));
}

void DrawPanel::showDigit(Expected<Tensor> digit, const QString &source)
{
    m_digit.reset();
    if (!digit) {
        m_input->clear();
        m_probe->showMessage(coreText(digit.error().message));
        return;
    }
    m_digit = std::move(*digit);
    auto shown = std::make_shared<Tensor>(*m_digit);
    m_input->setContent(shown, colorPlanes(*shown, {0, 1}, Colormap::Gray), {}, false);
    m_probe->setExternalImage(*m_digit, source);
}

void DrawPanel::refresh()
{
    m_probe->refresh();
}

} // namespace convscope::ui
