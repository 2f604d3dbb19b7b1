#include "ui/training/layerbars.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QVBoxLayout>

namespace convscope::ui {

LayerBars::LayerBars(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_log(new QCheckBox(tr("Logarithmic scale"), this))
    , m_group(new QCPBarsGroup(m_plot))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_log);
    m_plot->setMinimumHeight(200);
    // The legend in a row of its own above the bars, which it would hide inside the axes.
    m_plot->legend->setVisible(true);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foRowsFirst);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    // Parameters and multiply-adds differ by orders of magnitude: both show on a log scale.
    m_log->setChecked(true);
    m_log->setToolTip(tr("A log scale shows the small layers beside the large ones"));
    connect(m_log, &QCheckBox::toggled, this, &LayerBars::replot);
}

void LayerBars::showTable(const ArchitectureTable &table)
{
    m_rows = table.topLevelRows();
    replot();
}

void LayerBars::setLogarithmic(bool on)
{
    m_log->setChecked(on);
}

bool LayerBars::isLogarithmic() const
{
    return m_log->isChecked();
}

int LayerBars::barCount() const
{
    return int(m_rows.size());
}

// Two bars a layer: parameters and multiply-adds. On the log scale a zero has no bar.
void LayerBars::replot()
{
    m_plot->clearPlottables();
    const bool log = m_log->isChecked();
    QSharedPointer<QCPAxisTickerText> names(new QCPAxisTickerText);
    const struct
    {
        QString name;
        QColor colour;
        std::int64_t LayerDescription::*field;
    } series[] = {{tr("parameters"), QColor(0x1f, 0x77, 0xb4), &LayerDescription::parameters},
                  {tr("multiply-adds per image"), QColor(0xff, 0x7f, 0x0e),
                   &LayerDescription::multiplyAdds}};
    for (const auto &s : series) {
        auto *bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        bars->setName(s.name);
        bars->setPen(Qt::NoPen);
        bars->setBrush(s.colour);
        bars->setWidth(0.4);
        bars->setBarsGroup(m_group);
        for (size_t i = 0; i < m_rows.size(); ++i) {
            const double value = double(m_rows[i].*s.field);
            if (!log || value > 0)
                bars->addData(double(i), value);
        }
    }
    for (size_t i = 0; i < m_rows.size(); ++i)
        names->addTick(double(i), QString::fromStdString(m_rows[i].name));
    m_plot->xAxis->setTicker(names);
    m_plot->xAxis->setTickLabelRotation(60);
    m_plot->xAxis->setRange(-0.7, std::max<double>(double(m_rows.size()) - 0.3, 1.0));
    if (log) {
        m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    } else {
        m_plot->yAxis->setScaleType(QCPAxis::stLinear);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    }
    m_plot->yAxis->rescale();
    if (log)
        m_plot->yAxis->setRangeLower(1.0);
    else
        m_plot->yAxis->setRangeLower(0.0);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace convscope::ui
