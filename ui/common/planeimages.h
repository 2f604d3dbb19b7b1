#pragma once

#include "core/explorer/colormap.h"
#include "core/nn/dataset.h"
#include "core/tensor.h"

#include <QImage>
#include <QList>

namespace convscope::ui {

// Pictures of tensor planes. QImage, not QPixmap, so that workers can make them.

// One image per channel of image n, coloured over a shared range.
QList<QImage> colorPlanes(const Tensor &tensor, const ValueRange &range, Colormap colormap,
                          int n = 0);

// A layer's output for drawing: the first image's maps stay 1×C×H×W, a vector of units
// (C×1×1) becomes one 1×1×1×C strip.
Tensor drawableMaps(const Tensor &activation);

// An image in [0, 1] as it looks: 1 channel grey, 3 channels RGB (values clipped).
QImage naturalImage(const Tensor &tensor, int n = 0);
// Image `index` of a data set's split as it looks, at its own size.
QImage setImage(const ImageSet &set, int index);
// A picture as a 1×C×H×W tensor in [0, 1]: C = 3 in RGB order, or 1 weighed as
// core/io/image_io does (0.299 R + 0.587 G + 0.114 B).
Tensor imageTensor(const QImage &image, int channels);
// A camera frame made small enough to run several times a second: at most kFrameSide pixels
// on its longer side (a recipe resizes it again for the network).
constexpr int kFrameSide = 320;
QImage reducedFrame(const QImage &frame);

// Tiles laid out on one picture, row-major, with a gap, for export.
QImage tileGrid(const QList<QImage> &tiles, int columns, int gap, QColor background);

// Every pixel a factor×factor square, so that feature maps stay crisp on slides.
QImage enlarged(const QImage &image, int factor);

// A value as a cell of `cell` pixels shows it: whole numbers whole, others with 1 or 2
// decimals, the colour bar's minus sign, and 0.0 rather than −0.0.
QString cellText(float value, double cell);
// Whether a colour is dark enough for white text.
bool isDark(QRgb colour);

// The enlarged tile with each cell's value written in it, dark or light on its colour; cells
// must be at least kNumbersFromPixels wide.
constexpr int kNumbersFromPixels = 24;
QImage withNumbers(const QImage &enlargedTile, const Tensor &values, int channel, int factor);

} // namespace convscope::ui
