#pragma once

#include "core/tensor.h"

#include <QImage>
#include <QList>
#include <QPolygonF>
#include <QWidget>

namespace convscope::ui {

// A square pad to draw a digit on with the mouse: white ink on black, as MNIST stores digits.
// Strokes are kept so that Undo takes back the last one.
class DigitCanvas : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kSide = 280; // the drawing's own resolution, whatever the widget size

    explicit DigitCanvas(QWidget *parent = nullptr);

    void clear();
    void undo();
    // A stroke through points given in drawing coordinates (0..kSide).
    void addStroke(const QPolygonF &points);
    bool isEmpty() const { return m_strokes.isEmpty(); }
    QImage drawing() const;
    // The drawing as a 1×1×kSide×kSide tensor in [0, 1].
    Tensor drawingTensor() const;
    QSize sizeHint() const override { return {kSide, kSide}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return width; }

signals:
    void changed();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    QRectF pad() const;
    QPointF toDrawing(QPointF widgetPoint) const;

    QList<QPolygonF> m_strokes;
    bool m_drawing = false;
};

} // namespace convscope::ui
