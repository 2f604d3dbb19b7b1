#pragma once

#include <QImage>
#include <QWidget>

namespace convscope::ui {

// An image fitted to the widget: enlarged with nearest-neighbour so that pixels stay crisp
// squares (with grid lines once they are large), reduced smoothly.
class ImageView : public QWidget
{
    Q_OBJECT

public:
    explicit ImageView(QWidget *parent = nullptr);

    void setImage(const QImage &image);
    const QImage &image() const { return m_image; }
    QSize sizeHint() const override { return {480, 480}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_image;
};

} // namespace convscope::ui
