#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName("ConvScope");
    QApplication::setOrganizationName("ConvScope");
    QApplication::setApplicationVersion(CONVSCOPE_VERSION);

    QCommandLineParser parser;
    parser.setApplicationDescription("A desktop lab for seeing how convolutional neural "
                                     "networks work.");
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot("screenshot",
                                        "Render the first complete window into FILE (PNG) and "
                                        "exit.",
                                        "FILE");
    const QCommandLineOption size("size", "Window size, 1280x800 by default.", "WxH", "1280x800");
    parser.addOptions({screenshot, size});
    parser.process(app);

    const QStringList dims = parser.value(size).split('x');
    bool wideOk = false, highOk = false;
    const int width = dims.value(0).toInt(&wideOk);
    const int height = dims.value(1).toInt(&highOk);
    if (dims.size() != 2 || !wideOk || !highOk || width < 320 || height < 240 || width > 7680
        || height > 4320) {
        std::fprintf(stderr, "convscope: --size '%s': write WxH, from 320x240 to 7680x4320\n",
                     qPrintable(parser.value(size)));
        return 2;
    }

    convscope::ui::MainWindow window;
    window.resize(width, height);
    window.show();
    if (parser.isSet(screenshot)) {
        // After the first round of events the layout is settled and queued replots are done.
        QTimer::singleShot(0, &window, [&] {
            QString error;
            const bool saved = window.saveScreenshot(parser.value(screenshot), &error);
            if (!saved)
                std::fprintf(stderr, "convscope: %s\n", qPrintable(error));
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return QApplication::exec();
}
