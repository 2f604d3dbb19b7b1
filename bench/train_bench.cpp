// LeNet-5 training and inference throughput (images/s, wall clock), the figures of the peer
// table in ../shared/peers: training at batch 64 on 2 threads and at batch 1 on 1 thread
// (forward, loss, backward and an Adam update: trainOnBatch, what the Trainer runs), and
// inference at batch 1000 on 2 threads. Then the time an epoch of the MNIST subset (8,000
// images) takes each digit preset with its recipe's batch, on 2 threads: the mini networks of
// the Architectures page beside LeNet-5. Then the figures bench/peers sets beside the PyTorch
// twins of bench/twins.py: mini-vgg and mini-resnet training at batch 64 on 2 threads (Adam),
// and resnet18 and vgg16 inference of one 3×224×224 image on 2 threads.
#include "core/nn/digit_input.h"
#include "core/nn/network.h"
#include "core/nn/trainer.h"
#include "core/parallel.h"

#include <benchmark/benchmark.h>

namespace convscope {
namespace {

// vgg16's 138 million weights are more than ConvScope trains, not more than it runs.
constexpr std::int64_t kMaxParameters = 200'000'000;

Network preset(const std::string &name, const Shape &input = kDigitShape, int classes = 10)
{
    Network net = Network::create(*parseArchitecture(name), input, classes, kMaxParameters).value();
    net.initialize(1);
    return net;
}

Network lenet()
{
    return preset("lenet5");
}

Tensor randomBatch(int batch, std::vector<std::uint8_t> &labels)
{
    std::mt19937_64 rng(1);
    Tensor input({batch, 1, 28, 28});
    for (float &v : input.values())
        v = uniform01(rng) * 2.0f - 0.5f;
    labels.resize(size_t(batch));
    for (std::uint8_t &l : labels)
        l = std::uint8_t(rng() % 10);
    return input;
}

// Training steps on one random batch after a few untimed ones, in images/s.
void timeTraining(benchmark::State &state, Network &net, Optimizer &optimizer, int batch)
{
    std::vector<std::uint8_t> labels;
    const Tensor input = randomBatch(batch, labels);
    Tensor grad;
    for (int warmup = 0; warmup < 5; ++warmup)
        trainOnBatch(net, optimizer, input, labels, 1e-4f, grad);
    for (auto _ : state)
        trainOnBatch(net, optimizer, input, labels, 1e-4f, grad);
    state.counters["images/s"] = benchmark::Counter(double(batch) * double(state.iterations()),
                                                    benchmark::Counter::kIsRate);
}

void BM_LeNetTraining(benchmark::State &state)
{
    setThreadCount(int(state.range(1)));
    Network net = lenet();
    Optimizer optimizer(recommendedSettings("lenet5").optimizer);
    timeTraining(state, net, optimizer, int(state.range(0)));
}
BENCHMARK(BM_LeNetTraining)->Args({64, 2})->Args({16, 2})->Args({1, 1})->UseRealTime();

void BM_LeNetInference(benchmark::State &state)
{
    const int batch = int(state.range(0));
    setThreadCount(int(state.range(1)));
    Network net = lenet();
    std::vector<std::uint8_t> labels;
    const Tensor input = randomBatch(batch, labels);
    net.infer(input);
    for (auto _ : state)
        benchmark::DoNotOptimize(net.infer(input).data());
    state.counters["images/s"] = benchmark::Counter(double(batch) * double(state.iterations()),
                                                    benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LeNetInference)->Args({1000, 2})->UseRealTime();

constexpr int kSubsetImages = 8000;

void BM_PresetEpoch(benchmark::State &state, const std::string &name)
{
    setThreadCount(2);
    const TrainingSettings recipe = recommendedSettings(name);
    Network net = preset(name);
    Optimizer optimizer(recipe.optimizer);
    std::vector<std::uint8_t> labels;
    const Tensor input = randomBatch(recipe.batch, labels);
    Tensor grad;
    for (int warmup = 0; warmup < 3; ++warmup)
        trainOnBatch(net, optimizer, input, labels, 1e-4f, grad);
    for (auto _ : state)
        trainOnBatch(net, optimizer, input, labels, 1e-4f, grad);
    const double epochs = double(recipe.batch) * double(state.iterations()) / kSubsetImages;
    state.counters["s/epoch"] = benchmark::Counter(epochs, benchmark::Counter::kIsRate
                                                               | benchmark::Counter::kInvert);
}

void BM_PresetTraining(benchmark::State &state, const std::string &name)
{
    setThreadCount(2);
    Network net = preset(name);
    OptimizerSettings adam;
    adam.kind = OptimizerKind::Adam;
    Optimizer optimizer(adam);
    timeTraining(state, net, optimizer, 64);
}

void BM_ImageNetInference(benchmark::State &state, const std::string &name)
{
    setThreadCount(2);
    Network net = preset(name, {1, 3, 224, 224}, 1000);
    std::mt19937_64 rng(1);
    Tensor input({1, 3, 224, 224});
    for (float &v : input.values())
        v = uniform01(rng) * 4.0f - 2.0f;
    net.infer(input);
    for (auto _ : state)
        benchmark::DoNotOptimize(net.infer(input).data());
    state.counters["images/s"] = benchmark::Counter(double(state.iterations()),
                                                    benchmark::Counter::kIsRate);
}

const bool kPresetsRegistered = [] {
    for (const char *name : {"lenet5", "mini-vgg", "mini-inception", "mini-resnet"})
        benchmark::RegisterBenchmark((std::string("BM_PresetEpoch/") + name).c_str(),
                                     BM_PresetEpoch, std::string(name))
            ->UseRealTime();
    for (const char *name : {"mini-vgg", "mini-resnet"})
        benchmark::RegisterBenchmark((std::string("BM_PresetTraining/") + name + "/batch:64").c_str(),
                                     BM_PresetTraining, std::string(name))
            ->UseRealTime();
    for (const char *name : {"resnet18", "vgg16"})
        benchmark::RegisterBenchmark((std::string("BM_ImageNetInference/") + name + "/batch:1")
                                         .c_str(),
                                     BM_ImageNetInference, std::string(name))
            ->UseRealTime()
            ->Unit(benchmark::kMillisecond);
    return true;
}();

} // namespace
} // namespace convscope

BENCHMARK_MAIN();
