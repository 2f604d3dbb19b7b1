#include "app/cli/report.h"

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

void printGeometry(const Geometry &g, const std::vector<std::string> &derivation)
{
    const Padding p = g.padding();
    std::printf("input %d×%d, kernel %d×%d, stride %d,%d, dilation %d,%d, padding %d,%d,%d,%d "
                "(top, bottom, left, right, %s)\n",
                g.h.input, g.w.input, g.h.kernel, g.w.kernel, g.h.stride, g.w.stride, g.h.dilation,
                g.w.dilation, p.top, p.bottom, p.left, p.right, padModeName(g.padMode));
    std::printf("effective kernel D·(K−1)+1: %d×%d\n", g.h.effectiveKernel(), g.w.effectiveKernel());
    for (const std::string &line : derivation)
        std::printf("%s\n", line.c_str());
}

void printOutputShape(const Shape &s, bool batched)
{
    if (batched)
        std::printf("output: %dx%dx%dx%d\n", s.n, s.c, s.h, s.w);
    else
        std::printf("output: %dx%dx%d\n", s.c, s.h, s.w);
}

std::string jsonString(const std::string &text)
{
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

} // namespace convscope::cli
