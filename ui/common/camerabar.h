#pragma once

#include <QImage>
#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;

namespace convscope::ui {

class FrameSource;

// Camera ▸ Freeze ▸ what it shows: a row that points a page at a live camera (or a video file).
// Every kIntervalMs it hands the newest frame to the page, which runs it through its network
// several times a second; Freeze keeps the last one. Without a camera the button says so.
class CameraBar : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kIntervalMs = 200;

    explicit CameraBar(QWidget *parent = nullptr);

    // The camera, or a video file in a loop (a test's, --video's); false with the reason shown.
    bool startCamera();
    bool startFile(const QString &path);
    void stop();
    bool isLive() const;
    void setFrozen(bool frozen);
    bool isFrozen() const;
    QString statusText() const;
    QPushButton *cameraButton() const { return m_camera; }
    QPushButton *freezeButton() const { return m_freeze; }
    // Frames handed to the page since the start.
    int framesShown() const { return m_shown; }

signals:
    void frame(const QImage &image);
    void liveChanged(bool live);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void findCamera();
    bool begin(bool started); // the source started, or said why not
    void tick();
    void showState();

    FrameSource *m_source;
    QPushButton *m_camera;
    QPushButton *m_freeze;
    QLabel *m_status;
    QTimer *m_timer;
    int m_taken = -1; // the source's frame count at the last hand-over
    int m_shown = 0;
    QString m_name; // the camera's or the file's
    bool m_cameraChecked = false;
    QString m_cameraName; // empty: none found
};

} // namespace convscope::ui
