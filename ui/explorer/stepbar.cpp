#include "ui/explorer/stepbar.h"

#include "ui/common/wrappingrow.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QStyle>

#include <cmath>

namespace convscope::ui {

namespace {

constexpr int kFrameMs = 16;

// The slider is logarithmic: 1 position per second to 2,000.
int speedFromSlider(int value)
{
    return int(std::lround(std::pow(10.0, value / 100.0)));
}

} // namespace

StepBar::StepBar(QWidget *parent)
    : QWidget(parent)
    , m_play(new QPushButton(this))
    , m_step(new QPushButton(tr("Step"), this))
    , m_reset(new QPushButton(tr("Reset"), this))
    , m_speed(new QSlider(Qt::Horizontal, this))
    , m_label(new QLabel(this))
{
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_play->setText(tr("Play"));
    m_play->setToolTip(tr("Slide the window over the input one output cell at a time (Space)"));
    m_step->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
    m_step->setToolTip(tr("Compute the next output cell (Right arrow)"));
    m_reset->setIcon(style()->standardIcon(QStyle::SP_MediaSkipBackward));
    m_reset->setToolTip(tr("Show the full result again"));
    m_speed->setRange(0, 330);
    m_speed->setValue(100);
    m_speed->setToolTip(tr("Speed: output cells per second"));
    fitSpeed();
    auto *buttons = new QWidget(this);
    auto *buttonsLayout = new QHBoxLayout(buttons);
    buttonsLayout->setContentsMargins(0, 0, 0, 0);
    buttonsLayout->addWidget(new QLabel(tr("Step mode"), buttons));
    buttonsLayout->addWidget(m_play);
    buttonsLayout->addWidget(m_step);
    buttonsLayout->addWidget(m_reset);
    buttonsLayout->addStretch(1);
    auto *speed = new QWidget(this);
    auto *speedLayout = new QHBoxLayout(speed);
    speedLayout->setContentsMargins(0, 0, 0, 0);
    speedLayout->addWidget(new QLabel(tr("Speed"), speed));
    speedLayout->addWidget(m_speed);
    speedLayout->addWidget(m_label, 1);
    // On a narrow window or with large fonts the speed goes under the buttons.
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new WrappingRow(buttons, speed, this));
    m_timer.setInterval(kFrameMs);
    connect(&m_timer, &QTimer::timeout, this, &StepBar::tick);
    connect(m_play, &QPushButton::clicked, this, [this] { isPlaying() ? pause() : play(); });
    connect(m_step, &QPushButton::clicked, this, &StepBar::step);
    connect(m_reset, &QPushButton::clicked, this, &StepBar::reset);
    connect(m_speed, &QSlider::valueChanged, this,
            [this](int value) { setSpeed(speedFromSlider(value)); });
    setSpeed(speedFromSlider(m_speed->value()));
    refresh();
}

// The slider as long as a dozen characters of the current font, so presentation mode lengthens
// it, and the rate label as wide as its longest text.
void StepBar::fitSpeed()
{
    const QFontMetrics metrics = fontMetrics();
    m_speed->setMinimumWidth(metrics.averageCharWidth() * 8);
    m_speed->setMaximumWidth(metrics.averageCharWidth() * 16);
    m_label->setMinimumWidth(metrics.horizontalAdvance(tr("%1 cells/s").arg(2000)));
}

void StepBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitSpeed();
}

void StepBar::setLength(qint64 length)
{
    if (length != m_length || isActive()) {
        m_length = length;
        reset();
    }
}

void StepBar::setSpeed(int positionsPerSecond)
{
    m_rate = std::max(1, positionsPerSecond);
    m_timer.setInterval(std::max(kFrameMs, 1000 / std::max(1, positionsPerSecond)));
    refresh();
}

void StepBar::play()
{
    if (m_length <= 0)
        return;
    if (m_position >= m_length)
        reset();
    if (m_position < 0)
        m_position = 0;
    m_credit = 0;
    m_timer.start();
    refresh();
}

void StepBar::pause()
{
    m_timer.stop();
    refresh();
}

void StepBar::step()
{
    pause();
    if (m_length <= 0)
        return;
    if (m_position < 0 || m_position >= m_length)
        m_position = 0;
    advanceBy(1);
}

void StepBar::reset()
{
    m_timer.stop();
    const bool was = isActive();
    m_position = -1;
    refresh();
    if (was)
        emit stopped();
}

void StepBar::tick()
{
    // Positions owed since the last tick at the chosen rate, so that 2,000 per second works
    // at 60 frames per second.
    m_credit += double(m_rate) * m_timer.interval() / 1000.0;
    const qint64 count = qint64(m_credit);
    m_credit -= double(count);
    if (count > 0)
        advanceBy(count);
}

void StepBar::advanceBy(qint64 count)
{
    const qint64 from = std::max<qint64>(m_position, 0);
    const qint64 to = std::min(m_length, from + count);
    m_position = to;
    if (to >= m_length)
        m_timer.stop();
    if (to > from)
        emit advance(from, to);
    refresh();
}

void StepBar::refresh()
{
    m_play->setText(isPlaying() ? tr("Pause") : tr("Play"));
    m_play->setIcon(
        style()->standardIcon(isPlaying() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_reset->setEnabled(isActive());
    const QString rate = tr("%1 cells/s").arg(m_rate);
    m_label->setText(isActive() ? tr("%1  ·  cell %2 of %3").arg(rate).arg(m_position).arg(m_length)
                                : rate);
}

} // namespace convscope::ui
