#include "ui/training/digitcanvas.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace convscope::ui {

namespace {

// About as thick, relative to the pad, as a pen stroke in an MNIST digit.
constexpr double kPenWidth = 22.0;

void paintStrokes(QPainter &painter, const QList<QPolygonF> &strokes)
{
    painter.setPen(QPen(Qt::white, kPenWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    for (const QPolygonF &stroke : strokes) {
        if (stroke.size() == 1)
            painter.drawPoint(stroke.front());
        else
            painter.drawPolyline(stroke);
    }
}

} // namespace

DigitCanvas::DigitCanvas(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(160, 160);
    setCursor(Qt::CrossCursor);
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setToolTip(tr("Draw with the mouse"));
}

void DigitCanvas::clear()
{
    m_strokes.clear();
    update();
    emit changed();
}

void DigitCanvas::undo()
{
    if (m_strokes.isEmpty())
        return;
    m_strokes.removeLast();
    update();
    emit changed();
}

void DigitCanvas::addStroke(const QPolygonF &points)
{
    if (points.isEmpty())
        return;
    m_strokes.append(points);
    update();
    emit changed();
}

QImage DigitCanvas::drawing() const
{
    QImage image(kSide, kSide, QImage::Format_Grayscale8);
    image.fill(Qt::black);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    paintStrokes(painter, m_strokes);
    return image;
}

Tensor DigitCanvas::drawingTensor() const
{
    const QImage image = drawing();
    Tensor tensor({1, 1, kSide, kSide});
    for (int y = 0; y < kSide; ++y) {
        const uchar *row = image.constScanLine(y);
        for (int x = 0; x < kSide; ++x)
            tensor.data()[y * kSide + x] = float(row[x]) / 255.0f;
    }
    return tensor;
}

QRectF DigitCanvas::pad() const
{
    const double side = std::min(width(), height());
    return {(width() - side) / 2, (height() - side) / 2, side, side};
}

QPointF DigitCanvas::toDrawing(QPointF point) const
{
    const QRectF area = pad();
    return (point - area.topLeft()) * (kSide / area.width());
}

void DigitCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRectF area = pad();
    painter.fillRect(area, Qt::black);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.translate(area.topLeft());
    painter.scale(area.width() / kSide, area.width() / kSide);
    paintStrokes(painter, m_strokes);
    painter.restore();
    if (m_strokes.isEmpty()) {
        painter.setPen(QColor(150, 150, 150));
        painter.drawText(area, Qt::AlignCenter, tr("draw here"));
    }
}

void DigitCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_drawing = true;
    m_strokes.append(QPolygonF{toDrawing(event->position())});
    update();
}

void DigitCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_drawing)
        return;
    m_strokes.last().append(toDrawing(event->position()));
    update();
}

void DigitCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_drawing)
        return;
    m_drawing = false;
    emit changed();
}

} // namespace convscope::ui
