#include "core/nn/architecture.h"
#include "ui/allocator.h"
#include "ui/common/camerabar.h"
#include "ui/common/language.h"
#include "ui/explorer/convolutionpage.h"
#include "ui/lessons/equivariancepage.h"
#include "ui/lessons/inspectpage.h"
#include "ui/lessons/quizpage.h"
#include "ui/lessons/receptivefieldpage.h"
#include "ui/mainwindow.h"
#include "ui/training/architecturespage.h"
#include "ui/training/datapanel.h"
#include "ui/training/drawpanel.h"
#include "ui/training/networkpage.h"
#include "ui/training/trainingpage.h"
#include "ui/training/trainingsession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <optional>

namespace {

using convscope::ui::MainWindow;

constexpr int kSettleTimeoutMs = 30000;
constexpr int kTrainingTimeoutMs = 600000;
constexpr int kPollMs = 20;

// What the command line asks for, checked before the window opens.
struct Options
{
    int width = 1280;
    int height = 800;
    QString page;
    QString tab;
    QString image;
    QString data; // empty: the data set of the last session
    QString model;
    QString video;       // a file played as the camera
    QString screenshot;  // empty: no screenshot, the settings are read and written
    long long steps = 0; // steps to train before the screenshot
    int seed = 0;        // the quiz's; 0: a seed of its own
    bool autostart = false;
    bool presentation = false;
    bool dark = false;
    QString language; // empty: the settings' choice, else the system's
};

void complain(const char *format, const QString &value)
{
    std::fprintf(stderr, format, qPrintable(value));
}

bool parseSize(const QString &text, int *width, int *height)
{
    const QStringList dims = text.split('x');
    bool wideOk = false, highOk = false;
    *width = dims.value(0).toInt(&wideOk);
    *height = dims.value(1).toInt(&highOk);
    return dims.size() == 2 && wideOk && highOk && *width >= 320 && *height >= 240 && *width <= 7680
           && *height <= 4320;
}

// Reads and checks the command line; --help and --version print and exit here.
std::optional<Options> parseOptions(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("A desktop lab for seeing how convolutional neural "
                                     "networks work.");
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption page("page",
                                  "Start on PAGE: convolution, pooling, network, training, "
                                  "architectures, receptive-field, equivariance, inspect, samples "
                                  "or quiz.",
                                  "PAGE");
    const QCommandLineOption image("image",
                                   "Open FILE (an image or a .npy) on the Convolution page; with "
                                   "--page inspect, the picture to run through the model.",
                                   "FILE");
    const QCommandLineOption screenshot("screenshot",
                                        "Render the first complete window into FILE (PNG) and "
                                        "exit; settings are neither read nor written.",
                                        "FILE");
    const QCommandLineOption size("size", "Window size, 1280x800 by default.", "WxH", "1280x800");
    const QCommandLineOption data("data",
                                  "Train on DIR (a folder of pictures with a subfolder per class, "
                                  "MNIST's IDX files or CIFAR-10's batches), mnist, fashion, "
                                  "mnist-full or cifar10.",
                                  "DATA");
    const QCommandLineOption
        model("model",
              "The network: a preset (lenet5, mini-resnet, …), a spec, or "
              "a model file (.csm); on the Architectures page, the network "
              "of the gallery to show or a model file to draw; on the Receptive Field page, a "
              "preset to draw with random weights; on the Inspect page, the "
              "model file (.csm or .onnx) to look into.",
              "MODEL");
    const QCommandLineOption autostart("autostart",
                                       "Start training as soon as the data is loaded.");
    const QCommandLineOption afterSteps("screenshot-after-steps",
                                        "With --screenshot: train N steps first (implies "
                                        "--autostart), then save the window and exit.",
                                        "N");
    const QCommandLineOption
        tab("tab", "On the Training page, show TAB: live, evaluation, draw or explain.", "TAB");
    const QCommandLineOption presentation("presentation",
                                          "Start in presentation mode (F5): everything larger.");
    const QCommandLineOption dark("dark", "Start in the dark theme (Ctrl+Shift+D).");
    const QCommandLineOption seed("seed",
                                  "The pop quiz's seed, 1 to 999999: the same questions for "
                                  "everyone who gives it.",
                                  "N");
    const QCommandLineOption video("video",
                                   "Play FILE in a loop as the camera of the Inspect page (with "
                                   "--page inspect) or of the Training page's Draw tab.",
                                   "FILE");
    const QCommandLineOption language("language",
                                      "The window's language: en or ko; by default the one chosen "
                                      "in View > Language, else the system's.",
                                      "CODE");
    parser.addOptions({page, image, screenshot, size, data, model, autostart, afterSteps, tab,
                       presentation, dark, seed, video, language});
    parser.process(app);

    Options options;
    if (!parseSize(parser.value(size), &options.width, &options.height)) {
        complain("convscope: --size '%s': write WxH, from 320x240 to 7680x4320\n",
                 parser.value(size));
        return std::nullopt;
    }
    options.tab = parser.value(tab);
    if (parser.isSet(tab) && options.tab != "live" && options.tab != "evaluation"
        && options.tab != "draw" && options.tab != "explain") {
        complain("convscope: --tab '%s': choose live, evaluation, draw or explain\n", options.tab);
        return std::nullopt;
    }
    options.screenshot = parser.value(screenshot);
    if (parser.isSet(afterSteps)) {
        bool ok = false;
        options.steps = parser.value(afterSteps).toLongLong(&ok);
        if (!ok || options.steps < 1 || options.screenshot.isEmpty()) {
            complain("convscope: --screenshot-after-steps '%s': give a number of steps from 1, "
                     "with --screenshot FILE\n",
                     parser.value(afterSteps));
            return std::nullopt;
        }
    }
    if (parser.isSet(seed)) {
        bool ok = false;
        options.seed = parser.value(seed).toInt(&ok);
        if (!ok || options.seed < 1 || options.seed > 999999) {
            complain("convscope: --seed '%s': give the quiz a number from 1 to 999999\n",
                     parser.value(seed));
            return std::nullopt;
        }
    }
    options.page = parser.value(page);
    options.image = parser.value(image);
    options.data = parser.value(data);
    options.model = parser.value(model);
    options.video = parser.value(video);
    options.autostart = parser.isSet(autostart) || options.steps > 0;
    options.presentation = parser.isSet(presentation);
    options.dark = parser.isSet(dark);
    options.language = parser.value(language);
    const QList<convscope::ui::Language> known = convscope::ui::languages();
    if (parser.isSet(language) && std::none_of(known.begin(), known.end(), [&](const auto &l) {
            return l.code == options.language;
        })) {
        complain("convscope: --language '%s': choose en or ko\n", options.language);
        return std::nullopt;
    }
    return options;
}

// A preset or a spec goes to the Network page, a file is loaded as a trained model.
bool applyModel(MainWindow &window, const QString &model)
{
    if (QFileInfo(model).isFile()) {
        convscope::Expected<void> loaded = window.session()->loadModel(model);
        if (!loaded)
            std::fprintf(stderr, "convscope: --model: %s\n", loaded.error().message.c_str());
        return loaded.ok();
    }
    if (const std::string refusal = convscope::trainingRefusal(model.toStdString());
        !refusal.empty()) {
        std::fprintf(stderr, "convscope: --model: %s\n", refusal.c_str());
        return false;
    }
    if (!window.networkPage()->setSpec(model)) {
        complain("convscope: --model '%s': not a file, a preset (lenet5, tiny, mlp, mini-vgg, "
                 "mini-inception, mini-resnet) or a spec the parser reads\n",
                 model);
        return false;
    }
    if (!window.networkPage()->problem().isEmpty()) {
        complain("convscope: --model: %s\n", window.networkPage()->problem());
        return false;
    }
    return true;
}

// Waits for the first complete state (images loaded and feature maps computed off the GUI
// thread and, with steps, that many steps trained), saves the window and ends the event loop
// with 0 when it saved a settled window that reports no problem. Polled, so that a slow
// machine only waits longer.
class ScreenshotHarness
{
public:
    ScreenshotHarness(MainWindow &window, QString path, long long steps)
        : m_window(window)
        , m_path(std::move(path))
        , m_steps(steps)
        , m_timeoutMs(steps > 0 ? kTrainingTimeoutMs : kSettleTimeoutMs)
    {
        m_clock.start();
        QObject::connect(&m_poll, &QTimer::timeout, &window, [this] { poll(); });
        m_poll.start(kPollMs);
    }

private:
    void poll()
    {
        convscope::ui::TrainingSession *session = m_window.session();
        const bool trained = m_steps == 0 || session->stepCount() >= m_steps
                             || (session->stepCount() > 0 && !session->isActive());
        const convscope::ui::DataPanel *data = m_window.networkPage()->dataPanel();
        if (m_steps > 0 && !session->data() && data->isIdle())
            m_dataFailed = true;
        if (trained && session->state() == convscope::TrainerState::Running)
            session->pause();
        const bool settled = (trained || m_dataFailed) && m_window.isSettled()
                             && session->state() != convscope::TrainerState::Running;
        if (!settled && m_clock.elapsed() < m_timeoutMs)
            return;
        m_poll.stop();
        QString error;
        const bool saved = m_window.saveScreenshot(m_path, &error);
        if (!saved)
            complain("convscope: %s\n", error);
        const QString message = m_dataFailed ? data->dataText()
                                             : m_window.convolutionPage()->messageText();
        if (!message.isEmpty())
            complain("convscope: %s\n", message);
        QApplication::exit(saved && settled && message.isEmpty() ? 0 : 1);
    }

    MainWindow &m_window;
    QString m_path;
    long long m_steps;
    int m_timeoutMs;
    QTimer m_poll;
    QElapsedTimer m_clock;
    bool m_dataFailed = false;
};

void nameApplication()
{
    QCoreApplication::setApplicationName("ConvScope");
    QCoreApplication::setOrganizationName("ConvScope");
    QCoreApplication::setApplicationVersion(CONVSCOPE_VERSION);
}

// --help and --version print without a display: a QApplication would first need one, and its
// platform plugin aborts where there is none (over ssh, in a build log).
bool asksOnlyToPrint(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray word(argv[i]);
        if (word == "-h" || word == "--help" || word == "-?" || word == "--help-all" || word == "-v"
            || word == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    if (asksOnlyToPrint(argc, argv)) {
        QCoreApplication printer(argc, argv);
        nameApplication();
        return parseOptions(printer) ? 0 : 2;
    }
    convscope::ui::keepLargeAllocationsMapped();
    QApplication app(argc, argv);
    nameApplication();
    const std::optional<Options> options = parseOptions(app);
    if (!options)
        return 2;

    const bool capture = !options->screenshot.isEmpty();
    // A screenshot reads no settings, so it shows the system's language unless told.
    const QString chosen = options->language.isEmpty() && !capture
                               ? QSettings().value(convscope::ui::kLanguageSetting).toString()
                               : options->language;
    convscope::ui::installLanguage(app, convscope::ui::resolveLanguage(chosen));
    MainWindow window;
    window.resize(options->width, options->height);
    if (!capture) {
        QSettings settings;
        window.restoreSettings(settings);
        window.setPersistent(true);
    }
    if (options->presentation)
        window.setPresentationMode(true);
    if (options->dark)
        window.setDarkTheme(true);
    if (!options->page.isEmpty() && !window.showPage(options->page)) {
        complain("convscope: --page '%s': choose convolution, pooling, network, training, "
                 "architectures, receptive-field, equivariance, inspect, samples or quiz\n",
                 options->page);
        return 2;
    }
    if (!options->tab.isEmpty())
        window.trainingPage()->showTab(options->tab);
    if (options->seed > 0)
        window.quizPage()->startQuiz(std::uint64_t(options->seed));
    const bool inspect = options->page == "inspect";
    if (!options->image.isEmpty() && !inspect)
        window.convolutionPage()->openImage(options->image);
    // The Inspect page runs any model on any picture, leaving the other pages alone.
    if (inspect && !options->image.isEmpty() && !window.inspectPage()->openPicture(options->image)) {
        complain("convscope: --image: %s\n", window.inspectPage()->messageText());
        return 1;
    }
    if (inspect && !options->model.isEmpty())
        window.inspectPage()->openModel(options->model);
    if (!options->video.isEmpty()) {
        convscope::ui::CameraBar *camera = inspect ? window.inspectPage()->camera()
                                                   : window.trainingPage()->drawPanel()->camera();
        if (!camera->startFile(options->video)) {
            complain("convscope: --video: %s\n", camera->statusText());
            return 1;
        }
    }
    // The Equivariance page shifts the image it was given, with the Convolution page's filters.
    if (!options->image.isEmpty() && options->page == "equivariance")
        window.equivariancePage()->setSource("explorer");
    // On the Architectures page, --model picks the network of the gallery to show; on the
    // Receptive Field page a preset to draw with random weights, of any input size.
    const bool architectures = options->page == "architectures";
    if (architectures && QFileInfo(options->model).isFile())
        window.architecturesPage()->openModelFile(options->model);
    const bool gallery = (architectures
                          && (QFileInfo(options->model).isFile()
                              || window.architecturesPage()->showNetwork(options->model)))
                         || (options->page == "receptive-field"
                             && window.receptiveFieldPage()->setNetwork(options->model));
    if (!gallery && !inspect && !options->model.isEmpty() && !applyModel(window, options->model))
        return 1;
    convscope::ui::DataPanel *data = window.networkPage()->dataPanel();
    if (options->autostart) {
        QObject::connect(data, &convscope::ui::DataPanel::dataLoaded, &window,
                         [&window] { window.trainingPage()->start(); });
    }
    // The data set of the last session (the prepared MNIST digits at first) unless told
    // otherwise; a missing set is said on the Network page.
    // A model file's weights stay on the data set: it was loaded to be looked at.
    const bool modelFile = !gallery && !inspect && QFileInfo(options->model).isFile();
    data->loadData(options->data.isEmpty() ? data->dataSource() : options->data,
                   modelFile ? convscope::ui::TrainingSession::DataChange::KeepWeights
                             : convscope::ui::TrainingSession::DataChange::Restart);
    window.show();
    std::optional<ScreenshotHarness> harness;
    if (capture)
        harness.emplace(window, options->screenshot, options->steps);
    return QApplication::exec();
}
