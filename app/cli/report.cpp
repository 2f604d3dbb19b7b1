#include "report.h"

#include <cstdio>
#include <span>
#include <string_view>

namespace convscope::cli {

int usageError(const char *command, const std::string &message, const char *usage)
{
    std::fprintf(stderr, "convscope-cli %s: %s\n\n%s", command, message.c_str(), usage);
    return 2;
}

int failure(const Error &error, const std::vector<std::string> &derivation)
{
    for (const std::string &line : derivation)
        std::fprintf(stderr, "%s\n", line.c_str());
    std::fprintf(stderr, "error: %s\n", error.message.c_str());
    return 1;
}

bool printedHelp(std::span<char *const> words, const char *usage)
{
    for (const char *word : words) {
        if (std::string_view(word) == "--help" || std::string_view(word) == "-h") {
            std::fputs(usage, stdout);
            return true;
        }
    }
    return false;
}

namespace {

const char *padModeName(PadMode mode)
{
    switch (mode) {
    case PadMode::Reflect:
        return "reflect";
    case PadMode::Replicate:
        return "replicate";
    case PadMode::Zero:
        break;
    }
    return "zero";
}

} // namespace

std::vector<std::string> describeGeometry(const Geometry &g)
{
    const Padding p = g.padding();
    std::vector<std::string> lines{
        concat("input ", g.h.input, "×", g.w.input, ", kernel ", g.h.kernel, "×", g.w.kernel,
               ", stride ", g.h.stride, ",", g.w.stride, ", dilation ", g.h.dilation, ",",
               g.w.dilation, ", padding ", p.top, ",", p.bottom, ",", p.left, ",", p.right,
               " (top, bottom, left, right, ", padModeName(g.padMode), ")"),
        concat("effective kernel D·(K−1)+1: ", g.h.effectiveKernel(), "×",
               g.w.effectiveKernel())};
    return lines;
}

} // namespace convscope::cli
