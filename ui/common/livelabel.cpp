#include "ui/common/livelabel.h"

#include <QEvent>
#include <QPainter>

namespace convscope::ui {

LiveLabel::LiveLabel(int lines, QWidget *parent)
    : QWidget(parent)
    , m_lines(std::max(1, lines))
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void LiveLabel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    setToolTip(text.contains('\n') ? QString() : text);
    update();
}

void LiveLabel::setWidthSample(const QString &sample)
{
    m_widthSample = sample;
    updateGeometry();
}

QSize LiveLabel::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    const int width = m_widthSample.isEmpty() ? 0 : metrics.horizontalAdvance(m_widthSample);
    return {width + 2, metrics.lineSpacing() * m_lines + 2};
}

QSize LiveLabel::minimumSizeHint() const
{
    return {0, sizeHint().height()};
}

void LiveLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setPen(
        palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, QPalette::WindowText));
    const QFontMetrics metrics = fontMetrics();
    const QStringList lines = m_text.split('\n');
    const int width = contentsRect().width() - 2;
    int y = 1 + metrics.ascent();
    for (int i = 0; i < lines.size() && i < m_lines; ++i) {
        painter.drawText(1, y, metrics.elidedText(lines[i], Qt::ElideRight, width));
        y += metrics.lineSpacing();
    }
}

void LiveLabel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateGeometry(); // presentation mode: more height for the same lines
}

} // namespace convscope::ui
