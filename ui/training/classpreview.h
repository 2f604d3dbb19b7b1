#pragma once

#include "core/nn/dataset.h"

#include <QDialog>
#include <QImage>

namespace convscope::ui {

// A row per class: its name and how many training and test images it has, then its first
// training images, enlarged to `cell` pixels.
QImage classPreview(const DataSet &data, int perClass, int cell, const QFont &font,
                    const QPalette &palette);

// The preview in a scrolling window (the Network page's "Classes…").
class ClassPreviewDialog : public QDialog
{
    Q_OBJECT

public:
    ClassPreviewDialog(const DataSet &data, QWidget *parent = nullptr);
};

} // namespace convscope::ui
