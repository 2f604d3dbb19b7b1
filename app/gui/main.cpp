#include "ui/allocator.h"
#include "ui/explorer/convolutionpage.h"
#include "ui/mainwindow.h"
#include "ui/training/networkpage.h"
#include "ui/training/trainingpage.h"
#include "ui/training/trainingsession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSettings>
#include <QTimer>

#include <cstdio>

namespace {

constexpr int kSettleTimeoutMs = 30000;
constexpr int kTrainingTimeoutMs = 600000;
constexpr int kPollMs = 20;

bool parseSize(const QString &text, int *width, int *height)
{
    const QStringList dims = text.split('x');
    bool wideOk = false, highOk = false;
    *width = dims.value(0).toInt(&wideOk);
    *height = dims.value(1).toInt(&highOk);
    return dims.size() == 2 && wideOk && highOk && *width >= 320 && *height >= 240 && *width <= 7680
           && *height <= 4320;
}

// A preset or a spec goes to the Network page, a file is loaded as a trained model.
bool applyModel(convscope::ui::MainWindow &window, const QString &model)
{
    if (QFileInfo(model).isFile()) {
        convscope::Expected<void> loaded = window.session()->loadModel(model);
        if (!loaded)
            std::fprintf(stderr, "convscope: --model: %s\n", loaded.error().message.c_str());
        return loaded.ok();
    }
    if (!window.networkPage()->setSpec(model)) {
        std::fprintf(stderr,
                     "convscope: --model '%s': not a file, a preset (lenet5, tiny, mlp) or a "
                     "spec the parser reads\n",
                     qPrintable(model));
        return false;
    }
    if (!window.networkPage()->problem().isEmpty()) {
        std::fprintf(stderr, "convscope: --model: %s\n",
                     qPrintable(window.networkPage()->problem()));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    convscope::ui::keepLargeAllocationsMapped();
    QApplication app(argc, argv);
    QApplication::setApplicationName("ConvScope");
    QApplication::setOrganizationName("ConvScope");
    QApplication::setApplicationVersion(CONVSCOPE_VERSION);

    QCommandLineParser parser;
    parser.setApplicationDescription("A desktop lab for seeing how convolutional neural "
                                     "networks work.");
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption page("page",
                                  "Start on PAGE: convolution, pooling, network, training or "
                                  "samples.",
                                  "PAGE");
    const QCommandLineOption image("image",
                                   "Open FILE (an image or a .npy) on the Convolution "
                                   "page.",
                                   "FILE");
    const QCommandLineOption screenshot("screenshot",
                                        "Render the first complete window into FILE (PNG) and "
                                        "exit; settings are neither read nor written.",
                                        "FILE");
    const QCommandLineOption size("size", "Window size, 1280x800 by default.", "WxH", "1280x800");
    const QCommandLineOption data("data", "Train on DIR (four IDX files), mnist or fashion.",
                                  "DATA");
    const QCommandLineOption model("model",
                                   "The network: a preset (lenet5, tiny, mlp), a spec, or a "
                                   "model file (.csm).",
                                   "MODEL");
    const QCommandLineOption autostart("autostart",
                                       "Start training as soon as the data is loaded.");
    const QCommandLineOption afterSteps("screenshot-after-steps",
                                        "With --screenshot: train N steps first (implies "
                                        "--autostart), then save the window and exit.",
                                        "N");
    const QCommandLineOption tab("tab", "On the Training page, show TAB: live, evaluation or draw.",
                                 "TAB");
    parser.addOptions({page, image, screenshot, size, data, model, autostart, afterSteps, tab});
    parser.process(app);

    int width = 0, height = 0;
    if (!parseSize(parser.value(size), &width, &height)) {
        std::fprintf(stderr, "convscope: --size '%s': write WxH, from 320x240 to 7680x4320\n",
                     qPrintable(parser.value(size)));
        return 2;
    }
    const bool capture = parser.isSet(screenshot);
    convscope::ui::MainWindow window;
    window.resize(width, height);
    if (!capture) {
        QSettings settings;
        window.restoreSettings(settings);
        window.setPersistent(true);
    }
    if (parser.isSet(page) && !window.showPage(parser.value(page))) {
        std::fprintf(stderr,
                     "convscope: --page '%s': choose convolution, pooling, network, training or "
                     "samples\n",
                     qPrintable(parser.value(page)));
        return 2;
    }
    if (parser.isSet(tab)) {
        const QString key = parser.value(tab);
        if (key != "live" && key != "evaluation" && key != "draw") {
            std::fprintf(stderr, "convscope: --tab '%s': choose live, evaluation or draw\n",
                         qPrintable(key));
            return 2;
        }
        window.trainingPage()->showTab(key);
    }
    long long steps = 0;
    if (parser.isSet(afterSteps)) {
        bool ok = false;
        steps = parser.value(afterSteps).toLongLong(&ok);
        if (!ok || steps < 1 || !capture) {
            std::fprintf(stderr,
                         "convscope: --screenshot-after-steps '%s': give a number of "
                         "steps from 1, with --screenshot FILE\n",
                         qPrintable(parser.value(afterSteps)));
            return 2;
        }
    }
    if (parser.isSet(image))
        window.convolutionPage()->openImage(parser.value(image));
    if (parser.isSet(model) && !applyModel(window, parser.value(model)))
        return 1;
    const bool train = parser.isSet(autostart) || steps > 0;
    bool dataFailed = false;
    QObject::connect(window.networkPage(), &convscope::ui::NetworkPage::dataLoaded, &window,
                     [&window, train] {
                         if (train)
                             window.trainingPage()->start();
                     });
    // The data set of the last session (the prepared MNIST digits at first) unless told
    // otherwise; a missing set is said on the Network page.
    window.networkPage()->loadData(parser.isSet(data) ? parser.value(data)
                                                      : window.networkPage()->dataSource());
    window.show();
    if (capture) {
        // The first complete state: images loaded and feature maps computed off the GUI
        // thread (and, with --screenshot-after-steps, that many steps trained); polled, so that
        // a slow machine only waits longer.
        auto *poll = new QTimer(&window);
        auto *clock = new QElapsedTimer;
        clock->start();
        const int timeoutMs = steps > 0 ? kTrainingTimeoutMs : kSettleTimeoutMs;
        QObject::connect(poll, &QTimer::timeout, &window, [&, poll, clock] {
            convscope::ui::TrainingSession *session = window.session();
            const bool trained = steps == 0 || session->stepCount() >= steps
                                 || (session->stepCount() > 0 && !session->isActive());
            if (steps > 0 && !session->data() && window.networkPage()->isIdle())
                dataFailed = true;
            if (trained && session->state() == convscope::TrainerState::Running)
                session->pause();
            const bool settled = (trained || dataFailed) && window.isSettled()
                                 && session->state() != convscope::TrainerState::Running;
            if (!settled && clock->elapsed() < timeoutMs)
                return;
            poll->stop();
            delete clock;
            QString error;
            const bool saved = window.saveScreenshot(parser.value(screenshot), &error);
            if (!saved)
                std::fprintf(stderr, "convscope: %s\n", qPrintable(error));
            QString message = window.convolutionPage()->messageText();
            if (dataFailed)
                message = window.networkPage()->dataText();
            if (!message.isEmpty())
                std::fprintf(stderr, "convscope: %s\n", qPrintable(message));
            QApplication::exit(saved && settled && message.isEmpty() ? 0 : 1);
        });
        poll->start(kPollMs);
    }
    return QApplication::exec();
}
