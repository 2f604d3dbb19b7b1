#include "ui/explorer/convresult.h"

#include "ui/common/planeimages.h"

#include <QElapsedTimer>

namespace convscope::ui {

std::shared_ptr<const Tensor> outputOf(const std::shared_ptr<const ConvResult> &result)
{
    return {result, &result->outcome.output};
}

Expected<std::shared_ptr<const ConvResult>> computeConvResult(std::shared_ptr<const Tensor> input,
                                                              const ConvSetup &setup,
                                                              Colormap colormap, ValueScale scale)
{
    QElapsedTimer clock;
    clock.start();
    auto result = std::make_shared<ConvResult>();
    Expected<void> done = computeConvolution(*input, setup, result->outcome);
    if (!done)
        return done.error();
    result->input = std::move(input);
    result->setup = setup;
    result->colormap = colormap;
    result->range = valueRange(result->outcome.output.values(), scale);
    result->tiles = colorPlanes(result->outcome.output, result->range, colormap);
    result->milliseconds = double(clock.nsecsElapsed()) / 1e6;
    return std::shared_ptr<const ConvResult>(std::move(result));
}

} // namespace convscope::ui
