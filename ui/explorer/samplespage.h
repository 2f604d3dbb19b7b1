#pragma once

#include <QImage>
#include <QWidget>

class QLabel;
class QListWidget;

namespace convscope::ui {

class HistogramPlot;
class ImageView;

// The built-in samples: a gallery, the chosen image large, its size, channels and license,
// and the histogram of its pixel values.
class SamplesPage : public QWidget
{
    Q_OBJECT

public:
    explicit SamplesPage(QWidget *parent = nullptr);

    int sampleCount() const;
    void selectSample(int index);
    const QImage &currentImage() const;
    // "camera.png: 512×512, 1 channel", as statusChanged last said it.
    QString statusText() const { return m_statusText; }
    HistogramPlot *histogram() const { return m_histogram; }

signals:
    // "camera.png: 512×512, 1 channel"
    void statusChanged(const QString &text);
    // A double-click or Enter on a sample: open it in the explorer.
    void sampleActivated(const QString &resource);

private:
    void showSample(int index);

    QListWidget *m_gallery;
    ImageView *m_view;
    QLabel *m_info;
    HistogramPlot *m_histogram;
    QString m_statusText;
};

} // namespace convscope::ui
