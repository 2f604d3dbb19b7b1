#pragma once

#include "core/nn/architecture.h"
#include "core/nn/dataset.h"
#include "core/tensor.h"

#include <memory>
#include <vector>

namespace convscope::ui {

// What the Training page has now, copied: its network (with the images it takes and its
// classes), weights, data and pixel normalisation. The lecture pages draw this, never the
// network that trains; the shell hands it to them.
struct NetworkSnapshot
{
    Architecture architecture;
    std::vector<Tensor> weights;
    std::shared_ptr<const DataSet> data;
    PixelNormalization normalization;
    Shape input{1, 1, 28, 28};
    int classes = 10;
};

} // namespace convscope::ui
