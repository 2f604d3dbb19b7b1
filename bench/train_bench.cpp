// LeNet-5 training and inference throughput (images/s, wall clock), the figures of the peer
// table in ../shared/peers: training at batch 64 on 2 threads and at batch 1 on 1 thread
// (forward, loss, backward and an Adam update: trainOnBatch, what the Trainer runs), and
// inference at batch 1000 on 2 threads.
#include "core/nn/digit_input.h"
#include "core/nn/network.h"
#include "core/nn/trainer.h"
#include "core/parallel.h"

#include <benchmark/benchmark.h>

namespace convscope {
namespace {

Network lenet()
{
    Network net = Network::create(*parseArchitecture("lenet5"), kDigitShape).value();
    net.initialize(1);
    return net;
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

void BM_LeNetTraining(benchmark::State &state)
{
    const int batch = int(state.range(0));
    setThreadCount(int(state.range(1)));
    Network net = lenet();
    Optimizer optimizer(recommendedSettings("lenet5").optimizer);
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
BENCHMARK(BM_LeNetTraining)->Args({64, 2})->Args({16, 2})->Args({1, 1})->UseRealTime();

void BM_LeNetInference(benchmark::State &state)
{
    const int batch = int(state.range(0));
    setThreadCount(int(state.range(1)));
    Network net = lenet();
    std::vector<std::uint8_t> labels;
    const Tensor input = randomBatch(batch, labels);
    net.forward(input, Mode::Inference);
    for (auto _ : state)
        benchmark::DoNotOptimize(net.forward(input, Mode::Inference).data());
    state.counters["images/s"] = benchmark::Counter(double(batch) * double(state.iterations()),
                                                    benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LeNetInference)->Args({1000, 2})->UseRealTime();

} // namespace
} // namespace convscope

BENCHMARK_MAIN();
