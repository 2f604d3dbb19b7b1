#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/report.h"

#include <cstdio>

namespace convscope::cli {

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli shape --input H[xW] --kernel K[xK] [--stride S[,S]]\n"
      "           [--padding P|PH,PW|T,B,L,R|valid|same|full] [--dilation D[,D]]\n"
      "           [--pad-mode zero|reflect|replicate] [--at Y,X]\n"
      "Prints the output size of a convolution, derived per axis with\n"
      "O = floor((I + P_begin + P_end − D·(K−1) − 1) / S) + 1; the last line is 'output: HxW'.\n"
      "--at Y,X also lists the input pixels that output pixel (Y, X) reads.\n";

constexpr Flag kFlags[] = {{"--input", true},   {"--kernel", true},   {"--stride", true},
                           {"--padding", true}, {"--dilation", true}, {"--pad-mode", true},
                           {"--at", true}};

struct ShapeRequest
{
    int inputH = 0;
    int inputW = 0;
    WindowSpec window;
    std::optional<std::pair<int, int>> at;
};

Expected<ShapeRequest> parseRequest(const Arguments &args)
{
    ShapeRequest r;
    Expected<std::string> input = args.required("--input");
    Expected<std::string> kernel = args.required("--kernel");
    if (!input)
        return input.error();
    if (!kernel)
        return kernel.error();
    auto in = parsePair("--input", *input);
    auto k = parsePair("--kernel", *kernel);
    auto s = parseAxes("--stride", args.value("--stride").value_or("1"));
    auto d = parseAxes("--dilation", args.value("--dilation").value_or("1"));
    auto p = parsePadding(args.value("--padding").value_or("0"));
    auto m = parsePadMode(args.value("--pad-mode").value_or("zero"));
    for (const Error *e :
         {in ? nullptr : &in.error(), k ? nullptr : &k.error(), s ? nullptr : &s.error(),
          d ? nullptr : &d.error(), p ? nullptr : &p.error(), m ? nullptr : &m.error()}) {
        if (e)
            return *e;
    }
    r.inputH = in->first;
    r.inputW = in->second;
    r.window = {k->first, k->second, s->first, s->second, d->first, d->second, *p, *m};
    if (auto at = args.value("--at")) {
        auto pos = parseAxes("--at", *at);
        if (!pos)
            return pos.error();
        r.at = *pos;
    }
    return r;
}

void printReceptiveField(const Geometry &g, int y, int x)
{
    const ReceptiveField field = receptiveField(g, y, x);
    int inside = 0, padding = 0;
    for (const Tap &tap : field.taps)
        (tap.insideImage() ? inside : padding) += 1;
    std::printf("receptive field of output (%d, %d): rows %d..%d, columns %d..%d, %d taps "
                "(%d in the image, %d in the padding)\n",
                y, x, field.top, field.top + field.height - 1, field.left,
                field.left + field.width - 1, int(field.taps.size()), inside, padding);
    for (const Tap &tap : field.taps) {
        std::printf("  w[%d,%d] reads (%d, %d)%s\n", tap.ky, tap.kx, tap.y, tap.x,
                    tap.insideImage() ? ""
                    : tap.sourceY < 0
                        ? " padding: 0"
                        : concat(" padding: copy of (", tap.sourceY, ", ", tap.sourceX, ")").c_str());
    }
}

} // namespace

int runShape(std::span<char *const> words)
{
    if (printedHelp(words, kUsage))
        return 0;
    Expected<Arguments> args = Arguments::parse(words, kFlags);
    if (!args)
        return usageError("shape", args.error().message, kUsage);
    Expected<ShapeRequest> request = parseRequest(*args);
    if (!request)
        return usageError("shape", request.error().message, kUsage);
    const std::vector<std::string> derivation = deriveOutputSize(request->inputH, request->inputW,
                                                                 request->window);
    Expected<Geometry> g = resolveGeometry(request->inputH, request->inputW, request->window);
    if (!g)
        return failure(g.error(), derivation);
    if (request->at) {
        auto [y, x] = *request->at;
        if (y < 0 || y >= g->h.output || x < 0 || x >= g->w.output)
            return failure(makeError("--at ", y, ",", x, " is outside the ", g->h.output, "×",
                                     g->w.output, " output"));
    }
    printGeometry(*g, derivation);
    if (request->at)
        printReceptiveField(*g, request->at->first, request->at->second);
    std::printf("output: %dx%d\n", g->h.output, g->w.output);
    return 0;
}

} // namespace convscope::cli
