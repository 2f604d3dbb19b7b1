#include "ui/common/camerabar.h"

#include "ui/common/framesource.h"
#include "ui/common/style.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

namespace convscope::ui {

CameraBar::CameraBar(QWidget *parent)
    : QWidget(parent)
    , m_source(new FrameSource(this))
    , m_camera(new QPushButton(this))
    , m_freeze(new QPushButton(tr("Freeze"), this))
    , m_status(new QLabel(this))
    , m_timer(new QTimer(this))
{
    m_camera->setCheckable(true);
    m_freeze->setCheckable(true);
    m_freeze->setToolTip(tr("Keep the last frame, to look at it"));
    m_status->setWordWrap(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_camera);
    layout->addWidget(m_freeze);
    layout->addWidget(m_status, 1);
    m_timer->setInterval(kIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &CameraBar::tick);
    connect(m_camera, &QPushButton::clicked, this, [this](bool on) {
        if (on)
            startCamera();
        else
            stop();
    });
    connect(m_freeze, &QPushButton::toggled, this, &CameraBar::showState);
    connect(m_source, &FrameSource::failed, this, [this] {
        m_timer->stop();
        showState();
        emit liveChanged(false);
    });
    showState();
}

bool CameraBar::startCamera()
{
    findCamera();
    m_name = m_cameraName;
    return begin(m_source->startCamera());
}

// Asking for the cameras starts Qt Multimedia's backend (GStreamer scans its plugins, the
// sound server is asked for its devices): done once, when a page with the bar is first shown.
void CameraBar::findCamera()
{
    if (m_cameraChecked)
        return;
    m_cameraChecked = true;
    m_cameraName = FrameSource::cameraName();
}

void CameraBar::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_cameraChecked) {
        findCamera();
        showState();
    }
}

bool CameraBar::startFile(const QString &path)
{
    m_name = QFileInfo(path).fileName();
    return begin(m_source->startFile(path));
}

bool CameraBar::begin(bool started)
{
    if (started) {
        m_taken = -1;
        m_timer->start();
        emit liveChanged(true);
    }
    showState();
    return started;
}

void CameraBar::stop()
{
    const bool was = isLive();
    m_source->stop();
    m_timer->stop();
    m_freeze->setChecked(false);
    showState();
    if (was)
        emit liveChanged(false);
}

bool CameraBar::isLive() const
{
    return m_source->isRunning();
}

void CameraBar::setFrozen(bool frozen)
{
    m_freeze->setChecked(frozen);
}

bool CameraBar::isFrozen() const
{
    return m_freeze->isChecked();
}

QString CameraBar::statusText() const
{
    return m_status->text();
}

void CameraBar::tick()
{
    if (isFrozen() || m_source->frameCount() == m_taken || m_source->latest().isNull())
        return;
    m_taken = m_source->frameCount();
    ++m_shown;
    emit frame(m_source->latest());
}

void CameraBar::showState()
{
    const bool live = isLive();
    // Until the cameras are known the button is offered; a click finds out.
    const bool camera = !m_cameraChecked || !m_cameraName.isEmpty();
    {
        const QSignalBlocker block(m_camera);
        m_camera->setChecked(live);
    }
    m_camera->setText(live ? tr("Stop camera") : tr("Camera"));
    m_camera->setEnabled(live || camera);
    m_camera->setToolTip(camera ? tr("Point %1 at a picture: every frame goes through the "
                                     "network, %2 times a second")
                                      .arg(m_cameraName.isEmpty() ? tr("the camera") : m_cameraName)
                                      .arg(1000 / kIntervalMs)
                                : tr("No camera was found on this computer"));
    m_freeze->setEnabled(live);
    QString status;
    if (!m_source->error().isEmpty())
        status = m_source->error();
    else if (live)
        status = isFrozen() ? tr("%1, frozen").arg(m_name) : tr("%1, live").arg(m_name);
    else if (!camera)
        status = tr("No camera found");
    m_status->setText(status);
    m_status->setStyleSheet(m_source->error().isEmpty() ? QString() : style::errorTextStyle());
}

} // namespace convscope::ui
