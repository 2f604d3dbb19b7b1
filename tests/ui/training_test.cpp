#include "core/file_io.h"
#include "core/io/npy.h"
#include "core/lessons/explain.h"
#include "core/nn/architecture.h"
#include "core/nn/digit_input.h"
#include "core/nn/loss.h"
#include "core/nn/onnx_import.h"
#include "tests/support/bars.h"
#include "tests/support/modalanswers.h"
#include "ui/common/ask.h"
#include "ui/mainwindow.h"
#include "ui/training/architecturespage.h"
#include "ui/training/confusionview.h"
#include "ui/training/datapanel.h"
#include "ui/training/digitcanvas.h"
#include "ui/training/drawpanel.h"
#include "ui/training/explainpanel.h"
#include "ui/training/filterview.h"
#include "ui/training/networkpage.h"
#include "ui/training/probabilitybars.h"
#include "ui/training/probeview.h"
#include "ui/training/runspanel.h"
#include "ui/training/trainingpage.h"
#include "ui/training/trainingplots.h"
#include "ui/training/trainingsession.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

namespace convscope::ui {

namespace {

constexpr int kWaitMs = 30000;

// A window whose session trains `spec` on the bars.
struct TrainingWindow
{
    explicit TrainingWindow(const QString &spec = "tiny", int trainCount = 2000)
    {
        window.resize(1280, 800);
        window.show();
        window.showPage("training");
        window.networkPage()->setSpec(spec);
        session().setData(test::barsData(trainCount, 300, 3));
        TrainingSettings settings = session().settings();
        settings.epochs = 2;
        settings.batch = 16;
        session().setSettings(settings);
    }
    TrainingSession &session() { return *window.session(); }
    TrainingPage &page() { return *window.trainingPage(); }
    MainWindow window;
};

// Answers the window's questions from a script instead of a modal dialog, and keeps them.
class ScriptedAnswers
{
public:
    explicit ScriptedAnswers(QList<QMessageBox::StandardButton> answers)
        : m_answers(std::move(answers))
    {
        m_previous = setAsker([this](QWidget *, const QString &, const QString &text,
                                     QMessageBox::StandardButtons, QMessageBox::StandardButton) {
            asked.append(text);
            return m_answers.isEmpty() ? QMessageBox::Cancel : m_answers.takeFirst();
        });
    }
    ~ScriptedAnswers() { setAsker(m_previous); }
    QStringList asked;

private:
    QList<QMessageBox::StandardButton> m_answers;
    Asker m_previous;
};

// Trains a few single steps and stops.
void trainSteps(TrainingSession &session, int steps)
{
    const std::int64_t target = session.stepCount() + steps;
    for (int i = 0; i < steps; ++i)
        session.singleStep();
    QTRY_VERIFY_WITH_TIMEOUT(session.stepCount() >= target, kWaitMs);
    session.stop();
}

// Counts the layout requests posted to any widget of one window.
class LayoutRequests : public QObject
{
public:
    explicit LayoutRequests(QWidget *window)
        : m_window(window)
    {
        qApp->installEventFilter(this);
    }
    int count = 0;

protected:
    bool eventFilter(QObject *receiver, QEvent *event) override
    {
        auto *widget = qobject_cast<QWidget *>(receiver);
        if (event->type() == QEvent::LayoutRequest && widget && widget->window() == m_window)
            ++count;
        return false;
    }

private:
    QWidget *m_window;
};

} // namespace

class TrainingTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void startPauseResumeStepStopAndReset()
    {
        // Enough steps that the run is still going after the window has seen ten of them,
        // paused and resumed: the window looks 10 times a second, the worker runs on.
        TrainingWindow w("tiny", 8000);
        TrainingSession &session = w.session();
        QCOMPARE(session.state(), TrainerState::Ready);
        QVERIFY(w.page().startButton()->isEnabled());

        session.singleStep();
        QTRY_COMPARE_WITH_TIMEOUT(session.stepCount(), 1, kWaitMs);
        QCOMPARE(session.state(), TrainerState::Paused);
        QTest::qWait(200);
        QCOMPARE(session.stepCount(), 1); // one batch, then it waits
        session.singleStep();
        QTRY_COMPARE_WITH_TIMEOUT(session.stepCount(), 2, kWaitMs);

        session.resume();
        QCOMPARE(session.state(), TrainerState::Running);
        QVERIFY(!w.page().startButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(session.stepCount() > 10, kWaitMs);
        session.pause();
        QCOMPARE(session.state(), TrainerState::Paused);
        QTest::qWait(150);
        const std::int64_t paused = session.stepCount();
        QTest::qWait(300);
        QCOMPARE(session.stepCount(), paused);

        session.resume();
        QTRY_VERIFY_WITH_TIMEOUT(session.stepCount() > paused + 5, kWaitMs);
        session.stop();
        QCOMPARE(session.state(), TrainerState::Stopped);
        const std::int64_t stopped = session.stepCount();
        const size_t epochsBefore = session.epochs().size(); // the first run may finish one
        QTest::qWait(200);
        QCOMPARE(session.stepCount(), stopped);

        // Start again continues from the trained weights, the steps counting on.
        session.start();
        QTRY_VERIFY_WITH_TIMEOUT(session.stepCount() > stopped, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TrainerState::Finished, 120000);
        QCOMPARE(session.epochs().size(), epochsBefore + 2);

        session.reset();
        QCOMPARE(session.state(), TrainerState::Ready);
        QCOMPARE(session.stepCount(), 0);
        QCOMPARE(session.filterHistory().size(), 1u);
        QCOMPARE(w.page().plots()->lossPointCount(), 0);
    }

    void plotsFiltersAndTheTimelineFollowTheRun()
    {
        TrainingWindow w;
        TrainingSession &session = w.session();
        const Tensor initial = session.viewer().filters().front();
        session.start();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TrainerState::Finished, 120000);
        QCoreApplication::processEvents();
        const int steps = int(session.steps().size());
        QCOMPARE(steps, 2 * 125);
        QCOMPARE(w.page().plots()->lossPointCount(), steps);
        QCOMPARE(w.page().plots()->trainPointCount(), 2);
        QCOMPARE(w.page().plots()->testPointCount(), 2);

        FilterView *filters = w.page().filters();
        QCOMPARE(filters->tileCount(), 8); // tiny: conv 8 5x5
        QVERIFY(filters->frameCount() >= 2);
        filters->showFrame(0);
        QCOMPARE(filters->shownStep(), 0);
        for (std::int64_t i = 0; i < initial.size(); ++i)
            QCOMPARE(filters->shownFilters()->data()[i], initial.data()[i]);
        filters->showFrame(filters->frameCount() - 1);
        QCOMPARE(filters->shownStep(), session.filterHistory().back().step);
        const Tensor trained = session.viewer().filters().front();
        for (std::int64_t i = 0; i < trained.size(); ++i)
            QCOMPARE(filters->shownFilters()->data()[i], trained.data()[i]);
        QVERIFY(session.epochs().back().testAccuracy > 0.9);

        // What training changed: nothing at initialisation, trained − initial at the end.
        filters->setLook(FilterView::Look::ChangeSinceStart);
        filters->showFrame(0);
        for (float v : filters->shownFilters()->values())
            QCOMPARE(v, 0.0f);
        filters->showFrame(filters->frameCount() - 1);
        for (std::int64_t i = 0; i < trained.size(); ++i)
            QCOMPARE(filters->shownFilters()->data()[i], trained.data()[i] - initial.data()[i]);
        filters->setLook(FilterView::Look::OwnScale);

        // Scrubbing the timeline replays the probe: at initialisation, the initial network.
        ProbeView *probe = w.page().probe();
        filters->showFrame(0);
        QVERIFY2(probe->truthText().contains("at step 0"), qPrintable(probe->truthText()));
        const FilterFrame &first = session.filterHistory().front();
        QCOMPARE(first.weights.size(), session.weights().size());
        Network initialNet = Network::create(session.architecture(), kDigitShape).value();
        QVERIFY(initialNet.setWeights(first.weights).ok());
        const Tensor image = session.testImage(probe->probeIndex());
        const Tensor &logits = initialNet.forward(normalizedImage(image.data(), 28, 28,
                                                                  session.normalization()),
                                                  Mode::Inference);
        std::vector<float> expected(size_t(logits.size()));
        softmax(logits.data(), int(logits.size()), expected.data());
        const std::vector<float> &shown = probe->bars()->probabilities();
        for (size_t k = 0; k < expected.size(); ++k)
            QVERIFY(std::abs(shown[k] - expected[k]) < 1e-6f);
        filters->showFrame(filters->frameCount() - 1);
        QVERIFY(!probe->truthText().contains("at step"));

        // Hidden, the grid waits; shown again, it catches up.
        const std::int64_t trainedStep = filters->shownStep();
        QVERIFY(trainedStep > 0);
        w.page().showTab("evaluation");
        session.reset();
        QCOMPARE(filters->shownStep(), trainedStep);
        w.page().showTab("live");
        QCOMPARE(filters->shownStep(), 0);
    }

    // A network of blocks trains in the window: the probe has a map for every layer inside a
    // block, and the filter view offers every conv, the shortcut's and the branches' included.
    void blocksTrainWithEveryViewReachingInside_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("rowCount");
        QTest::addColumn<int>("convolutions");
        // stem, 2 + 2 + 2 in the blocks, 2 projections
        QTest::newRow("residual blocks") << "mini-resnet" << 31 << 9;
        // stem of 2, 6 in each module's four branches
        QTest::newRow("inception modules") << "mini-inception" << 51 << 14;
    }

    void blocksTrainWithEveryViewReachingInside()
    {
        QFETCH(QString, preset);
        QFETCH(int, rowCount);
        QFETCH(int, convolutions);
        TrainingWindow w(preset, 400);
        TrainingSession &session = w.session();
        const std::vector<LayerDescription> &rows = session.viewer().describe();
        QCOMPARE(int(rows.size()), rowCount);
        session.start();
        QTRY_VERIFY_WITH_TIMEOUT(session.stepCount() >= 3, kWaitMs);
        session.stop();
        QCoreApplication::processEvents();
        ProbeView *probe = w.page().probe();
        probe->refresh();
        QCOMPARE(probe->pass().activations.size(), rows.size() + 1);
        for (size_t i = 0; i < rows.size(); ++i)
            QCOMPARE(probe->pass().activations[i + 1].shape().c, rows[i].output.c);
        auto *layers = w.page().filters()->findChild<QComboBox *>();
        QVERIFY(layers);
        QCOMPARE(layers->count(), convolutions);
        QVERIFY(probe->bars()->probabilities().size() == 10);
        for (const Tensor &weights : session.weights()) {
            for (float v : weights.values())
                QVERIFY(std::isfinite(v));
        }
    }

    // What keeps the window responsive and the training fast: a live update repaints the
    // views and never asks the window for a new layout, which shapes every label's text again.
    void liveUpdatesRepaintWithoutANewLayout()
    {
        TrainingWindow w("tiny", 20000);
        TrainingSession &session = w.session();
        TrainingSettings settings = session.settings();
        settings.epochs = 100; // longer than the test, however fast the machine
        session.setSettings(settings);
        int updates = 0;
        connect(&session, &TrainingSession::progressed, this, [&] { ++updates; });
        session.start();
        QTRY_VERIFY_WITH_TIMEOUT(session.stepCount() > 20, kWaitMs);
        QTest::qWait(300); // the layout after Start (buttons, figures) settles
        updates = 0;
        const LayoutRequests requests(&w.window);
        QTest::qWait(1500);
        session.stop();
        QVERIFY2(updates >= 10, qPrintable(QString("%1 updates").arg(updates)));
        QCOMPARE(requests.count, 0);
    }

    void theConfusionMatrixCountsEveryTestImage()
    {
        TrainingWindow w;
        w.page().showTab("evaluation");
        ConfusionView *view = w.page().confusion();
        view->evaluateNow();
        QTRY_VERIFY_WITH_TIMEOUT(view->isIdle() && view->evaluation(), kWaitMs);
        int total = 0;
        for (int count : view->evaluation()->confusion)
            total += count;
        QCOMPARE(total, 300);
        const std::vector<int> &m = view->evaluation()->confusion;
        const int busiest = int(std::max_element(m.begin(), m.end()) - m.begin());
        view->showCell(busiest / 10, busiest % 10);
        QCOMPARE(view->exampleCount(), std::min(m[size_t(busiest)], 200));

        // An example chosen (double-click or Enter) is explained on the Explain tab.
        auto *examples = view->findChild<QListWidget *>();
        QListWidgetItem *last = examples->item(examples->count() - 1);
        const int index = last->text().section('\n', 0, 0).mid(1).toInt() - 1;
        QCOMPARE(w.session().data()->test.labels[size_t(index)], busiest / 10);
        w.page().explainPanel()->useDrawing(true);
        examples->setCurrentItem(last);
        QTest::keyClick(examples, Qt::Key_Return);
        QCOMPARE(w.page().currentTab(), w.page().explainPanel());
        QVERIFY(!w.page().explainPanel()->usesDrawing());
        QCOMPARE(w.page().explainPanel()->testImage(), index);
    }

    void theCanvasPredictsAsTheCoreAndTheCommandLineDo()
    {
        TrainingWindow w;
        TrainingSession &session = w.session();
        session.start();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TrainerState::Finished, 120000);
        w.page().showTab("draw");
        DrawPanel *panel = w.page().drawPanel();
        // An empty canvas is not a blank digit: it asks for a drawing and predicts nothing.
        QVERIFY(panel->probe()->message().contains("Draw a digit"));
        QVERIFY(panel->probe()->bars()->probabilities().empty());
        panel->canvas()->addStroke(QPolygonF{{140, 40}, {140, 240}});
        panel->canvas()->addStroke(QPolygonF{{100, 80}, {140, 40}});
        QVERIFY(panel->digit().has_value());
        QCoreApplication::processEvents();

        Expected<Tensor> digit = mnistStyleDigit(panel->canvas()->drawingTensor());
        QVERIFY(digit.ok());
        for (std::int64_t i = 0; i < digit->size(); ++i)
            QCOMPARE(panel->digit()->data()[i], digit->data()[i]);
        Network copy = Network::create(session.architecture(), {1, 1, 28, 28}).value();
        QVERIFY(copy.setWeights(session.weights()).ok());
        const Tensor &logits = copy.forward(normalizedImage(digit->data(), 28, 28,
                                                            session.normalization()),
                                            Mode::Inference);
        std::vector<float> expected(10);
        softmax(logits.data(), 10, expected.data());
        const std::vector<float> &shown = panel->probe()->bars()->probabilities();
        QCOMPARE(shown.size(), 10u);
        for (int k = 0; k < 10; ++k)
            QCOMPARE(shown[size_t(k)], expected[size_t(k)]);

        QTemporaryDir dir;
        const QString model = dir.filePath("bars.csm");
        const QString input = dir.filePath("digit.npy");
        QVERIFY(session.saveModel(model).ok());
        const std::int64_t shape[] = {28, 28};
        QVERIFY(writeFileAtomically(input.toStdString(),
                                    encodeNpy(shape, {digit->data(), size_t(digit->size())}))
                    .ok());
        QProcess cli;
        cli.start(CONVSCOPE_CLI, {"predict", "--model", model, "--input", input, "--json"});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QString json = cli.readAllStandardOutput();
        QVERIFY2(json.contains(QString("\"class\": %1").arg(panel->probe()->bars()->winner())),
                 qPrintable(json));
        const QString list = json.section('[', 1).section(']', 0, 0);
        const QStringList values = list.split(',');
        QCOMPARE(values.size(), 10);
        for (int k = 0; k < 10; ++k)
            QVERIFY(std::abs(values[k].toDouble() - shown[size_t(k)]) < 2e-6);

        panel->canvas()->undo();
        panel->canvas()->undo();
        QVERIFY(!panel->digit().has_value());
        QVERIFY(panel->probe()->message().contains("Draw a digit"));
        QVERIFY(panel->probe()->bars()->probabilities().empty());
    }

    void anInvalidNetworkDisablesTrainWithTheReason()
    {
        TrainingWindow w;
        NetworkPage *network = w.window.networkPage();
        QVERIFY(network->setSpec("conv 6 5x5 | maxpool 2 | conv 16 5x5 | maxpool 2 | conv 32 5x5 "
                                 "| flatten | dense 10"));
        QVERIFY2(network->problem().contains("4×4 is smaller than"), qPrintable(network->problem()));
        QVERIFY(network->table()->item(4, 6)->text().contains("smaller than"));
        QCOMPARE(network->table()->item(3, 2)->text(), QString("16×4×4"));
        // conv2 of this LeNet-like stack sees 5 + 1 + 4·2 = 14 pixels, its pool 16.
        QCOMPARE(network->table()->item(2, 5)->text(), QString("14×14"));
        QCOMPARE(network->table()->item(3, 5)->text(), QString("16×16"));
        QCOMPARE(network->table()->item(5, 2)->text(), QString("—"));
        QVERIFY(!w.page().startButton()->isEnabled());
        QVERIFY(w.page().startButton()->toolTip().contains("smaller than"));
        w.page().start();
        QCOMPARE(w.session().state(), TrainerState::Ready);

        QVERIFY(network->setSpec("lenet5"));
        QVERIFY(network->problem().isEmpty());
        QVERIFY(w.page().startButton()->isEnabled());
        QVERIFY(network->totalsText().contains("61,706"));
        QVERIFY(network->totalsText().contains("1,453,094")); // its MLP counterpart
    }

    // The Explain tab: saliency and Grad-CAM as the core computes them on the newest weights,
    // the occlusion map off the GUI thread, a chosen class, the maps exported, and new weights
    // redrawn.
    void theExplainTabAnswersWhyItSaidThat()
    {
        TrainingWindow w("lenet5", 400);
        w.page().showTab("explain");
        ExplainPanel &panel = *w.page().explainPanel();
        QVERIFY(panel.isVisible());
        panel.setTestImage(4);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.occluding() && panel.occlusion().size() > 0, kWaitMs);
        QCOMPARE(panel.occlusion().shape(), (Shape{1, 1, 12, 12})); // patch 6, stride 2

        Network twin = Network::create(w.session().architecture(), kDigitShape).value();
        QVERIFY(twin.setWeights(w.session().weights()).ok());
        const DataSet &data = *w.session().data();
        Tensor unit(kDigitShape);
        for (int i = 0; i < 28 * 28; ++i)
            unit.data()[i] = data.test.image(4)[i] / 255.0f;
        const Tensor input = normalizedImage(unit.data(), 28, 28, w.session().normalization());
        QCOMPARE(panel.saliency().values(),
                 saliencyMap(twin, input, panel.explainedClass()).value().values());
        const int row = lastMapRow(twin.describe());
        QCOMPARE(panel.gradCamMap().values(),
                 gradCam(twin, input, panel.explainedClass(), row).value().values());

        panel.setClass(3);
        QCOMPARE(panel.explainedClass(), 3);
        QVERIFY(panel.captionText().startsWith("Explaining class 3"));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.occluding() && panel.occlusion().size() > 0, kWaitMs);
        QTemporaryDir dir;
        const Expected<QStringList> files = panel.exportMaps(dir.path());
        QVERIFY(files.ok());
        QCOMPARE(files->size(), 4);
        for (const QString &file : *files)
            QCOMPARE(QImage(file).size(), QSize(280, 280));
        QVERIFY(!panel.exportMaps(dir.filePath("absent")).ok());
        // Through the button and its folder dialog, as a teacher does it.
        QTemporaryDir chosen;
        {
            test::ModalAnswers answers({chosen.path()});
            for (QPushButton *button : panel.findChildren<QPushButton *>()) {
                if (button->text() == "Export PNGs…")
                    button->click();
            }
        }
        QVERIFY2(panel.captionText().startsWith("Saved 4 PNGs"), qPrintable(panel.captionText()));
        QVERIFY(QFile::exists(QDir(chosen.path()).filePath("explain-gradcam.png")));

        // The filter's dream, step by step on a timer, exported with the maps.
        panel.startDream(3, 5, 12); // conv2, filter 6
        QVERIFY(panel.dreaming());
        QTRY_VERIFY_WITH_TIMEOUT(!panel.dreaming(), kWaitMs);
        QVERIFY2(panel.dreamText().startsWith("Step 12 of 12"), qPrintable(panel.dreamText()));
        QCOMPARE(panel.dreamImage().shape(), kDigitShape);
        QCOMPARE(panel.exportMaps(dir.path())->size(), 5);

        const std::vector<float> before = panel.saliency().values();
        trainSteps(w.session(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(panel.saliency().values() != before, kWaitMs);
        panel.startOcclusion();
        panel.cancelOcclusion();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.occluding(), kWaitMs);
    }

    // Runs kept beside the current one: shown, hidden, removed and exported; and a comparison
    // of optimizers trains each from the same fresh weights, one after another, keeping each.
    // A network exported from PyTorch loads like a .csm: our architecture, its weights in the
    // viewer (the probe gives PyTorch's logits), trainable further; one too large is refused.
    void anOnnxModelFromPyTorchLoadsAndTrains()
    {
        TrainingWindow w("tiny", 200);
        const QString onnx = QString(CONVSCOPE_ROOT) + "/tests/data/onnx/";
        QVERIFY(w.session().loadModel(onnx + "lenet5.onnx").ok());
        QCOMPARE(QString::fromStdString(w.session().architecture().toString()),
                 QString::fromStdString(parseArchitecture("lenet5")->toString()));
        QVERIFY(!w.session().dataMismatch());
        Tensor first(Shape{1, 1, 28, 28});
        const NpyArray input = readNpy((onnx + "lenet5.input.npy").toStdString()).value();
        std::copy_n(input.values.begin(), 28 * 28, first.data());
        const NpyArray torch = readNpy((onnx + "lenet5.output.npy").toStdString()).value();
        Network viewer = Network::create(w.session().architecture(), kDigitShape).value();
        QVERIFY(viewer.setWeights(w.session().weights()).ok());
        const Tensor &logits = viewer.forward(first, Mode::Inference);
        for (int k = 0; k < 10; ++k)
            QVERIFY(std::abs(logits.data()[k] - torch.values[size_t(k)]) < 1e-5f);
        trainSteps(w.session(), 3);
        QCOMPARE(w.session().stepCount(), std::int64_t(3));
        // Exported again, it reads back as the network it is now.
        QTemporaryDir dir;
        const QString exported = dir.filePath("again.onnx");
        QVERIFY(w.session().exportOnnx(exported).ok());
        const std::vector<Tensor> trained = w.session().weights();
        QVERIFY(w.session().loadModel(exported).ok());
        QCOMPARE(w.session().weights().size(), trained.size());
        for (size_t i = 0; i < trained.size(); ++i)
            QCOMPARE(w.session().weights()[i].values(), trained[i].values());

        // A model of other images sets the digits aside, so that no view feeds it a digit.
        QSignalSpy dataChanged(&w.session(), &TrainingSession::dataChanged);
        QVERIFY(w.session().loadModel(onnx + "mini-resnet.onnx").ok());
        QCOMPARE(w.session().viewer().inputShape(), (Shape{1, 3, 20, 20}));
        QCOMPARE(w.session().data(), nullptr);
        QCOMPARE(dataChanged.count(), 1);
        QVERIFY(w.session().blocker().contains("choose a data set"));
    }

    // A model file joins the Architectures page's list with its own layers, read off the GUI
    // thread; a digit model opens with its weights in the Network page, a refused one leaves
    // the list as it was and says why.
    void theArchitecturesPageDrawsAModelFile()
    {
        TrainingWindow w("tiny", 200);
        ArchitecturesPage &page = *w.window.architecturesPage();
        auto *list = page.findChild<QListWidget *>();
        QVERIFY(list);
        const int presets = list->count();
        const QString onnx = QString(CONVSCOPE_ROOT) + "/tests/data/onnx/";
        page.openModelFile(onnx + "mini-resnet.onnx");
        QVERIFY(!page.isIdle());
        page.waitForDone();
        QCOMPARE(list->count(), presets + 1);
        QCOMPARE(list->currentItem()->text(), QString("mini-resnet.onnx"));
        const ImportedModel resnet = loadOnnx((onnx + "mini-resnet.onnx").toStdString()).value();
        const ArchitectureTable table = tabulate(resnet.architecture, resnet.input, resnet.classes);
        QVERIFY(page.totalsText().contains(
            QString("<b>%1 parameters</b>")
                .arg(QLocale(QLocale::English).toString(qlonglong(table.parameters())))));
        QVERIFY(page.ideaText().contains("ONNX, pytorch"));
        QVERIFY(!page.openButton()->isEnabled()); // 3×20×20: not the digits
        QVERIFY(!page.fieldButton()->isEnabled());
        QVERIFY(page.noteText().contains("Inspect page"));

        page.openModelFile(onnx + "refused-operator.onnx");
        page.waitForDone();
        QCOMPARE(list->count(), presets + 1);
        QVERIFY(page.noteText().contains("(Elu) is not supported"));

        page.openModelFile(onnx + "lenet5.onnx");
        page.waitForDone();
        QCOMPARE(list->count(), presets + 2);
        QVERIFY(page.openButton()->isEnabled());
        page.openButton()->click();
        QCOMPARE(w.window.currentPageKey(), QString("network"));
        QCOMPARE(QString::fromStdString(w.session().architecture().toString()),
                 QString::fromStdString(parseArchitecture("lenet5")->toString()));
        // The same file again is chosen, not listed twice; a preset still shows its own.
        page.openModelFile(onnx + "lenet5.onnx");
        page.waitForDone();
        QCOMPARE(list->count(), presets + 2);
        QVERIFY(page.showNetwork("resnet18"));
        QVERIFY(page.fieldButton()->isEnabled());
        QVERIFY(page.totalsText().contains("3×224×224"));
    }

    void runsAreKeptComparedAndExported()
    {
        TrainingWindow w("tiny", 200);
        RunsPanel &runs = *w.page().runsPanel();
        runs.keepCurrentRun();
        QCOMPARE(runs.runs().size(), size_t(0)); // nothing trained yet
        trainSteps(w.session(), 4);
        runs.keepCurrentRun();
        QCOMPARE(runs.runs().size(), size_t(1));
        QVERIFY2(runs.runs()[0].label.startsWith("adam · lr 0.002 · batch 16 (stopped)"),
                 qPrintable(runs.runs()[0].label));
        QCOMPARE(w.page().findChild<TrainingPlots *>()->keptGraphCount(), 2);
        runs.setShown(0, false);
        QCOMPARE(w.page().findChild<TrainingPlots *>()->keptGraphCount(), 0);
        runs.setShown(0, true);

        QVERIFY(!runs.compareOptimizers({}, 1));
        QVERIFY(runs.compareOptimizers({OptimizerKind::Sgd, OptimizerKind::AdaDelta}, 1));
        QVERIFY(runs.comparing());
        QTRY_VERIFY_WITH_TIMEOUT(!runs.comparing(), 60000);
        QCOMPARE(runs.runs().size(), size_t(3));
        QVERIFY(runs.runs()[1].label.startsWith("sgd momentum 0.9"));
        QVERIFY(runs.runs()[2].label.startsWith("adadelta · lr 1"));
        // The same fresh weights and batches: the first step's loss is the same under both.
        QCOMPARE(runs.runs()[1].steps.front().loss, runs.runs()[2].steps.front().loss);
        QCOMPARE(runs.runs()[1].epochs.size(), size_t(1));
        // The page's own settings come back once the comparison is over.
        QCOMPARE(w.session().settings().optimizer.kind, OptimizerKind::Adam);
        QCOMPARE(w.page().findChild<TrainingPlots *>()->keptGraphCount(), 6);
        // One legend entry a kept run in each row, on top of the current run's.
        QCOMPARE(w.page().findChild<TrainingPlots *>()->legendEntries(0), 2 + 3);
        QCOMPARE(w.page().findChild<TrainingPlots *>()->legendEntries(1), 2 + 3);
        // A compared run's test accuracy at its epoch's end, on the plot and in the CSV.
        const KeptRun &adadelta = runs.runs()[2];
        const QList<QPointF> tests = w.page().findChild<TrainingPlots *>()->keptGraphPoints(5);
        QCOMPARE(tests.size(), 1);
        QCOMPARE(tests[0], QPointF(double(adadelta.steps.back().step),
                                   100.0 * adadelta.epochs.back().testAccuracy));

        QTemporaryDir dir;
        QVERIFY(runs.exportCsv(dir.filePath("runs.csv")).ok());
        QFile csv(dir.filePath("runs.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.front(), QString("run,label,step,epoch,loss,smoothed_loss,test_accuracy"));
        std::size_t steps = 0;
        for (const KeptRun &run : runs.runs())
            steps += run.steps.size();
        QCOMPARE(size_t(lines.size()), 1 + steps);
        QVERIFY(lines.last().startsWith("3,\"adadelta"));
        QVERIFY(
            std::abs(lines.last().section(',', -1).toDouble() - adadelta.epochs.back().testAccuracy)
            < 1e-8);
        runs.removeRun(0);
        QCOMPARE(runs.runs().size(), size_t(2));
        QCOMPARE(w.page().findChild<TrainingPlots *>()->keptGraphCount(), 4);
    }

    // The optimizer box offers every torch.optim rule of the core, each with its defaults and
    // its recommended learning rate, and a run trains under it.
    void theOptimizerBoxOffersEveryRuleWithItsDefaults()
    {
        TrainingWindow w;
        QComboBox *box = nullptr;
        for (QComboBox *combo : w.page().findChildren<QComboBox *>()) {
            if (combo->findText("RMSprop") >= 0)
                box = combo;
        }
        QVERIFY(box);
        QCOMPARE(box->count(), 7);
        box->setCurrentIndex(box->findText("AdaDelta"));
        OptimizerSettings o = w.session().settings().optimizer;
        QCOMPARE(o.kind, OptimizerKind::AdaDelta);
        QCOMPARE(o.learningRate, 1.0f);
        QCOMPARE(o.epsilon, 1e-6f);
        QCOMPARE(o.schedule, ScheduleKind::Cosine);
        box->setCurrentIndex(box->findText("AdamW (decoupled weight decay)"));
        o = w.session().settings().optimizer;
        QCOMPARE(o.kind, OptimizerKind::AdamW);
        QCOMPARE(o.weightDecay, 0.01f);
        QCOMPARE(o.learningRate, 0.002f);
        box->setCurrentIndex(box->findText("RMSprop"));
        trainSteps(w.session(), 3);
        QCOMPARE(w.session().settings().optimizer.kind, OptimizerKind::RmsProp);
        for (const Tensor &weights : w.session().weights()) {
            for (float v : weights.values())
                QVERIFY(std::isfinite(v));
        }
    }

    // A what-if input reworks every figure of the table; training keeps the data's 1×28×28
    // and is refused only for what the data's input cannot take.
    void aWhatIfInputReworksTheFiguresButTrainingKeepsTheData()
    {
        TrainingWindow w("lenet5");
        NetworkPage &network = *w.window.networkPage();
        QVERIFY(network.setInputShape("3x32x32"));
        QCOMPARE(network.table()->item(0, 2)->text(), QString("6×32×32"));
        QCOMPARE(network.table()->item(0, 3)->text(), QString("456")); // 6·3·5·5 + 6
        QCOMPARE(network.table()->item(3, 2)->text(), QString("16×12×12"));
        QCOMPARE(network.table()->item(7, 3)->text(), QString("69,240")); // 576·120 + 120
        QVERIFY2(network.totalsText().contains("What if the input were 3×32×32"),
                 qPrintable(network.totalsText()));
        QVERIFY(network.problem().isEmpty());
        QCOMPARE(w.session().architecture().toString(), findPreset("lenet5")->spec);
        QVERIFY(w.page().startButton()->isEnabled());

        // Fine at 3×32×32, not at 28×28: the rows say ok, training says why not.
        const QString deep = "conv 6 5x5 | maxpool 2 | conv 16 5x5 | maxpool 2 | conv 32 5x5 | "
                             "flatten | dense 10";
        QVERIFY(network.setSpec(deep));
        QCOMPARE(network.table()->item(4, 2)->text(), QString("32×1×1"));
        QVERIFY2(network.problem().startsWith("with the data's 1×28×28 input:"),
                 qPrintable(network.problem()));
        QVERIFY(!w.page().startButton()->isEnabled());
        QVERIFY(network.setInputShape("1×28×28"));
        QVERIFY(network.table()->item(4, 6)->text().contains("smaller than"));
        QVERIFY(!network.totalsText().contains("What if"));

        // Fine at 28×28, not at 8×8: the rows say why, training goes on.
        QVERIFY(network.setSpec("lenet5"));
        QVERIFY(network.setInputShape("1x8x8"));
        QVERIFY2(network.table()->item(3, 6)->text().contains("smaller than"),
                 qPrintable(network.table()->item(3, 6)->text()));
        QVERIFY2(network.problemText().startsWith("with a 1×8×8 input:"),
                 qPrintable(network.problemText()));
        QVERIFY(network.problem().isEmpty());
        QVERIFY(w.page().startButton()->isEnabled());

        // A text that is not a shape is marked with the reason and changes nothing.
        QVERIFY(!network.setInputShape("3x"));
        auto *field = network.findChild<QLineEdit *>("inputShape");
        QVERIFY(field);
        QCOMPARE(field->text(), QString("1×8×8"));
        field->setText("3 by 32");
        emit field->editingFinished();
        QVERIFY2(network.problemText().contains("is not a size from 1 to 65536"),
                 qPrintable(network.problemText()));
        QCOMPARE(network.inputShape(), (Shape{1, 1, 8, 8}));
    }

    // Loading a model shows the model: its file, steps, data set and accuracy, not "not trained
    // yet" and step 0; a model of another data set offers to switch to its own.
    void aLoadedModelShowsItsStateAndItsDataSet()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("bars.csm");
        std::vector<Tensor> trained;
        {
            TrainingWindow w;
            trainSteps(w.session(), 3);
            QVERIFY(w.session().saveModel(path).ok());
            QCOMPARE(w.session().unsavedSteps(), 0);
            trained = w.session().weights();
        }
        TrainingWindow w;
        auto other = test::barsData(500, 100, 9);
        other->name = "other";
        w.session().setData(other);
        QVERIFY(w.session().loadModel(path).ok());
        QCOMPARE(w.session().stepCount(), 3);
        QVERIFY(w.session().weights()[0].values() == trained[0].values());
        QVERIFY2(w.page().figuresText().contains("Loaded bars.csm"),
                 qPrintable(w.page().figuresText()));
        QVERIFY(w.page().figuresText().contains("3 steps on bars"));
        QVERIFY(!w.page().figuresText().contains("Not trained yet"));
        QVERIFY2(w.page().statusText().contains("loaded bars.csm · step 3"),
                 qPrintable(w.page().statusText()));
        QVERIFY(w.page().blockerText().contains("learned from bars, but the data set is other"));

        QSignalSpy requested(&w.page(), &TrainingPage::dataSetRequested);
        {
            ScriptedAnswers answers({QMessageBox::Yes});
            w.page().offerMatchingData();
            QCOMPARE(answers.asked.size(), 1);
            QVERIFY(answers.asked[0].contains("trained on bars, but the data set is other"));
        }
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested[0][0].toString(), QString("bars"));
        // Moved to its own data set, the model keeps its weights and the warning goes.
        w.session().setData(test::barsData(500, 100, 3), TrainingSession::DataChange::KeepWeights);
        QVERIFY(w.session().weights()[0].values() == trained[0].values());
        QVERIFY(!w.session().dataMismatch());
        QVERIFY(w.page().blockerText().isEmpty());
        QVERIFY(w.session().loadedModel().has_value());
        // A reset gives fresh weights: the page says so again.
        w.session().reset();
        QVERIFY(w.page().figuresText().contains("Not trained yet"));
        QCOMPARE(w.session().stepCount(), 0);
    }

    void changingTheDataSetAsksBeforeDiscardingTraining()
    {
        TrainingWindow w;
        trainSteps(w.session(), 2);
        const std::vector<Tensor> trained = w.session().weights();
        DataPanel *panel = w.window.networkPage()->dataPanel();
        auto *box = panel->findChild<QComboBox *>();
        QVERIFY(box);
        const int shown = box->currentIndex();
        {
            ScriptedAnswers answers({QMessageBox::Cancel});
            emit box->activated(1);
            QCOMPARE(answers.asked.size(), 1);
            QVERIFY2(answers.asked[0].contains("2 steps that are not saved"),
                     qPrintable(answers.asked[0]));
        }
        QVERIFY(panel->isIdle());
        QCOMPARE(box->currentIndex(), shown);
        QCOMPARE(QString::fromStdString(w.session().data()->name), QString("bars"));
        QCOMPARE(w.session().stepCount(), 2);
        QVERIFY(w.session().weights()[0].values() == trained[0].values());
        {
            // A new network on the Network page asks too; cancelled, the table goes back.
            ScriptedAnswers answers({QMessageBox::Cancel});
            const QString before = w.window.networkPage()->specText();
            QVERIFY(w.window.networkPage()->setSpec("mlp"));
            QCOMPARE(answers.asked.size(), 1);
            QVERIFY2(answers.asked[0].contains("2 steps"), qPrintable(answers.asked[0]));
            QCOMPARE(w.window.networkPage()->specText(), before);
            QCOMPARE(w.session().stepCount(), 2);
        }
        {
            ScriptedAnswers answers({QMessageBox::Cancel});
            w.page().reset();
            QCOMPARE(answers.asked.size(), 1);
        }
        QCOMPARE(w.session().stepCount(), 2);
        {
            ScriptedAnswers answers({QMessageBox::Yes});
            w.page().reset();
        }
        QCOMPARE(w.session().stepCount(), 0);
        // Fresh weights have nothing to lose: no question.
        ScriptedAnswers none({});
        w.page().reset();
        QVERIFY(none.asked.isEmpty());
    }

    void theEvaluationForgetsOldWeights()
    {
        TrainingWindow w;
        trainSteps(w.session(), 2);
        w.page().showTab("evaluation");
        ConfusionView *view = w.page().confusion();
        QTRY_VERIFY_WITH_TIMEOUT(view->isIdle() && view->evaluation(), kWaitMs);
        QVERIFY(view->summary().startsWith("Step 2:"));
        view->showCell(3, 3);
        QVERIFY(view->cellTitle().contains("recognised"));
        const std::shared_ptr<const Evaluation> before = view->evaluation();
        w.session().reset();
        QVERIFY(view->evaluation() != before);
        QVERIFY(!view->cellTitle().contains("recognised"));
        QCOMPARE(view->exampleCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(view->isIdle() && view->evaluation(), kWaitMs);
        QVERIFY2(view->summary().startsWith("Step 0:"), qPrintable(view->summary()));
    }

    void theStatusAndTotalsSayWhatTheNetworkIs()
    {
        TrainingWindow w;
        QVERIFY(w.window.statusText().contains("parameters"));
        QVERIFY(w.window.networkPage()->setSpec("conv 6 30x30 | flatten | dense 10"));
        QVERIFY(!w.window.networkPage()->problem().isEmpty());
        QVERIFY2(w.window.statusText().contains("not valid"), qPrintable(w.window.statusText()));
        QVERIFY(!w.window.statusText().contains("parameters"));

        QVERIFY(w.window.networkPage()->setSpec("mlp"));
        QVERIFY(!w.window.networkPage()->totalsText().contains("An MLP"));
        QVERIFY(w.window.networkPage()->totalsText().contains("No convolution"));
        QVERIFY(w.window.networkPage()->setSpec("lenet5"));
        QVERIFY(w.window.networkPage()->totalsText().contains(
            "An MLP with a dense layer as large as each stage's output (flatten | dense 1176"));
    }

    // Fashion-MNIST's classes are clothes: every view names them, none says "digit".
    void classesAreCalledByTheDataSetsNames()
    {
        TrainingWindow w;
        auto clothes = test::barsData(2000, 300, 3);
        clothes->name = "fashion-like";
        clothes->classNames = DataSet::fashionClassNames();
        w.session().setData(clothes);
        QCOMPARE(w.session().classNames()[9], QString("Ankle boot"));
        ProbeView *probe = w.page().probe();
        probe->refresh();
        const int label = clothes->test.labels[0];
        QVERIFY2(probe->truthText().contains("true class " + w.session().classNames()[label]),
                 qPrintable(probe->truthText()));
        QVERIFY(probe->lossText().startsWith("loss −ln p = "));
        const double p = probe->bars()->probabilities()[size_t(label)];
        QCOMPARE(probe->lossText(), QString("loss −ln p = %1").arg(-std::log(p), 0, 'f', 3));
        QVERIFY(!w.page().drawPanel()->title().contains("digit"));
        QVERIFY(w.page().drawPanel()->title().contains("Sneaker"));

        w.page().showTab("evaluation");
        ConfusionView *view = w.page().confusion();
        QTRY_VERIFY_WITH_TIMEOUT(view->isIdle() && view->evaluation(), kWaitMs);
        view->showCell(0, 6);
        QVERIFY2(view->cellTitle().contains("of T-shirt/top taken for Shirt"),
                 qPrintable(view->cellTitle()));
    }

    // A run that runs away stops in the window with the reason, and the views keep the last
    // good weights, all finite.
    void aDivergingRunStopsWithTheReasonAndGoodWeights()
    {
        TrainingWindow w;
        TrainingSettings settings = w.session().settings();
        settings.optimizer.learningRate = 10.0f;
        w.session().setSettings(settings);
        w.session().start();
        QTRY_COMPARE_WITH_TIMEOUT(w.session().state(), TrainerState::Failed, kWaitMs);
        QVERIFY2(w.page().blockerText().contains("the loss went from"),
                 qPrintable(w.page().blockerText()));
        for (const Tensor &weights : w.session().weights()) {
            for (float v : weights.values())
                QVERIFY(std::isfinite(v));
        }
        QVERIFY(w.page().startButton()->isEnabled()); // a lower rate can train again
    }

    void closingWhileTrainingStopsTheWorker()
    {
        auto *w = new TrainingWindow("lenet5", 20000);
        w->session().start();
        QTRY_VERIFY_WITH_TIMEOUT(w->session().stepCount() > 3, kWaitMs);
        QVERIFY(w->window.close());
        QCOMPARE(w->session().state(), TrainerState::Stopped);
        delete w; // joins nothing more: the worker has ended
    }

    void settingsComeBackInANewWindow()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("convscope.ini"), QSettings::IniFormat);
        {
            MainWindow window;
            NetworkPage &network = *window.networkPage();
            QVERIFY(network.setSpec("conv 4 3x3 | relu | maxpool 2 | flatten | dense 10"));
            QVERIFY(network.setInputShape("3x32x32"));
            // A folder is remembered as the folder once it has loaded.
            const Expected<std::filesystem::path> mnist = resolveDataFolder("mnist");
            QVERIFY(mnist.ok());
            const QString folder = QString::fromStdString(mnist->string());
            network.dataPanel()->loadData(folder);
            QTRY_VERIFY_WITH_TIMEOUT(network.dataPanel()->isIdle() && window.session()->data(),
                                     kWaitMs);
            QCOMPARE(network.dataPanel()->dataSource(), folder);
            window.saveSettings(settings);
        }
        settings.setValue("training/optimizer", 1);
        settings.setValue("training/learningRate", 0.05);
        settings.setValue("training/batch", 48);
        settings.setValue("training/epochs", 3);
        settings.setValue("training/seed", 7);
        settings.setValue("training/threads", 1);
        settings.setValue("training/tab", 2);

        MainWindow window;
        window.restoreSettings(settings);
        QCOMPARE(window.networkPage()->specText(),
                 QString("conv 4 3x3 | relu | maxpool 2 | flatten | dense 10"));
        QCOMPARE(window.networkPage()->inputShape(), (Shape{1, 3, 32, 32}));
        QCOMPARE(window.networkPage()->dataPanel()->dataSource(),
                 settings.value("network/data").toString());
        const TrainingSettings &s = window.session()->settings();
        QCOMPARE(s.optimizer.kind, OptimizerKind::Sgd);
        QCOMPARE(s.optimizer.momentum, 0.9f);
        QCOMPARE(s.optimizer.learningRate, 0.05f);
        QCOMPARE(s.batch, 48);
        QCOMPARE(s.epochs, 3);
        QCOMPARE(s.seed, std::uint64_t(7));
        QCOMPARE(s.threads, 1);
        QVERIFY(window.trainingPage()->findChild<DrawPanel *>()->isVisibleTo(window.trainingPage()));
    }

    void theProgramTrainsForAScreenshot()
    {
        QTemporaryDir dir;
        QProcess app;
        app.start(CONVSCOPE_GUI,
                  {"--page", "training", "--data", "mnist", "--model", "tiny",
                   "--screenshot-after-steps", "40", "--screenshot", dir.filePath("training.png")});
        QVERIFY(app.waitForFinished(120000));
        QVERIFY2(app.exitCode() == 0, app.readAllStandardError().constData());
        QCOMPARE(QImage(dir.filePath("training.png")).size(), QSize(1280, 800));

        app.start(CONVSCOPE_GUI,
                  {"--page", "training", "--data", dir.filePath("nothing"),
                   "--screenshot-after-steps", "5", "--screenshot", dir.filePath("none.png")});
        QVERIFY(app.waitForFinished(120000));
        QCOMPARE(app.exitCode(), 1);
        QVERIFY(QString(app.readAllStandardError()).contains("nothing"));
    }
};

} // namespace convscope::ui

QTEST_MAIN(convscope::ui::TrainingTest)
#include "training_test.moc"
