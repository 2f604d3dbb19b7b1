#include "ui/allocator.h"
#include "ui/convolutionpage.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QSettings>
#include <QTimer>

#include <cstdio>

namespace {

constexpr int kSettleTimeoutMs = 30000;
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
    const QCommandLineOption page("page", "Start on PAGE: convolution, pooling or samples.", "PAGE");
    const QCommandLineOption image("image",
                                   "Open FILE (an image or a .npy) on the Convolution "
                                   "page.",
                                   "FILE");
    const QCommandLineOption screenshot("screenshot",
                                        "Render the first complete window into FILE (PNG) and "
                                        "exit; settings are neither read nor written.",
                                        "FILE");
    const QCommandLineOption size("size", "Window size, 1280x800 by default.", "WxH", "1280x800");
    parser.addOptions({page, image, screenshot, size});
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
        std::fprintf(stderr, "convscope: --page '%s': choose convolution, pooling or samples\n",
                     qPrintable(parser.value(page)));
        return 2;
    }
    if (parser.isSet(image))
        window.convolutionPage()->openImage(parser.value(image));
    window.show();
    if (capture) {
        // The first complete state: the image loaded and its feature maps computed off the GUI
        // thread; polled, so that a slow machine only waits longer.
        auto *poll = new QTimer(&window);
        auto *clock = new QElapsedTimer;
        clock->start();
        QObject::connect(poll, &QTimer::timeout, &window, [&, poll, clock] {
            const bool settled = window.isSettled();
            if (!settled && clock->elapsed() < kSettleTimeoutMs)
                return;
            poll->stop();
            delete clock;
            QString error;
            const bool saved = window.saveScreenshot(parser.value(screenshot), &error);
            if (!saved)
                std::fprintf(stderr, "convscope: %s\n", qPrintable(error));
            const QString message = window.convolutionPage()->messageText();
            if (!message.isEmpty())
                std::fprintf(stderr, "convscope: %s\n", qPrintable(message));
            QApplication::exit(saved && settled && message.isEmpty() ? 0 : 1);
        });
        poll->start(kPollMs);
    }
    return QApplication::exec();
}
