#pragma once

#include "core/expected.h"
#include "core/io/image_io.h"
#include "core/tensor.h"

#include <QString>
#include <QWidget>

class QComboBox;
class QSettings;

namespace convscope::ui {

// An input image as the explorer holds it: decoded at its colour mode, no larger than
// kMaxWorkingSide across, with what was done to it.
struct SourceImage
{
    Tensor pixels; // 1×C×H×W in [0, 1]
    QString name;  // "camera", the file's base name
    QString note;  // "downscaled from 6000×4000", or empty
};

constexpr int kMaxWorkingSide = 2048;

// Reads a file or a compiled-in sample (":/samples/…"): an image, or a .npy of shape (H, W),
// (C, H, W) or (1, C, H, W) with 1 or 3 channels. Safe to call off the GUI thread.
Expected<SourceImage> loadSourceImage(const QString &path, ColorMode mode);

// The image fitted to a teaching size (its longer side becomes side pixels; 0 keeps it).
Tensor teachingSized(const Tensor &image, int side);

// Where the input comes from: a built-in sample or a file, its teaching size and colour.
class InputPicker : public QWidget
{
    Q_OBJECT

public:
    explicit InputPicker(QWidget *parent = nullptr);

    QString source() const { return m_source; }
    // What the Image box reads: a sample's title or a file's name.
    QString shownName() const;
    int teachingSide() const;
    ColorMode colorMode() const;

    // Selects a sample or a file and asks for it to be loaded (sourceChanged).
    void setSource(const QString &path);
    // Selects it without loading: the box goes back to the input on screen when another
    // could not be opened.
    void showSource(const QString &path);
    void setTeachingSide(int side);
    void setColorMode(ColorMode mode);

    void save(QSettings &settings) const;
    void restore(const QSettings &settings);

signals:
    void sourceChanged(); // the file, sample or colour mode
    void sizeChanged();
    void openRequested();

private:
    QComboBox *m_sample;
    QComboBox *m_size;
    QComboBox *m_color;
    QString m_source;
};

} // namespace convscope::ui
