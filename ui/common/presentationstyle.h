#pragma once

#include <QProxyStyle>

namespace convscope::ui {

// The application's style with its fixed pixel sizes scaled: check boxes, radio buttons,
// scroll bars, slider handles and the spin boxes' arrows are drawn in pixels that a larger
// font does not change, so on a projector they stayed small, or shrank beside the text. On a
// dark palette it also outlines check boxes and radio buttons so that they stay visible.
class PresentationStyle : public QProxyStyle
{
    Q_OBJECT

public:
    // Takes ownership of base (null: the application's default style).
    PresentationStyle(QStyle *base, double scale);

    double scale() const { return m_scale; }
    int pixelMetric(PixelMetric metric, const QStyleOption *option = nullptr,
                    const QWidget *widget = nullptr) const override;
    QRect subControlRect(ComplexControl control, const QStyleOptionComplex *option,
                         SubControl subControl, const QWidget *widget = nullptr) const override;
    // On a dark palette an unchecked box's outline is nearly the colour around it: it gets
    // an outline in the text's colour.
    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;

private:
    double m_scale;
};

} // namespace convscope::ui
