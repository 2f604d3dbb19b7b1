#pragma once

#include "core/explorer/colormap.h"
#include "core/explorer/conv_explorer.h"

#include <QImage>
#include <QList>

#include <memory>

namespace convscope::ui {

// One update of the convolution page: the input it was computed on, the setup, the outcome and
// its pictures. Immutable once made, so the GUI can draw it while the next one is computed.
struct ConvResult
{
    std::shared_ptr<const Tensor> input;
    ConvSetup setup;
    ConvOutcome outcome;
    QList<QImage> tiles;
    Colormap colormap = Colormap::Diverging;
    ValueRange range;
    double milliseconds = 0; // compute + colouring
};

// The feature maps of a result, as a pointer that shares the result's ownership (shared_ptr's
// aliasing constructor): a view or the Pooling page that holds the maps keeps the whole result
// alive, so a newer result can replace it on the page without pulling the maps from under them.
std::shared_ptr<const Tensor> outputOf(const std::shared_ptr<const ConvResult> &result);

// The page's compute path, run off the GUI thread on every change (and timed by
// bench/explorer_bench): convolve, find the value range, colour every output channel.
Expected<std::shared_ptr<const ConvResult>> computeConvResult(std::shared_ptr<const Tensor> input,
                                                              const ConvSetup &setup,
                                                              Colormap colormap, ValueScale scale);

} // namespace convscope::ui
