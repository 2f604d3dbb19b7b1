#include "ui/common/presentationstyle.h"

#include <QPainter>
#include <QStyleOption>

#include <cmath>

namespace convscope::ui {

PresentationStyle::PresentationStyle(QStyle *base, double scale)
    : QProxyStyle(base)
    , m_scale(scale)
{}

int PresentationStyle::pixelMetric(PixelMetric metric, const QStyleOption *option,
                                   const QWidget *widget) const
{
    const int size = QProxyStyle::pixelMetric(metric, option, widget);
    switch (metric) {
    case PM_IndicatorWidth:
    case PM_IndicatorHeight:
    case PM_ExclusiveIndicatorWidth:
    case PM_ExclusiveIndicatorHeight:
    case PM_ScrollBarExtent:
    case PM_SliderThickness:
    case PM_SliderLength:
    case PM_SliderControlThickness:
    case PM_SplitterWidth:
    case PM_SmallIconSize:
    case PM_ButtonIconSize:
        return int(std::lround(size * m_scale));
    default:
        return size;
    }
}

void PresentationStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option,
                                      QPainter *painter, const QWidget *widget) const
{
    QProxyStyle::drawPrimitive(element, option, painter, widget);
    const bool indicator = element == PE_IndicatorCheckBox || element == PE_IndicatorRadioButton;
    if (!indicator || option->palette.color(QPalette::Window).lightness() >= 128)
        return;
    QColor edge = option->palette.color(QPalette::Text);
    edge.setAlpha(option->state & State_Enabled ? 170 : 80);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(QPen(edge, 1.0));
    painter->setBrush(Qt::NoBrush);
    const QRectF box = QRectF(option->rect).adjusted(0.5, 0.5, -0.5, -0.5);
    if (element == PE_IndicatorRadioButton)
        painter->drawEllipse(box);
    else
        painter->drawRoundedRect(box, 1.5, 1.5);
    painter->restore();
}

QRect PresentationStyle::subControlRect(ComplexControl control, const QStyleOptionComplex *option,
                                        SubControl subControl, const QWidget *widget) const
{
    const QRect rect = QProxyStyle::subControlRect(control, option, subControl, widget);
    if (control != CC_SpinBox || m_scale == 1.0)
        return rect;
    // The arrows' column, widened by the scale; the editor gives up what they take.
    const QRect frame = option->rect;
    const int arrows = int(std::lround(
        QProxyStyle::subControlRect(control, option, SC_SpinBoxUp, widget).width() * m_scale));
    const int left = frame.right() - arrows;
    switch (subControl) {
    case SC_SpinBoxUp:
        return QRect(left, rect.top(), frame.right() - left, rect.height());
    case SC_SpinBoxDown:
        return QRect(left, rect.top(), frame.right() - left, rect.height());
    case SC_SpinBoxEditField:
        return QRect(rect.left(), rect.top(), left - rect.left(), rect.height());
    default:
        return rect;
    }
}

} // namespace convscope::ui
