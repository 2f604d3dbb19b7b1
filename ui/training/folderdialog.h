#pragma once

#include "core/nn/dataset.h"
#include "core/nn/image_folder.h"

#include <QDialog>

class QComboBox;
class QSpinBox;

namespace convscope::ui {

// Asks how a folder of pictures becomes a data set: the classes it found (one subfolder each,
// with its number of files), the side the pictures are made and their colour.
class FolderDialog : public QDialog
{
    Q_OBJECT

public:
    FolderDialog(const QString &folder, const FolderClasses &classes, const FolderOptions &defaults,
                 QWidget *parent = nullptr);

    FolderOptions options() const;
    QSpinBox *sizeBox() const { return m_size; }
    QComboBox *colorBox() const { return m_color; }

private:
    FolderOptions m_defaults;
    QSpinBox *m_size;
    QComboBox *m_color;
};

} // namespace convscope::ui
