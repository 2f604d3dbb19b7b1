#include "ui/training/runspanel.h"

#include "core/file_io.h"
#include "ui/common/ask.h"
#include "ui/common/coretext.h"
#include "ui/training/trainingsession.h"

#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <iomanip>
#include <sstream>

namespace convscope::ui {

namespace {

// Matplotlib's tab10 without the live run's blue, orange, green and purple, so that a kept
// run never wears the colour of the live run's loss, accuracies or learning rate.
const QColor kColours[] = {QColor(0xd6, 0x27, 0x28), QColor(0x17, 0xbe, 0xcf),
                           QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2),
                           QColor(0xbc, 0xbd, 0x22), QColor(0x7f, 0x7f, 0x7f),
                           QColor(0x00, 0x4d, 0x40)};

QString labelOf(const TrainingSettings &s)
{
    const OptimizerSettings &o = s.optimizer;
    QString name = QString::fromUtf8(optimizerName(o.kind).data(),
                                     qsizetype(optimizerName(o.kind).size()));
    if (o.kind == OptimizerKind::Sgd && o.momentum > 0)
        name = RunsPanel::tr("%1 momentum %2").arg(name).arg(o.momentum);
    return RunsPanel::tr("%1 · lr %2 · batch %3").arg(name).arg(o.learningRate).arg(s.batch);
}

} // namespace

RunsPanel::RunsPanel(TrainingSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_list(new QListWidget(this))
    , m_keep(new QPushButton(tr("Keep this run"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_export(new QPushButton(tr("Export CSV…"), this))
    , m_compare(new QPushButton(tr("Compare optimizers…"), this))
{
    m_list->setToolTip(tr("Runs kept on the plots: untick one to hide it"));
    m_list->setMaximumHeight(fontMetrics().height() * 4);
    m_keep->setToolTip(tr("Keep the current run's curves on the plots, to compare the next "
                          "run with it"));
    m_compare->setToolTip(tr("Train the network from the same fresh weights with each chosen "
                             "optimizer, one after another, and keep every run"));
    auto *buttons = new QGridLayout;
    buttons->addWidget(m_keep, 0, 0);
    buttons->addWidget(m_compare, 0, 1);
    buttons->addWidget(m_remove, 1, 0);
    buttons->addWidget(m_export, 1, 1);
    buttons->setRowStretch(2, 1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_keep, &QPushButton::clicked, this, &RunsPanel::keepCurrentRun);
    connect(m_compare, &QPushButton::clicked, this, &RunsPanel::askForComparison);
    connect(m_remove, &QPushButton::clicked, this, [this] { removeRun(m_list->currentRow()); });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the runs"), QString(),
                                                          tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
        const Expected<void> ok = exportCsv(path);
        emit statusChanged(ok ? tr("Training: %1 runs exported to %2").arg(m_runs.size()).arg(path)
                              : coreText(ok.error().message));
    });
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        setShown(m_list->row(item), item->checkState() == Qt::Checked);
    });
    connect(session, &TrainingSession::stateChanged, this, &RunsPanel::stateChanged);
    fillList();
}

void RunsPanel::keepCurrentRun()
{
    if (m_session->steps().empty())
        return;
    KeptRun run;
    run.label = labelOf(m_session->settings());
    if (m_session->state() == TrainerState::Stopped)
        run.label += tr(" (stopped)");
    run.colour = kColours[size_t(m_colours++) % std::size(kColours)];
    run.steps = m_session->steps();
    run.epochs = m_session->epochs();
    m_runs.push_back(std::move(run));
    fillList();
    emit runsChanged();
}

void RunsPanel::setShown(int index, bool shown)
{
    if (index < 0 || index >= int(m_runs.size()) || m_runs[size_t(index)].shown == shown)
        return;
    m_runs[size_t(index)].shown = shown;
    fillList();
    emit runsChanged();
}

void RunsPanel::removeRun(int index)
{
    if (index < 0 || index >= int(m_runs.size()))
        return;
    m_runs.erase(m_runs.begin() + index);
    fillList();
    emit runsChanged();
}

void RunsPanel::fillList()
{
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const KeptRun &run : m_runs) {
        auto *item = new QListWidgetItem(run.label, m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(run.shown ? Qt::Checked : Qt::Unchecked);
        item->setForeground(run.colour);
    }
    m_remove->setEnabled(!m_runs.empty());
    m_export->setEnabled(!m_runs.empty());
}

std::map<std::int64_t, double> KeptRun::testAccuracies() const
{
    std::map<std::int64_t, double> points;
    std::map<int, std::int64_t> lastStep;
    for (const StepReport &s : steps) {
        if (s.testAccuracy)
            points[s.step] = *s.testAccuracy;
        lastStep[s.epoch] = s.step;
    }
    for (const EpochReport &e : epochs) {
        if (const auto end = lastStep.find(e.epoch); end != lastStep.end())
            points.emplace(end->second, e.testAccuracy);
    }
    return points;
}

Expected<void> RunsPanel::exportCsv(const QString &path) const
{
    std::ostringstream csv;
    csv << std::setprecision(9); // a reader gets the numbers the plots show, not 6 digits
    csv << "run,label,step,epoch,loss,smoothed_loss,test_accuracy\n";
    for (size_t r = 0; r < m_runs.size(); ++r) {
        const std::string label = m_runs[r].label.toStdString();
        const std::map<std::int64_t, double> tests = m_runs[r].testAccuracies();
        for (const StepReport &s : m_runs[r].steps) {
            csv << r + 1 << ",\"" << label << "\"," << s.step << ',' << s.epoch << ',' << s.loss
                << ',' << s.smoothedLoss << ',';
            if (const auto test = tests.find(s.step); test != tests.end())
                csv << test->second;
            csv << '\n';
        }
    }
    return writeFileAtomically(path.toStdString(), csv.str());
}

namespace {

// What a compared run will train with: the rule and its torch.optim defaults.
QString comparisonLabel(OptimizerKind kind)
{
    const OptimizerSettings s = OptimizerSettings::defaultsFor(kind);
    const QString rule = kind == OptimizerKind::Sgd
                             ? RunsPanel::tr("SGD with momentum %1").arg(double(s.momentum))
                         : kind == OptimizerKind::Adam ? RunsPanel::tr("Adam")
                         : kind == OptimizerKind::AdamW
                             ? RunsPanel::tr("AdamW, weight decay %1").arg(double(s.weightDecay))
                         : kind == OptimizerKind::Adagrad ? RunsPanel::tr("AdaGrad")
                         : kind == OptimizerKind::RmsProp ? RunsPanel::tr("RMSprop")
                                                          : RunsPanel::tr("AdaDelta");
    return RunsPanel::tr("%1, learning rate %2").arg(rule).arg(double(s.learningRate));
}

} // namespace

// The dialog of the Compare button: the optimizers and the epochs; a run that is not saved is
// lost, so the user says so first.
void RunsPanel::askForComparison()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Compare optimizers"));
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(tr("Train from the same fresh weights with each of:"), &dialog));
    std::vector<std::pair<QCheckBox *, OptimizerKind>> boxes;
    for (OptimizerKind kind : kOptimizerKinds) {
        auto *box = new QCheckBox(comparisonLabel(kind), &dialog);
        box->setChecked(kind == OptimizerKind::Sgd || kind == OptimizerKind::Adam
                        || kind == OptimizerKind::RmsProp);
        layout->addWidget(box);
        boxes.emplace_back(box, kind);
    }
    auto *epochs = new QSpinBox(&dialog);
    epochs->setRange(1, 50);
    epochs->setValue(1);
    epochs->setPrefix(tr("epochs: "));
    layout->addWidget(epochs);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    std::vector<OptimizerKind> kinds;
    for (const auto &[box, kind] : boxes) {
        if (box->isChecked())
            kinds.push_back(kind);
    }
    if (m_session->unsavedSteps() > 0
        && ask(this, tr("Compare optimizers"),
               tr("Each run starts from fresh weights: the %1 steps trained since the weights "
                  "were last saved are lost.\n\nCompare?")
                   .arg(m_session->unsavedSteps()),
               QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
               != QMessageBox::Yes)
        return;
    compareOptimizers(kinds, epochs->value());
}

bool RunsPanel::compareOptimizers(const std::vector<OptimizerKind> &kinds, int epochs)
{
    if (kinds.empty() || m_session->isActive() || !m_session->blocker().isEmpty())
        return false;
    m_original = m_session->settings();
    m_queue = kinds;
    m_epochs = epochs;
    m_comparing = true;
    m_compare->setEnabled(false);
    nextComparison();
    return true;
}

// Fresh weights from the seed for every optimizer: the runs differ in their rule alone.
void RunsPanel::nextComparison()
{
    if (m_queue.empty()) {
        m_comparing = false;
        m_compare->setEnabled(true);
        m_session->setSettings(m_original);
        emit statusChanged(tr("Training: the optimizers are compared on the plots"));
        return;
    }
    const OptimizerKind kind = m_queue.front();
    m_queue.erase(m_queue.begin());
    m_session->reset();
    TrainingSettings s = m_original;
    s.optimizer = OptimizerSettings::defaultsFor(kind);
    s.optimizer.schedule = m_original.optimizer.schedule;
    s.epochs = m_epochs;
    m_session->setSettings(s);
    m_session->start();
}

void RunsPanel::stateChanged()
{
    if (!m_comparing)
        return;
    const TrainerState state = m_session->state();
    if (state == TrainerState::Finished) {
        keepCurrentRun();
        nextComparison();
    } else if (state == TrainerState::Stopped || state == TrainerState::Failed) {
        keepCurrentRun();
        m_queue.clear();
        nextComparison();
    }
}

} // namespace convscope::ui
