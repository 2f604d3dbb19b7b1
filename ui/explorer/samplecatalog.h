#pragma once

#include <QList>
#include <QString>

namespace convscope::ui {

// A built-in sample image, compiled into the program (resources/samples).
struct SampleInfo
{
    QString resource; // ":/samples/camera.png"
    QString title;
    QString credit;
    QString license;
};

const QList<SampleInfo> &sampleCatalog();

} // namespace convscope::ui
