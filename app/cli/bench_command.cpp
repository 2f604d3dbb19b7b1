#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/report.h"
#include "core/nn/digit_input.h"
#include "core/nn/trainer.h"
#include "core/parallel.h"

#include <chrono>
#include <cstdio>

namespace convscope::cli {

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli bench-train [--model PRESET|SPEC] [--batch 64]\n"
      "           [--steps 200] [--threads T] [--optimizer sgd|adam|…] [--layers] [--json]\n"
      "Steady-state training throughput on random MNIST-shaped data (1×28×28, 10 classes):\n"
      "the steps of Trainer (forward, loss, backward, update), timed after a warm-up of a\n"
      "tenth of the steps (at least 3) that is not counted. --json prints one object with\n"
      "images_per_second. --layers adds where a step's time goes: each row's forward and\n"
      "backward in ms a step, and the rest (the loss and the optimizer's update).\n";

constexpr Flag kFlags[] = {{"--model", true},   {"--batch", true},     {"--steps", true},
                           {"--threads", true}, {"--optimizer", true}, {"--json", false},
                           {"--layers", false}};

Expected<int> positive(const Arguments &args, const char *flag, int fallback, int most)
{
    Expected<int> value = args.number(flag, fallback);
    if (!value || *value < 1 || *value > most)
        return makeError(flag, ": give a whole number from 1 to ", most);
    return value;
}

// Each row's forward and backward in ms a step, and what the rows leave of a step.
void printLayers(const Network &network, int steps, double seconds, bool json)
{
    const std::vector<LayerDescription> &rows = network.describe();
    const std::vector<Network::NodeTimes> &times = network.nodeTimes();
    double inRows = 0.0;
    if (json)
        std::printf("\"layers\": [");
    else
        std::printf("%-14s %-34s %9s %9s %6s\n", "row", "layer", "fwd ms", "bwd ms", "share");
    for (size_t i = 0; i < times.size(); ++i) {
        const double forward = 1e3 * times[i].forward / steps;
        const double backward = 1e3 * times[i].backward / steps;
        inRows += times[i].forward + times[i].backward;
        const double share = 100.0 * (times[i].forward + times[i].backward) / seconds;
        if (json)
            std::printf("%s{\"row\": \"%s\", \"forward_ms\": %.4f, \"backward_ms\": %.4f}",
                        i ? ", " : "", rows[i].name.c_str(), forward, backward);
        else
            std::printf("%-14s %-34.34s %9.3f %9.3f %5.1f%%\n", rows[i].name.c_str(),
                        rows[i].spec.c_str(), forward, backward, share);
    }
    const double rest = 1e3 * (seconds - inRows) / steps;
    if (json)
        std::printf("], \"rest_ms\": %.4f, ", rest);
    else
        std::printf("%-49s %9.3f %9s %5.1f%%\n", "loss and update", rest, "",
                    100.0 * (seconds - inRows) / seconds);
}

} // namespace

int runBenchTrain(std::span<char *const> words)
{
    if (printedHelp(words, kUsage))
        return 0;
    Expected<Arguments> args = Arguments::parse(words, kFlags);
    if (!args)
        return usageError("bench-train", args.error().message, kUsage);
    auto batch = positive(*args, "--batch", 64, 65536);
    auto steps = positive(*args, "--steps", 200, 1000000);
    auto threads = positive(*args, "--threads", threadCount(), 64);
    for (const Error *e : {batch ? nullptr : &batch.error(), steps ? nullptr : &steps.error(),
                           threads ? nullptr : &threads.error()}) {
        if (e)
            return usageError("bench-train", e->message, kUsage);
    }
    OptimizerSettings optimizer = recommendedSettings("lenet5").optimizer;
    if (auto name = args->value("--optimizer")) {
        Expected<OptimizerKind> kind = parseOptimizer(*name);
        if (!kind)
            return usageError("bench-train", kind.error().message, kUsage);
        optimizer = OptimizerSettings::defaultsFor(*kind);
    }
    const std::string spec = args->value("--model").value_or("lenet5");
    Expected<Architecture> architecture = parseArchitecture(spec);
    if (!architecture)
        return failure(architecture.error());
    Expected<Network> network = Network::create(*architecture, kDigitShape, 10);
    if (!network)
        return failure(network.error());
    setThreadCount(*threads);
    network->initialize(1);
    Optimizer opt(optimizer);
    std::mt19937_64 rng(1);
    Tensor input({*batch, 1, 28, 28});
    for (float &v : input.values())
        v = uniform01(rng) * 2.0f - 0.5f;
    std::vector<std::uint8_t> labels(static_cast<size_t>(*batch));
    for (std::uint8_t &l : labels)
        l = std::uint8_t(rng() % 10);
    Tensor grad;
    const int warmup = std::max(3, *steps / 10);
    for (int s = 0; s < warmup; ++s)
        trainOnBatch(*network, opt, input, labels, 1e-4f, grad);
    const bool layers = args->has("--layers");
    network->timeNodes(layers);
    const auto start = std::chrono::steady_clock::now();
    for (int s = 0; s < *steps; ++s)
        trainOnBatch(*network, opt, input, labels, 1e-4f, grad);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                               .count();
    const double rate = double(*batch) * *steps / seconds;
    if (args->has("--json")) {
        std::printf("{");
        if (layers)
            printLayers(*network, *steps, seconds, true);
        std::printf("\"images_per_second\": %.1f, \"batch\": %d, \"steps\": %d, \"threads\": %d, "
                    "\"seconds\": %.4f, \"model\": \"%s\"}\n",
                    rate, *batch, *steps, *threads, seconds,
                    network->architecture().toString().c_str());
        return 0;
    }
    std::printf("%s\nbatch %d, %d threads: %.0f images/s (%d steps in %.3f s, %.1f µs per image)\n",
                network->architecture().toString().c_str(), *batch, *threads, rate, *steps, seconds,
                1e6 / rate);
    if (layers)
        printLayers(*network, *steps, seconds, false);
    return 0;
}

} // namespace convscope::cli
