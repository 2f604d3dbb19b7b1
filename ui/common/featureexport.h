#pragma once

#include "core/explorer/colormap.h"
#include "core/tensor.h"

#include <QImage>
#include <QList>
#include <QString>

#include <utility>
#include <vector>

namespace convscope::ui {

// Feature maps as they are on screen, ready to leave the program.
struct FeatureMaps
{
    const Tensor *values = nullptr; // 1×C×H×W
    QList<QImage> tiles;            // one coloured image per channel
    Colormap colormap = Colormap::Gray;
    ValueRange range;
    QString stem; // "camera_sobel-x_k3_s2_p1_d1"
    std::vector<std::pair<std::string, std::string>> settings;
};

struct ExportChoice
{
    int channel = -1; // −1: every channel on one picture, side by side
    int factor = 1;   // every pixel a factor×factor square
    bool colorBar = false;
    bool numbers = false; // each cell's value in it, once cells are kNumbersFromPixels wide
};

// The picture of an export: the maps (nearest-neighbour enlarged, with their numbers for a
// worked example), with the colour bar beside at the map's height and labels a slide can show.
QImage exportImage(const FeatureMaps &maps, const ExportChoice &choice);

// Writes atomically; PNGs carry the settings as text chunks, a .npy gets a sidecar
// "<file>.txt". An error message on failure, empty on success.
QString writeExportPng(const QString &path, const FeatureMaps &maps, const ExportChoice &choice);
QString writeExportNpy(const QString &path, const FeatureMaps &maps, int channel);
// stem_c0.png, stem_c1.png, …, stem.npy and stem.txt into folder; written is the file count.
QString writeAllChannels(const QString &folder, const FeatureMaps &maps, const ExportChoice &choice,
                         int *written);

} // namespace convscope::ui
