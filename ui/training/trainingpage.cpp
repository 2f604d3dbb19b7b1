#include "ui/training/trainingpage.h"

#include "core/file_io.h"
#include "ui/common/ask.h"
#include "ui/common/choices.h"
#include "ui/common/coretext.h"
#include "ui/common/livelabel.h"
#include "ui/common/style.h"
#include "ui/training/confusionview.h"
#include "ui/training/digitcanvas.h"
#include "ui/training/drawpanel.h"
#include "ui/training/explainpanel.h"
#include "ui/training/filterview.h"
#include "ui/training/probeview.h"
#include "ui/training/runspanel.h"
#include "ui/training/trainingplots.h"
#include "ui/training/trainingsession.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace convscope::ui {

namespace {

constexpr int kControlsWidth = 260;

QString clock(double seconds)
{
    const int s = int(seconds + 0.5);
    return s >= 3600 ? QString("%1:%2:%3")
                           .arg(s / 3600)
                           .arg(s / 60 % 60, 2, 10, QChar('0'))
                           .arg(s % 60, 2, 10, QChar('0'))
                     : QString("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
}

} // namespace

TrainingPage::TrainingPage(TrainingSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_tabs(new QTabWidget(this))
    , m_plots(new TrainingPlots(this))
    , m_filters(new FilterView(session, this))
    , m_probe(new ProbeView(session, this))
    , m_confusion(new ConfusionView(session, this))
    , m_draw(new DrawPanel(session, this))
    , m_explain(new ExplainPanel(session, m_draw, this))
    , m_runs(new RunsPanel(session, this))
{
    // Narrow enough that the page fits a 1024-pixel projector; the splitters give back the room.
    m_filters->setMinimumWidth(220);
    m_probe->setMinimumWidth(260);
    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_filters);
    right->addWidget(m_probe);
    right->setStretchFactor(0, 2);
    right->setStretchFactor(1, 3);
    auto *live = new QSplitter(Qt::Horizontal, this);
    live->addWidget(m_plots);
    live->addWidget(right);
    live->setStretchFactor(0, 1);
    live->setStretchFactor(1, 1);
    // Proportions, not pixels: the plots get 45 % whatever the window, rather than the minimum
    // width the probe's size hint leaves them (their step labels ran together).
    live->setSizes({45, 55});
    // The runs kept for comparison in a strip across the tab, under the plots and the views,
    // where a 1024-pixel projector has the width for their buttons.
    auto *liveTab = new QWidget(this);
    auto *liveLayout = new QVBoxLayout(liveTab);
    liveLayout->setContentsMargins(0, 0, 0, 0);
    liveLayout->addWidget(live, 1);
    liveLayout->addWidget(m_runs);
    m_tabs->addTab(liveTab, tr("Live"));
    m_tabs->addTab(m_confusion, tr("Evaluation"));
    m_tabs->addTab(m_draw, tr("Draw a digit"));
    m_tabs->addTab(m_explain, tr("Explain"));

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addWidget(m_tabs, 1);

    connect(session, &TrainingSession::stateChanged, this, &TrainingPage::updateButtons);
    connect(session, &TrainingSession::progressed, this, &TrainingPage::progressed);
    connect(session, &TrainingSession::historyCleared, this, &TrainingPage::historyCleared);
    connect(session, &TrainingSession::architectureChanged, this,
            &TrainingPage::architectureChanged);
    connect(session, &TrainingSession::epochFinished, m_plots, &TrainingPlots::addEpoch);
    connect(m_filters, &FilterView::frameShown, m_probe, &ProbeView::setFrame);
    // The explanations follow the weights, the network, the data and the drawing.
    // New weights at most 4 times a second: each restarts the occlusion, which must get the
    // time to finish while a network trains.
    auto *weightsLater = new QTimer(this);
    weightsLater->setSingleShot(true);
    weightsLater->setInterval(TrainingSession::kCostlyViewMs);
    connect(weightsLater, &QTimer::timeout, m_explain, &ExplainPanel::refresh);
    for (auto signal : {&TrainingSession::architectureChanged, &TrainingSession::dataChanged,
                        &TrainingSession::historyCleared}) {
        connect(session, signal, m_explain, [this, weightsLater] {
            weightsLater->stop();
            m_explain->refresh();
        });
    }
    connect(session, &TrainingSession::progressed, m_explain, [weightsLater](int, bool newWeights) {
        if (newWeights && !weightsLater->isActive())
            weightsLater->start();
    });
    connect(m_draw->canvas(), &DigitCanvas::changed, m_explain, &ExplainPanel::refresh);
    connect(m_confusion, &ConfusionView::explainAsked, this, [this](int index) {
        m_explain->useDrawing(false);
        m_explain->setTestImage(index);
        m_tabs->setCurrentWidget(m_explain);
    });
    connect(m_runs, &RunsPanel::runsChanged, this, [this] { m_plots->setKeptRuns(m_runs->runs()); });
    connect(m_runs, &RunsPanel::statusChanged, this, &TrainingPage::statusChanged);
    connect(session, &TrainingSession::dataChanged, this, [this] {
        m_tabs->setTabText(m_tabs->indexOf(m_draw),
                           m_session->digits() ? tr("Draw a digit") : tr("Draw"));
    });
    applySettings();
    updateButtons();
}

QWidget *TrainingPage::buildControls()
{
    auto *box = new QGroupBox(tr("Training"), this);
    m_progress = new QProgressBar(box);
    m_figures = new LiveLabel(4, box);
    m_blocker = new QLabel(box);
    m_blocker->setWordWrap(true);
    m_blocker->setStyleSheet(style::errorTextStyle());
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(buildKnobs(box));
    layout->addLayout(buildRunButtons(box));
    layout->addWidget(m_progress);
    layout->addWidget(m_figures);
    layout->addWidget(m_blocker);
    layout->addLayout(buildFileButtons(box));
    layout->addStretch(1);
    m_controls = box;
    m_controls->setObjectName(style::kSettingsColumn);
    fitControls();
    return box;
}

// The settings of a run, at the recipe's values (README, "Training recipes").
QFormLayout *TrainingPage::buildKnobs(QWidget *box)
{
    const TrainingSettings recipe = recommendedSettings("lenet5");
    m_optimizer = new QComboBox(box);
    m_optimizer->addItem(tr("SGD"), int(OptimizerChoice::Sgd));
    m_optimizer->addItem(tr("SGD with momentum %1").arg(kDefaultMomentum),
                         int(OptimizerChoice::SgdMomentum));
    m_optimizer->addItem(tr("Adam"), int(OptimizerChoice::Adam));
    m_optimizer->addItem(tr("AdamW (decoupled weight decay)"), int(OptimizerChoice::AdamW));
    m_optimizer->addItem(tr("AdaGrad"), int(OptimizerChoice::Adagrad));
    m_optimizer->addItem(tr("RMSprop"), int(OptimizerChoice::RmsProp));
    m_optimizer->addItem(tr("AdaDelta"), int(OptimizerChoice::AdaDelta));
    m_optimizer->setToolTip(tr("PyTorch's torch.optim rules with their defaults; SGD with "
                               "momentum uses 0.9"));
    m_optimizer->setCurrentIndex(m_optimizer->findData(int(choiceOf(recipe.optimizer))));
    // As wide as "SGD with momentum" needs, not wider: the column must fit a projector at F5.
    m_optimizer->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_optimizer->setMinimumContentsLength(12);
    m_rate = new QDoubleSpinBox(box);
    m_rate->setDecimals(5);
    m_rate->setRange(0.00001, 10.0);
    m_rate->setSingleStep(0.0005);
    m_rate->setValue(recipe.optimizer.learningRate);
    m_rate->setToolTip(tr("The base learning rate; it falls to 0 on a cosine over the run"));
    m_batch = new QSpinBox(box);
    m_batch->setRange(1, 4096);
    m_batch->setValue(recipe.batch);
    m_epochs = new QSpinBox(box);
    m_epochs->setRange(1, 1000);
    m_epochs->setValue(recipe.epochs);
    m_seed = new QSpinBox(box);
    m_seed->setRange(0, 1'000'000'000);
    m_seed->setValue(int(recipe.seed));
    m_seed->setToolTip(tr("The same seed gives the same initial weights and the same run"));
    m_threads = new QSpinBox(box);
    m_threads->setRange(1, std::max(1, QThread::idealThreadCount()));
    m_threads->setValue(m_threads->maximum());

    for (QSpinBox *spin : {m_batch, m_epochs, m_seed, m_threads})
        connect(spin, &QSpinBox::valueChanged, this, &TrainingPage::applySettings);
    connect(m_rate, &QDoubleSpinBox::valueChanged, this, &TrainingPage::applySettings);
    connect(m_optimizer, &QComboBox::currentIndexChanged, this, [this] {
        m_rate->setValue(recommendedLearningRate(optimizerSettings().kind));
        applySettings();
    });
    auto *form = new QFormLayout;
    form->addRow(tr("Optimizer"), m_optimizer);
    form->addRow(tr("Learning rate"), m_rate);
    form->addRow(tr("Batch size"), m_batch);
    form->addRow(tr("Epochs"), m_epochs);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(tr("Threads"), m_threads);
    return form;
}

QGridLayout *TrainingPage::buildRunButtons(QWidget *box)
{
    m_start = new QPushButton(tr("Start"), box);
    m_pause = new QPushButton(tr("Pause"), box);
    m_step = new QPushButton(tr("Single step"), box);
    m_stop = new QPushButton(tr("Stop"), box);
    m_reset = new QPushButton(tr("Reset"), box);
    m_start->setToolTip(tr("Train from the current weights (Ctrl+Return)"));
    m_start->setShortcut(QKeySequence(tr("Ctrl+Return")));
    m_step->setToolTip(tr("Train one batch and pause: one update of every weight"));
    m_reset->setToolTip(tr("Fresh random weights from the seed; the plots start again"));
    connect(m_start, &QPushButton::clicked, this, &TrainingPage::start);
    connect(m_pause, &QPushButton::clicked, this, &TrainingPage::togglePause);
    connect(m_step, &QPushButton::clicked, this, &TrainingPage::step);
    connect(m_stop, &QPushButton::clicked, this, &TrainingPage::stop);
    connect(m_reset, &QPushButton::clicked, this, &TrainingPage::reset);
    auto *buttons = new QGridLayout;
    buttons->addWidget(m_start, 0, 0);
    buttons->addWidget(m_pause, 0, 1);
    buttons->addWidget(m_step, 1, 0);
    buttons->addWidget(m_stop, 1, 1);
    buttons->addWidget(m_reset, 2, 0, 1, 2);
    return buttons;
}

QGridLayout *TrainingPage::buildFileButtons(QWidget *box)
{
    const auto button = [this, box](const QString &text, void (TrainingPage::*slot)()) {
        auto *made = new QPushButton(text, box);
        connect(made, &QPushButton::clicked, this, slot);
        return made;
    };
    // One column: two would make the controls as wide as two long labels, too wide for a
    // 1024-pixel projector in presentation mode.
    auto *files = new QGridLayout;
    files->addWidget(button(tr("Save model…"), &TrainingPage::saveModel), 0, 0);
    files->addWidget(button(tr("Load model…"), &TrainingPage::loadModel), 1, 0);
    files->addWidget(button(tr("Export plots…"), &TrainingPage::exportPlots), 2, 0);
    files->addWidget(button(tr("Save log (CSV)…"), &TrainingPage::exportLog), 3, 0);
    return files;
}

TrainingPage::OptimizerChoice TrainingPage::choiceOf(const OptimizerSettings &optimizer)
{
    switch (optimizer.kind) {
    case OptimizerKind::Sgd:
        break;
    case OptimizerKind::Adam:
        return OptimizerChoice::Adam;
    case OptimizerKind::AdamW:
        return OptimizerChoice::AdamW;
    case OptimizerKind::Adagrad:
        return OptimizerChoice::Adagrad;
    case OptimizerKind::RmsProp:
        return OptimizerChoice::RmsProp;
    case OptimizerKind::AdaDelta:
        return OptimizerChoice::AdaDelta;
    }
    return optimizer.momentum > 0 ? OptimizerChoice::SgdMomentum : OptimizerChoice::Sgd;
}

// torch.optim's defaults for the chosen rule, the recipe's schedule, the box's learning rate.
OptimizerSettings TrainingPage::optimizerSettings() const
{
    const auto choice = OptimizerChoice(m_optimizer->currentData().toInt());
    const OptimizerKind kind = choice == OptimizerChoice::Sgd
                                       || choice == OptimizerChoice::SgdMomentum
                                   ? OptimizerKind::Sgd
                               : choice == OptimizerChoice::Adam    ? OptimizerKind::Adam
                               : choice == OptimizerChoice::AdamW   ? OptimizerKind::AdamW
                               : choice == OptimizerChoice::Adagrad ? OptimizerKind::Adagrad
                               : choice == OptimizerChoice::RmsProp ? OptimizerKind::RmsProp
                                                                    : OptimizerKind::AdaDelta;
    OptimizerSettings optimizer = OptimizerSettings::defaultsFor(kind);
    optimizer.schedule = recommendedSettings("lenet5").optimizer.schedule;
    if (kind == OptimizerKind::Sgd)
        optimizer.momentum = choice == OptimizerChoice::SgdMomentum ? kDefaultMomentum : 0.0f;
    optimizer.learningRate = float(m_rate->value());
    return optimizer;
}

// As wide as the controls need at the current font (at least 260 px), so presentation mode
// widens the column instead of cutting "Learning rate" and the file buttons.
void TrainingPage::fitControls()
{
    m_controls->setFixedWidth(std::max(kControlsWidth, m_controls->minimumSizeHint().width()));
}

void TrainingPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitControls();
}

void TrainingPage::applySettings()
{
    TrainingSettings s = m_session->settings();
    s.optimizer = optimizerSettings();
    s.batch = m_batch->value();
    s.epochs = m_epochs->value();
    const bool seedChanged = s.seed != std::uint64_t(m_seed->value());
    s.seed = std::uint64_t(m_seed->value());
    s.threads = m_threads->value();
    m_session->setSettings(s);
    // A new seed means new initial weights, but only before anything was trained.
    if (seedChanged && m_session->state() == TrainerState::Ready && m_session->stepCount() == 0)
        m_session->reset();
    updateButtons();
}

void TrainingPage::updateButtons()
{
    const TrainerState state = m_session->state();
    const bool active = m_session->isActive();
    const QString blocker = !m_networkProblem.isEmpty() && !active
                                ? tr("the network on the Network page is not valid: %1")
                                      .arg(m_networkProblem)
                                : m_session->blocker();
    m_start->setEnabled(!active && blocker.isEmpty());
    m_step->setEnabled(blocker.isEmpty() && (state != TrainerState::Running));
    m_pause->setEnabled(active);
    m_pause->setText(state == TrainerState::Paused ? tr("Resume") : tr("Pause"));
    m_stop->setEnabled(active);
    m_reset->setEnabled(true);
    for (QWidget *knob : std::initializer_list<QWidget *>{m_optimizer, m_rate, m_batch, m_epochs,
                                                          m_seed, m_threads})
        knob->setEnabled(!active);
    m_blocker->setText(!blocker.isEmpty()                ? tr("Cannot train: %1").arg(blocker)
                       : !m_session->failure().isEmpty() ? m_session->failure()
                                                         : mismatchText());
    m_start->setToolTip(blocker.isEmpty() ? tr("Train from the current weights (Ctrl+Return)")
                                          : blocker);
    emit statusChanged(statusText());
}

QString TrainingPage::figuresText() const
{
    return m_figures->text();
}

QString TrainingPage::blockerText() const
{
    return m_blocker->text();
}

QString TrainingPage::statusText() const
{
    const QString state = coreText(trainerStateName(m_session->state()));
    const std::optional<StepReport> last = m_session->lastReport();
    if (!m_networkProblem.isEmpty() && !m_session->isActive())
        return tr("Training: the network on the Network page is not valid");
    if (!last && m_session->loadedModel())
        return tr("Training: %1 · loaded %2 · step %3")
            .arg(state, QFileInfo(m_session->loadedModel()->path).fileName())
            .arg(m_session->stepCount());
    if (!last)
        return tr("Training: %1 · %2 parameters")
            .arg(state)
            .arg(m_session->viewer().parameterCount());
    return tr("Training: %1 · step %2 · %3 img/s")
        .arg(state)
        .arg(m_session->stepCount())
        .arg(qRound(last->imagesPerSecond));
}

void TrainingPage::progressed(int newSteps, bool newWeights)
{
    if (newSteps > 0) {
        m_plots->append(m_session->steps(), m_plotted);
        m_plotted = m_session->steps().size();
    }
    if (std::optional<StepReport> last = m_session->lastReport()) {
        const std::int64_t total = last->totalSteps;
        m_progress->setRange(0, int(std::min<std::int64_t>(total, INT32_MAX)));
        m_progress->setValue(int(std::min(m_session->runStepsDone(), total)));
        QString text = tr("epoch %1 of %2 · step %3\n%4 images/s · ETA %5\nloss %6 "
                          "(smoothed %7)")
                           .arg(last->epoch)
                           .arg(m_session->settings().epochs)
                           .arg(m_session->stepCount())
                           .arg(qRound(last->imagesPerSecond))
                           .arg(clock(last->etaSeconds))
                           .arg(last->loss, 0, 'f', 4)
                           .arg(last->smoothedLoss, 0, 'f', 4);
        if (!m_session->epochs().empty())
            text += tr("\nepoch %1: train %2 %, test %3 %")
                        .arg(m_session->epochs().back().epoch)
                        .arg(100 * m_session->epochs().back().trainAccuracy, 0, 'f', 2)
                        .arg(100 * m_session->epochs().back().testAccuracy, 0, 'f', 2);
        m_figures->setText(text);
    }
    if (newWeights) {
        m_filters->refresh();
        m_probe->refresh();
        m_draw->refresh();
    }
    emit statusChanged(statusText());
}

void TrainingPage::historyCleared()
{
    m_plots->clear();
    m_plotted = 0;
    m_progress->setValue(0);
    m_figures->setText(provenanceText());
    m_filters->refresh();
    updateButtons();
}

// Where the weights come from, before this session trains them.
QString TrainingPage::provenanceText() const
{
    const std::optional<LoadedModel> &loaded = m_session->loadedModel();
    if (!loaded)
        return tr("Not trained yet:\nthe filters are random.");
    const ModelMetadata &meta = loaded->metadata;
    return tr("Loaded %1\ntrained %2 epochs, %3 steps on %4\n%5\ntest %6 %, train %7 %")
        .arg(QFileInfo(loaded->path).fileName())
        .arg(meta.epochs)
        .arg(meta.steps)
        .arg(meta.dataset.empty() ? tr("an unnamed data set") : QString::fromStdString(meta.dataset))
        .arg(QString::fromStdString(meta.optimizer))
        .arg(100 * meta.testAccuracy, 0, 'f', 2)
        .arg(100 * meta.trainAccuracy, 0, 'f', 2);
}

void TrainingPage::architectureChanged()
{
    m_filters->rebuildLayers();
    m_probe->rebuildLayers();
    m_draw->probe()->rebuildLayers();
    updateButtons();
}

void TrainingPage::showTab(const QString &key)
{
    m_tabs->setCurrentIndex(key == "evaluation" ? 1 : key == "draw" ? 2 : key == "explain" ? 3 : 0);
}

QWidget *TrainingPage::currentTab() const
{
    return m_tabs->currentWidget();
}

void TrainingPage::save(QSettings &settings) const
{
    settings.setValue("optimizer", m_optimizer->currentData());
    settings.setValue("learningRate", m_rate->value());
    settings.setValue("batch", m_batch->value());
    settings.setValue("epochs", m_epochs->value());
    settings.setValue("seed", m_seed->value());
    settings.setValue("threads", m_threads->value());
    settings.setValue("tab", m_tabs->currentIndex());
    settings.setValue("folder", m_folder);
}

void TrainingPage::restore(QSettings &settings)
{
    // The optimizer first: choosing one resets the rate to its default. Out-of-range values
    // (another machine's thread count) are clamped by the spin boxes.
    restoreChoice(m_optimizer, settings, "optimizer");
    m_rate->setValue(settings.value("learningRate", m_rate->value()).toDouble());
    m_batch->setValue(settings.value("batch", m_batch->value()).toInt());
    m_epochs->setValue(settings.value("epochs", m_epochs->value()).toInt());
    m_seed->setValue(settings.value("seed", m_seed->value()).toInt());
    m_threads->setValue(settings.value("threads", m_threads->value()).toInt());
    m_tabs->setCurrentIndex(settings.value("tab", m_tabs->currentIndex()).toInt());
    m_folder = settings.value("folder", m_folder).toString();
}

void TrainingPage::setNetworkProblem(const QString &problem)
{
    m_networkProblem = problem;
    updateButtons();
}

void TrainingPage::start()
{
    if (m_start->isEnabled())
        m_session->start();
}

void TrainingPage::togglePause()
{
    if (m_session->state() == TrainerState::Paused)
        m_session->resume();
    else
        m_session->pause();
}

void TrainingPage::step()
{
    m_session->singleStep();
}

void TrainingPage::stop()
{
    m_session->stop();
}

void TrainingPage::reset()
{
    if (confirmDiscard(tr("Reset"), tr("Reset gives the network fresh random weights.")))
        m_session->reset();
}

// Whether the user lets an action replace weights trained here and not saved; nothing to lose
// needs no question.
bool TrainingPage::confirmDiscard(const QString &title, const QString &action)
{
    const std::int64_t unsaved = m_session->unsavedSteps();
    if (unsaved == 0)
        return true;
    return ask(this, title,
               tr("%1 The %2 steps trained since the weights were last saved are lost.\n\n"
                  "Go on?")
                   .arg(action)
                   .arg(unsaved),
               QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
           == QMessageBox::Yes;
}

// The weights learned from another data set than the one loaded now.
QString TrainingPage::mismatchText() const
{
    if (!m_session->dataMismatch())
        return {};
    if (!m_session->data())
        return tr("These weights learned from %1; load it on the Network page to measure them.")
            .arg(m_session->weightsDataset());
    return tr("These weights learned from %1, but the data set is %2: the accuracy and the "
              "confusion matrix here do not measure them.")
        .arg(m_session->weightsDataset(), QString::fromStdString(m_session->data()->name));
}

// A loaded model that learned from another data set: offer to switch to that one.
void TrainingPage::offerMatchingData()
{
    if (!m_session->dataMismatch())
        return;
    const QString trainedOn = m_session->weightsDataset();
    const QString question
        = m_session->data()
              ? tr("This model was trained on %1, but the data set is %2: its predictions and "
                   "accuracy here would mean nothing.\n\nSwitch the data set to %1?")
                    .arg(trainedOn, QString::fromStdString(m_session->data()->name))
              : tr("This model takes %1 images in %2 classes, which the data set had not: it "
                   "was set aside.\n\nLoad the model's data set, %3?")
                    .arg(QString::fromStdString(m_session->inputShape().imageString()))
                    .arg(m_session->classCount())
                    .arg(trainedOn);
    const QMessageBox::StandardButton answer = ask(this, tr("Another data set"), question,
                                                   QMessageBox::Yes | QMessageBox::No,
                                                   QMessageBox::Yes);
    if (answer == QMessageBox::Yes)
        emit dataSetRequested(trainedOn);
}

QString TrainingPage::askPath(bool save, const QString &title, const QString &filter)
{
    const QString path = save ? QFileDialog::getSaveFileName(this, title, m_folder, filter)
                              : QFileDialog::getOpenFileName(this, title, m_folder, filter);
    if (!path.isEmpty())
        m_folder = QFileInfo(path).absolutePath();
    return path;
}

void TrainingPage::saveModel()
{
    const QString path = askPath(true, tr("Save model"),
                                 tr("ConvScope models (*.csm);;"
                                    "ONNX, for PyTorch and OpenCV (*.onnx)"));
    if (path.isEmpty())
        return;
    const bool onnx = path.endsWith(".onnx", Qt::CaseInsensitive);
    if (Expected<void> ok = onnx ? m_session->exportOnnx(path) : m_session->saveModel(path); !ok) {
        QMessageBox::warning(this, tr("Save failed"), coreText(ok.error().message));
        return;
    }
    emit statusChanged(
        (onnx ? tr("Training: model exported as ONNX to %1") : tr("Training: model saved to %1"))
            .arg(QDir::toNativeSeparators(path)));
}

void TrainingPage::loadModel()
{
    if (!confirmDiscard(tr("Load model"), tr("Loading a model replaces the network's weights.")))
        return;
    const QString path = askPath(false, tr("Load model"),
                                 tr("Models (*.csm *.onnx);;ConvScope models (*.csm);;"
                                    "ONNX models from PyTorch (*.onnx)"));
    if (!path.isEmpty())
        loadModelFile(path, false);
}

bool TrainingPage::loadModelFile(const QString &path, bool confirm)
{
    if (confirm
        && !confirmDiscard(tr("Load model"), tr("Loading a model replaces the network's weights.")))
        return false;
    if (Expected<void> ok = m_session->loadModel(path); !ok) {
        QMessageBox::warning(this, tr("Load failed"), coreText(ok.error().message));
        return false;
    }
    offerMatchingData();
    return true;
}

void TrainingPage::exportPlots()
{
    const QString path = askPath(true, tr("Export plots"), tr("PNG image (*.png);;PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    const bool ok = path.endsWith(".pdf", Qt::CaseInsensitive) ? m_plots->savePdf(path)
                                                               : m_plots->savePng(path);
    if (!ok)
        QMessageBox::warning(this, tr("Export failed"), tr("Cannot write %1").arg(path));
}

void TrainingPage::exportLog()
{
    const QString path = askPath(true, tr("Save log"), tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    std::string csv(kStepLogHeader);
    for (const StepReport &report : m_session->steps())
        csv += stepLogRow(report);
    if (Expected<void> ok = writeFileAtomically(path.toStdString(), csv); !ok)
        QMessageBox::warning(this, tr("Save failed"), coreText(ok.error().message));
}

} // namespace convscope::ui
