#include "ui/explorer/histogramplot.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

namespace convscope::ui {

QList<QList<double>> channelHistograms(const QImage &image)
{
    const bool gray = image.isGrayscale();
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    QList<QList<double>> counts(gray ? 1 : 3, QList<double>(256, 0.0));
    for (int y = 0; y < rgb.height(); ++y) {
        const uchar *row = rgb.constScanLine(y);
        for (int x = 0; x < rgb.width(); ++x) {
            for (qsizetype c = 0; c < counts.size(); ++c)
                counts[c][row[3 * x + c]] += 1.0;
        }
    }
    return counts;
}

HistogramPlot::HistogramPlot(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->xAxis->setLabel(tr("pixel value (0–255, /255 for the network)"));
    m_plot->yAxis->setLabel(tr("pixels"));
    m_plot->xAxis->setRange(0, 255);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setMinimumHeight(180);
}

void HistogramPlot::showImage(const QImage &image)
{
    m_plot->clearGraphs();
    const QList<QList<double>> counts = channelHistograms(image);
    const QColor colours[] = {QColor(0xd6, 0x27, 0x28), QColor(0x2c, 0xa0, 0x2c),
                              QColor(0x1f, 0x77, 0xb4)};
    const QStringList names = counts.size() == 1 ? QStringList{tr("gray")}
                                                 : QStringList{tr("red"), tr("green"), tr("blue")};
    QList<double> keys(256);
    for (int i = 0; i < 256; ++i)
        keys[i] = i;
    for (qsizetype c = 0; c < counts.size(); ++c) {
        QCPGraph *graph = m_plot->addGraph();
        graph->setName(names[c]);
        graph->setLineStyle(QCPGraph::lsStepCenter);
        graph->setPen(QPen(counts.size() == 1 ? palette().color(QPalette::Text) : colours[c], 1.2));
        graph->setData(keys, counts[c], true);
    }
    m_plot->legend->setVisible(counts.size() > 1);
    m_plot->rescaleAxes();
    m_plot->xAxis->setRange(-1, 256);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int HistogramPlot::seriesCount() const
{
    return m_plot->graphCount();
}

} // namespace convscope::ui
