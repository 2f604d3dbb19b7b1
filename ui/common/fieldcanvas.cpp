#include "ui/common/fieldcanvas.h"

#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace convscope::ui {

FieldCanvas::FieldCanvas(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMinimumSize(120, 120);
}

void FieldCanvas::showImage(const QImage &image, QList<Mark> marks, int margin)
{
    m_image = image;
    m_marks = std::move(marks);
    m_margin = std::max(margin, 0);
    update();
}

QSize FieldCanvas::sizeHint() const
{
    return {200, 200};
}

// Whole screen pixels per image pixel where they fit, so that the pixels stay square and crisp.
double FieldCanvas::scale() const
{
    if (m_image.isNull())
        return 1.0;
    const double across = double(width()) / (m_image.width() + 2 * m_margin);
    const double down = double(height()) / (m_image.height() + 2 * m_margin);
    const double fit = std::min(across, down);
    return fit >= 1.0 ? std::floor(fit) : fit;
}

QPointF FieldCanvas::origin() const
{
    const double s = scale();
    return {(width() - s * m_image.width()) / 2.0, (height() - s * m_image.height()) / 2.0};
}

QPoint FieldCanvas::pixelCentre(int y, int x) const
{
    const double s = scale();
    return (origin() + QPointF((x + 0.5) * s, (y + 0.5) * s)).toPoint();
}

void FieldCanvas::paintEvent(QPaintEvent *)
{
    if (m_image.isNull())
        return;
    QPainter painter(this);
    const double s = scale();
    const QPointF o = origin();
    // The padding around the image, drawn as what it is: cells that hold nothing.
    if (m_margin > 0) {
        const QRectF around(o - QPointF(m_margin * s, m_margin * s),
                            QSizeF((m_image.width() + 2 * m_margin) * s,
                                   (m_image.height() + 2 * m_margin) * s));
        painter.fillRect(around, QBrush(palette().color(QPalette::Mid), Qt::Dense6Pattern));
    }
    const QRectF target(o, QSizeF(m_image.width() * s, m_image.height() * s));
    painter.drawImage(target, m_image);
    painter.setRenderHint(QPainter::Antialiasing);
    for (const Mark &mark : m_marks) {
        QPen pen(mark.colour, std::max(2.0, s / 4), mark.style);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(o + QPointF(mark.rect.left() * s, mark.rect.top() * s),
                                QSizeF(mark.rect.width() * s, mark.rect.height() * s)));
    }
}

void FieldCanvas::mousePressEvent(QMouseEvent *event)
{
    const double s = scale();
    const QPointF at = (event->position() - origin()) / s;
    const int x = int(std::floor(at.x())), y = int(std::floor(at.y()));
    if (event->button() == Qt::LeftButton && x >= 0 && y >= 0 && x < m_image.width()
        && y < m_image.height())
        emit pixelClicked(y, x);
}

} // namespace convscope::ui
