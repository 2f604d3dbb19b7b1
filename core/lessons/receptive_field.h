#pragma once

#include "core/expected.h"
#include "core/nn/network.h"

#include <string>
#include <vector>

namespace convscope {

// The lecture's receptive field of one unit, two ways: the theoretical field that the geometry
// gives (the same numbers as `summary`), and the effective field, the magnitude of the unit's
// gradient with respect to every input pixel, which is smaller and weighted to the centre.

// A unit of a layer: the row of the network's table, and the channel and position in that
// row's output (0-based).
struct Unit
{
    int row = 0;
    int channel = 0;
    int y = 0;
    int x = 0;
};

// The input pixels a unit's window covers, in input coordinates: it may reach into the
// padding (negative, or past the image).
struct FieldRect
{
    std::int64_t top = 0;
    std::int64_t left = 0;
    std::int64_t height = 1;
    std::int64_t width = 1;
};

// start + y·jump, size: for a row after which the map is 1×1 (flatten, dense, gap), the
// whole field of the row.
FieldRect theoreticalField(const LayerDescription &row, int y, int x);

// |∂ unit / ∂ pixel| summed over the input's channels: a 1×1×H×W map for the 1×C×H×W input.
// The network's parameters' gradients are overwritten; run it on a copy of a trained network.
Expected<Tensor> effectiveField(Network &network, const Tensor &input, const Unit &unit);

// Where the effective field's weight lies: its centre of mass, and the smallest square of
// whole pixels over the centre's pixel that holds `share` of the whole (side 0 for a field
// with no weight).
struct EffectiveExtent
{
    double centreY = 0;
    double centreX = 0;
    int side = 0;
    int top = 0; // of the square
    int left = 0;
};
EffectiveExtent effectiveExtent(const Tensor &field, double share = 0.9);

// One step of the field's growth, from the input to a row: the rule written with the
// network's numbers, as the lecture's slide works it by hand.
struct FieldStep
{
    int row = 0; // of the table
    std::string layer;
    FieldAxis before; // the field of the row's input, along the height
    FieldAxis after;
    std::string rule; // "r = 10 + 1·(5−1)·1 = 14, j = 1·1 = 1"
};

// Every row up to `row` on the way to it (a block's rows included), with its rule.
std::vector<FieldStep> fieldSteps(const std::vector<LayerDescription> &rows, int row);

// The layers before the first top-level flatten: every unit after it sees the whole image, so
// the fields are the feature maps', and AlexNet's or VGG's trunk is built without the 100 M
// parameters of their dense layers.
Architecture featureTrunk(const Architecture &architecture);

// A 1×C×H×W input for a network of another shape than the digits' from a photo in [0, 1]: the
// largest centred crop of the input's aspect, resized, grey for one channel, RGB for three,
// the grey repeated for any other count.
Tensor photoInput(const Tensor &photo, const Shape &input);

} // namespace convscope
