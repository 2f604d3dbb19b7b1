// The convolution page's compute path on every slider move (ui/convresult: convolve, value
// range, one coloured QImage per output channel), on a 512×512 RGB image with a K×K kernel,
// next to cv::filter2D on the same image. A 60 Hz frame is 16.7 ms. Wall-clock time: the
// convolution uses every core, as in the program.
#include "ui/allocator.h"
#include "ui/explorer/convresult.h"

#include <benchmark/benchmark.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <random>

namespace convscope::ui {
namespace {

std::shared_ptr<const Tensor> photo()
{
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> value(0.0f, 1.0f);
    auto image = std::make_shared<Tensor>(Shape{1, 3, 512, 512});
    for (float &v : image->values())
        v = value(rng);
    return image;
}

FilterSet randomFilters(int count, int channels, int k)
{
    std::mt19937 rng(2);
    std::uniform_real_distribution<float> value(-1.0f, 1.0f);
    FilterSet filters{Tensor(Shape{count, channels, k, k}), std::vector<float>(size_t(count)),
                      "random"};
    for (float &v : filters.weights.values())
        v = value(rng);
    return filters;
}

// args: kernel K, filters F, depthwise (0/1). Same padding, so the output stays 512×512.
void BM_ExplorerUpdate(benchmark::State &state)
{
    const int k = int(state.range(0));
    ConvSetup setup;
    setup.filters = randomFilters(int(state.range(1)), 3, k);
    setup.depthwise = state.range(2) != 0;
    setup.options.padding = PaddingSpec::mode(PaddingKind::Same);
    const std::shared_ptr<const Tensor> input = photo();
    for (auto _ : state) {
        auto result = computeConvResult(input, setup, Colormap::Diverging, ValueScale::MinMax);
        benchmark::DoNotOptimize(result->get());
    }
}
BENCHMARK(BM_ExplorerUpdate)
    ->ArgNames({"k", "filters", "depthwise"})
    ->ArgsProduct({{3, 5, 7, 9, 11}, {1}, {0, 1}})
    ->Args({3, 3, 0})
    ->Args({11, 4, 0})
    ->Args({11, 8, 0})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// OpenCV applies one K×K kernel to each of the 3 channels: the work of the depthwise update,
// without the value range and the colouring.
void BM_OpenCvFilter2D(benchmark::State &state)
{
    const int k = int(state.range(0));
    cv::setNumThreads(2);
    cv::Mat image(512, 512, CV_32FC3), kernel(k, k, CV_32F), out;
    cv::randu(image, 0.0f, 1.0f);
    cv::randu(kernel, -1.0f, 1.0f);
    for (auto _ : state) {
        cv::filter2D(image, out, -1, kernel, cv::Point(-1, -1), 0, cv::BORDER_CONSTANT);
        benchmark::DoNotOptimize(out.data);
    }
    cv::setNumThreads(-1);
}
BENCHMARK(BM_OpenCvFilter2D)
    ->ArgName("k")
    ->DenseRange(3, 11, 2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

} // namespace
} // namespace convscope::ui

// The allocator as the program sets it up (ui/allocator.h).
int main(int argc, char **argv)
{
    convscope::ui::keepLargeAllocationsMapped();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
