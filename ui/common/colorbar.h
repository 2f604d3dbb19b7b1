#pragma once

#include "core/explorer/colormap.h"

#include <QWidget>

namespace convscope::ui {

// The legend of a feature map: the colormap from its lowest to its highest value, with the
// values at the ends and at 0 when 0 is inside the range.
class ColorBar : public QWidget
{
    Q_OBJECT

public:
    explicit ColorBar(QWidget *parent = nullptr);

    void setScale(Colormap colormap, ValueRange range);
    Colormap colormap() const { return m_colormap; }
    ValueRange range() const { return m_range; }
    // Wide enough for the bar and its longest label at the current font.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

    // The bar as a picture of the given height, for exports beside a feature map.
    QImage render(int height, const QFont &font) const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void paintBar(QPainter &painter, const QRect &area, const QColor &text) const;

    Colormap m_colormap = Colormap::Gray;
    ValueRange m_range;
    bool m_empty = true;
};

} // namespace convscope::ui
