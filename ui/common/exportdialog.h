#pragma once

#include "ui/common/featureexport.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace convscope::ui {

// File ▸ Export: which maps (all side by side, one channel, or every channel into a folder),
// PNG or .npy, the enlargement and the colour bar; then asks where and writes.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(const FeatureMaps &maps, const QString &folder, QWidget *parent = nullptr);

    // Where the last export went, for the next one's file dialog.
    QString lastFolder() const { return m_folder; }

private:
    void restoreChoices();
    void saveChoices() const;
    void updateSize();
    void exportNow();

    FeatureMaps m_maps;
    QString m_folder;
    QComboBox *m_what;
    QComboBox *m_format;
    QSpinBox *m_factor;
    QCheckBox *m_colorBar;
    QCheckBox *m_numbers;
    QLabel *m_size;
};

} // namespace convscope::ui
