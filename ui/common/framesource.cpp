#include "ui/common/framesource.h"

#include <QCamera>
#include <QFileInfo>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QUrl>
#include <QVideoFrame>
#include <QVideoSink>

namespace convscope::ui {

FrameSource::FrameSource(QObject *parent)
    : QObject(parent)
    , m_sink(new QVideoSink(this))
{
    connect(m_sink, &QVideoSink::videoFrameChanged, this, &FrameSource::take);
}

FrameSource::~FrameSource()
{
    stop();
}

QString FrameSource::cameraName()
{
    const QList<QCameraDevice> cameras = QMediaDevices::videoInputs();
    return cameras.isEmpty() ? QString() : QMediaDevices::defaultVideoInput().description();
}

bool FrameSource::startCamera()
{
    stop();
    if (QMediaDevices::videoInputs().isEmpty()) {
        fail(tr("No camera was found on this computer"));
        return false;
    }
    m_session = new QMediaCaptureSession(this);
    m_camera = new QCamera(QMediaDevices::defaultVideoInput(), this);
    connect(m_camera, &QCamera::errorOccurred, this,
            [this](QCamera::Error, const QString &why) { fail(why); });
    m_session->setCamera(m_camera);
    m_session->setVideoOutput(m_sink);
    m_camera->start();
    m_running = true;
    m_error.clear();
    return true;
}

bool FrameSource::startFile(const QString &path)
{
    stop();
    if (!QFileInfo(path).isFile()) {
        fail(tr("%1 is not a video file").arg(path));
        return false;
    }
    m_player = new QMediaPlayer(this);
    connect(m_player, &QMediaPlayer::errorOccurred, this,
            [this](QMediaPlayer::Error, const QString &why) { fail(why); });
    m_player->setVideoOutput(m_sink);
    m_player->setLoops(QMediaPlayer::Infinite);
    m_player->setSource(QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()));
    m_player->play();
    m_running = true;
    m_error.clear();
    return true;
}

void FrameSource::stop()
{
    m_running = false;
    if (m_player)
        m_player->stop();
    if (m_camera)
        m_camera->stop();
    delete m_player;
    delete m_camera;
    delete m_session;
    m_player = nullptr;
    m_camera = nullptr;
    m_session = nullptr;
    m_frames = 0;
}

void FrameSource::take(const QVideoFrame &frame)
{
    if (!m_running || !frame.isValid())
        return;
    const QImage image = frame.toImage();
    if (image.isNull())
        return;
    m_latest = image.convertToFormat(QImage::Format_RGB32);
    ++m_frames;
    emit frameArrived();
}

void FrameSource::fail(const QString &why)
{
    m_error = why;
    m_running = false;
    emit failed(why);
}

} // namespace convscope::ui
