#pragma once

#include <QImage>
#include <QWidget>

class QCustomPlot;

namespace convscope::ui {

// Counts of each 8-bit value of an image, one series per channel: the first look at an image
// as the numbers a network sees.
class HistogramPlot : public QWidget
{
    Q_OBJECT

public:
    explicit HistogramPlot(QWidget *parent = nullptr);

    void showImage(const QImage &image);
    int seriesCount() const;
    QCustomPlot *plot() const { return m_plot; }

private:
    QCustomPlot *m_plot;
};

// 256 counts per channel: one channel for a grayscale image, R, G, B otherwise.
QList<QList<double>> channelHistograms(const QImage &image);

} // namespace convscope::ui
