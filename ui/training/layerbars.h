#pragma once

#include "core/nn/network.h"

#include <QWidget>

class QCheckBox;
class QCPBarsGroup;
class QCustomPlot;

namespace convscope::ui {

// Parameters and multiply-adds of each layer of a spec's top level (a block's summed) as bars,
// on a linear or a logarithmic scale: where a network keeps its weights and spends its work.
class LayerBars : public QWidget
{
    Q_OBJECT

public:
    explicit LayerBars(QWidget *parent = nullptr);

    void showTable(const ArchitectureTable &table);
    void setLogarithmic(bool on);
    bool isLogarithmic() const;
    int barCount() const;

private:
    void replot();

    QCustomPlot *m_plot;
    QCheckBox *m_log;
    QCPBarsGroup *m_group;
    std::vector<LayerDescription> m_rows;
};

} // namespace convscope::ui
