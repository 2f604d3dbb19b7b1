#include "ui/common/colorbar.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace convscope::ui {

namespace {

QString label(double v)
{
    return QString::number(v, 'g', 3);
}

} // namespace

ColorBar::ColorBar(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
}

QSize ColorBar::sizeHint() const
{
    // The bar (16 px at 4 from the left), the tick and its gap, then the wider of its labels.
    const int labels = std::max(
        {fontMetrics().horizontalAdvance(label(m_range.low)),
         fontMetrics().horizontalAdvance(label(m_range.high)),
         fontMetrics().horizontalAdvance(
             label(-std::max(std::abs(double(m_range.low)), std::abs(double(m_range.high)))))});
    return {std::max(48, 4 + 16 + 7 + labels + 4), 240};
}

void ColorBar::setScale(Colormap colormap, ValueRange range)
{
    m_colormap = colormap;
    m_range = range;
    m_empty = false;
    updateGeometry(); // its labels may be wider or narrower
    update();
}

void ColorBar::paintEvent(QPaintEvent *)
{
    if (m_empty)
        return;
    QPainter painter(this);
    paintBar(painter, rect().adjusted(0, 8, 0, -8), palette().color(QPalette::Text));
}

QImage ColorBar::render(int height, const QFont &font) const
{
    QImage image(std::max(64, QFontMetrics(font).horizontalAdvance("−0.000e+00") + 28),
                 std::max(height, 64), QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setFont(font);
    paintBar(painter, image.rect().adjusted(0, 2, 0, -2), Qt::black);
    return image;
}

void ColorBar::paintBar(QPainter &painter, const QRect &area, const QColor &text) const
{
    const int textHeight = painter.fontMetrics().height();
    const QRect bar(area.left() + 4, area.top() + textHeight / 2, 16, area.height() - textHeight);
    if (bar.height() < 8)
        return;
    // The diverging map always spans −m..m around 0, whatever the data's range.
    const double m = std::max(std::abs(double(m_range.low)), std::abs(double(m_range.high)));
    const double low = m_colormap == Colormap::Diverging ? -m : m_range.low;
    const double high = m_colormap == Colormap::Diverging ? m : m_range.high;
    for (int y = 0; y < bar.height(); ++y) {
        const double t = 1.0 - (y + 0.5) / bar.height();
        const auto rgb = colormapColor(m_colormap, t);
        painter.setPen(QColor(rgb[0], rgb[1], rgb[2]));
        painter.drawLine(bar.left(), bar.top() + y, bar.right(), bar.top() + y);
    }
    painter.setPen(text);
    painter.drawRect(bar.adjusted(0, 0, -1, -1));
    auto tick = [&](double value) {
        const double t = high > low ? (value - low) / (high - low) : 0.5;
        const int y = bar.bottom() - int(std::lround(t * (bar.height() - 1)));
        painter.drawLine(bar.right() + 1, y, bar.right() + 4, y);
        painter.drawText(QRect(bar.right() + 7, y - textHeight / 2, area.right() - bar.right() - 7,
                               textHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, label(value));
    };
    tick(high);
    tick(low);
    if (low < 0 && high > 0 && std::min(-low, high) > 0.12 * (high - low))
        tick(0.0);
}

} // namespace convscope::ui
