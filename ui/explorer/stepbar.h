#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSlider;

namespace convscope::ui {

// Play, pause, step and reset of a window sliding over positions 0..length−1, with a speed
// control: it says which positions to compute next; the page computes and draws them.
class StepBar : public QWidget
{
    Q_OBJECT

public:
    explicit StepBar(QWidget *parent = nullptr);

    void setLength(qint64 length);
    qint64 position() const { return m_position; } // positions done; −1 when not stepping
    bool isActive() const { return m_position >= 0; }
    bool isPlaying() const { return m_timer.isActive(); }
    void setSpeed(int positionsPerSecond);

    void play();
    void pause();
    void step();
    void reset();

signals:
    void advance(qint64 from, qint64 to); // compute positions [from, to)
    void stopped();                       // back to the full result

protected:
    void changeEvent(QEvent *event) override;

private:
    void fitSpeed();
    void tick();
    void advanceBy(qint64 count);
    void refresh();

    QTimer m_timer;
    QPushButton *m_play;
    QPushButton *m_step;
    QPushButton *m_reset;
    QSlider *m_speed;
    QLabel *m_label;
    qint64 m_length = 0;
    qint64 m_position = -1;
    int m_rate = 1;
    double m_credit = 0;
};

} // namespace convscope::ui
