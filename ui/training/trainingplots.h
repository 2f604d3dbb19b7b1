#pragma once

#include "core/nn/trainer.h"
#include "ui/training/runspanel.h"

#include <QPointF>
#include <QWidget>

#include <vector>

class QCPAxisRect;
class QCPGraph;
class QCPLegend;
class QCustomPlot;

namespace convscope::ui {

// Loss per step (raw and smoothed), train and test accuracy, and the learning rate, stacked
// on one shared step axis. New points are appended in batches and drawn at most once per
// update, and not at all while the plots are hidden. Zoom and pan with the mouse; a
// double-click goes back to following the run.
class TrainingPlots : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingPlots(QWidget *parent = nullptr);

    // The steps from `first` on are new since the last call.
    void append(const std::vector<StepReport> &steps, size_t first);
    void addEpoch(const EpochReport &epoch);
    void clear();
    // Runs kept for comparison, drawn beside the current one: smoothed loss and test accuracy,
    // each in its colour and named in the legends; hidden ones are left out.
    void setKeptRuns(const std::vector<KeptRun> &runs);
    int keptGraphCount() const { return int(m_kept.size()); }
    // Graph 2k is kept run k's loss, 2k + 1 its test accuracy: (step, value) pairs.
    QList<QPointF> keptGraphPoints(int graph) const;
    // The entries of a row's legend (0 loss, 1 accuracy, 2 learning rate).
    int legendEntries(int row) const;

    int lossPointCount() const;
    int testPointCount() const;
    int trainPointCount() const;
    bool savePng(const QString &path);
    bool savePdf(const QString &path);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QCPAxisRect *addRow(const QString &label);
    void fit();
    void redraw();

    QCustomPlot *m_plot;
    QCPGraph *m_loss = nullptr;
    QCPGraph *m_smoothed = nullptr;
    QCPGraph *m_train = nullptr;
    QCPGraph *m_test = nullptr;
    QCPGraph *m_rate = nullptr;
    std::vector<QCPAxisRect *> m_rows;
    std::vector<QCPLegend *> m_legends;
    std::vector<QCPGraph *> m_kept;
    bool m_follow = true; // rescale to the whole run; off once the user zooms or pans
    bool m_stale = false; // data arrived while hidden
    double m_lastStep = 0;
};

} // namespace convscope::ui
