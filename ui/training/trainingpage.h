#pragma once

#include "core/nn/optimizer.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGridLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSettings;
class QSpinBox;
class QTabWidget;

namespace convscope::ui {

class ConfusionView;
class DrawPanel;
class ExplainPanel;
class RunsPanel;
class FilterView;
class LiveLabel;
class ProbeView;
class TrainingPlots;
class TrainingSession;

// Training controls on the left; on the right the live views (plots, filters with their
// timeline, the probe's feature maps), the evaluation and the digit canvas. Everything is
// drawn from the session's history and snapshots; nothing here touches the training network.
class TrainingPage : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingPage(TrainingSession *session, QWidget *parent = nullptr);

    TrainingSession *session() const { return m_session; }
    TrainingPlots *plots() const { return m_plots; }
    FilterView *filters() const { return m_filters; }
    ProbeView *probe() const { return m_probe; }
    ConfusionView *confusion() const { return m_confusion; }
    DrawPanel *drawPanel() const { return m_draw; }
    ExplainPanel *explainPanel() const { return m_explain; }
    RunsPanel *runsPanel() const { return m_runs; }
    QPushButton *startButton() const { return m_start; }
    QString statusText() const;
    // The run's figures, or where the weights come from; and what stands in the way.
    QString figuresText() const;
    QString blockerText() const;
    // "live", "evaluation" or "draw".
    void showTab(const QString &key);
    QWidget *currentTab() const;

    void start();
    void togglePause();
    void step();
    void stop();
    void reset();
    void saveModel();
    void loadModel();
    // Loads a model file into the session, asking first (when confirm) whether to discard what
    // was trained; a failure is said in a message box.
    bool loadModelFile(const QString &path, bool confirm);
    // After a model is loaded: a model that learned from another data set than the one loaded
    // offers to switch to its own (dataSetRequested).
    void offerMatchingData();
    void exportPlots();
    void exportLog();
    // The Network page's reason why its table is not a network; Start waits until it is fixed.
    void setNetworkProblem(const QString &problem);

    // The knobs (optimizer, rate, batch, epochs, seed, threads), the tab and the last folder.
    void save(QSettings &settings) const;
    void restore(QSettings &settings);

signals:
    void statusChanged(const QString &text);
    // The data set a loaded model learned from, to be loaded with the model's weights kept.
    void dataSetRequested(const QString &name);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fitControls();
    // The optimizer box's choices, kept as its items' data (and in the settings).
    enum class OptimizerChoice { Sgd, SgdMomentum, Adam, AdamW, Adagrad, RmsProp, AdaDelta };

    QWidget *buildControls();
    QFormLayout *buildKnobs(QWidget *box);
    QGridLayout *buildRunButtons(QWidget *box);
    QGridLayout *buildFileButtons(QWidget *box);
    static OptimizerChoice choiceOf(const OptimizerSettings &optimizer);
    OptimizerSettings optimizerSettings() const;
    // A file dialog that starts in, and remembers, the last folder; empty when cancelled.
    QString askPath(bool save, const QString &title, const QString &filter);
    void applySettings();
    void updateButtons();
    void progressed(int newSteps, bool newWeights);
    void historyCleared();
    void architectureChanged();
    QString provenanceText() const;
    QString mismatchText() const;
    bool confirmDiscard(const QString &title, const QString &action);

    TrainingSession *m_session;
    QWidget *m_controls = nullptr;
    QComboBox *m_optimizer;
    QDoubleSpinBox *m_rate;
    QSpinBox *m_batch;
    QSpinBox *m_epochs;
    QSpinBox *m_seed;
    QSpinBox *m_threads;
    QPushButton *m_start;
    QPushButton *m_pause;
    QPushButton *m_step;
    QPushButton *m_stop;
    QPushButton *m_reset;
    QProgressBar *m_progress;
    LiveLabel *m_figures;
    QLabel *m_blocker;
    QTabWidget *m_tabs;
    TrainingPlots *m_plots;
    FilterView *m_filters;
    ProbeView *m_probe;
    ConfusionView *m_confusion;
    DrawPanel *m_draw;
    ExplainPanel *m_explain;
    RunsPanel *m_runs;
    QString m_networkProblem;
    size_t m_plotted = 0; // steps already handed to the plots
    QString m_folder;
};

} // namespace convscope::ui
