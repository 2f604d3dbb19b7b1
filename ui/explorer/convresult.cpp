#include "ui/explorer/convresult.h"

#include "core/parallel.h"

#include <QElapsedTimer>

#include <vector>

namespace convscope::ui {

namespace {

// colorPlanes with the planes shared out over the cores: one after another, 8 maps of 512×512
// took 1.5 ms of the 18 a bank of 8 filters of 11×11 takes to update.
QList<QImage> colorPlanesOnEveryCore(const Tensor &maps, const ValueRange &range, Colormap colormap)
{
    const Shape &s = maps.shape();
    QList<QImage> planes;
    std::vector<std::uint32_t *> pixels;
    for (int c = 0; c < s.c; ++c) {
        planes.append(QImage(s.w, s.h, QImage::Format_RGB32));
        // RGB32 rows are exactly 4·W bytes, so the pixels are one run that colorize fills.
        pixels.push_back(reinterpret_cast<std::uint32_t *>(planes.back().bits()));
    }
    parallelFor(s.c, 1, [&](std::int64_t first, std::int64_t end) {
        for (std::int64_t c = first; c < end; ++c)
            colorize({maps.plane(0, int(c)), size_t(s.planeSize())}, range, colormap,
                     pixels[size_t(c)]);
    });
    return planes;
}

} // namespace

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
    result->tiles = colorPlanesOnEveryCore(result->outcome.output, result->range, colormap);
    result->milliseconds = double(clock.nsecsElapsed()) / 1e6;
    return std::shared_ptr<const ConvResult>(std::move(result));
}

} // namespace convscope::ui
