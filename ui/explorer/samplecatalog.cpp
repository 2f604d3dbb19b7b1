#include "ui/explorer/samplecatalog.h"

#include <QCoreApplication>

namespace convscope::ui {

const QList<SampleInfo> &sampleCatalog()
{
    static const QList<SampleInfo> samples = {
        {":/samples/camera.png", QCoreApplication::translate("Samples", "Camera"), "Lav Varshney",
         "CC0"},
        {":/samples/astronaut.png", QCoreApplication::translate("Samples", "Astronaut"),
         "NASA (Eileen Collins)", QCoreApplication::translate("Samples", "public domain")},
        {":/samples/coffee.png", QCoreApplication::translate("Samples", "Coffee"),
         "Rachel Michetti", "CC0"},
        {":/samples/chelsea.png", QCoreApplication::translate("Samples", "Chelsea the cat"),
         "Stefan van der Walt", "CC0"},
        {":/samples/digit-3.png", QCoreApplication::translate("Samples", "Handwritten 3"),
         "ConvScope", "CC0"},
        {":/samples/checkerboard.png", QCoreApplication::translate("Samples", "Checkerboard"),
         "ConvScope", "CC0"},
        {":/samples/pattern-7x7.png", QCoreApplication::translate("Samples", "Lecture 7×7"),
         "ConvScope", "CC0"},
        {":/samples/pattern-4x4.png", QCoreApplication::translate("Samples", "Lecture 4×4"),
         "ConvScope", "CC0"},
        {":/samples/binary-5x5.png", QCoreApplication::translate("Samples", "Binary cross 5×5"),
         "ConvScope", "CC0"},
    };
    return samples;
}

} // namespace convscope::ui
