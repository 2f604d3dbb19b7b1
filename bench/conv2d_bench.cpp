// conv2d throughput (GFLOP/s, 2 FLOPs per multiply-add, wall-clock time: the fast path uses
// every core) of the fast path, the machine's single-precision GEMM through Eigen as built here
// (one thread), and the explorer's depthwise path next to cv::filter2D on the same image.
#include "core/ops/conv2d.h"

#include <Eigen/Core>
#include <benchmark/benchmark.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <random>

namespace convscope {
namespace {

Tensor randomTensor(Shape shape)
{
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> value(-1.0f, 1.0f);
    Tensor t(shape);
    for (float &v : t.values())
        v = value(rng);
    return t;
}

void runConv(benchmark::State &state, Shape input, Shape weight, ConvOptions options)
{
    const Tensor x = randomTensor(input), w = randomTensor(weight);
    const Tensor b = randomTensor(Shape{1, 1, 1, weight.n});
    Expected<Conv2dPlan> plan = planConv2d(input, weight, weight.n, options);
    if (!plan) {
        state.SkipWithError(plan.error().message.c_str());
        return;
    }
    Tensor y;
    for (auto _ : state) {
        conv2d(*plan, x, w, b.values(), y);
        benchmark::DoNotOptimize(y.data());
    }
    state.counters["GFLOP/s"] = benchmark::Counter(2e-9 * double(plan->multiplyAdds()),
                                                   benchmark::Counter::kIsIterationInvariantRate);
}

// 1×3×512×512 → 16 channels; args: kernel, stride, dilation. Padding keeps the output at
// ceil(512 / stride), as a network would.
// `filters` filters of K×K over 1×3×512×512 with stride S and dilation D (the state's args),
// padded to keep the output at ceil(512 / S).
void runOn512(benchmark::State &state, int filters)
{
    const int k = int(state.range(0)), s = int(state.range(1)), d = int(state.range(2));
    ConvOptions o;
    o.strideH = o.strideW = s;
    o.dilationH = o.dilationW = d;
    o.padding = PaddingSpec::mode(PaddingKind::Same);
    runConv(state, {1, 3, 512, 512}, {filters, 3, k, k}, o);
}

void BM_Conv2d512(benchmark::State &state)
{
    runOn512(state, 16);
}
BENCHMARK(BM_Conv2d512)
    ->ArgNames({"k", "s", "d"})
    ->ArgsProduct({{3, 7, 11}, {1, 2}, {1, 2}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_LeNetConv1Batch64(benchmark::State &state)
{
    ConvOptions o;
    o.padding = PaddingSpec::uniform(2);
    runConv(state, {64, 1, 28, 28}, {6, 1, 5, 5}, o);
}
BENCHMARK(BM_LeNetConv1Batch64)->UseRealTime()->Unit(benchmark::kMicrosecond);

void BM_LeNetConv2Batch64(benchmark::State &state)
{
    runConv(state, {64, 6, 14, 14}, {16, 6, 5, 5}, {});
}
BENCHMARK(BM_LeNetConv2Batch64)->UseRealTime()->Unit(benchmark::kMicrosecond);

void BM_EigenSgemm(benchmark::State &state)
{
    const Eigen::Index n = state.range(0);
    const Eigen::MatrixXf a = Eigen::MatrixXf::Random(n, n), b = Eigen::MatrixXf::Random(n, n);
    Eigen::MatrixXf c(n, n);
    for (auto _ : state) {
        c.noalias() = a * b;
        benchmark::DoNotOptimize(c.data());
    }
    state.counters["GFLOP/s"] = benchmark::Counter(2e-9 * double(n * n * n),
                                                   benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_EigenSgemm)->Arg(1024)->Unit(benchmark::kMillisecond);

// The explorer's path on every slider move: one K×K kernel on each channel of a 512×512 RGB
// image, same-size output, reflected border (OpenCV's default BORDER_REFLECT_101).
void BM_DepthwiseConvScope(benchmark::State &state)
{
    const int k = int(state.range(0));
    ConvOptions o;
    o.groups = 3;
    o.padding = PaddingSpec::mode(PaddingKind::Same);
    o.padMode = PadMode::Reflect;
    const Tensor x = randomTensor({1, 3, 512, 512}), w = randomTensor({3, 1, k, k});
    Expected<Conv2dPlan> plan = planConv2d(x.shape(), w.shape(), 0, o);
    Tensor y;
    for (auto _ : state) {
        conv2d(*plan, x, w, {}, y);
        benchmark::DoNotOptimize(y.data());
    }
}
BENCHMARK(BM_DepthwiseConvScope)
    ->ArgName("k")
    ->UseRealTime()
    ->Arg(3)
    ->Arg(7)
    ->Arg(11)
    ->Unit(benchmark::kMillisecond);

void BM_DepthwiseOpenCvFilter2D(benchmark::State &state)
{
    const int k = int(state.range(0));
    cv::setNumThreads(int(state.range(1)));
    cv::Mat image(512, 512, CV_32FC3), kernel(k, k, CV_32F), out;
    cv::randu(image, -1.0f, 1.0f);
    cv::randu(kernel, -1.0f, 1.0f);
    for (auto _ : state) {
        cv::filter2D(image, out, -1, kernel, cv::Point(-1, -1), 0, cv::BORDER_REFLECT_101);
        benchmark::DoNotOptimize(out.data);
    }
    cv::setNumThreads(-1);
}
BENCHMARK(BM_DepthwiseOpenCvFilter2D)
    ->ArgNames({"k", "threads"})
    ->ArgsProduct({benchmark::CreateDenseRange(1, 15, 1), {1, 2}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// The explorer's usual case: one filter over all three channels of a 512×512 RGB image (a
// 3×K×K filter summing the channels into one map), zero padding that keeps the output at
// ceil(512 / S). Args: kernel K, stride S, dilation D. cv::filter2D with the same K on the same
// image (BM_DepthwiseOpenCvFilter2D, 2 threads) is what it is held to.
void BM_ExplorerOneFilter(benchmark::State &state)
{
    runOn512(state, 1);
}
BENCHMARK(BM_ExplorerOneFilter)
    ->ArgNames({"k", "s", "d"})
    ->ArgsProduct({benchmark::CreateDenseRange(1, 15, 1), {1, 2}, {1, 2}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// A bank of F filters of K×K over the same image; 8 of 11×11 within a 60 Hz frame (16.7 ms).
// Up to four filters take the direct kernels, more the GEMM. Args: filters F, kernel K.
void BM_ExplorerBank(benchmark::State &state)
{
    const int f = int(state.range(0)), k = int(state.range(1));
    ConvOptions o;
    o.padding = PaddingSpec::mode(PaddingKind::Same);
    runConv(state, {1, 3, 512, 512}, {f, 3, k, k}, o);
}
BENCHMARK(BM_ExplorerBank)
    ->ArgNames({"filters", "k"})
    ->ArgsProduct({{2, 4, 5, 8}, {3, 11}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

} // namespace
} // namespace convscope

BENCHMARK_MAIN();
