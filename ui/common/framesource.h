#pragma once

#include <QImage>
#include <QObject>

class QCamera;
class QMediaCaptureSession;
class QMediaPlayer;
class QVideoFrame;
class QVideoSink;

namespace convscope::ui {

// The frames of a camera, or of a video file played in a loop (what a test, or a class without
// a camera, points it at), through Qt Multimedia. Only the newest frame is kept: a view takes
// it as often as it can run a network on it.
class FrameSource : public QObject
{
    Q_OBJECT

public:
    explicit FrameSource(QObject *parent = nullptr);
    ~FrameSource() override;

    // The system's default camera, or an empty name when there is none.
    static QString cameraName();
    // Both return false and say why (error()) when they cannot start.
    bool startCamera();
    bool startFile(const QString &path);
    void stop();
    bool isRunning() const { return m_running; }
    QImage latest() const { return m_latest; }
    // Frames seen since the start.
    int frameCount() const { return m_frames; }
    QString error() const { return m_error; }

signals:
    void frameArrived();
    void failed(const QString &why);

private:
    void take(const QVideoFrame &frame);
    void fail(const QString &why);

    QVideoSink *m_sink;
    QMediaCaptureSession *m_session = nullptr;
    QCamera *m_camera = nullptr;
    QMediaPlayer *m_player = nullptr;
    QImage m_latest;
    int m_frames = 0;
    bool m_running = false;
    QString m_error;
};

} // namespace convscope::ui
