#include "core/nn/architecture.h"
#include "core/nn/network.h"
#include "tests/support/bars.h"
#include "tests/support/modalanswers.h"
#include "ui/aboutdialog.h"
#include "ui/explorer/convknobs.h"
#include "ui/explorer/convolutionpage.h"
#include "ui/explorer/explorerviews.h"
#include "ui/explorer/histogramplot.h"
#include "ui/explorer/kerneleditor.h"
#include "ui/explorer/poolingpage.h"
#include "ui/explorer/samplecatalog.h"
#include "ui/explorer/samplespage.h"
#include "ui/guidedialog.h"
#include "ui/lessons/equivariancepage.h"
#include "ui/lessons/inspectpage.h"
#include "ui/lessons/quizpage.h"
#include "ui/lessons/receptivefieldpage.h"
#include "ui/mainwindow.h"
#include "ui/training/architecturegallery.h"
#include "ui/training/architecturespage.h"
#include "ui/training/datapanel.h"
#include "ui/training/layerbars.h"
#include "ui/training/layertree.h"
#include "ui/training/networkdiagram.h"
#include "ui/training/networkpage.h"
#include "ui/training/trainingpage.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QtTest>

namespace convscope::ui {

constexpr int kWaitMs = 20000;

class MainWindowTest : public QObject
{
    Q_OBJECT

private slots:
    void opensOnTheConvolutionPageWithRoomForMore()
    {
        MainWindow window;
        QCOMPARE(window.pageCount(), 10);
        QCOMPARE(window.pageName(0), QString("Convolution"));
        QCOMPARE(window.pageName(1), QString("Pooling"));
        QCOMPARE(window.pageName(2), QString("Network"));
        QCOMPARE(window.pageName(3), QString("Training"));
        QCOMPARE(window.pageName(4), QString("Architectures"));
        QCOMPARE(window.pageName(5), QString("Receptive Field"));
        QCOMPARE(window.pageName(6), QString("Equivariance"));
        QCOMPARE(window.pageName(7), QString("Samples"));
        QCOMPARE(window.pageName(8), QString("Quiz"));
        QCOMPARE(window.pageName(9), QString("Inspect"));
        QCOMPARE(window.currentPageKey(), QString("convolution"));
        QVERIFY(!window.showPage("trainer"));
        QVERIFY(window.showPage("samples"));
        QCOMPARE(window.samplesPage()->sampleCount(), int(sampleCatalog().size()));
        QVERIFY(!window.samplesPage()->currentImage().isNull());
        QCOMPARE(window.statusText(), QString("camera.png: 512×512, 1 channel"));
        window.samplesPage()->selectSample(2);
        QCOMPARE(window.statusText(), QString("coffee.png: 600×400, 3 channels"));
    }

    void controlAndANumberOpenThePages()
    {
        MainWindow window;
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QMenu *go = nullptr;
        for (QAction *menu : window.menuBar()->actions()) {
            if (menu->text() == "&Go")
                go = menu->menu();
        }
        QVERIFY(go);
        QCOMPARE(go->actions().size(), window.pageCount());
        for (int i = window.pageCount() - 1; i >= 0; --i) {
            QAction *page = go->actions()[i];
            QCOMPARE(page->text(), window.pageName(i));
            const bool digit = i < 9;
            QCOMPARE(page->shortcut(), digit ? QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i))
                                             : QKeySequence("Ctrl+Shift+I"));
            QTest::keyClick(&window, digit ? Qt::Key(Qt::Key_1 + i) : Qt::Key_I,
                            digit ? Qt::ControlModifier : Qt::ControlModifier | Qt::ShiftModifier);
            QCOMPARE(window.currentPageKey(),
                     QStringList({"convolution", "pooling", "network", "training", "architectures",
                                  "receptive-field", "equivariance", "samples", "quiz",
                                  "inspect"})[i]);
        }
    }

    // F5 enlarges what a class reads, including what the style draws in pixels, and the window
    // still fits a 1024-pixel projector; F11 gives the views the whole window.
    void presentationAndFocusViewsForAProjector()
    {
        MainWindow window;
        window.resize(1024, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *sidebar = window.findChild<QListWidget *>();
        QVERIFY(sidebar);
        auto *views = window.convolutionPage()->findChild<ExplorerViews *>();
        QVERIFY(views);
        const int indicator = QApplication::style()->pixelMetric(QStyle::PM_IndicatorWidth);
        const double sidebarFont = sidebar->font().pointSizeF();
        const int explanations = views->explanations()->minimumHeight();
        window.setPresentationMode(true);
        QTRY_VERIFY(QApplication::style()->pixelMetric(QStyle::PM_IndicatorWidth) > indicator);
        QVERIFY(sidebar->font().pointSizeF() > sidebarFont);
        QTRY_VERIFY(views->explanations()->minimumHeight() > explanations);
        // Every page fits the 1024-pixel window: nothing is cut and nothing needs scrolling.
        const QList<QWidget *> pages = {window.convolutionPage(),   window.poolingPage(),
                                        window.networkPage(),       window.trainingPage(),
                                        window.architecturesPage(), window.receptiveFieldPage(),
                                        window.equivariancePage(),  window.samplesPage(),
                                        window.quizPage(),          window.inspectPage()};
        for (int i = 0; i < window.pageCount(); ++i) {
            QVERIFY(window.showPage(
                QStringList({"convolution", "pooling", "network", "training", "architectures",
                             "receptive-field", "equivariance", "samples", "quiz", "inspect"})[i]));
            QTest::qWait(100);
            auto *scroll = qobject_cast<QScrollArea *>(pages[i]->parentWidget()->parentWidget());
            QVERIFY(scroll);
            QVERIFY2(window.width() <= 1024 && scroll->horizontalScrollBar()->maximum() == 0,
                     qPrintable(QString("%1 needs %2 px more")
                                    .arg(window.pageName(i))
                                    .arg(scroll->horizontalScrollBar()->maximum())));
        }
        // The Training page's widest tab too.
        window.showPage("training");
        window.trainingPage()->showTab("explain");
        QTest::qWait(100);
        auto *trainingScroll = qobject_cast<QScrollArea *>(
            window.trainingPage()->parentWidget()->parentWidget());
        QVERIFY2(trainingScroll->horizontalScrollBar()->maximum() == 0,
                 qPrintable(QString("the Explain tab needs %1 px more")
                                .arg(trainingScroll->horizontalScrollBar()->maximum())));
        window.setPresentationMode(false);
        QCOMPARE(QApplication::style()->pixelMetric(QStyle::PM_IndicatorWidth), indicator);

        window.showPage("convolution");
        QWidget *settings = window.convolutionPage()->findChild<QWidget *>("settings");
        QVERIFY(settings && settings->isVisible());
        window.setFocusView(true);
        QVERIFY(!sidebar->isVisible());
        QVERIFY(!settings->isVisible());
        QVERIFY(!window.trainingPage()
                     ->findChild<QWidget *>("settings")
                     ->isVisibleTo(window.trainingPage()));
        window.setFocusView(false);
        QVERIFY(sidebar->isVisible() && settings->isVisible());
    }

    void everySampleIsCompiledIn()
    {
        for (const SampleInfo &sample : sampleCatalog()) {
            QVERIFY2(!QImage(sample.resource).isNull(), qPrintable(sample.resource));
            QVERIFY(!sample.license.isEmpty());
        }
        QVERIFY(QFile::exists(":/samples/LICENSES.md"));
    }

    void histogramsCountEveryPixelOfEveryChannel()
    {
        QImage image(3, 2, QImage::Format_RGB888);
        image.fill(QColor(10, 20, 30));
        image.setPixelColor(0, 0, QColor(255, 20, 0));
        const QList<QList<double>> counts = channelHistograms(image);
        QCOMPARE(counts.size(), 3);
        QCOMPARE(counts[0][10], 5.0);
        QCOMPARE(counts[0][255], 1.0);
        QCOMPARE(counts[1][20], 6.0);
        QCOMPARE(counts[2][0], 1.0);

        SamplesPage page;
        for (int i = 0; i < page.sampleCount(); ++i) {
            page.selectSample(i);
            const QImage &shown = page.currentImage();
            const int expected = shown.isGrayscale() ? 1 : 3;
            QCOMPARE(page.histogram()->seriesCount(), expected);
            double total = 0;
            const QSharedPointer<QCPGraphDataContainer> data
                = page.histogram()->plot()->graph(0)->data();
            for (auto it = data->constBegin(); it != data->constEnd(); ++it)
                total += it->value;
            QCOMPARE(total, double(shown.width()) * shown.height());
        }
    }

    void statusBarFollowsTheSample()
    {
        SamplesPage page;
        QSignalSpy spy(&page, &SamplesPage::statusChanged);
        page.selectSample(1);
        QCOMPARE(spy.count(), 1);
        QVERIFY(spy.first().first().toString().contains("astronaut.png: 512×512, 3 channels"));
    }

    void screenshotsAreWrittenOrRefusedWithAReason()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QString error;
        QVERIFY(window.saveScreenshot(dir.filePath("shot.png"), &error));
        QCOMPARE(QImage(dir.filePath("shot.png")).size(), QSize(1024, 700));
        QVERIFY(!window.saveScreenshot(dir.filePath("missing/shot.png"), &error));
        QVERIFY(error.contains("missing/shot.png"));
    }

    void theProgramSavesAScreenshotAndExits()
    {
        QTemporaryDir dir;
        QProcess app;
        app.start(CONVSCOPE_GUI, {"--screenshot", dir.filePath("window.png")});
        QVERIFY(app.waitForFinished(60000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        QCOMPARE(QImage(dir.filePath("window.png")).size(), QSize(1280, 800));

        app.start(CONVSCOPE_GUI, {"--size", "10x10", "--screenshot", dir.filePath("small.png")});
        QVERIFY(app.waitForFinished(60000));
        QCOMPARE(app.exitCode(), 2);
        QVERIFY(QString(app.readAllStandardError()).contains("320x240"));
        QVERIFY(!QFile::exists(dir.filePath("small.png")));
    }

    void helpAndVersionPrintWithoutADisplay()
    {
        QProcess app;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove("DISPLAY");
        environment.remove("WAYLAND_DISPLAY");
        environment.insert("QT_QPA_PLATFORM", "xcb");
        app.setProcessEnvironment(environment);
        app.start(CONVSCOPE_GUI, {"--help"});
        QVERIFY(app.waitForFinished(30000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        const QString help = app.readAllStandardOutput();
        QVERIFY2(help.contains("--screenshot-after-steps"), qPrintable(help));
        app.start(CONVSCOPE_GUI, {"--version"});
        QVERIFY(app.waitForFinished(30000));
        QCOMPARE(app.exitCode(), 0);
        QVERIFY(QString(app.readAllStandardOutput()).contains("ConvScope 0."));
    }

    void theGuideHasAPagePerConcept()
    {
        GuideDialog guide;
        QCOMPARE(guide.pageCount(), 8);
        QCOMPARE(guide.pageTitle(0), QString("Convolution"));
        for (int i = 0; i < guide.pageCount(); ++i) {
            QVERIFY2(!guide.pageTitle(i).isEmpty(), qPrintable(GuideDialog::pagePaths()[i]));
            guide.showPage(i);
            QVERIFY(guide.shownText().size() > 200);
        }
        guide.showPage(1);
        QVERIFY(guide.shownText().contains("O = ⌊(I + Pbegin + Pend − D·(K−1) − 1) / S⌋ + 1"));
    }

    // File ▸ Open Model… reads a model exported by PyTorch into the Training page's network
    // and shows that page.
    void openModelReadsAnOnnxModelIntoTheTrainingPage()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QAction *openModel = nullptr;
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->text() == "Open &Model…")
                openModel = action;
        }
        QVERIFY(openModel);
        QVERIFY(window.networkPage()->setSpec("tiny"));
        test::ModalAnswers answers({QString(CONVSCOPE_ROOT) + "/tests/data/onnx/lenet5.onnx"});
        openModel->trigger();
        QCOMPARE(answers.pathsLeft(), 0);
        QCOMPARE(window.currentPageKey(), QString("training"));
        QCOMPARE(QString::fromStdString(window.session()->architecture().toString()),
                 QString::fromStdString(parseArchitecture("lenet5")->toString()));
        QVERIFY(window.session()->loadedModel().has_value());
    }

    // Every malformed file of fuzz/regressions/ through the window's own paths, as a student
    // would reach them: dropped on the window, chosen in File ▸ Open Image…, in the Training
    // page's Load model… and as the data folder of the Network page. Each ends in a message
    // that names the file, and what the window showed stays.
    void malformedFilesThroughTheWindowsOwnPaths()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        ConvolutionPage &page = *window.convolutionPage();
        QTRY_VERIFY_WITH_TIMEOUT(page.isIdle(), kWaitMs);
        const Shape shown = page.input()->shape();
        const QString root = QString(CONVSCOPE_ROOT) + "/fuzz/regressions/";
        QStringList inputs;
        for (const char *folder : {"image", "npy"}) {
            for (const QString &name : QDir(root + folder).entryList(QDir::Files))
                inputs << root + folder + "/" + name;
        }
        QVERIFY(inputs.size() >= 40);
        for (const QString &path : inputs) {
            QMimeData data;
            data.setUrls({QUrl::fromLocalFile(path)});
            // As a real drag: the window accepts the enter, then receives the drop.
            QDragEnterEvent enter(QPoint(200, 200), Qt::CopyAction, &data, Qt::LeftButton,
                                  Qt::NoModifier);
            QApplication::sendEvent(&window, &enter);
            QVERIFY(enter.isAccepted());
            QDropEvent drop(QPointF(200, 200), Qt::CopyAction, &data, Qt::LeftButton,
                            Qt::NoModifier);
            QApplication::sendEvent(&window, &drop);
            QVERIFY(drop.isAccepted());
            QTRY_VERIFY_WITH_TIMEOUT(page.isIdle(), kWaitMs);
            const QString name = QFileInfo(path).fileName();
            QVERIFY2(page.messageText().contains(name),
                     qPrintable(name + ": " + page.messageText()));
            QCOMPARE(page.input()->shape(), shown);
        }

        QAction *open = nullptr;
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->text() == "&Open Image…")
                open = action;
        }
        QVERIFY(open);
        for (const QString &path : {inputs.first(), inputs.last()}) {
            test::ModalAnswers answers({path});
            open->trigger();
            QCOMPARE(answers.pathsLeft(), 0);
            QTRY_VERIFY_WITH_TIMEOUT(page.isIdle(), kWaitMs);
            QVERIFY2(page.messageText().contains(QFileInfo(path).fileName()),
                     qPrintable(page.messageText()));
        }

        window.showPage("training");
        QPushButton *load = nullptr;
        for (QPushButton *button : window.trainingPage()->findChildren<QPushButton *>()) {
            if (button->text() == "Load model…")
                load = button;
        }
        QVERIFY(load);
        QAction *openModel = nullptr;
        for (QAction *action : window.findChildren<QAction *>()) {
            if (action->text() == "Open &Model…")
                openModel = action;
        }
        QVERIFY(openModel);
        QCOMPARE(openModel->shortcut(), QKeySequence("Ctrl+Shift+O"));
        QStringList models;
        for (const char *folder : {"model", "onnx"}) {
            for (const QString &name : QDir(root + folder).entryList(QDir::Files))
                models << QString(folder) + "/" + name;
        }
        QVERIFY(models.size() >= 24);
        for (const QString &file : models) {
            const QString name = QFileInfo(file).fileName();
            test::ModalAnswers answers({root + file});
            // File ▸ Open Model… for the ONNX ones, the page's button for the others.
            if (file.startsWith("onnx/"))
                openModel->trigger();
            else
                load->click();
            QCOMPARE(answers.messages().size(), 1);
            QVERIFY2(answers.messages().first().contains(name),
                     qPrintable(answers.messages().first()));
            QVERIFY(!window.session()->loadedModel().has_value());
        }

        DataPanel *panel = window.networkPage()->dataPanel();
        QTRY_VERIFY_WITH_TIMEOUT(panel->isIdle(), kWaitMs);
        window.session()->setData(test::barsData(100, 50, 1));
        const auto before = window.session()->data();
        QTemporaryDir dir;
        for (const QString &name : QDir(root + "idx").entryList(QDir::Files)) {
            const QString folder = dir.filePath(name);
            QVERIFY(QDir().mkpath(folder));
            const QString suffix = name.endsWith(".gz") ? ".gz" : "";
            for (const char *file : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                     "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"})
                QVERIFY(QFile::copy(root + "idx/" + name, folder + "/" + file + suffix));
            test::ModalAnswers answers({folder});
            QComboBox *box = panel->sourceBox();
            box->setCurrentIndex(box->count() - 1); // what choosing "Folder of IDX files…" does
            emit box->activated(box->count() - 1);
            QCOMPARE(answers.pathsLeft(), 0);
            QTRY_VERIFY_WITH_TIMEOUT(panel->isIdle(), kWaitMs);
            QVERIFY2(panel->infoText().contains(name), qPrintable(name + ": " + panel->infoText()));
            QCOMPARE(window.session()->data(), before);
        }
    }

    // A settings file edited by hand or damaged: every value out of range or of the wrong kind
    // gives the default or the nearest allowed value, and the window works.
    void aDamagedSettingsFileGivesSaneValues()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("convscope.ini"), QSettings::IniFormat);
        const QString dicom = QString(CONVSCOPE_ROOT)
                              + "/fuzz/regressions/image/webp-with-dicom-signature";
        const QList<std::pair<const char *, QVariant>> damaged = {
            {"window/geometry", QByteArray("garbage")},
            {"convolution/filters/shape", QVariantList{1, 1, 3, 3}},
            {"convolution/filters/weights", QVariantList{"nan", "inf", 1e38, -1e38, 1, 1, 1, 1, 1}},
            {"convolution/filters/biases", QVariantList{"nan"}},
            {"convolution/filters/names", QStringList{"x"}},
            {"convolution/knobs/stride", QVariantList{0, -5}},
            {"convolution/knobs/dilation", QVariantList{1000000, 2}},
            {"convolution/knobs/padding", QVariantList{-3, 99999999, 2, 2}},
            {"convolution/knobs/paddingKind", 77},
            {"convolution/knobs/padMode", -1},
            {"convolution/knobs/activation", "softplus"},
            {"convolution/input/source", dicom},
            {"convolution/input/size", 123456},
            {"pooling/kernel", -4},
            {"pooling/stride", 99999},
            {"pooling/padding", -1},
            {"pooling/image", "maybe"},
            {"network/spec", "conv 1 2147483647 | flatten | dense 10"},
            {"network/data", "/nonexistent"},
            {"training/optimizer", 9},
            {"training/learningRate", "nan"},
            {"training/batch", -7},
            {"training/epochs", 0},
            {"training/seed", -1},
            {"training/threads", 99999},
            {"training/tab", 42},
            {"view/page", "nowhere"},
            {"view/presentation", 2},
        };
        for (const auto &[key, value] : damaged)
            settings.setValue(key, value);
        MainWindow window;
        window.resize(1280, 800);
        window.restoreSettings(settings);
        window.show();
        ConvolutionPage &page = *window.convolutionPage();
        QTRY_VERIFY_WITH_TIMEOUT(page.isIdle(), kWaitMs);
        const FilterSet filters = page.kernelEditor()->filters();
        for (float v : filters.weights.values())
            QVERIFY(std::isfinite(v) && std::abs(v) < 1e30f);
        for (float b : filters.bias)
            QVERIFY(std::isfinite(b));
        const ConvOptions options = page.knobs()->options();
        QVERIFY(options.strideH >= 1 && options.strideW >= 1);
        QVERIFY(options.dilationH >= 1 && options.dilationH <= 64);
        const Padding &sides = options.padding.sides;
        for (int side : {sides.top, sides.bottom, sides.left, sides.right})
            QVERIFY(side >= 0 && side <= 64);
        QVERIFY(page.result());
        for (float v : page.result()->outcome.output.values())
            QVERIFY(std::isfinite(v));
        QCOMPARE(window.currentPageKey(), QString("convolution"));
        const TrainingSettings &training = window.session()->settings();
        QVERIFY(training.validate().ok());
        QVERIFY(std::isfinite(training.optimizer.learningRate));
        QVERIFY(window.showPage("pooling"));
        QTRY_VERIFY_WITH_TIMEOUT(window.poolingPage()->result() != nullptr, kWaitMs);
        QVERIFY(window.showPage("network"));
        QVERIFY(window.showPage("training"));
    }

    // The gallery: every network counted like core's summary, blocks as collapsible rows with
    // their layers' sums, the bars per top-level layer, and the digit networks opening in the
    // Network page while an ImageNet one says why it cannot.
    void theArchitecturesPageShowsEveryNetworkOfTheRoad()
    {
        MainWindow window;
        ArchitecturesPage &page = *window.architecturesPage();
        for (const GalleryEntry &entry : architectureGallery()) {
            QVERIFY(page.showNetwork(entry.preset));
            const Preset *preset = findPreset(entry.preset.toStdString());
            const ArchitectureTable table = tabulate(*parseArchitecture(preset->spec),
                                                     preset->input, preset->classes);
            QVERIFY2(page.totalsText().contains(
                         QLocale(QLocale::English).toString(qlonglong(table.parameters()))
                         + " parameters"),
                     qPrintable(page.totalsText()));
            QCOMPARE(page.bars()->barCount(), int(table.topLevelRows().size()));
            QVERIFY(!page.ideaText().isEmpty());
        }
        QVERIFY(page.showNetwork("resnet18"));
        QTreeWidgetItem *block = page.tree()->itemOf("residual1");
        QVERIFY(block);
        QCOMPARE(block->text(0), QString("residual1 (layers + identity)"));
        QCOMPARE(block->text(2), QString("73,984")); // two 3×3×64×64 convs and their batch norms
        QCOMPARE(block->child(0)->text(0), QString("layers"));
        QCOMPARE(block->child(0)->childCount(), 5);
        QCOMPARE(page.tree()->itemOf("residual8")->text(4), QString("435×435"));
        QVERIFY(!page.openButton()->isEnabled());
        QVERIFY(!page.showNetwork("nonesuch"));

        QVERIFY(page.showNetwork("mini-inception"));
        QVERIFY(page.openButton()->isEnabled());
        page.openButton()->click();
        QCOMPARE(window.currentPageKey(), QString("network"));
        QCOMPARE(window.networkPage()->specText().toStdString(), findPreset("mini-inception")->spec);
        QVERIFY(window.networkPage()->problem().isEmpty());
        page.bars()->setLogarithmic(false);
        QVERIFY(!page.bars()->isLogarithmic());
    }

    // Every network of the gallery, folded as the table opens it and unfolded: one box a row
    // (and the input), none over another, inside the drawing.
    void theDiagramHasABoxForEveryRowAndNoneOverlap()
    {
        for (const GalleryEntry &entry : architectureGallery()) {
            const Preset *preset = findPreset(entry.preset.toStdString());
            const ArchitectureTable table = tabulate(*parseArchitecture(preset->spec),
                                                     preset->input, preset->classes);
            for (const bool fold : {false, true}) {
                QSet<QString> folded;
                for (const LayerDescription &row : table.rows) {
                    if (fold && row.block)
                        folded.insert(diagramKey(row));
                }
                const DiagramLayout diagram = layoutDiagram(table, preset->input, folded, {});
                const QRectF page(QPointF(0, 0), diagram.size);
                int expected = 1;
                for (const LayerDescription &row : table.rows)
                    expected += !fold || row.path.empty();
                QCOMPARE(int(diagram.boxes.size()), expected);
                for (size_t i = 0; i < diagram.boxes.size(); ++i) {
                    QVERIFY(page.contains(diagram.boxes[i].rect));
                    for (size_t j = i + 1; j < diagram.boxes.size(); ++j)
                        QVERIFY2(!diagram.boxes[i].rect.intersects(diagram.boxes[j].rect),
                                 qPrintable(entry.preset + ": " + diagram.boxes[i].key + " and "
                                            + diagram.boxes[j].key));
                }
                QCOMPARE(int(diagram.frames.size()),
                         fold ? 0
                              : int(std::count_if(table.rows.begin(), table.rows.end(),
                                                  [](const auto &r) { return r.block; })));
            }
        }
    }

    // The diagram of the page: a residual block's shortcut beside its layers (the identity as
    // an arrow into the sum, a projection as boxes), inception branches side by side; a click
    // on a box chooses its row, a row chosen marks its box, and folding a block in either
    // folds it in both. A new network replaces every box.
    void theDiagramDrawsTheBlocksAndFollowsTheTable()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        ArchitecturesPage &page = *window.architecturesPage();
        NetworkDiagram &diagram = *page.diagram();
        QVERIFY(page.showNetwork("mini-resnet"));
        const auto box = [&diagram](const QString &key) {
            const DiagramBox *found = diagram.diagram().box(key);
            return found ? found->rect : QRectF();
        };
        const QRectF conv4 = box("residual2 › layers › conv4");
        const QRectF conv6 = box("residual2 › shortcut › conv6");
        QVERIFY(!conv4.isNull() && !conv6.isNull());
        QCOMPARE(conv6.top(), conv4.top());
        QVERIFY(conv6.left() > conv4.right());
        const QRectF sum1 = box("residual1");
        const QRectF conv2 = box("residual1 › layers › conv2");
        const bool identityArrow = std::any_of(diagram.diagram().lines.begin(),
                                               diagram.diagram().lines.end(),
                                               [&](const DiagramLine &line) {
                                                   return line.head
                                                          && line.points.back()
                                                                 == QPointF(sum1.right(),
                                                                            sum1.center().y())
                                                          && line.points[1].x() > conv2.right();
                                               });
        QVERIFY(identityArrow);

        QWidget *canvas = &diagram;
        QTest::mouseClick(canvas, Qt::LeftButton, {}, conv4.center().toPoint());
        QCOMPARE(LayerTree::keyOf(page.tree()->currentItem()),
                 QString("residual2 › layers › conv4"));
        page.tree()->setCurrentItem(page.tree()->itemOf("relu3"));
        QCOMPARE(diagram.selected(), QString("relu3"));

        page.tree()->itemOfKey("residual2")->setExpanded(false);
        QVERIFY(box("residual2 › layers › conv4").isNull());
        QCOMPARE(diagram.diagram().box("residual2")->kind, BoxKind::Folded);
        QTest::mouseDClick(canvas, Qt::LeftButton, {}, box("residual2").center().toPoint());
        QVERIFY(page.tree()->itemOfKey("residual2")->isExpanded());
        QVERIFY(!box("residual2 › layers › conv4").isNull());
        QTest::mouseDClick(canvas, Qt::LeftButton, {}, box("residual3").center().toPoint());
        QVERIFY(!page.tree()->itemOfKey("residual3")->isExpanded());

        QVERIFY(page.showNetwork("mini-inception"));
        QVERIFY(box("residual1").isNull());
        const QRectF branches[] = {box("concat1 › branch 1 › conv3"),
                                   box("concat1 › branch 2 › conv4"),
                                   box("concat1 › branch 3 › conv6"),
                                   box("concat1 › branch 4 › maxpool2")};
        for (const QRectF &branch : branches)
            QVERIFY(!branch.isNull());
        for (int b = 1; b < 4; ++b) {
            QCOMPARE(branches[b].top(), branches[0].top());
            QVERIFY(branches[b].left() > branches[b - 1].right());
        }
        QVERIFY(diagram.selected().isEmpty());
    }

    void aboutNamesEveryComponentAndItsLicense()
    {
        const QString html = AboutDialog::componentsHtml();
        for (const char *part : {"GPL-3.0-or-later", "QCustomPlot", "GPL-3.0", "OpenCV",
                                 "Apache-2.0", "Eigen", "MPL-2.0", "LGPL-3.0", "CC0"})
            QVERIFY2(html.contains(part), part);
    }
};

} // namespace convscope::ui

QTEST_MAIN(convscope::ui::MainWindowTest)
#include "mainwindow_test.moc"
