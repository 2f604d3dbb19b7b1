#pragma once

#include <QImage>
#include <QWidget>

namespace convscope::ui {

// An image drawn large with crisp pixels, with rectangles on it in image coordinates; a
// rectangle may reach past the image (into the padding), and the canvas leaves room around the
// image for it. A click reports the pixel under the mouse.
class FieldCanvas : public QWidget
{
    Q_OBJECT

public:
    struct Mark
    {
        QRect rect; // in image pixels
        QColor colour;
        Qt::PenStyle style = Qt::SolidLine;
    };

    explicit FieldCanvas(QWidget *parent = nullptr);

    // `margin`: image pixels of room on every side, for marks that leave the image.
    void showImage(const QImage &image, QList<Mark> marks, int margin = 0);
    const QImage &image() const { return m_image; }
    const QList<Mark> &marks() const { return m_marks; }
    QSize sizeHint() const override;
    // Where an image pixel's centre is drawn, for tests that click it.
    QPoint pixelCentre(int y, int x) const;

signals:
    void pixelClicked(int y, int x);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    double scale() const;
    QPointF origin() const;

    QImage m_image;
    QList<Mark> m_marks;
    int m_margin = 0;
};

} // namespace convscope::ui
