#pragma once

#include "core/explorer/colormap.h"
#include "core/tensor.h"

#include <QImage>

#include <utility>

namespace convscope::ui {

// What the Inspect page draws of a network's maps and filters. QImage, not QPixmap, so that a
// worker could make them too.

// Channel c of a 1×C×H×W tensor as 1×1×H×W.
Tensor channelPlane(const Tensor &maps, int channel);

// Signed maps (before a ReLU) in blue and red about 0; non-negative ones in viridis.
std::pair<Colormap, ValueRange> mapScale(const Tensor &maps);

// Filter k of K×C×H×W as the lecture's figure draws AlexNet's: R, G, B from channels 0, 1, 2 (a
// one-channel filter in grey), stretched over the filter's own range, so that an edge of weak
// weights shows as well as a strong one.
QImage filterTile(const Tensor &filters, int k);

// 1×K×H×W: each filter's mean over its channels, the number a tile's cell stands for.
Tensor filterMeans(const Tensor &filters);

// Every filter's tile enlarged to about 48 pixels, in a near-square grid on white.
QImage filterGrid(const Tensor &filters);

} // namespace convscope::ui
