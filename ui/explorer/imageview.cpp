#include "ui/explorer/imageview.h"

#include <QPainter>

#include <cmath>

namespace convscope::ui {

namespace {

constexpr double kGridFromPixelSize = 24.0;

} // namespace

ImageView::ImageView(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(160, 160);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageView::setImage(const QImage &image)
{
    m_image = image;
    update();
}

void ImageView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base).darker(108));
    if (m_image.isNull())
        return;
    const QRectF area = QRectF(rect()).adjusted(8, 8, -8, -8);
    const double scale = std::min(area.width() / m_image.width(), area.height() / m_image.height());
    const QSizeF size(m_image.width() * scale, m_image.height() * scale);
    const QRectF target(area.center() - QPointF(size.width() / 2, size.height() / 2), size);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, scale < 1.0);
    painter.drawImage(target, m_image);
    if (scale >= kGridFromPixelSize) {
        painter.setPen(QPen(QColor(128, 128, 128, 160), 1.0));
        for (int x = 0; x <= m_image.width(); ++x)
            painter.drawLine(QPointF(target.left() + x * scale, target.top()),
                             QPointF(target.left() + x * scale, target.bottom()));
        for (int y = 0; y <= m_image.height(); ++y)
            painter.drawLine(QPointF(target.left(), target.top() + y * scale),
                             QPointF(target.right(), target.top() + y * scale));
    }
}

} // namespace convscope::ui
