#pragma once

#include <QList>
#include <QString>

namespace convscope::ui {

// A network of the course's road from LeNet to ResNet, as the Architectures page shows it.
struct GalleryEntry
{
    QString preset; // core/nn's preset name
    QString year;
    QString idea; // what a teacher would say of it, in two or three sentences
};

const QList<GalleryEntry> &architectureGallery();

} // namespace convscope::ui
