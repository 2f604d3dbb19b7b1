// The Inspect page: a model from PyTorch on a picture, read and run off the GUI thread; what it
// shows agrees with PyTorch and with the core, follows every change of model, picture, recipe
// and labels, is cleared when a model cannot be read, and leaves as PNG and .npy.
#include "core/io/npy.h"
#include "core/nn/model_file.h"
#include "ui/common/tensorview.h"
#include "ui/lessons/inspectpage.h"
#include "ui/mainwindow.h"

#include <QFile>
#include <QImage>
#include <QListWidget>
#include <QProcess>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

namespace convscope::ui {

namespace {

QString fixture(const QString &name)
{
    return QString(CONVSCOPE_ROOT) + "/tests/data/onnx/" + name;
}

const char *const kImagenetOn32 = "crop resize 32 rgb mean 0.485,0.456,0.406 std 0.229,0.224,0.225";

NpyArray npyFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return parseNpy(file.readAll().toStdString(), path.toStdString()).value();
}

} // namespace

class InspectTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("ConvScopeInspectTest");
        QSettings().clear();
    }

    // PyTorch's probabilities for the fixture's picture through the recipe, named by the labels
    // file; the maps of every layer and the first filters; the work is done off the GUI thread.
    void aPhotoModelFromPyTorchAgreesAndShowsEveryLayer()
    {
        InspectPage page;
        QVERIFY(page.openPicture(fixture("photo.picture.npy")));
        page.openModel(fixture("photo.onnx"));
        QVERIFY(!page.isIdle()); // the worker has it; the window goes on
        page.waitForDone();
        QVERIFY(page.outcome() && page.outcome()->inspection.ok());
        QCOMPARE(page.recipeText(), QString("crop rgb mean 0 std 1")); // 12 classes: no guess
        QVERIFY(page.setRecipe(kImagenetOn32));
        QVERIFY(page.loadLabels(fixture("photo.labels.txt")));
        page.waitForDone();
        const Inspection &seen = *page.outcome()->inspection;
        const NpyArray torch = npyFile(fixture("photo.output.npy"));
        QCOMPARE(int(seen.top.size()), 5);
        float previous = 1.0f;
        for (const Prediction &p : seen.top) {
            QVERIFY(std::abs(p.probability - torch.values[size_t(p.index)]) < 1e-5f);
            QVERIFY(p.probability <= previous);
            previous = p.probability;
            QVERIFY(std::count_if(torch.values.begin(), torch.values.end(),
                                  [&](float v) { return v > p.probability + 1e-6f; })
                    < 5);
        }
        const QStringList top = page.topTexts();
        QCOMPARE(top.size(), 5);
        const char *names[] = {"apple", "banana", "carrot",    "dog", "egg",  "fig",
                               "grape", "ham",    "ice cream", "jam", "kiwi", "lemon"};
        QVERIFY2(top[0].startsWith(names[seen.top[0].index]), qPrintable(top[0]));
        QVERIFY(page.timeText().contains("Forward pass"));
        QVERIFY(page.timeText().contains("parameters"));

        // Every row listed; the first is conv1's 8 maps, the 4th (maxpool) 8 of 16×16.
        QCOMPARE(page.layerList()->count(), int(seen.rows.size()));
        QCOMPARE(page.mapsView()->tileCount(), 8);
        QCOMPARE(page.mapsView()->values()->shape(), (Shape{1, 8, 32, 32}));
        page.selectLayer(3);
        QCOMPARE(page.selectedLayer(), 3);
        QCOMPARE(page.mapsView()->values()->shape(), (Shape{1, 8, 16, 16}));
        QCOMPARE(page.mapsView()->values()->values(), seen.maps[3].values());
        // A click enlarges one channel, with its own values.
        emit page.mapsView()->tileClicked(5);
        QCOMPARE(page.selectedChannel(), 5);
        const Tensor &channel = *page.channelView()->values();
        QCOMPARE(channel.shape(), (Shape{1, 1, 16, 16}));
        QCOMPARE(channel.at(0, 0, 7, 9), seen.maps[3].at(0, 5, 7, 9));
        // The last row, the 12 logits, as a strip.
        page.selectLayer(page.layerList()->count() - 1);
        QCOMPARE(page.mapsView()->values()->shape(), (Shape{1, 1, 1, 12}));
        // The first filters in colour, one tile each.
        QCOMPARE(page.filtersView()->tileCount(), 8);
        QCOMPARE(seen.firstFilters.shape(), (Shape{8, 3, 3, 3}));

        QTemporaryDir dir;
        QVERIFY(page.exportMaps(dir.filePath("logits.npy")).isEmpty());
        QCOMPARE(npyFile(dir.filePath("logits.npy")).shape, (std::vector<std::int64_t>{1, 1, 12}));
        page.selectLayer(0);
        QVERIFY(page.exportMaps(dir.filePath("conv1.png")).isEmpty());
        const QImage conv1(dir.filePath("conv1.png"));
        QVERIFY(conv1.width() * conv1.height() >= 8 * 32 * 32); // all 8 maps
        QVERIFY(page.exportMaps(dir.filePath("conv1-c2.npy"), 2).isEmpty());
        const NpyArray one = npyFile(dir.filePath("conv1-c2.npy"));
        QCOMPARE(one.shape, (std::vector<std::int64_t>{1, 32, 32}));
        QCOMPARE(one.values[33], seen.maps[0].at(0, 2, 1, 1));
        QVERIFY(page.exportFilters(dir.filePath("filters.npy")).isEmpty());
        const NpyArray filters = npyFile(dir.filePath("filters.npy"));
        QCOMPARE(filters.shape, (std::vector<std::int64_t>{8, 3, 3, 3}));
        QCOMPARE(filters.values, seen.firstFilters.values());
        QVERIFY(page.exportFilters(dir.filePath("filters.png")).isEmpty());
        QVERIFY(!QImage(dir.filePath("filters.png")).isNull());
        QCOMPARE(page.exportStem("conv1"), QString("photo.picture_photo_conv1"));
        // The picture as the network sees it: 32×32 enlarged 7 times, its values in [0, 1].
        QVERIFY(page.exportInput(dir.filePath("input.png")).isEmpty());
        QCOMPARE(QImage(dir.filePath("input.png")).width(), 224);
        QVERIFY(page.exportInput(dir.filePath("input.npy")).isEmpty());
        const NpyArray input = npyFile(dir.filePath("input.npy"));
        QCOMPARE(input.shape, (std::vector<std::int64_t>{3, 32, 32}));
        QCOMPARE(input.values, seen.fitted.values());
    }

    // Each change is followed: another picture, another recipe, another model; a model that
    // cannot be read clears every view and says why; a recipe that does not fit is refused and
    // what was shown stays.
    void everyChangeIsFollowedAndAFailureClearsTheViews()
    {
        InspectPage page;
        QVERIFY(page.openPicture(fixture("photo.picture.npy")));
        page.openModel(fixture("photo.onnx"));
        page.waitForDone();
        const std::vector<float> before = page.outcome()->inspection->maps[0].values();

        QVERIFY(page.openPicture(QString(CONVSCOPE_ROOT) + "/resources/samples/coffee.png"));
        page.waitForDone();
        QVERIFY(page.outcome()->inspection->maps[0].values() != before);
        QCOMPARE(page.exportStem("x"), QString("coffee_photo_x"));

        QVERIFY(!page.setRecipe("crop resize 16"));
        QVERIFY(page.messageText().contains("resize 16 is smaller than the input 32×32"));
        QVERIFY(page.outcome()->inspection.ok());
        QVERIFY(!page.setRecipe("square"));
        QVERIFY(page.setRecipe("crop bgr"));
        page.waitForDone();
        QCOMPARE(page.recipeText(), QString("crop bgr mean 0 std 1"));
        // A BGR model's input is exported in RGB, as it is drawn.
        QTemporaryDir dir;
        QVERIFY(page.exportInput(dir.filePath("bgr.npy")).isEmpty());
        const NpyArray rgb = npyFile(dir.filePath("bgr.npy"));
        const Tensor &fitted = page.outcome()->inspection->fitted;
        QCOMPARE(rgb.values[0], fitted.at(0, 2, 0, 0));
        QCOMPARE(rgb.values[2 * 32 * 32 + 5], fitted.at(0, 0, 0, 5));

        page.selectLayer(4);
        page.openModel(fixture("lenet5.onnx"));
        page.waitForDone();
        QVERIFY(page.outcome()->inspection.ok());
        QCOMPARE(page.selectedLayer(), 0); // a new model starts at its first layer
        QCOMPARE(page.outcome()->inspection->fitted.shape(), (Shape{1, 1, 28, 28}));
        QCOMPARE(page.recipeText(), QString("digit mean 0 std 1"));
        QCOMPARE(page.mapsView()->values()->shape().c, 6);
        QCOMPARE(page.topTexts().size(), 5);
        QVERIFY(page.topTexts()[0].startsWith("class "));

        page.openModel(fixture("refused-operator.onnx"));
        page.waitForDone();
        QVERIFY(!page.outcome()->inspection.ok());
        QVERIFY(page.messageText().contains("(Elu) is not supported"));
        QCOMPARE(page.layerList()->count(), 0);
        QCOMPARE(page.mapsView()->tileCount(), 0);
        QCOMPARE(page.filtersView()->tileCount(), 0);
        QVERIFY(page.topTexts().isEmpty());
        QVERIFY(page.timeText().isEmpty());
        QVERIFY(!page.exportMaps("/nonexistent/x.png").isEmpty());

        QVERIFY(!page.openPicture(fixture("absent.png")));
        QVERIFY(!page.openPicture(fixture("photo.onnx")));
        QVERIFY(!page.messageText().isEmpty());
    }

    // Saved, the model keeps the recipe and labels chosen here; a foreign file gets them back
    // from the settings when it is opened again.
    void theRecipeAndLabelsAreKeptWithTheModel()
    {
        QTemporaryDir dir;
        const QString copy = dir.filePath("photo.onnx");
        QVERIFY(QFile::copy(fixture("photo.onnx"), copy));
        {
            InspectPage page;
            QVERIFY(page.openPicture(fixture("photo.picture.npy")));
            page.openModel(copy);
            page.waitForDone();
            QVERIFY(page.setRecipe(kImagenetOn32));
            QVERIFY(page.loadLabels(fixture("photo.labels.txt")));
            page.waitForDone();
            QVERIFY(page.saveModel(dir.filePath("photo.csm")));
            QVERIFY(page.saveModel(dir.filePath("again.onnx")));
            QVERIFY(!page.loadLabels(fixture("lenet5.input.npy")));
        }
        for (const char *name : {"photo.csm", "again.onnx"}) {
            const Expected<Model> model = loadModel(dir.filePath(name).toStdString());
            QVERIFY2(model.ok(), name);
            QCOMPARE(model->metadata.input, std::string(kImagenetOn32));
            QCOMPARE(model->metadata.labels.size(), size_t(12));
            QCOMPARE(model->metadata.labels[8], std::string("ice cream"));
        }
        InspectPage again;
        again.openModel(copy);
        again.waitForDone();
        QCOMPARE(again.recipeText(), QString(kImagenetOn32));
        QCOMPARE(again.outcome()->labels.size(), size_t(12));
    }

    // convscope --page inspect --model FILE --image FILE, and the window's menu entry.
    void theCommandLineOpensItAndTheShellListsIt()
    {
        MainWindow window;
        QVERIFY(window.showPage("inspect"));
        QTemporaryDir dir;
        const QString shot = dir.filePath("inspect.png");
        QProcess gui;
        gui.setProcessEnvironment([] {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("QT_QPA_PLATFORM", "offscreen");
            return env;
        }());
        gui.start(CONVSCOPE_GUI, {"--page", "inspect", "--model", fixture("photo.onnx"), "--image",
                                  fixture("photo.picture.npy"), "--screenshot", shot});
        QVERIFY(gui.waitForFinished(60000));
        QCOMPARE(gui.exitCode(), 0);
        QVERIFY(QImage(shot).width() > 0);
        gui.start(CONVSCOPE_GUI, {"--page", "inspect", "--model", fixture("photo.onnx"), "--image",
                                  dir.filePath("none.png"), "--screenshot", shot});
        QVERIFY(gui.waitForFinished(60000));
        QCOMPARE(gui.exitCode(), 1);
        QVERIFY(gui.readAllStandardError().contains("none.png"));
    }
};

} // namespace convscope::ui

QTEST_MAIN(convscope::ui::InspectTest)
#include "inspect_test.moc"
