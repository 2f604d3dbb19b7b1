// Data sets of their own in the window: colour images in any number of classes through the
// session, the Network page, the evaluation, the drawing and the lecture pages; a folder of
// pictures through the data panel; downloads through their dialog against a server on
// 127.0.0.1; a model of other classes loaded over MNIST.
#include "core/file_io.h"
#include "core/io/image_io.h"
#include "core/nn/model_file.h"
#include "tests/support/archives.h"
#include "tests/support/bars.h"
#include "tests/support/loopback_server.h"
#include "ui/common/ask.h"
#include "ui/lessons/equivariancepage.h"
#include "ui/lessons/receptivefieldpage.h"
#include "ui/mainwindow.h"
#include "ui/training/classpreview.h"
#include "ui/training/confusionview.h"
#include "ui/training/datapanel.h"
#include "ui/training/digitcanvas.h"
#include "ui/training/downloaddialog.h"
#include "ui/training/drawpanel.h"
#include "ui/training/networkpage.h"
#include "ui/training/probeview.h"
#include "ui/training/trainingpage.h"
#include "ui/training/trainingsession.h"

#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

namespace convscope::ui {

namespace {

constexpr int kWaitMs = 30000;

// Answers every question with the given button, and keeps the questions.
class Answering
{
public:
    explicit Answering(QMessageBox::StandardButton answer)
    {
        m_previous = setAsker([this, answer](QWidget *, const QString &, const QString &text,
                                             QMessageBox::StandardButtons,
                                             QMessageBox::StandardButton) {
            asked.append(text);
            return answer;
        });
    }
    ~Answering() { setAsker(m_previous); }
    QStringList asked;

private:
    Asker m_previous;
};

void writeFolder(const QString &root, int perClass)
{
    const std::vector<std::pair<std::string, std::vector<std::uint8_t>>> fruit
        = {{"apple", {200, 30, 30}}, {"banana", {230, 220, 40}}, {"carrot", {240, 120, 20}}};
    for (const auto &[name, color] : fruit) {
        for (int i = 0; i < perClass; ++i) {
            Image8 image{30 + i, 30, 3, {}};
            for (int p = 0; p < image.width * image.height; ++p)
                for (std::uint8_t c : color)
                    image.pixels.push_back(std::uint8_t(c - i));
            const std::filesystem::path path = root.toStdString() + "/" + name + "/"
                                               + std::to_string(i) + ".png";
            std::filesystem::create_directories(path.parent_path());
            QVERIFY(writePng(path, image).ok());
        }
    }
    QVERIFY(writeFileAtomically(root.toStdString() + "/carrot/broken.png", "broken").ok());
}

} // namespace

class DataTest : public QObject
{
    Q_OBJECT

private slots:
    void colourClassesRemakeTheNetworkEverywhere();
    void evaluationAndProbeUseTheDataSetsClasses();
    void drawingIsOfferedOnlyForDigitImages();
    void lecturePagesTakeTheDataSetsImages();
    void aFolderOfPicturesLoadsWithItsClassesAndItsBadFiles();
    void classPreviewHasARowPerClass();
    void downloadDialogShowsProgressAndPlacesTheDataSet();
    void downloadDialogSaysWhyAndCanBeCancelled();
    void aModelOfOtherClassesSetsMnistAside();
};

void DataTest::colourClassesRemakeTheNetworkEverywhere()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    TrainingSession &session = *window.session();
    NetworkPage &network = *window.networkPage();
    network.setSpec("lenet5");
    session.setData(test::barsData(100, 40, 1));
    QSignalSpy remade(&session, &TrainingSession::architectureChanged);
    session.setData(test::colorData(60, 30, 4, 32, 2));
    QCOMPARE(remade.count(), 1);
    QCOMPARE(session.viewer().inputShape(), (Shape{1, 3, 32, 32}));
    QCOMPARE(session.viewer().classes(), 4);
    QVERIFY(session.architecture().toString().ends_with("dense 4"));
    QVERIFY(network.specText().endsWith("dense 4"));
    QCOMPARE(network.inputShape(), (Shape{1, 3, 32, 32}));
    QVERIFY(network.findChild<QGroupBox *>()->title().contains("4 classes"));
    QVERIFY(session.blocker().isEmpty());
    // A preset chosen now gives the four classes too.
    QVERIFY(network.setSpec("mini-vgg"));
    QVERIFY(network.problem().isEmpty());
    QVERIFY(session.architecture().toString().ends_with("dense 4"));
    // Back to the digits: ten classes on 1×28×28 again.
    session.setData(test::barsData(100, 40, 1));
    QCOMPARE(session.viewer().inputShape(), (Shape{1, 1, 28, 28}));
    QVERIFY(session.architecture().toString().ends_with("dense 10"));
    // A spec written for ten classes says what the data needs.
    session.setData(test::colorData(60, 30, 4, 32, 2));
    network.setSpec("conv 4 3x3 | relu | gap | flatten | dense 10");
    QVERIFY2(network.problem().contains("dense 4"), qPrintable(network.problem()));
}

void DataTest::evaluationAndProbeUseTheDataSetsClasses()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    window.showPage("training");
    TrainingSession &session = *window.session();
    window.networkPage()->setSpec("tiny");
    session.setData(test::colorData(200, 60, 3, 28, 5));
    TrainingSettings settings = session.settings();
    settings.epochs = 2;
    session.setSettings(settings);
    session.start();
    QTRY_VERIFY_WITH_TIMEOUT(session.state() == TrainerState::Finished, kWaitMs);
    auto *confusion = window.findChild<ConfusionView *>();
    QVERIFY(confusion);
    confusion->evaluateNow();
    QTRY_VERIFY_WITH_TIMEOUT(confusion->evaluation() != nullptr, kWaitMs);
    QCOMPARE(confusion->evaluation()->classes, 3);
    QCOMPARE(int(confusion->evaluation()->confusion.size()), 9);
    QCOMPARE(session.classNames(), (QStringList{"red", "green", "blue"}));
    ProbeView *probe = window.trainingPage()->probe();
    probe->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(probe->pass().probabilities.size() == 3, kWaitMs);
    QCOMPARE(probe->pass().activations.front().shape(), (Shape{1, 3, 28, 28}));
}

void DataTest::drawingIsOfferedOnlyForDigitImages()
{
    MainWindow window;
    window.show();
    TrainingSession &session = *window.session();
    auto *draw = window.findChild<DrawPanel *>();
    QVERIFY(draw);
    session.setData(test::colorData(30, 10, 3, 32, 2));
    QVERIFY2(draw->title().contains("28×28 gray"), qPrintable(draw->title()));
    QVERIFY(!window.findChild<DigitCanvas *>()->isEnabled());
    session.setData(test::barsData(30, 10, 1));
    QVERIFY(window.findChild<DigitCanvas *>()->isEnabled());
    QVERIFY(draw->title().contains("digit"));
}

void DataTest::lecturePagesTakeTheDataSetsImages()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    window.networkPage()->setSpec("lenet5");
    window.session()->setData(test::colorData(30, 10, 3, 32, 2));
    ReceptiveFieldPage *field = window.receptiveFieldPage();
    QVERIFY(field->setNetwork("session"));
    window.showPage("receptive-field");
    QTRY_VERIFY_WITH_TIMEOUT(field->isIdle(), kWaitMs);
    QCOMPARE(field->effective().shape().h, 32);
    QCOMPARE(field->effective().shape().w, 32);
    EquivariancePage *shift = window.equivariancePage();
    QVERIFY(shift->setSource("session"));
    window.showPage("equivariance");
    QTRY_VERIFY_WITH_TIMEOUT(!shift->acrossCurve().empty(), kWaitMs);
    for (double p : shift->acrossCurve())
        QVERIFY(p >= 0.0 && p <= 1.0);
}

void DataTest::aFolderOfPicturesLoadsWithItsClassesAndItsBadFiles()
{
    QTemporaryDir dir;
    writeFolder(dir.path(), 6);
    MainWindow window;
    window.show();
    DataPanel *panel = window.networkPage()->dataPanel();
    QSignalSpy loaded(panel, &DataPanel::dataLoaded);
    FolderOptions options;
    options.imageSize = 20;
    options.color = FolderOptions::Color::Gray;
    panel->loadData(dir.path(), TrainingSession::DataChange::Restart, options);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kWaitMs);
    const DataSet *data = window.session()->data();
    QCOMPARE(data->inputShape(), (Shape{1, 1, 20, 20}));
    QCOMPARE(window.session()->classNames(), (QStringList{"apple", "banana", "carrot"}));
    QVERIFY2(panel->infoText().contains("in 3 classes"), qPrintable(panel->infoText()));
    QVERIFY2(panel->infoText().contains("1 file could not be read"), qPrintable(panel->infoText()));
    QCOMPARE(panel->sourceBox()->currentText(), QString("Folder of pictures or IDX files…"));
    QVERIFY(window.session()->architecture().toString().ends_with("dense 3"));
    // A folder that is not one says why, and the data set stays.
    QTemporaryDir empty;
    panel->loadData(empty.path(), TrainingSession::DataChange::Restart);
    QTRY_VERIFY_WITH_TIMEOUT(panel->infoText().contains("has no subfolders"), kWaitMs);
    QCOMPARE(window.session()->data()->classCount(), 3);
}

void DataTest::classPreviewHasARowPerClass()
{
    std::shared_ptr<DataSet> data = test::colorData(40, 10, 3, 16, 4);
    const QImage preview = classPreview(*data, 5, 30, QFont(), QPalette());
    QCOMPARE(preview.width(), 5 * 33 + 3);
    QVERIFY(preview.height() > 3 * 30);
    // The first image of class 0 is red in its middle.
    int first = 0;
    while (data->train.labels[size_t(first)] != 0)
        ++first;
    const QFontMetrics metrics{QFont()};
    const QColor centre = preview.pixelColor(3 + 15, 3 + metrics.height() + 2 + 15);
    QVERIFY2(centre.red() > 150 && centre.green() < 100, qPrintable(centre.name()));
}

void DataTest::downloadDialogShowsProgressAndPlacesTheDataSet()
{
    std::map<std::string, std::string> files;
    for (const char *stem : {"train", "t10k"}) {
        const std::uint32_t count = std::string(stem) == "train" ? 20 : 8;
        std::vector<std::uint8_t> pixels(count * 784, 3), labels(count);
        for (std::uint32_t i = 0; i < count; ++i)
            labels[i] = std::uint8_t(i % 10);
        files[std::string(stem) + "-images-idx3-ubyte.gz"] = test::gzipped(
            test::idxOf({count, 28, 28}, pixels));
        files[std::string(stem) + "-labels-idx1-ubyte.gz"] = test::gzipped(
            test::idxOf({count}, labels));
    }
    test::LoopbackServer server(files);
    DownloadManifest manifest{"mnist", {}, {}};
    for (const auto &[name, bytes] : files)
        manifest.files.push_back({name, std::int64_t(bytes.size()), md5Of(bytes)});
    DownloadSettings settings;
    settings.mirrors = {server.url("good")};
    settings.manifestMirrors = false;
    QTemporaryDir dir;
    const std::filesystem::path out = dir.path().toStdString() + "/mnist-full";
    DownloadDialog dialog(manifest, out, settings);
    QSignalSpy done(&dialog, &DownloadDialog::downloaded);
    dialog.show();
    dialog.start();
    QVERIFY(dialog.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kWaitMs);
    QCOMPARE(done.first().first().toString(), QString("mnist-full"));
    QCOMPARE(dialog.percent(), 100);
    QVERIFY(dialog.statusText().contains("is ready"));
    Expected<DataSet> data = loadDataSet(out.string());
    QVERIFY(data.ok());
    QCOMPARE(data->train.count(), 20);
}

void DataTest::downloadDialogSaysWhyAndCanBeCancelled()
{
    const std::string bytes(3000, 'x');
    test::LoopbackServer server({{"cifar-10-binary.tar.gz", bytes}});
    DownloadManifest manifest{"cifar10", {}, {{"cifar-10-binary.tar.gz", 3000, md5Of(bytes)}}};
    DownloadSettings missing;
    missing.mirrors = {server.url("missing")};
    missing.manifestMirrors = false;
    QTemporaryDir dir;
    const std::filesystem::path out = dir.path().toStdString() + "/cifar10";
    {
        DownloadDialog dialog(manifest, out, missing);
        dialog.show();
        dialog.start();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), kWaitMs);
        QVERIFY2(dialog.statusText().contains("404"), qPrintable(dialog.statusText()));
        QVERIFY(dialog.findChild<QPushButton *>()->isVisible());
    }
    DownloadSettings slow = missing;
    slow.mirrors = {server.url("slow")};
    DownloadDialog dialog(manifest, out, slow);
    dialog.show();
    dialog.start();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.percent() > 0, kWaitMs);
    dialog.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), kWaitMs);
    QVERIFY2(dialog.statusText().contains("cancelled"), qPrintable(dialog.statusText()));
    QVERIFY(!std::filesystem::exists(out));
}

void DataTest::aModelOfOtherClassesSetsMnistAside()
{
    QTemporaryDir dir;
    writeFolder(dir.path(), 5);
    Expected<DataSet> data = loadDataSet(dir.path().toStdString());
    QVERIFY(data.ok());
    Expected<Network> network = Network::create(withClasses(*parseArchitecture("tiny"), 3),
                                                data->inputShape(), 3);
    QVERIFY(network.ok());
    network->initialize(2);
    const QString path = dir.filePath("fruit.csm");
    ModelMetadata meta;
    meta.dataset = dir.path().toStdString();
    meta.labels = data->classNames;
    QVERIFY(saveModel(path.toStdString(), *network, {}, meta).ok());

    MainWindow window;
    window.show();
    window.session()->setData(test::barsData(50, 20, 1));
    Answering yes(QMessageBox::Yes);
    QSignalSpy loaded(window.networkPage()->dataPanel(), &DataPanel::dataLoaded);
    QVERIFY(window.trainingPage()->loadModelFile(path, false));
    QCOMPARE(window.session()->viewer().classes(), 3);
    QVERIFY(!yes.asked.isEmpty());
    QVERIFY2(yes.asked.last().contains("was set aside"), qPrintable(yes.asked.last()));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kWaitMs);
    QCOMPARE(window.session()->data()->classCount(), 3);
    QCOMPARE(window.session()->data()->inputShape(), data->inputShape());
    QCOMPARE(window.session()->classNames(), (QStringList{"apple", "banana", "carrot"}));
    QVERIFY(window.session()->loadedModel().has_value());
    QVERIFY(!window.session()->dataMismatch());
}

} // namespace convscope::ui

QTEST_MAIN(convscope::ui::DataTest)
#include "data_test.moc"
