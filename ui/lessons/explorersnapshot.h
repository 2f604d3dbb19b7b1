#pragma once

#include "core/ops/conv2d.h"
#include "core/tensor.h"

#include <QString>

#include <memory>
#include <vector>

namespace convscope::ui {

// What the Convolution page convolves now, copied: its image, its filters as conv2d takes them
// and its options. The lecture pages draw this, never the page's own state; the shell hands it
// to them.
struct ExplorerSnapshot
{
    std::shared_ptr<const Tensor> image; // 1×C×H×W in [0, 1]; null before the first result
    Tensor weights;                      // F×(C/groups)×KH×KW
    std::vector<float> bias;
    ConvOptions options;
    QString problem; // why the page's setting does not convolve, or empty
};

} // namespace convscope::ui
