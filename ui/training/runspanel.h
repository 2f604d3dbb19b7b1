#pragma once

#include "core/nn/optimizer.h"
#include "core/nn/trainer.h"

#include <QColor>
#include <QWidget>

#include <map>
#include <vector>

class QListWidget;
class QPushButton;
class QSpinBox;

namespace convscope::ui {

class TrainingSession;

// A run kept on the plots beside the current one: what it was (optimizer, learning rate,
// batch), its colour, and its steps and epochs.
struct KeptRun
{
    QString label;
    QColor colour;
    std::vector<StepReport> steps;
    std::vector<EpochReport> epochs;
    bool shown = true;

    // Every test accuracy by step: the evaluations during an epoch, which the steps carry, and
    // the one at each epoch's end, which only the epoch's report does.
    std::map<std::int64_t, double> testAccuracies() const;
};

// The runs kept for comparison: keep the current one, show or hide each, remove it, export
// them all as CSV; and "Compare optimizers", which trains the network from the same fresh
// weights with each chosen optimizer, one after another, keeping each run.
class RunsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RunsPanel(TrainingSession *session, QWidget *parent = nullptr);

    // The current run, as it is now; nothing when it has no step.
    void keepCurrentRun();
    // Refused (false) while a run is active or with no optimizer.
    bool compareOptimizers(const std::vector<OptimizerKind> &kinds, int epochs);
    bool comparing() const { return m_comparing; }
    const std::vector<KeptRun> &runs() const { return m_runs; }
    void setShown(int index, bool shown);
    void removeRun(int index);
    // run,label,step,epoch,loss,smoothed_loss,test_accuracy; one row per step of every run.
    Expected<void> exportCsv(const QString &path) const;

signals:
    void runsChanged();
    void statusChanged(const QString &text);

private:
    void nextComparison();
    void stateChanged();
    void askForComparison();
    void fillList();

    TrainingSession *m_session;
    std::vector<KeptRun> m_runs;
    std::vector<OptimizerKind> m_queue;
    TrainingSettings m_original;
    int m_epochs = 1;
    bool m_comparing = false;
    int m_colours = 0;

    QListWidget *m_list;
    QPushButton *m_keep;
    QPushButton *m_remove;
    QPushButton *m_export;
    QPushButton *m_compare;
};

} // namespace convscope::ui
